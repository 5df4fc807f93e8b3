"""The worker process reads the web app's settings from ``FIXROUTE_*`` the way Flask does."""

from __future__ import annotations

from dispatch.planning.worker import settings_from_environment


def test_numbers_parse_as_json_and_text_stays_text() -> None:
    settings = settings_from_environment({
        "FIXROUTE_DATABASE_URL": "postgresql+psycopg://u@h/db?options=-csearch_path%3Dx",
        "FIXROUTE_PLAN_WORKERS": "1", "FIXROUTE_PLAN_TIME_LIMIT_S": "7.5",
        "FIXROUTE_TIMEZONE": "Asia/Shanghai",
        "UNRELATED": "x"})
    assert settings["DATABASE_URL"].endswith("%3Dx")
    assert settings["PLAN_WORKERS"] == 1 and settings["PLAN_TIME_LIMIT_S"] == 7.5
    assert settings["TIMEZONE"] == "Asia/Shanghai"
    assert settings["PLAN_SOLUTION_LIMIT"] is None  # not given: the default
