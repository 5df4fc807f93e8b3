"""Log in on a phone and see today's route in planned order; another engineer's job stays theirs."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import STORED_ON_PHONE, FieldDay, log_in, screenshot


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


def test_engineer_logs_in_and_sees_todays_route_in_planned_order(phone: Any, field_day: FieldDay) -> None:
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, field_day.server, "li")
    stops = page.locator("li.stop")
    stops.nth(2).wait_for()
    assert [int(s) for s in stops.evaluate_all("els => els.map(e => e.dataset.jobId)")] == field_day.stops
    first, second, third = (stops.nth(i) for i in range(3))
    assert "09:00–11:00" in first.inner_text() and "ETA 09:20" in first.inner_text()
    assert "Zhou Min" in first.inner_text() and "12 Binhe Ave, Futian" in first.inner_text()
    assert first.get_by_role("link", name="Call Zhou Min").get_attribute("href") == "tel:+8613911110001"
    navigate = first.get_by_role("link", name="Navigate to 12 Binhe Ave, Futian").get_attribute("href")
    assert navigate.startswith("geo:22.54,114.05?q=22.54,114.05(")
    assert "Warranty" in first.inner_text() and "Chargeable" in second.inner_text()
    assert "Parts planned, none reserved: LK-MOTOR ×1" in first.inner_text()
    assert "Parts reserved: LK-MOTOR ×1" in second.inner_text()
    assert "Late" not in first.inner_text()
    assert "Late: ETA 16:20 is after the window end 16:00." in third.inner_text()
    _no_horizontal_scroll(page)
    _tap_targets_are_big(page)
    screenshot(page, "route")
    assert "Secret Customer" not in page.content()
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
    page.get_by_role("heading", name="Job not found").wait_for()
    page.reload()
    page.get_by_role("heading", name="Job not found").wait_for()
    for secret in ("Secret Customer", "+86 139 9999 9999", "Hidden Lane", "B's private job", "SECRET-PART"):
        assert secret not in page.content()
        assert not [body for body in bodies if secret in body]
    stored = page.evaluate(STORED_ON_PHONE)
    assert "Secret Customer" not in stored


def test_the_route_reads_well_on_a_desktop_screen_too(browser: Any, field_day: FieldDay) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, timezone_id="Asia/Shanghai")
    try:
        page = context.new_page()
        log_in(page, field_day.server, "li")
        page.locator("li.stop").nth(2).wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert page.locator("main").bounding_box()["width"] <= 700  # one readable column
    finally:
        context.close()
