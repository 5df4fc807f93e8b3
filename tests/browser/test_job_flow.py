"""A chargeable job from the call-back to the signature, tapped through on a phone, and what the
server then holds: every event, the quote and consent, the parts with serials, the signature."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from tests.browser.conftest import STORED_ON_PHONE, ZH, FieldDay, log_in, screenshot
from tests.browser.test_route import _no_horizontal_scroll, _tap_targets_are_big, _text_contrast_is_high
from tests.support.spareparts import books_balance

OPEN = ZH("stop.open", number="").strip()  # the stop's "open WO-…" link, by the start of its name


def settle(page: Any) -> None:
    """Every tap so far is acknowledged by the server: nothing left in the phone's outbox, and the
    waiting badge says so."""
    deadline = time.monotonic() + 10
    while json.loads(page.evaluate(STORED_ON_PHONE))["outbox"]:
        assert time.monotonic() < deadline, "the outbox did not empty"
        time.sleep(0.05)
    page.wait_for_function("document.getElementById('outbox-badge').hidden")


def tap(page: Any, name: str) -> None:
    """Taps the button so named and waits for the server's answer to that tap."""
    with page.expect_response(lambda r: "/api/v1/work-orders/" in r.url and r.request.method != "GET"):
        page.get_by_role("button", name=name, exact=True).click()
    settle(page)


def sign(page: Any) -> None:
    box = page.get_by_label(ZH("step.signature.box")).bounding_box()
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
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name=OPEN).click()
    page.get_by_role("heading", name=ZH("badge.repeat")).wait_for()
    body = page.locator("main").inner_text()
    for fact in ("智能门锁电机异响", "智能门锁 S2", "SL-REPEAT-01", "2025年1月10日", ZH("badge.chargeable"),
                 ZH("asset.warrantyExpired", date="2026年1月10日"), "清洁电机并上油", "大门密码 1234"):
        assert fact in body, fact
    assert page.get_by_role("button", name=ZH("step.enRoute.button")).is_visible()
    assert page.get_by_role("button", name=ZH("step.arrived.button")).count() == 0  # only what is allowed now
    _no_horizontal_scroll(page)
    _tap_targets_are_big(page)
    _text_contrast_is_high(page)
    screenshot(page, "job")

    page.get_by_label(ZH("step.contacted.note")).fill("客户11点后在家，大门密码可用")
    tap(page, ZH("step.contacted.button"))
    tap(page, ZH("step.enRoute.button"))
    tap(page, ZH("step.arrived.button"))
    assert page.get_by_role("button", name=ZH("step.start.button")).count() == 0  # chargeable: consent first
    page.get_by_label(ZH("step.diagnosis.label")).fill("电机齿轮箱磨损，需更换电机")
    tap(page, ZH("step.diagnosis.button"))
    page.get_by_label(ZH("step.quote.amount")).fill("180.00")
    page.get_by_label(ZH("step.quote.name")).fill("陈静")
    page.get_by_label(ZH("step.quote.agree")).check()
    tap(page, ZH("step.quote.button"))
    tap(page, ZH("step.start.button"))
    page.get_by_label(ZH("step.part.fitted")).wait_for()
    _no_horizontal_scroll(page)
    _tap_targets_are_big(page)
    choices = page.get_by_label(ZH("step.part.fitted")).locator("option").all_inner_texts()
    assert choices[1:3] == [ZH("partChoice.inVanPlanned", sku="LK-MOTOR", name="门锁电机", count=2),
                            ZH("partChoice.inVan", sku="BAT-AA4", name="5号电池（4节装）", count=6)]
    page.get_by_label(ZH("step.part.fitted")).select_option("LK-MOTOR")
    assert page.get_by_label(ZH("step.part.returnable")).is_checked()  # from the catalog
    page.get_by_label(ZH("step.part.serial")).fill("MOTOR-NEW-0001")
    page.get_by_label(ZH("step.part.returnable")).check()
    page.get_by_label(ZH("step.part.faultySerial")).fill("MOTOR-OLD-0042")
    tap(page, ZH("step.part.button"))
    page.get_by_label(ZH("notes.done")).fill("更换门锁电机；开关门测试10次")
    page.get_by_label(ZH("step.test.passed")).check()
    tap(page, ZH("step.test.button"))
    page.get_by_label(ZH("step.signature.name")).fill("陈静")
    sign(page)
    _no_horizontal_scroll(page)
    screenshot(page.get_by_role("region", name=ZH("step.signature.title")), "signature")
    tap(page, ZH("step.signature.button"))
    tap(page, ZH("step.complete.button"))
    page.get_by_role("heading", name=ZH("job.done")).wait_for()
    screenshot(page, "job-done")

    token = field_day.dispatcher.token
    _, _, order = server.api("GET", f"/work-orders/{job}", token)
    assert order["status"] == "completed"
    assert (order["quote_amount"], order["consent_name"]) == ("180.00", "陈静")
    assert order["diagnosis_notes"] == "电机齿轮箱磨损，需更换电机"
    assert order["test_passed"] is True and order["resolution_notes"].startswith("更换门锁电机")
    assert order["customer_contacted_at"] and order["signed_at"]
    _, _, events = server.api("GET", f"/work-orders/{job}/events", token)
    assert [(e["kind"], e["to_status"]) for e in events] == [
        ("customer_contacted", "assigned"), ("transition", "en_route"), ("transition", "on_site"),
        ("transition", "in_progress"), ("transition", "completed")]
    assert events[0]["reason"] == "客户11点后在家，大门密码可用"
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
    assert signature["signer_name"] == "陈静" and png.startswith(b"\x89PNG") and len(png) > 1000
    assert errors == []


