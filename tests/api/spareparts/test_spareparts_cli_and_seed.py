"""``flask stock check`` and the CSV commands, and the demo company's parts and stock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from demo.seed import seed_demo
from tests.support.spareparts import books_balance, make_part, make_warehouse, put_stock, run


def test_stock_check_says_ok_and_fails_loudly_on_a_tampered_balance(app: Flask) -> None:
    make_part(app, "LK-MOTOR")
    put_stock(app, make_warehouse(app, "WH-1"), "LK-MOTOR", 4)
    runner = app.test_cli_runner()
    fine = runner.invoke(args=["stock", "check"])
    assert fine.exit_code == 0 and "ok: 2 balances" in fine.output
    run(app, lambda uow: uow.session.execute(text("UPDATE sp_stock_balance SET on_hand = on_hand + 1 "
                                                  "WHERE on_hand > 0")))
    tampered = runner.invoke(args=["stock", "check"])
    assert tampered.exit_code == 1
    assert "MISMATCH" in tampered.output and "balance 5" in tampered.output and "ledger 4" in tampered.output


def test_the_catalog_goes_out_and_back_in_through_csv_files(app: Flask, tmp_path: Path) -> None:
    make_part(app, "LK-MOTOR", name="Lock motor")
    runner = app.test_cli_runner()
    sheet = tmp_path / "parts.csv"
    assert runner.invoke(args=["stock", "export-parts", str(sheet)]).exit_code == 0
    sheet.write_text(sheet.read_text().replace("Lock motor", "Lock motor B") + "NEW-1,New part\n")
    imported = runner.invoke(args=["stock", "import-parts", str(sheet)])
    assert imported.exit_code == 0 and "created 1, updated 1" in imported.output
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name,price\nX-1,Thing,free\n")
    refused = runner.invoke(args=["stock", "import-parts", str(bad)])
    assert refused.exit_code == 1 and "line 2" in refused.output


def test_the_demo_company_has_parts_in_both_warehouses_and_every_van(app: Flask, client: FlaskClient) -> None:
    rt = app.extensions["fixroute"]
    with rt.unit_of_work() as uow:
        summary = seed_demo(uow, rt.hasher, date(2026, 11, 24), customer_count=20, request_count=15)
    assert summary.counts["warehouses"] == 2 and summary.counts["parts"] >= 15
    login = client.post("/api/v1/auth/login", json={"username": "warehouse", "password": "warehouse-demo-1"})
    headers = {"Authorization": f"Bearer {login.json['token']}"}
    vans = client.get("/api/v1/stock-locations?kind=van&per_page=100", headers=headers).json
    assert len(vans) == 25 and all(v["supplying_warehouse_id"] for v in vans)
    stocked = {r["location_id"] for r in client.get("/api/v1/stock?in_stock=true&per_page=100&kind=van",
                                                    headers=headers).json}
    assert stocked == {v["id"] for v in vans}
    warehouses = client.get("/api/v1/stock-locations?kind=warehouse", headers=headers).json
    for warehouse in warehouses:
        assert client.get(f"/api/v1/stock?location_id={warehouse['id']}&in_stock=true",
                          headers=headers).json
    skus = {p["sku"] for p in client.get("/api/v1/parts?per_page=100", headers=headers).json}
    jobs = client.get("/api/v1/work-orders?per_page=100", headers=headers).json
    needed = {line["sku"] for job in jobs for line in job["parts_needed"]}
    assert needed and needed <= skus
    assert books_balance(app)
