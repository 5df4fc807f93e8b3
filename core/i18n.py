"""Which language each request is answered in: Flask-Babel for the server's own texts, and the
same choice handed to the pages, so what the server renders and what a page's script renders
agree.

The choice, first that applies: ``?lang=`` on the request (kept in the ``lang`` cookie for the
next ones), the ``lang`` cookie (the pages' language switch sets it), ``Accept-Language``
matched against zh-CN and en, else ``FIXROUTE_DEFAULT_LOCALE`` (zh_CN: the demo company is in
Shenzhen). Packages that must not import Flask translate through ``core.texts``, whose current
locale is set here for each request.
"""

from __future__ import annotations

from typing import Any

from babel.support import NullTranslations
from flask import Flask, Response, current_app, g, has_request_context, request
from flask_babel import Babel, Domain

from core import texts

COOKIE = "lang"
COOKIE_MAX_AGE_S = 365 * 24 * 3600


def page_tag(locale: str) -> str:
    """The pages' (BCP 47) spelling: ``zh_CN`` → ``zh-CN``."""
    return locale.replace("_", "-")


def explicit_locale() -> str | None:
    from_link = texts.supported_locale(request.args.get("lang"))
    return from_link or texts.supported_locale(request.cookies.get(COOKIE))


def accepted_locale() -> str | None:
    """The first language the browser accepts that we have (``*`` and the rest are skipped)."""
    for tag, _quality in request.accept_languages:
        found = texts.supported_locale(tag)
        if found:
            return found
    return None


def configured_locale() -> str:
    return texts.supported_locale(current_app.config["DEFAULT_LOCALE"]) or texts.DEFAULT_LOCALE


def select_locale() -> str:
    """The request's locale in gettext spelling (``zh_CN``, ``en``); Flask-Babel asks this too."""
    if "fixroute_locale" not in g:
        g.fixroute_locale = explicit_locale() or accepted_locale() or configured_locale()
    return g.fixroute_locale


def _set_request_locale() -> None:
    g.fixroute_locale_token = texts.set_current_locale(select_locale())


def _reset_request_locale(_error: BaseException | None = None) -> None:
    token = g.pop("fixroute_locale_token", None)
    if token is not None:
        texts.reset_current_locale(token)


def _keep_explicit_choice(response: Response) -> Response:
    """``?lang=en`` on a link is a language switch: remembered in the cookie pages share."""
    chosen = texts.supported_locale(request.args.get("lang"))
    if chosen and texts.supported_locale(request.cookies.get(COOKIE)) != chosen:
        # Not HttpOnly: the pages read it to pick their catalogue (it is a preference, not a secret).
        response.set_cookie(COOKIE, page_tag(chosen), max_age=COOKIE_MAX_AGE_S, samesite="Lax")
    return response


def page_context() -> dict[str, Any]:
    """What every server-rendered page needs for its ``<html lang>`` and its metas."""
    return {
        "page_locale": page_tag(select_locale()),
        "default_locale": page_tag(configured_locale()),
        "service_timezone": current_app.config["TIMEZONE"],
        "map_tiles_url": current_app.config["MAP_TILES_URL"] or "",
    }


class _Catalogues(Domain):
    """Flask-Babel's ``gettext``, ``lazy_gettext`` and the templates' ``_()`` read the very
    catalogues ``core.texts`` reads, by our spelling of the locale: Babel calls zh_CN
    ``zh_Hans_CN`` and would look for a directory of that name."""

    def get_translations(self) -> NullTranslations:
        return texts.translations_for(select_locale() if has_request_context() else texts.current_locale())


def install_i18n(app: Flask) -> None:
    texts.set_default_locale(app.config["DEFAULT_LOCALE"])
    app.config["BABEL_DEFAULT_LOCALE"] = texts.supported_locale(app.config["DEFAULT_LOCALE"])
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["TIMEZONE"]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(texts.TRANSLATIONS)
    babel = Babel(app, locale_selector=select_locale)
    babel.domain_instance = _Catalogues()  # type: ignore[misc] # replaces a cached_property
    app.before_request(_set_request_locale)
    app.teardown_request(_reset_request_locale)
    app.after_request(_keep_explicit_choice)
    app.context_processor(page_context)
