"""A chargeable job from the call-back to the signature, tapped through on a phone, and what the
server then holds: every event, the quote and consent, the parts with serials, the signature."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from tests.browser.conftest import STORED_ON_PHONE, FieldDay, log_in, screenshot
from tests.browser.test_route import _no_horizontal_scroll, _tap_targets_are_big, _text_contrast_is_high
from tests.support.spareparts import books_balance


def settle(page: Any) -> None:
    """Every tap so far is acknowledged by the server: nothing left in the phone's outbox, and the
    waiting badge says so."""
    deadline = time.monotonic() + 10
    while json.loads(page.evaluate(STORED_ON_PHONE))["outbox"]:
        assert time.monotonic() < deadline, "the outbox did not empty"
        time.sleep(0.05)
    page.wait_for_function("document.getElementById('outbox-badge').hidden")


def tap(page: Any, name: str) -> None:
    """Taps and waits for the server's answer to that tap."""
    with page.expect_response(lambda r: "/api/v1/work-orders/" in r.url and r.request.method != "GET"):
        page.get_by_role("button", name=name, exact=True).click()
    settle(page)


def sign(page: Any) -> None:
    box = page.get_by_label("Signature box").bounding_box()
    x, y = box["x"], box["y"] + box["height"] / 2
    page.mouse.move(x + 30, y)
    page.mouse.down()
    for step in range(1, 25):
        page.mouse.move(x + 30 + step * 10, y + (20 if step % 2 else -20), steps=2)
    page.mouse.up()


def test_a_chargeable_job_completes_end_to_end_and_the_server_holds_every_step(
    phone: Any, field_day: FieldDay
) -> None:
    server, job = field_day.server, field_day.chargeable
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, server, "li")
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name="Open").click()
    page.get_by_role("heading", name="Repeat repair").wait_for()
    body = page.locator("main").inner_text()
    for fact in ("Smart lock motor grinds", "SmartLock S2", "SL-REPEAT-01", "10 Jan 2025", "Chargeable",
                 "until 10 Jan 2026 (expired)", "Cleaned and greased the motor", "Gate code 1234"):
        assert fact in body, fact
    assert page.get_by_role("button", name="En route").is_visible()
    assert page.get_by_role("button", name="Arrived").count() == 0  # only what the lifecycle allows
    _no_horizontal_scroll(page)
    _tap_targets_are_big(page)
    _text_contrast_is_high(page)
    screenshot(page, "job")

    page.get_by_label("What was agreed (optional)").fill("Customer home from 11:00, gate code works")
    tap(page, "Customer contacted")
    tap(page, "En route")
    tap(page, "Arrived")
    assert page.get_by_role("button", name="Start work").count() == 0  # chargeable: consent first
    page.get_by_label("What is wrong").fill("Motor gearbox worn; replace motor")
    tap(page, "Save diagnosis")
    page.get_by_label("Quote (yuan)").fill("180.00")
    page.get_by_label("Customer's name").fill("Chen Jing")
    page.get_by_label("The customer agrees to the quote").check()
    tap(page, "Record quote and consent")
    tap(page, "Start work")
    page.get_by_label("Part fitted").wait_for()
    _no_horizontal_scroll(page)
    _tap_targets_are_big(page)
    choices = page.get_by_label("Part fitted").locator("option").all_inner_texts()
    assert choices[1:3] == ["LK-MOTOR — Lock motor (2 in van) · planned",
                            "BAT-AA4 — AA batteries, 4 pack (6 in van)"]
    page.get_by_label("Part fitted").select_option("LK-MOTOR")
    assert page.get_by_label("The replaced part must go back (returnable)").is_checked()  # from the catalog
    page.get_by_label("Serial of the new part").fill("MOTOR-NEW-0001")
    page.get_by_label("The replaced part must go back (returnable)").check()
    page.get_by_label("Serial of the faulty part").fill("MOTOR-OLD-0042")
    tap(page, "Record part used")
    page.get_by_label("What was done").fill("Replaced the lock motor; opened and closed 10 times")
    page.get_by_label("Tested with the customer: it works").check()
    tap(page, "Test passed")
    page.get_by_label("Name of the person signing").fill("Chen Jing")
    sign(page)
    _no_horizontal_scroll(page)
    screenshot(page.get_by_role("region", name="Customer signature"), "signature")
    tap(page, "Save signature")
    tap(page, "Complete job")
    page.get_by_role("heading", name="Done — job completed").wait_for()

    token = field_day.dispatcher.token
    _, _, order = server.api("GET", f"/work-orders/{job}", token)
    assert order["status"] == "completed"
    assert (order["quote_amount"], order["consent_name"]) == ("180.00", "Chen Jing")
    assert order["diagnosis_notes"] == "Motor gearbox worn; replace motor"
    assert order["test_passed"] is True and order["resolution_notes"].startswith("Replaced the lock motor")
    assert order["customer_contacted_at"] and order["signed_at"]
    _, _, events = server.api("GET", f"/work-orders/{job}/events", token)
    assert [(e["kind"], e["to_status"]) for e in events] == [
        ("customer_contacted", "assigned"), ("transition", "en_route"), ("transition", "on_site"),
        ("transition", "in_progress"), ("transition", "completed")]
    assert events[0]["reason"] == "Customer home from 11:00, gate code works"
    assert {e["actor_user_id"] for e in events} == {field_day.a.user_id}
    _, _, parts = server.api("GET", f"/work-orders/{job}/parts", token)
    used = [(p["sku"], p["qty"], p["serial"], p["returnable"], p["faulty_serial"])
            for p in parts["parts_used"]]
    assert used == [("LK-MOTOR", 1, "MOTOR-NEW-0001", True, "MOTOR-OLD-0042")]
    _, _, ledger = server.api("GET", f"/stock/ledger?work_order_id={job}", token)
    assert sorted((e["kind"], e["sku"], e["qty"], e["serial"], e["from_location_id"] == field_day.van,
                   e["to_location_id"] == field_day.van, e["to_condition"]) for e in ledger) == [
        ("collect", "LK-MOTOR", 1, "MOTOR-OLD-0042", False, True, "defective"),
        ("consume", "LK-MOTOR", 1, "MOTOR-NEW-0001", True, False, "good")]
    _, _, returns = server.api("GET", f"/faulty-returns?work_order_id={job}", token)
    assert [(r["sku"], r["status"], r["new_serial"], r["old_serial"], r["van_id"]) for r in returns] == [
        ("LK-MOTOR", "collected", "MOTOR-NEW-0001", "MOTOR-OLD-0042", field_day.van)]
    _, _, van = server.api("GET", f"/stock?location_id={field_day.van}&sku=LK-MOTOR", token)
    assert sorted((b["condition"], b["on_hand"]) for b in van) == [("defective", 1), ("good", 1)]
    assert books_balance(server.app)
    _, _, signature = server.api("GET", f"/work-orders/{job}/signature", token)
    png = base64.b64decode(signature["image"].removeprefix("data:image/png;base64,"))
    assert signature["signer_name"] == "Chen Jing" and png.startswith(b"\x89PNG") and len(png) > 1000
    assert errors == []


