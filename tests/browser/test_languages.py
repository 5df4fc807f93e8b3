"""Every screen of the engineer page speaks one language. The page is walked in zh-CN and in en
— login, both days, a job at each stage, the forms' refusals, offline, the changes list, a
conflict, the log-out question — and on each screen every text, label, title and dialog is
checked for words of the other language: on the Chinese page no English word (but the brand
and codes), on the English page no Chinese character.

Data is left out of the check: it is what the server holds, in whatever language it was written
(the demo company's is Chinese, and the English page shows it as it is). Every string the page
received from the API, and everything the test typed, counts as data.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from tests.browser.conftest import EN, ZH, Catalogue, FieldDay, new_phone, screenshot
from tests.browser.test_job_flow import tap

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
KEPT_IN_CHINESE = {"Fixroute", "SKU"}  # the brand, and the code engineers read as it is
CODE = re.compile(r"^[a-z_]+$")  # enum values the page translates (a status, a hold reason)

# Each text node's text, and each label-like attribute, outside elements marked as another
# language (the switch names the other language in itself: <button lang="en">English</button>).
PAGE_TEXTS = """(pageLang) => {
    const foreign = (el) => { const marked = el.closest('[lang]');
        return marked && marked !== document.documentElement && marked.lang !== pageLang; };
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (!el || el.closest('script, style, noscript') || foreign(el)) continue;
        if (walker.currentNode.textContent.trim()) texts.push(walker.currentNode.textContent.trim());
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
        if (foreign(el)) continue;
        for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
            if (el.getAttribute(name)) texts.push(el.getAttribute(name));
        }
    }
    return texts;
}"""


class Walk:
    """One phone walking the page in one language, collecting what the server sent as data."""

    def __init__(self, phone: Any, field_day: FieldDay, words: Catalogue) -> None:
        self.phone, self.field_day, self.words = phone, field_day, words
        self.page = phone.new_page()
        self.data: set[str] = set()
        self.strays: dict[str, list[str]] = {}
        self.errors: list[str] = []
        self.page.on("response", self._remember)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _remember(self, response: Any) -> None:
        if "/api/v1/" not in response.url:
            return
        try:
            body = response.json()
        except Exception:  # noqa: BLE001 - not JSON (an empty answer): no data in it
            return
        self._collect(body)

    def _collect(self, value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                self._collect(item)
        elif isinstance(value, list):
            for item in value:
                self._collect(item)
        elif isinstance(value, str) and len(value) > 1 and not CODE.match(value):
            self.data.add(value)

    def type(self, label: str, text: str) -> None:
        self.data.add(text)
        self.page.get_by_label(label).fill(text)

    def foreign_words(self, text: str) -> list[str]:
        for value in sorted(self.data, key=len, reverse=True):
            text = text.replace(value, " ")
        if self.words.locale == "en":
            return CJK.findall(text)
        return [w for w in ENGLISH_WORD.findall(text) if w not in KEPT_IN_CHINESE]

    def check(self, screen: str) -> None:
        texts = self.page.evaluate(PAGE_TEXTS, self.words.locale)
        self.strays[screen] = [t for t in texts if self.foreign_words(t)]
        screenshot(self.page, f"walk-{self.words.locale}-{screen}")


@pytest.mark.parametrize("words", [ZH, EN], ids=["zh-CN", "en"])
def test_every_screen_of_the_engineer_page_is_in_one_language(
    browser: Any, field_day: FieldDay, words: Catalogue
) -> None:
    phone = new_phone(browser, words.locale)
    try:
        walk = Walk(phone, field_day, words)
        _walk_the_route(walk)
        _walk_a_job(walk)
        _walk_offline_and_back(walk)
        assert walk.page.evaluate("document.documentElement.lang") == words.locale
        assert {screen: strays for screen, strays in walk.strays.items() if strays} == {}
        assert len(walk.strays) == 10 and walk.errors == []
    finally:
        phone.close()


def _walk_the_route(walk: Walk) -> None:
    from tests.support.users import TEST_PASSWORD

    page, w, server = walk.page, walk.words, walk.field_day.server
    page.goto(server.url + "/engineer/")
    walk.type(w("login.username"), "li")
    page.get_by_label(w("login.password")).fill("not the password")
    page.get_by_role("button", name=w("login.submit")).click()
    page.get_by_role("alert").filter(has_text=w("login.wrong")).wait_for()
    walk.check("login")
    page.get_by_label(w("login.password")).fill(TEST_PASSWORD)
    page.get_by_role("button", name=w("login.submit")).click()
    page.get_by_role("heading", name=w("route.heading.today")).wait_for()
    page.locator("li.stop").nth(2).wait_for()
    walk.check("route")
    page.get_by_role("link", name=w("day.tomorrow"), exact=True).click()
    page.get_by_text(w("route.empty.tomorrow")).wait_for()
    walk.check("tomorrow")
    page.get_by_role("link", name=w("day.today"), exact=True).click()


def _walk_a_job(walk: Walk) -> None:
    page, w, job = walk.page, walk.words, walk.field_day.chargeable
    open_job(walk, job)
    page.get_by_role("heading", name=w("badge.repeat")).wait_for()
    walk.check("job")
    tap(page, w("step.enRoute.button"))
    tap(page, w("step.arrived.button"))
    page.get_by_role("button", name=w("step.quote.button")).click()  # nothing filled in: refused
    page.get_by_text(w("step.quote.badAmount")).wait_for()
    page.get_by_text(w("step.hold.summary")).click()
    walk.check("on-site")
    page.get_by_label(w("step.quote.amount")).fill("180.00")
    walk.type(w("step.quote.name"), "陈静")
    page.get_by_label(w("step.quote.agree")).check()
    tap(page, w("step.quote.button"))
    tap(page, w("step.start.button"))
    page.get_by_role("button", name=w("step.part.button")).click()  # no part chosen: refused
    page.get_by_text(w("step.part.chooseMissing")).wait_for()
    walk.check("in-progress")


def _walk_offline_and_back(walk: Walk) -> None:
    page, w, day = walk.page, walk.words, walk.field_day
    job, office = day.stops[0], day.dispatcher.token  # a job still assigned: the office may change it
    page.get_by_role("link", name="← " + w("route.heading.today")).click()
    open_job(walk, job)
    page.get_by_role("button", name=w("step.enRoute.button")).wait_for()
    walk.phone.set_offline(True)
    walk.type(w("step.contacted.note"), "客户下午在家" if w is ZH else "Home all afternoon")
    page.get_by_role("button", name=w("step.contacted.button")).click()
    page.get_by_role("button", name=w("outbox.waiting", count=1)).wait_for()
    walk.check("offline-waiting")
    page.get_by_role("button", name=w("outbox.waiting", count=1)).click()
    page.get_by_role("heading", name=w("changes.heading")).wait_for()
    walk.check("changes")
    page.get_by_role("link", name="← " + w("route.heading.today")).click()
    offline_note = w("route.offlineAsOf", when="{when}").split("{when}")[0]
    page.get_by_role("note").filter(has_text=offline_note).wait_for()
    walk.check("route-offline")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name=w("common.logout")).click()
    deadline = time.monotonic() + 5
    while not asked and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert asked == [w("logout.confirm", count=1)] and not walk.foreign_words(asked[0])

    _, headers, _ = day.server.api("GET", f"/work-orders/{job}", office)  # the office changes the job
    status, _, _ = day.server.api("PATCH", f"/work-orders/{job}", office, {"symptom": "门锁完全打不开"},
                                  {"If-Match": headers["ETag"]})
    assert status == 200
    walk.phone.set_offline(False)
    open_job(walk, job)
    conflict = page.get_by_role("alert").filter(has_text=w("conflict.heading"))
    conflict.wait_for()
    settle_conflict(page)
    walk.check("conflict")


def settle_conflict(page: Any) -> None:
    """The refused tap is kept and the job shows as the office left it (nothing else in flight)."""
    page.wait_for_function("!document.getElementById('outbox-badge').hidden")
    page.get_by_text("门锁完全打不开").wait_for()



def open_job(walk: Walk, job: int) -> None:
    opens = walk.words("stop.open", number="").strip()  # the link's name starts so
    walk.page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name=opens).click()
