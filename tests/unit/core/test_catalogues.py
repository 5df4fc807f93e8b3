"""Both languages are complete: the pages' shared catalogue and the server's gettext catalogues.

No browser: the catalogues are read as files, and the keys the pages use are found in their
sources (``t("…")``, ``msg("…")``, ``data-i18n…="…"``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
STATIC = ROOT / "static"
CATALOGUES = STATIC / "i18n"
TRANSLATIONS = ROOT / "translations"
LOCALES = ("zh-CN", "en")
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")

PLACEHOLDER = re.compile(r"\{(\w+)\}")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
USED_KEY = re.compile(r"""\b(?:t|msg)\(\s*["']([\w.-]+)["']""")
HTML_KEY = re.compile(r"""data-i18n(?:-[a-z-]+)?=["']([\w.-]+)["']""")
# Words that stay as they are in Chinese text: the brand, and codes a Chinese engineer reads as such.
KEPT_IN_CHINESE = {"Fixroute", "SKU", "JSON"}


def catalogue(locale: str) -> dict[str, str]:
    return json.loads((CATALOGUES / f"{locale}.json").read_text(encoding="utf-8"))


def page_sources() -> list[Path]:
    """The pages' scripts and HTML (the vendored libraries aside) and the server's templates."""
    pages = [p for p in STATIC.rglob("*") if p.suffix in {".js", ".html"}
             and "vendor" not in p.relative_to(STATIC).parts]
    return pages + sorted((ROOT / "core" / "templates").rglob("*.html"))


def used_keys() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for source in page_sources():
        text = source.read_text(encoding="utf-8")
        for key in USED_KEY.findall(text) + HTML_KEY.findall(text):
            found.setdefault(key, set()).add(source.relative_to(ROOT).as_posix())
    return found


def test_both_catalogues_have_the_same_keys_and_no_empty_value() -> None:
    chinese, english = catalogue("zh-CN"), catalogue("en")
    assert sorted(set(chinese) ^ set(english)) == []
    assert [k for k, v in {**chinese, **english}.items() if not isinstance(v, str) or not v.strip()] == []
    assert len(chinese) > 200


def test_placeholders_are_the_same_in_both_languages() -> None:
    chinese, english = catalogue("zh-CN"), catalogue("en")
    differ = [key for key in english
              if sorted(PLACEHOLDER.findall(english[key])) != sorted(PLACEHOLDER.findall(chinese[key]))]
    assert differ == []


def test_chinese_values_are_chinese_and_english_values_have_no_chinese() -> None:
    chinese, english = catalogue("zh-CN"), catalogue("en")
    # A value that is only placeholders and punctuation ("{day} {time}") is in no language.
    wordless = re.compile(r"^[\W\d_]*$")
    not_chinese = [key for key, value in chinese.items()
                   if not CJK.search(value) and not wordless.match(PLACEHOLDER.sub("", value))]
    assert not_chinese == []
    assert [key for key, value in english.items() if CJK.search(value)] == []


def test_chinese_text_keeps_no_english_word_but_the_brand_and_codes() -> None:
    leftovers = {key: words for key, value in catalogue("zh-CN").items()
                 if (words := set(LATIN_WORD.findall(PLACEHOLDER.sub("", value))) - KEPT_IN_CHINESE)}
    assert leftovers == {}


def test_plural_keys_have_the_other_form() -> None:
    for locale in LOCALES:
        bases = {k.rsplit(".", 1)[0] for k in catalogue(locale) if k.rsplit(".", 1)[1] in PLURAL_FORMS}
        assert [b for b in bases if f"{b}.other" not in catalogue(locale)] == []


def test_every_key_the_pages_use_is_in_the_catalogue() -> None:
    keys = set(catalogue("en"))
    plural_bases = {k.rsplit(".", 1)[0] for k in keys if k.rsplit(".", 1)[1] in PLURAL_FORMS}
    used = used_keys()
    assert len(used) > 200  # the scan finds the pages' keys (a broken pattern would find none)
    missing = {key: sorted(where) for key, where in used.items() if key not in keys | plural_bases}
    assert missing == {}


def test_no_page_text_is_left_unused_in_the_catalogue() -> None:
    used = set(used_keys())
    # Keys reached only through a computed name (the hold reasons by their code) are used literally
    # elsewhere too; a plural key is used by its base.
    unused = [k for k in catalogue("en") if k not in used and k.rsplit(".", 1)[0] not in used]
    assert unused == []


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_the_server_catalogues_are_complete(locale: str) -> None:
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as po:
        messages = [m for m in read_po(po, locale=locale) if m.id]
    assert messages
    assert [m.id for m in messages if not m.string] == []
    assert [m.id for m in messages if m.fuzzy] == []
    assert [m.id for m in messages if m.python_format and sorted(re.findall(r"%\((\w+)\)s", m.id))
            != sorted(re.findall(r"%\((\w+)\)s", m.string))] == []
    if locale == "zh_CN":
        assert [m.id for m in messages if not CJK.search(m.string)] == []


def test_the_server_template_lists_what_both_catalogues_hold() -> None:
    with (TRANSLATIONS / "messages.pot").open("rb") as pot:
        wanted = {m.id for m in read_po(pot) if m.id}
    for locale in ("zh_CN", "en"):
        with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as po:
            assert {m.id for m in read_po(po, locale=locale) if m.id} == wanted
