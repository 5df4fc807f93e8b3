"""No network in the basement: the shell and today's jobs open from the phone, taps queue with
their Idempotency-Key and If-Match, and reach the server exactly once when the network is back.
A change the office made meanwhile is shown in plain words, with the engineer's input kept."""

from __future__ import annotations

import json
import time
from typing import Any

from tests.browser.conftest import STORED_ON_PHONE, ZH, FieldDay, LiveServer, log_in, screenshot
from tests.browser.test_job_flow import OPEN, settle, tap


def _events(server: LiveServer, token: str, job: int) -> list[tuple[str, str]]:
    _, _, events = server.api("GET", f"/work-orders/{job}/events", token)
    return [(e["kind"], e["to_status"]) for e in events]


def _version(server: LiveServer, token: str, job: int) -> int:
    _, headers, _ = server.api("GET", f"/work-orders/{job}", token)
    return int(headers["ETag"].strip('"'))


def _wait_until_cached(page: Any, field_day: FieldDay) -> None:
    """The service worker controls the page and every stop's details are on the phone."""
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        kv = json.loads(page.evaluate(STORED_ON_PHONE))["kv"]
        if sum(1 for value in kv if isinstance(value, dict) and value.get("history")) == len(field_day.stops):
            return
        time.sleep(0.1)
    raise AssertionError("today's jobs were not cached")


def test_three_taps_offline_have_exactly_three_effects_and_a_second_replay_changes_nothing(
    phone: Any, field_day: FieldDay
) -> None:
    server, job, office = field_day.server, field_day.stops[0], field_day.dispatcher.token
    page = phone.new_page()
    sent: list[dict[str, Any]] = []
    phone.on("request", lambda r: sent.append(
        {"method": r.method, "url": r.url, "body": r.post_data, "key": r.headers.get("idempotency-key"),
         "if_match": r.headers.get("if-match")}) if r.headers.get("idempotency-key") else None)
    log_in(page, server, "li")
    _wait_until_cached(page, field_day)
    before = _version(server, office, job)

    phone.set_offline(True)
    page.reload()  # the shell (and its catalogue) from the service worker's cache, the route from IndexedDB
    page.get_by_role("heading", name=ZH("route.heading.today")).wait_for()
    assert page.locator("#net").inner_text() == ZH("net.offline")
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name=OPEN).click()
    page.get_by_label(ZH("step.contacted.note")).fill("客户整个上午在家")
    page.get_by_role("button", name=ZH("step.contacted.button")).click()
    page.get_by_role("button", name=ZH("step.enRoute.button")).dblclick()  # a double tap is one change
    page.get_by_role("button", name=ZH("step.arrived.button")).click()
    page.get_by_role("button", name=ZH("outbox.waiting", count=3)).wait_for()
    page.get_by_role("heading", name=ZH("step.diagnosis.title")).wait_for()  # the job as it will be
    assert _events(server, office, job) == [] and _version(server, office, job) == before
    screenshot(page, "job-offline-waiting")
    page.reload()  # still offline: the queue survives a reload
    page.get_by_role("button", name=ZH("outbox.waiting", count=3)).wait_for()
    page.close()

    phone.set_offline(False)  # the network is back; the queue replays when the page opens
    page = phone.new_page()
    page.goto(server.url + "/engineer/")
    page.get_by_role("heading", name=ZH("route.heading.today")).wait_for()
    settle(page)
    assert _events(server, office, job) == [
        ("customer_contacted", "assigned"), ("transition", "en_route"), ("transition", "on_site")]
    assert _version(server, office, job) == before + 3
    keys_by_request: dict[tuple[str, str], set[str]] = {}
    for request in sent:
        keys_by_request.setdefault((request["url"], request["body"]), set()).add(request["key"])
    assert len(keys_by_request) == 3 and all(len(keys) == 1 for keys in keys_by_request.values())

    # The same queue replayed again (a phone that never heard the answers): the first answers, no effect.
    for request in {r["key"]: r for r in sent}.values():
        status, headers, _ = server.api(
            request["method"], request["url"].split("/api/v1", 1)[1], field_day.a.token,
            json.loads(request["body"]), {"Idempotency-Key": request["key"], "If-Match": request["if_match"]})
        assert status == 200 and headers.get("Idempotent-Replayed") == "true"
    page.reload()
    page.get_by_role("heading", name=ZH("route.heading.today")).wait_for()
    settle(page)
    assert _events(server, office, job) == [
        ("customer_contacted", "assigned"), ("transition", "en_route"), ("transition", "on_site")]
    assert _version(server, office, job) == before + 3
    assert json.loads(page.evaluate(STORED_ON_PHONE))["outbox"] == []


