"""Translatable texts for code that must not know Flask: domain packages, jobs, commands.

The server's texts are written in English in the code and translated through the same gettext
catalogues Flask-Babel uses (``translations/<locale>/LC_MESSAGES/messages.po``). The language
is the current request's (``core.i18n`` sets it for each request); outside a request it is
the configured default, or whatever a job chooses with ``use_locale``. This module imports no
Flask, so every package may use it.

How a package marks a text::

    from core.texts import lazy_text as _l, text as _

    class InsufficientStock(SparePartsError):
        code = "insufficient-stock"
        title = _l("Not enough stock")            # class level: translated when rendered

    raise InsufficientStock(_("Only %(qty)s left at %(location)s.", qty=3, location=van.name))

    with use_locale("en"):                        # a job writing to an English-speaking customer
        body = _("Your engineer is on the way.")

``text`` translates at once (inside a request or a ``use_locale`` block); ``lazy_text``
translates each time it is turned into a string, so a module-level or class-level text follows
the language of whoever reads it. Placeholders are ``%(name)s``, filled after translating.
Then: ``bin/translations`` extracts the new msgids into both catalogues; fill in the Chinese
(and English) ``msgstr``; ``bin/setup`` compiles them; ``tests/unit/core/test_catalogues.py``
fails while one is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.support import LazyProxy, NullTranslations, Translations

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
LOCALES = ("zh_CN", "en")  # gettext spelling; the pages say zh-CN and en
DEFAULT_LOCALE = "zh_CN"

_default = [DEFAULT_LOCALE]
_current: ContextVar[str | None] = ContextVar("fixroute_locale", default=None)


def set_default_locale(locale: str) -> None:
    """The configured default (``FIXROUTE_DEFAULT_LOCALE``): used where nothing else chose."""
    found = supported_locale(locale)
    if found is None:
        raise ValueError(f"unsupported locale {locale!r}; choose one of {', '.join(LOCALES)}")
    _default[0] = found


def supported_locale(tag: str | None) -> str | None:
    """``zh-CN``, ``zh_cn``, ``zh-Hans``, ``zh`` → ``zh_CN``; ``en-GB``, ``en`` → ``en``; else None.

    Only simplified Chinese is written, so any Chinese gets it rather than English.
    """
    if not tag:
        return None
    language = tag.strip().replace("_", "-").split("-")[0].lower()
    return {"zh": "zh_CN", "en": "en"}.get(language)


def default_locale() -> str:
    return _default[0]


def current_locale() -> str:
    return _current.get() or _default[0]


def set_current_locale(locale: str | None) -> Any:
    """For ``core.i18n``: the request's locale; returns the token to reset it with."""
    return _current.set(supported_locale(locale))


def reset_current_locale(token: Any) -> None:
    _current.reset(token)


@contextmanager
def use_locale(locale: str) -> Iterator[None]:
    token = set_current_locale(locale)
    try:
        yield
    finally:
        _current.reset(token)


@lru_cache(maxsize=len(LOCALES))
def translations_for(locale: str) -> NullTranslations:
    """The compiled catalogue (``.mo``); without one (not compiled yet) the English msgids."""
    return Translations.load(str(TRANSLATIONS), [locale], domain="messages")


def text(message: str, **values: Any) -> str:
    translated = translations_for(current_locale()).gettext(message)
    return translated % values if values else translated


def plural_text(singular: str, plural: str, count: int, **values: Any) -> str:
    translated = translations_for(current_locale()).ngettext(singular, plural, count)
    return translated % {"count": count, **values}


def lazy_text(message: str, **values: Any) -> LazyProxy:
    return LazyProxy(text, message, enable_cache=False, **values)
