"""The parts catalog over HTTP: create, filter, change, and the CSV round trip."""

from __future__ import annotations

import json

from flask import Flask
from flask.testing import FlaskClient

from tests.api.spareparts.conftest import Depot

URL = "/api/v1/parts"


def _part(**overrides: object) -> dict[str, object]:
    return {"sku": "LK-MOTOR", "name": "Lock motor", "compatible_models": ["Aqara Smart Lock U200"],
            "unit_cost": "42.00", "price": "90.50", "returnable": True, "reorder_point": 3} | overrides


def test_the_clerk_builds_the_catalog_and_everyone_reads_it(client: FlaskClient, depot: Depot) -> None:
    created = client.post(URL, headers=depot.clerk.headers, json=_part())
    assert created.status_code == 201, created.json
    shown = created.json
    assert (shown["price"], shown["serialized"], shown["returnable"]) == ("90.50", False, True)
    client.post(URL, headers=depot.clerk.headers,
                json=_part(sku="CAM-LENS", name="Camera lens", returnable=False))
    listed = client.get(f"{URL}?returnable=true&per_page=1", headers=depot.engineer_a.headers)
    assert [p["sku"] for p in listed.json] == ["LK-MOTOR"]
    assert json.loads(listed.headers["X-Pagination"])["total"] == 1
    found = client.get(f"{URL}?q=lens", headers=depot.dispatcher.headers)
    assert [p["sku"] for p in found.json] == ["CAM-LENS"]
    patched = client.patch(f"{URL}/{created.json['id']}", headers=depot.clerk.headers, json={"price": "95"})
    assert patched.json["price"] == "95.00"


def test_duplicates_server_fields_and_other_roles_are_refused(client: FlaskClient, depot: Depot) -> None:
    assert client.post(URL, headers=depot.clerk.headers, json=_part()).status_code == 201
    duplicate = client.post(URL, headers=depot.clerk.headers, json=_part())
    assert duplicate.status_code == 409 and duplicate.json["code"] == "duplicate-sku"
    server_owned = client.post(URL, headers=depot.clerk.headers, json=_part(sku="X-1", id=7, created_at="x"))
    assert server_owned.status_code == 422
    assert {e["field"] for e in server_owned.json["errors"]} == {"id", "created_at"}
    assert client.post(URL, headers=depot.dispatcher.headers, json=_part(sku="X-2")).status_code == 403
    assert client.post(URL, headers=depot.engineer_a.headers, json=_part(sku="X-3")).status_code == 403
    assert client.get(f"{URL}/999999", headers=depot.clerk.headers).status_code == 404


def test_the_catalog_round_trips_through_csv(client: FlaskClient, depot: Depot) -> None:
    client.post(URL, headers=depot.clerk.headers, json=_part())
    exported = client.get(f"{URL}/export", headers=depot.clerk.headers)
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    sheet = exported.get_data(as_text=True).replace("Lock motor", "Lock motor v2")
    sheet += "GW-BOARD,Gateway board,Aqara Hub M3 Gateway,120.00,260.00,true,true,2,true\n"
    imported = client.post(f"{URL}/import", headers={**depot.clerk.headers, "Content-Type": "text/csv"},
                           data=sheet)
    assert imported.status_code == 200 and imported.json == {"created": 1, "updated": 1}
    parts = {p["sku"]: p for p in client.get(URL, headers=depot.clerk.headers).json}
    assert parts["LK-MOTOR"]["name"] == "Lock motor v2"
    assert (parts["GW-BOARD"]["serialized"], parts["GW-BOARD"]["unit_cost"]) == (True, "120.00")


def test_a_csv_with_one_bad_row_imports_nothing(client: FlaskClient, depot: Depot) -> None:
    sheet = ("sku,name,unit_cost,serialized\nOK-1,Fine part,1.00,false\nBAD-1,Bad part,-4,maybe\n"
             "OK-1,Twice,1.00,false\n")
    refused = client.post(f"{URL}/import", headers={**depot.clerk.headers, "Content-Type": "text/csv"},
                          data=sheet)
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json["errors"]} == {"line 3", "sku"}
    assert client.get(URL, headers=depot.clerk.headers).json == []
    not_csv = client.post(f"{URL}/import", headers=depot.clerk.headers, json={"sku": "x"})
    assert not_csv.status_code == 422


def test_warehouses_are_created_and_an_engineer_sees_only_their_van(
        app: Flask, client: FlaskClient, depot: Depot) -> None:
    made = client.post("/api/v1/stock-locations", headers=depot.clerk.headers,
                       json={"code": "WH-LH", "name": "Luohu warehouse", "lat": 22.548, "lon": 114.131})
    assert made.status_code == 201 and made.json["kind"] == "warehouse"
    van = client.post("/api/v1/stock-locations", headers=depot.clerk.headers,
                      json={"code": "V-1", "name": "A van", "kind": "van", "lat": 22.5, "lon": 114.0})
    assert van.status_code == 422
    mine = client.get("/api/v1/stock-locations", headers=depot.engineer_a.headers).json
    assert [(loc["id"], loc["kind"]) for loc in mine] == [(depot.van_a, "van")]
    other_van = client.get(f"/api/v1/stock-locations/{depot.van_b}", headers=depot.engineer_a.headers)
    assert other_van.status_code == 404
    moved = client.patch(f"/api/v1/stock-locations/{depot.van_a}", headers=depot.clerk.headers,
                         json={"supplying_warehouse_id": made.json["id"]})
    assert moved.status_code == 200 and moved.json["supplying_warehouse_id"] == made.json["id"]