def test_a_job_the_office_changed_meanwhile_shows_the_conflict_and_keeps_the_input(
    phone: Any, field_day: FieldDay
) -> None:
    server, job, office = field_day.server, field_day.stops[0], field_day.dispatcher.token
    page = phone.new_page()
    log_in(page, server, "li")
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name=OPEN).click()
    page.get_by_role("button", name=ZH("step.enRoute.button")).wait_for()
    etag = f'"{_version(server, office, job)}"'
    status, _, _ = server.api("PATCH", f"/work-orders/{job}", office,
                              {"symptom": "摄像机离线；门铃也坏了"}, {"If-Match": etag})
    assert status == 200

    note = "客户要求按两次门铃；院子里有狗"
    page.get_by_label(ZH("step.contacted.note")).fill(note)
    with page.expect_response(lambda r: r.url.endswith("/customer-contacted")) as refused:
        page.get_by_role("button", name=ZH("step.contacted.button")).click()
    assert refused.value.status == 412
    conflict = page.get_by_role("alert").filter(has_text=ZH("conflict.heading"))
    conflict.wait_for()
    text = conflict.inner_text()
    assert ZH("conflict.stale", label=ZH("step.contacted.button")) in text
    assert f"{ZH('input.note')}: {note}" in text
    badge = f"{ZH('outbox.waiting', count=1)} · {ZH('outbox.needsYou', count=1)}"
    assert page.get_by_role("button", name=badge).is_visible()
    _, _, order = server.api("GET", f"/work-orders/{job}", office)
    assert order["customer_contacted_at"] is None and _events(server, office, job) == []
    assert "门铃也坏了" in page.locator("main").inner_text()  # the job as it is now
    screenshot(conflict, "conflict")

    tap(page, ZH("conflict.sendAgain"))
    conflict.wait_for(state="detached")
    _, _, events = server.api("GET", f"/work-orders/{job}/events", office)
    assert [(e["kind"], e["reason"]) for e in events] == [("customer_contacted", note)]


def test_a_job_reassigned_while_offline_says_so_and_keeps_what_was_tapped(
    phone: Any, field_day: FieldDay
) -> None:
    server, job, office = field_day.server, field_day.stops[0], field_day.dispatcher.token
    page = phone.new_page()
    log_in(page, server, "li")
    _wait_until_cached(page, field_day)
    phone.set_offline(True)
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name=OPEN).click()
    page.get_by_role("button", name=ZH("step.enRoute.button")).click()
    page.get_by_role("button", name=ZH("outbox.waiting", count=1)).wait_for()
    status, _, _ = server.api("POST", f"/work-orders/{job}/transitions", office,
                              {"to": "scheduled", "reason": "李伟病了，重新安排"})
    assert status == 200

    phone.set_offline(False)
    conflict = page.get_by_role("alert").filter(has_text=ZH("conflict.heading"))
    conflict.wait_for()
    assert ZH("conflict.gone", label=ZH("step.enRoute.button")) in conflict.inner_text()
    _, _, order = server.api("GET", f"/work-orders/{job}", office)
    assert order["status"] == "scheduled" and _events(server, office, job) == [("transition", "scheduled")]
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name=ZH("conflict.discard")).click()
    page.get_by_role("heading", name=ZH("job.notFound.heading")).wait_for()
    assert asked == [ZH("conflict.discardConfirm", label=ZH("step.enRoute.button"))]


def test_an_answer_lost_on_the_way_back_is_retried_with_the_same_key_and_has_one_effect(
    phone: Any, field_day: FieldDay
) -> None:
    server, job, office = field_day.server, field_day.stops[0], field_day.dispatcher.token
    page = phone.new_page()
    log_in(page, server, "li")
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name=OPEN).click()
    attempts: list[dict[str, Any]] = []

    def lose_the_first_answer(route: Any) -> None:
        headers = route.request.headers
        attempts.append({"key": headers["idempotency-key"], "if_match": headers["if-match"]})
        answer = route.fetch()  # the server does the work...
        attempts[-1]["replayed"] = answer.headers.get("idempotent-replayed")
        if len(attempts) == 1:
            route.abort("connectionreset")  # ...and the phone never hears of it
        else:
            route.fulfill(response=answer)

    page.route("**/api/v1/work-orders/*/transitions", lose_the_first_answer)
    page.get_by_role("button", name=ZH("step.enRoute.button")).click()
    # The answer is lost; the tap waits, and says why.
    page.get_by_text(f"{ZH('step.enRoute.button')} — {ZH('outbox.error.offline')}").wait_for()
    assert len(attempts) == 1 and attempts[0]["replayed"] is None  # the server did the work
    assert _events(server, office, job) == [("transition", "en_route")]
    page.get_by_role("button", name=ZH("outbox.waiting", count=1)).wait_for()
    page.reload()  # opening the page again replays the queue
    settle(page)
    assert len(attempts) == 2 and attempts[0]["key"] == attempts[1]["key"]
    assert attempts[0]["if_match"] == attempts[1]["if_match"]
    assert attempts[1]["replayed"] == "true"
    assert _events(server, office, job) == [("transition", "en_route")]
    page.get_by_role("button", name=ZH("step.arrived.button")).wait_for()
