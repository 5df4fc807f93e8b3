"""core.texts: translations for code that knows no Flask, in the locale of the moment."""

from __future__ import annotations

from core import texts


def test_a_text_is_translated_into_the_locale_in_use() -> None:
    with texts.use_locale("zh_CN"):
        assert texts.text("Loading…") == "正在加载…"
    with texts.use_locale("en"):
        assert texts.text("Loading…") == "Loading…"


def test_a_lazy_text_follows_whoever_reads_it() -> None:
    loading = texts.lazy_text("Loading…")
    with texts.use_locale("en"):
        assert str(loading) == "Loading…"
    with texts.use_locale("zh-CN"):
        assert str(loading) == "正在加载…"


def test_placeholders_are_filled_after_translating() -> None:
    with texts.use_locale("zh_CN"):
        assert texts.text("The contract: %(openapi)s", openapi="/api") == "接口文档：/api"


def test_an_unknown_text_stays_as_written() -> None:
    with texts.use_locale("zh_CN"):
        assert texts.text("Not in any catalogue") == "Not in any catalogue"


def test_language_tags_are_read_in_any_usual_spelling() -> None:
    tags = ("zh-CN", "zh_cn", "zh-Hans-CN", "zh", "en-GB", "EN", "fr", "", None)
    assert [texts.supported_locale(t) for t in tags] == ["zh_CN"] * 4 + ["en", "en"] + [None] * 3


def test_a_problem_renders_a_lazy_title_and_detail_in_the_readers_language() -> None:
    from core.errors import FieldError, problem_body

    body = problem_body(404, "not-found", texts.lazy_text("Loading…"), texts.lazy_text("Loading…"),
                        [FieldError("x", texts.lazy_text("Loading…"))])  # type: ignore[arg-type]
    with texts.use_locale("zh_CN"):
        rendered = problem_body(404, "not-found", texts.lazy_text("Loading…"), texts.lazy_text("Loading…"),
                                [FieldError("x", texts.lazy_text("Loading…"))])  # type: ignore[arg-type]
    assert body["title"] == body["detail"] == body["errors"][0]["detail"] == texts.text("Loading…")
    assert rendered["title"] == rendered["detail"] == rendered["errors"][0]["detail"] == "正在加载…"
