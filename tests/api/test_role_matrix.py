"""Who may call what, for the desk's roles and the engineer: every operation of the OpenAPI
document is called as an agent, a supervisor and an engineer, and answers 403 exactly when
the table below says the role may not. The table must name every operation of the document,
so a new endpoint cannot go out without a decision about these roles.

Refusal by role comes before anything else (ids, body), so the calls use an id that does not
exist and an empty body: an allowed role gets 404, 422, 409 or 200, never 403.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from core.auth import Role
from tests.support.engineers import make_engineer
from tests.support.users import LoggedIn, make_user

A, S, E = "A", "S", "E"  # agent, supervisor, engineer
PUBLIC = "public"
NOBODY = ""
# The agent: customers, sites, assets, requests, complaints, feedback; reads visits; no plans,
# no stock, no engineers. The supervisor: the agent's rights plus assigning and the figures.
# The engineer: their own jobs, van and route; never complaints or the desk.
MATRIX = {
    "POST /auth/login": PUBLIC,
    "POST /auth/logout": A + S + E,
    "GET /auth/me": A + S + E,
    "GET /customers": A + S + E,
    "POST /customers": A + S,
    "GET /customers/{customer_id}": A + S + E,
    "PATCH /customers/{customer_id}": A + S,
    "GET /customers/{customer_id}/sites": A + S + E,
    "POST /customers/{customer_id}/sites": A + S,
    "GET /sites/{site_id}": A + S + E,
    "PATCH /sites/{site_id}": A + S,
    "GET /sites/{site_id}/assets": A + S + E,
    "POST /sites/{site_id}/assets": A + S,
    "GET /assets/{asset_id}": A + S + E,
    "PATCH /assets/{asset_id}": A + S,
    "GET /customers/{customer_id}/file": A + S,
    "GET /service-requests": A + S,
    "POST /service-requests": A + S,
    "GET /service-requests/{request_id}": A + S,
    "GET /service-requests/{request_id}/log": A + S,
    "POST /service-requests/{request_id}/assign": S,
    "POST /service-requests/{request_id}/remote-assistance": A + S,
    "POST /service-requests/{request_id}/call-back": A + S,
    "POST /service-requests/{request_id}/resolve": A + S,
    "POST /service-requests/{request_id}/reject": A + S,
    "GET /service-requests/{request_id}/visit-proposal": A + S,
    "POST /service-requests/{request_id}/convert": A + S,
    "POST /service-requests/{request_id}/complaint": A + S,
    "GET /work-orders": A + S + E,
    "GET /work-orders/{work_order_id}": A + S + E,
    "PATCH /work-orders/{work_order_id}": E,
    "POST /work-orders/{work_order_id}/transitions": E,
    "GET /work-orders/{work_order_id}/events": A + S + E,
    "POST /work-orders/{work_order_id}/customer-contacted": E,
    "GET /work-orders/{work_order_id}/parts": A + S + E,
    "POST /work-orders/{work_order_id}/parts": E,
    "POST /work-orders/{work_order_id}/signature": E,
    "GET /work-orders/{work_order_id}/signature": A + S + E,
    "POST /work-orders/{work_order_id}/feedback": A + S,
    "GET /work-orders/{work_order_id}/feedback": A + S,
    "GET /work-orders/{work_order_id}/asset-history": A + S + E,
    "GET /me/route": E,
    "GET /complaints": A + S,
    "POST /complaints": A + S,
    "GET /complaints/{complaint_id}": A + S,
    "GET /complaints/{complaint_id}/log": A + S,
    "POST /complaints/{complaint_id}/assign": S,
    "POST /complaints/{complaint_id}/investigate": A + S,
    "POST /complaints/{complaint_id}/escalate": A + S,
    "POST /complaints/{complaint_id}/resolve": A + S,
    "POST /complaints/{complaint_id}/confirm": A + S,
    "POST /complaints/{complaint_id}/reopen": A + S,
    "POST /complaints/{complaint_id}/return-visit": A + S,
    "GET /desk/queue": A + S,
    "GET /desk/members": A + S,
    "GET /desk/figures": S,
    "GET /engineers": E,
    "POST /engineers": NOBODY,
    "GET /engineers/{engineer_id}": E,
    "PATCH /engineers/{engineer_id}": E,  # the route admits them; their own record is refused behind it
    "PUT /engineers/{engineer_id}/skills": E,
    "GET /engineers/{engineer_id}/shifts": E,
    "PUT /engineers/{engineer_id}/shifts": E,
    "POST /engineers/{engineer_id}/shifts": E,
    "GET /engineers/{engineer_id}/shifts/weekly": E,
    "DELETE /engineers/{engineer_id}/shifts/{on_date}": E,
    "GET /engineers/{engineer_id}/time-off": E,
    "POST /engineers/{engineer_id}/time-off": E,
    "DELETE /engineers/{engineer_id}/time-off/{time_off_id}": E,
    "GET /parts": E,
    "POST /parts": NOBODY,
    "GET /parts/{part_id}": E,
    "PATCH /parts/{part_id}": NOBODY,
    "GET /parts/export": NOBODY,
    "POST /parts/import": NOBODY,
    "GET /stock-locations": E,
    "POST /stock-locations": NOBODY,
    "GET /stock-locations/{location_id}": E,
    "PATCH /stock-locations/{location_id}": NOBODY,
    "GET /stock": E,
    "POST /stock/movements": E,
    "GET /stock/ledger": E,
    "GET /stock/serials": E,
    "GET /stock/check": NOBODY,
    "GET /reservations": E,
    "POST /reservations": NOBODY,
    "GET /reservations/{reservation_id}": E,
    "POST /reservations/{reservation_id}/release": NOBODY,
    "POST /reservations/{reservation_id}/issue": NOBODY,
    "GET /pick-lists": E,
    "GET /pick-lists/{pick_list_id}": E,
    "POST /pick-lists/{pick_list_id}/issue": NOBODY,
    "GET /faulty-returns": E,
    "GET /faulty-returns/compliance": NOBODY,
    "GET /faulty-returns/{return_id}": E,
    "POST /faulty-returns/{return_id}/collect": E,
    "POST /faulty-returns/{return_id}/receive": NOBODY,
    "POST /faulty-returns/{return_id}/disposition": NOBODY,
    "POST /plans": NOBODY,
    "GET /plans": NOBODY,
    "POST /plans/replan": NOBODY,
    "GET /plans/{plan_id}": NOBODY,
    "POST /plans/{plan_id}/cancel": NOBODY,
    "POST /plans/{plan_id}/publish": NOBODY,
    "GET /plans/{plan_id}/pins": NOBODY,
    "POST /plans/{plan_id}/pins": NOBODY,
    "DELETE /plans/{plan_id}/pins/{work_order_id}": NOBODY,
    "GET /me/plan": E,
}
PREFIX = "/api/v1"
METHODS = ("get", "post", "put", "patch", "delete")


def _operations(client: FlaskClient) -> dict[str, dict]:
    paths = client.get(f"{PREFIX}/openapi.json").json["paths"]
    return {f"{method.upper()} {path.removeprefix(PREFIX)}":
            operation | {"parameters": item.get("parameters", []) + operation.get("parameters", [])}
            for path, item in paths.items() for method, operation in item.items() if method in METHODS}


def _url(key: str, operation: dict) -> str:
    """The path with ids that exist nowhere and a plausible day."""
    path = key.split(" ", 1)[1]
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            kind = parameter["schema"].get("format") or parameter["schema"].get("type")
            value = {"integer": "999999", "date": "2026-11-23"}.get(kind, "x")
            path = path.replace("{" + parameter["name"] + "}", value)
    return PREFIX + path


def _people(app: Flask) -> dict[str, LoggedIn]:
    return {A: make_user(app, Role.AGENT, "matrix-agent"), S: make_user(app, Role.SUPERVISOR, "matrix-lead"),
            E: make_user(app, Role.ENGINEER, "matrix-engineer", engineer_id=make_engineer(app))}


def test_the_matrix_names_every_operation_of_the_document(client: FlaskClient) -> None:
    documented = set(_operations(client))
    assert sorted(documented - set(MATRIX)) == [], "operations the matrix does not decide"
    assert sorted(set(MATRIX) - documented) == [], "operations the document no longer has"


def test_each_role_is_refused_exactly_where_the_matrix_says(app: Flask, client: FlaskClient) -> None:
    people = _people(app)
    operations = _operations(client)
    wrong = []
    # Logging out revokes the token the other calls use: last.
    for key in sorted(operations, key=lambda k: k == "POST /auth/logout"):
        if MATRIX.get(key) == PUBLIC:
            continue
        method = key.split(" ", 1)[0]
        url = _url(key, operations[key])
        for role, person in people.items():
            body = {} if method in ("POST", "PUT", "PATCH") else None
            answer = client.open(url, method=method, json=body, headers=person.headers)
            refused = answer.status_code == 403
            expected = role not in MATRIX.get(key, "")
            if refused != expected or answer.status_code >= 500:
                wrong.append((key, role, answer.status_code))
    assert wrong == [], "\n".join(map(str, wrong))