def test_a_faulty_part_collected_after_the_new_one_is_fitted_closes_its_return(
    phone: Any, field_day: FieldDay
) -> None:
    server, job, token = field_day.server, field_day.stops[0], field_day.dispatcher.token
    page = phone.new_page()
    log_in(page, server, "li")
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name=OPEN).click()
    tap(page, ZH("step.enRoute.button"))
    tap(page, ZH("step.arrived.button"))
    tap(page, ZH("step.start.button"))  # in warranty: no quote needed
    page.get_by_label(ZH("step.part.fitted")).select_option("LK-MOTOR")
    page.get_by_label(ZH("step.part.serial")).fill("MOTOR-NEW-0002")
    tap(page, ZH("step.part.button"))
    owing = ZH("gap.faulty", sku="LK-MOTOR")
    assert owing in page.locator("main").inner_text()
    label = ZH("step.faulty.serialReplaced", sku="LK-MOTOR", serial="MOTOR-NEW-0002")
    page.get_by_label(label).fill("MOTOR-OLD-0777")
    with page.expect_response(lambda r: "/collect" in r.url):
        page.get_by_role("button", name=ZH("step.faulty.button", sku="LK-MOTOR")).click()
    settle(page)
    page.get_by_role("region", name=ZH("step.faulty.title")).wait_for(state="detached")
    assert owing not in page.locator("main").inner_text()

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
    page.locator(f'li.stop[data-job-id="{job}"]').get_by_role("link", name=OPEN).click()
    assert page.get_by_text(ZH("step.hold.summary")).count() == 0  # not before the engineer is on the way
    tap(page, ZH("step.enRoute.button"))
    page.get_by_text(ZH("step.hold.summary")).click()
    page.get_by_role("button", name=ZH("step.hold.button"), exact=True).click()
    assert page.get_by_role("alert").filter(has_text=ZH("step.hold.missing")).is_visible()
    page.get_by_label(ZH("input.reason")).select_option("customer_absent")
    page.get_by_label(ZH("step.hold.note")).fill("家里没人，邻居也没有钥匙")
    tap(page, ZH("step.hold.button"))
    page.get_by_role("heading", name=ZH("job.onHold")).wait_for()
    assert page.get_by_role("button", name=ZH("step.arrived.button")).count() == 0
    assert ZH("hold.customer_absent") in page.get_by_role("region", name=ZH("notes.heading")).inner_text()
    _, _, order = server.api("GET", f"/work-orders/{job}", token)
    assert (order["status"], order["hold_reason"]) == ("on_hold", "customer_absent")
    _, _, events = server.api("GET", f"/work-orders/{job}/events", token)
    assert [(e["to_status"], e["hold_reason"], e["reason"]) for e in events] == [
        ("en_route", None, None), ("on_hold", "customer_absent", "家里没人，邻居也没有钥匙")]
