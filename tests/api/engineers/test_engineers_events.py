"""What engineers announce to other packages, inside the same transaction."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from engineers.events import EngineerCreated
from tests.support.engineers import engineer_payload
from tests.support.users import LoggedIn

URL = "/api/v1/engineers"


def listen(app: Flask, *event_types: type) -> list[Any]:
    heard: list[Any] = []
    for event_type in event_types:
        app.extensions["fixroute"].bus.subscribe(event_type, lambda _uow, event: heard.append(event))
    return heard


def test_creating_an_engineer_announces_it_for_the_van_location(
    app: Flask, client: FlaskClient, dispatcher: LoggedIn
) -> None:
    heard = listen(app, EngineerCreated)
    created = client.post(URL, json=engineer_payload(name="Zhao Lei"), headers=dispatcher.headers).json
    assert heard == [EngineerCreated(created["id"], "Zhao Lei", "futian", 22.55, 114.1)]
