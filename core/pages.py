"""Installable web pages served as static shells that talk only to the JSON API.

A page's service worker carries a digest of every file of the page in its bytes — and of the
shared language files under static/i18n/, which it caches too — so a deploy reaches phones
that have the old shell cached; it lives at the page's root, so its default scope is the
whole page. The page's index.html is a Jinja template: its ``<html lang>``, its metas and its
few server texts (title, loading, noscript) follow the request's language (core.i18n).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    Response,
    redirect,
    render_template,
    render_template_string,
    send_from_directory,
)

# The server-rendered pages' templates (the landing page; the office shell will live here too).
pages = Blueprint("pages", __name__, template_folder="templates")
SHARED_SHELL = ("i18n",)  # directories under static/ every installable page caches


def shell_version(*directories: Path) -> str:
    digest = hashlib.sha256()
    for directory in directories:
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            digest.update(f"{directory.name}/{path.relative_to(directory).as_posix()}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def localized(response: Response) -> Response:
    """A page whose words depend on the cookie and Accept-Language is revalidated, per language."""
    response.headers["Cache-Control"] = "no-cache"
    response.vary.update(("Accept-Language", "Cookie"))
    return response


@pages.route("/")
def landing() -> Response:
    return localized(Response(render_template("index.html"), mimetype="text/html"))


def register_installable_page(app: Flask, name: str, directory: Path) -> None:
    """``/<name>/``: the page, its service worker and its files."""
    root = f"/{name}/"
    shared = [Path(app.static_folder or "static") / folder for folder in SHARED_SHELL]

    def page() -> Response:
        html = (directory / "index.html").read_text(encoding="utf-8")
        return localized(Response(render_template_string(html), mimetype="text/html"))

    def service_worker() -> Response:
        script = (directory / "sw.js").read_text(encoding="utf-8")
        response = Response(script.replace("__SHELL_VERSION__", shell_version(directory, *shared)),
                            mimetype="text/javascript")
        response.headers["Cache-Control"] = "no-cache"
        response.headers["Service-Worker-Allowed"] = root
        return response

    def asset(filename: str) -> Response:
        response = send_from_directory(directory, filename, max_age=0)
        if filename.endswith(".webmanifest"):
            response.mimetype = "application/manifest+json"
        return response

    app.add_url_rule(f"/{name}", f"{name}_redirect", lambda: redirect(root, 308))
    app.add_url_rule(root, f"{name}_page", page)
    app.add_url_rule(f"{root}index.html", f"{name}_index", page)
    app.add_url_rule(f"{root}sw.js", f"{name}_service_worker", service_worker)
    app.add_url_rule(f"{root}<path:filename>", f"{name}_asset", asset)
