"""Which language the server answers in, and what it hands the pages so theirs agrees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from core.pages import shell_version

LANG = re.compile(r'<html lang="([^"]+)">')


def lang_of(client: FlaskClient, path: str = "/engineer/", **headers: str) -> str:
    page = client.get(path, headers=headers)
    assert page.status_code == 200
    return LANG.search(page.get_data(as_text=True)).group(1)


def test_without_a_choice_the_pages_are_chinese(client: FlaskClient) -> None:
    landing = client.get("/")
    html = landing.get_data(as_text=True)
    assert '<html lang="zh-CN">' in html and "服务器运行正常" in html
    assert lang_of(client) == "zh-CN"
    engineer = client.get("/engineer/").get_data(as_text=True)
    assert '<title data-i18n="engineer.pageTitle">Fixroute · 工程师</title>' in engineer


@pytest.mark.parametrize(("accepted", "expected"), [
    ("en-GB,en;q=0.9", "en"), ("zh-TW,zh;q=0.9,en;q=0.5", "zh-CN"), ("de-DE,en;q=0.5", "en"),
    ("fr-FR,de;q=0.8", "zh-CN"), ("*", "zh-CN"),
])
def test_accept_language_picks_the_first_language_we_have(client: FlaskClient, accepted: str,
                                                          expected: str) -> None:
    assert lang_of(client, **{"Accept-Language": accepted}) == expected


def test_the_lang_cookie_wins_over_accept_language(client: FlaskClient) -> None:
    client.set_cookie("lang", "en")
    assert lang_of(client, **{"Accept-Language": "zh-CN"}) == "en"
    client.set_cookie("lang", "zh-CN")
    assert lang_of(client, **{"Accept-Language": "en"}) == "zh-CN"
    client.set_cookie("lang", "klingon")  # not ours: as if there were none
    assert lang_of(client, **{"Accept-Language": "en"}) == "en"


def test_a_lang_link_switches_the_language_and_remembers_it_in_the_cookie(client: FlaskClient) -> None:
    switched = client.get("/?lang=en", headers={"Accept-Language": "zh-CN"})
    assert '<html lang="en">' in switched.get_data(as_text=True)
    assert "The server is up" in switched.get_data(as_text=True)
    cookie = switched.headers["Set-Cookie"]
    assert cookie.startswith("lang=en;") and "SameSite=Lax" in cookie and "HttpOnly" not in cookie
    assert lang_of(client, **{"Accept-Language": "zh-CN"}) == "en"  # the next page, with no ?lang=
    assert "Set-Cookie" not in client.get("/?lang=en").headers  # already chosen: nothing to set
    assert "Set-Cookie" not in client.get("/?lang=xx").headers  # not ours: ignored


def test_localized_pages_say_what_they_vary_by(client: FlaskClient) -> None:
    for path in ("/", "/engineer/"):
        page = client.get(path)
        assert {"Accept-Language", "Cookie"} <= set(page.vary) and page.headers["Cache-Control"] == "no-cache"


def test_the_configured_default_applies_when_nobody_chose(database_url: str) -> None:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "DEFAULT_LOCALE": "en"})
    try:
        assert lang_of(app.test_client()) == "en"
        assert lang_of(app.test_client(), **{"Accept-Language": "zh-CN"}) == "zh-CN"
    finally:
        app.extensions["fixroute"].engine.dispose()


def test_an_unknown_default_locale_is_refused_at_start(database_url: str) -> None:
    with pytest.raises(ValueError, match="unsupported locale"):
        create_app({"TESTING": True, "DATABASE_URL": database_url, "DEFAULT_LOCALE": "fr"})


def test_pages_get_the_timezone_default_language_and_tile_server(database_url: str,
                                                                 client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<meta name="fixroute-timezone" content="Asia/Shanghai">' in html
    assert '<meta name="fixroute-default-locale" content="zh-CN">' in html
    assert '<meta name="fixroute-map-tiles" content="">' in html  # no tiles: the maps draw the districts
    tiles = "https://tiles.example.test/{z}/{x}/{y}.png"
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "MAP_TILES_URL": tiles})
    try:
        meta = f'<meta name="fixroute-map-tiles" content="{tiles}">'
        assert meta in app.test_client().get("/").get_data(as_text=True)
    finally:
        app.extensions["fixroute"].engine.dispose()


def test_the_shared_catalogue_is_served_and_cached_by_the_engineer_page(app: Flask,
                                                                        client: FlaskClient) -> None:
    script = client.get("/engineer/sw.js").get_data(as_text=True)
    shared = sorted(Path(app.static_folder, "i18n").iterdir())
    assert len(shared) >= 3
    for path in shared:
        url = f"/static/i18n/{path.name}"
        assert f'"{url}"' in script
        with client.get(url) as served:
            assert served.status_code == 200


def test_a_change_to_the_shared_catalogue_changes_the_shell_version(tmp_path: Path) -> None:
    page, shared = tmp_path / "engineer", tmp_path / "i18n"
    page.mkdir()
    shared.mkdir()
    (page / "app.js").write_text("app")
    (shared / "en.json").write_text('{"a": "A"}')
    before = shell_version(page, shared)
    (shared / "en.json").write_text('{"a": "B"}')
    assert shell_version(page, shared) != before


def test_flask_babels_own_helpers_read_the_same_catalogues_and_timezone(app: Flask) -> None:
    from datetime import UTC, datetime

    from flask_babel import format_datetime, gettext, lazy_gettext

    with app.test_request_context("/", headers={"Accept-Language": "zh-CN"}):
        app.preprocess_request()
        assert gettext("Loading…") == "正在加载…" and str(lazy_gettext("Loading…")) == "正在加载…"
        assert format_datetime(datetime(2026, 11, 24, 1, 20, tzinfo=UTC), "HH:mm") == "09:20"  # Asia/Shanghai
    with app.test_request_context("/?lang=en"):
        app.preprocess_request()
        assert gettext("Loading…") == "Loading…"