def test_a_faulty_part_collected_after_the_new_one_is_fitted_closes_its_return(
    phone: Any, field_day: FieldDay
) -> None:
    server, job, token = field_day.server, field_day.stops[0], field_day.dispatcher.token
    page = phone.new_page()
    log_in(page, server, "li")
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name="Open").click()
    tap(page, "En route")
    tap(page, "Arrived")
    tap(page, "Start work")  # in warranty: no quote needed
    page.get_by_label("Part fitted").select_option("LK-MOTOR")
    page.get_by_label("Serial of the new part").fill("MOTOR-NEW-0002")
    tap(page, "Record part used")
    owing = "Part LK-MOTOR: the faulty part's serial, or why it is not returned"
    assert owing in page.locator("main").inner_text()
    page.get_by_label("Serial of the faulty LK-MOTOR (replaced by MOTOR-NEW-0002)").fill("MOTOR-OLD-0777")
    with page.expect_response(lambda r: "/collect" in r.url):
        page.get_by_role("button", name="Collected faulty LK-MOTOR").click()
    settle(page)
    page.get_by_role("region", name="Faulty part collected").wait_for(state="detached")
    assert "the faulty part's serial" not in page.locator("main").inner_text()

    _, _, returns = server.api("GET", f"/faulty-returns?work_order_id={job}", token)
    assert [(r["status"], r["new_serial"], r["old_serial"]) for r in returns] == [
        ("collected", "MOTOR-NEW-0002", "MOTOR-OLD-0777")]
    _, _, parts = server.api("GET", f"/work-orders/{job}/parts", token)
    used = [(p["serial"], p["faulty_serial"]) for p in parts["parts_used"]]
    assert used == [("MOTOR-NEW-0002", "MOTOR-OLD-0777")]
    assert books_balance(server.app)


def test_a_job_put_on_hold_carries_its_reason_and_note(phone: Any, field_day: FieldDay) -> None:
    server, job, token = field_day.server, field_day.stops[0], field_day.dispatcher.token
    page = phone.new_page()
    log_in(page, server, "li")
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name="Open").click()
    assert page.get_by_text("Put on hold…").count() == 0  # not before the engineer is on the way
    tap(page, "En route")
    page.get_by_text("Put on hold…").click()
    page.get_by_role("button", name="Put on hold", exact=True).click()
    assert page.get_by_role("alert").filter(has_text="Choose why the job is on hold.").is_visible()
    page.get_by_label("Reason").select_option("customer_absent")
    page.get_by_label("Note for the office (optional)").fill("Nobody home, neighbour has no key")
    tap(page, "Put on hold")
    page.get_by_role("heading", name="On hold — the office will re-plan it").wait_for()
    assert page.get_by_role("button", name="Arrived").count() == 0
    _, _, order = server.api("GET", f"/work-orders/{job}", token)
    assert (order["status"], order["hold_reason"]) == ("on_hold", "customer_absent")
    _, _, events = server.api("GET", f"/work-orders/{job}/events", token)
    assert [(e["to_status"], e["hold_reason"], e["reason"]) for e in events] == [
        ("en_route", None, None), ("on_hold", "customer_absent", "Nobody home, neighbour has no key")]
