"""The engineer's phone app is served as a plain installable web app at /engineer/."""

from __future__ import annotations

import json
from pathlib import Path

from flask.testing import FlaskClient

ENGINEER_DIR = Path(__file__).resolve().parents[2] / "static" / "engineer"


def test_the_page_carries_the_service_timezone_and_is_revalidated(client: FlaskClient) -> None:
    page = client.get("/engineer/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert '<meta name="fixroute-timezone" content="Asia/Shanghai">' in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-cache"
    assert client.get("/engineer").status_code == 308


def test_the_service_worker_covers_the_app_and_changes_with_its_files(client: FlaskClient) -> None:
    worker = client.get("/engineer/sw.js")
    script = worker.get_data(as_text=True)
    assert worker.status_code == 200 and worker.mimetype == "text/javascript"
    assert worker.headers["Service-Worker-Allowed"] == "/engineer/"
    assert worker.headers["Cache-Control"] == "no-cache"
    assert "__SHELL_VERSION__" not in script and 'const VERSION = "' in script
    shell = sorted(p.name for p in ENGINEER_DIR.iterdir() if p.name not in {"sw.js", "index.html"})
    assert len(shell) > 10
    for name in shell:  # the whole shell is cached, or the page breaks offline
        assert f'"{name}"' in script
        with client.get(f"/engineer/{name}") as shell_file:
            assert shell_file.status_code == 200


def test_the_manifest_makes_it_installable(client: FlaskClient) -> None:
    with client.get("/engineer/manifest.webmanifest") as answer:
        assert answer.mimetype == "application/manifest+json"
        manifest = json.loads(answer.get_data(as_text=True))
    assert manifest["display"] == "standalone" and manifest["start_url"] == "./"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}


def test_files_outside_the_app_are_not_served(client: FlaskClient) -> None:
    assert client.get("/engineer/../app.py").status_code == 404
    assert client.get("/engineer/%2e%2e/app.py").status_code == 404
    assert client.get("/engineer/missing.js").status_code == 404
