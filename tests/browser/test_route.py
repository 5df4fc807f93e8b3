"""Log in on a phone and see today's route in planned order; another engineer's job stays theirs.
The route reads the same in English, and the header's switch changes the language."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import EN, STORED_ON_PHONE, ZH, FieldDay, log_in, screenshot


def _no_horizontal_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _tap_targets_are_big(page: Any) -> None:
    # A checkbox's tap target is its whole label row.
    small = page.evaluate("""() => [...document.querySelectorAll(
            'button, a.button, select, input:not([type=checkbox]), textarea, summary, label.check')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => [el.textContent.trim() || el.id || el.type, el.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44 || r.width < 44)
        .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)""")
    assert small == []


CONTRAST = """() => {
    const rgb = (c) => (c.match(/[0-9.]+/g) || []).map(Number);
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    const worst = [];
    for (const el of document.querySelectorAll('main *, header *')) {
        const text = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).length;
        if (!text || el.offsetParent === null) continue;
        const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5) worst.push(`${el.textContent.trim().slice(0, 30)}: ${ratio.toFixed(1)}`);
    }
    return worst;
}"""


def _text_contrast_is_high(page: Any) -> None:
    """Readable in sunlight: every visible text at least WCAG AA (4.5:1) against its background."""
    assert page.evaluate(CONTRAST) == []


def test_engineer_logs_in_and_sees_todays_route_in_planned_order(phone: Any, field_day: FieldDay) -> None:
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, field_day.server, "li")
    stops = page.locator("li.stop")
    stops.nth(2).wait_for()
    assert [int(s) for s in stops.evaluate_all("els => els.map(e => e.dataset.jobId)")] == field_day.stops
    first, second, third = (stops.nth(i) for i in range(3))
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert "09:00–11:00" in first.inner_text() and ZH("stop.eta", time="09:20") in first.inner_text()
    assert "周敏" in first.inner_text() and "深圳市福田区滨河大道12号" in first.inner_text()
    call = first.get_by_role("link", name=ZH("stop.callName", name="周敏"))
    assert call.get_attribute("href") == "tel:+8613911110001"
    navigate = first.get_by_role("link", name=ZH("stop.navigateTo", address="深圳市福田区滨河大道12号"))
    assert navigate.get_attribute("href").startswith("geo:22.54,114.05?q=22.54,114.05(")
    assert ZH("badge.warranty") in first.inner_text() and ZH("badge.chargeable") in second.inner_text()
    assert ZH("parts.plannedNoneReserved", list="LK-MOTOR ×1") in first.inner_text()
    assert ZH("parts.reserved", list="LK-MOTOR ×1") in second.inner_text()
    assert ZH("badge.late") not in first.inner_text()
    assert ZH("late.line", eta="16:20", end="16:00") in third.inner_text()
    assert "2026年11月23日周一" in page.locator("p.day").inner_text()
    _no_horizontal_scroll(page)
    _tap_targets_are_big(page)
    _text_contrast_is_high(page)
    screenshot(page, "route")
    assert "保密客户" not in page.content()
    assert errors == []


def test_another_engineers_job_typed_in_the_url_is_not_found_and_none_of_it_reaches_the_page(
    phone: Any, field_day: FieldDay
) -> None:
    page = phone.new_page()
    bodies: list[str] = []
    page.on("response", lambda r: bodies.append(r.text()) if "/api/" in r.url else None)
    log_in(page, field_day.server, "li")
    page.locator("li.stop").nth(2).wait_for()
    page.goto(f"{field_day.server.url}/engineer/#/jobs/{field_day.theirs}")
    page.get_by_role("heading", name=ZH("job.notFound.heading")).wait_for()
    page.reload()
    page.get_by_role("heading", name=ZH("job.notFound.heading")).wait_for()
    for secret in ("保密客户", "+86 139 9999 9999", "幽径", "王芳的私人工单", "SECRET-PART"):
        assert secret not in page.content()
        assert not [body for body in bodies if secret in body]
    stored = page.evaluate(STORED_ON_PHONE)
    assert "保密客户" not in stored


def test_the_route_reads_well_on_a_desktop_screen_too(browser: Any, field_day: FieldDay) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, timezone_id="Asia/Shanghai",
                                  locale="zh-CN")
    try:
        page = context.new_page()
        log_in(page, field_day.server, "li")
        page.locator("li.stop").nth(2).wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert page.locator("main").bounding_box()["width"] <= 700  # one readable column
    finally:
        context.close()


def test_an_english_phone_gets_the_route_in_english_and_the_switch_changes_language(
    english_phone: Any, field_day: FieldDay
) -> None:
    server = field_day.server
    page = english_phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, server, "li", EN)
    stops = page.locator("li.stop")
    stops.nth(2).wait_for()
    assert page.evaluate("document.documentElement.lang") == "en"
    first, third = stops.nth(0), stops.nth(2)
    assert "ETA 09:20" in first.inner_text() and "Warranty" in first.inner_text()
    assert "Late: ETA 16:20 is after the window end 16:00." in third.inner_text()
    assert "Mon, 23 Nov 2026" in page.locator("p.day").inner_text()
    _tap_targets_are_big(page)
    _text_contrast_is_high(page)
    screenshot(page, "route-en")

    switch = page.get_by_role("button", name=EN("lang.switch"))
    assert switch.inner_text() == "中文" and switch.get_attribute("lang") == "zh-CN"
    switch.click()  # the page redraws in Chinese at once, and the server is told by the cookie
    page.get_by_role("heading", name=ZH("route.heading.today")).wait_for()
    assert ZH("stop.eta", time="09:20") in stops.nth(0).inner_text()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert {c["name"]: c["value"] for c in english_phone.cookies()}["lang"] == "zh-CN"
    page.reload()
    page.get_by_role("heading", name=ZH("route.heading.today")).wait_for()
    assert page.get_by_role("button", name=ZH("lang.switch")).inner_text() == "English"
    page.get_by_role("button", name=ZH("lang.switch")).click()
    page.get_by_role("heading", name=EN("route.heading.today")).wait_for()
    assert errors == []
