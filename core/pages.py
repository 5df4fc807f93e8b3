"""Installable web pages served as static shells that talk only to the JSON API.

A page's service worker carries a digest of every file of the page in its bytes, so a
deploy reaches phones that have the old shell cached; it lives at the page's root, so its
default scope is the whole page.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response, redirect, send_from_directory
from markupsafe import escape


def shell_version(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def register_installable_page(app: Flask, name: str, directory: Path) -> None:
    """``/<name>/``: the page, its service worker and its files."""
    timezone = app.config["TIMEZONE"]
    root = f"/{name}/"

    def page() -> Response:
        html = (directory / "index.html").read_text(encoding="utf-8")
        response = Response(html.replace("__FIXROUTE_TIMEZONE__", escape(timezone)), mimetype="text/html")
        response.headers["Cache-Control"] = "no-cache"
        return response

    def service_worker() -> Response:
        script = (directory / "sw.js").read_text(encoding="utf-8")
        response = Response(script.replace("__SHELL_VERSION__", shell_version(directory)),
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
