"""A long plan solves in a worker process while a real gunicorn server (one sync worker, so a
blocked worker would show) keeps answering other requests; a cancel ends the worker."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from core.auth import Role
from core.clock import FixedClock
from tests.support.dispatch import job, local, on_shift_engineer
from tests.support.users import make_user

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(app: Flask, database_url: str) -> Iterator[str]:
    port = _free_port()
    env = dict(os.environ, FIXROUTE_DATABASE_URL=database_url, FIXROUTE_PLAN_WORKERS="1",
               FIXROUTE_PLAN_RUNNER="subprocess")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{port}",
         "--timeout", "60", "app:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited"
        try:
            urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not come up")


def _call(base: str, method: str, path: str, token: str, body: Any = None) -> tuple[int, Any, float]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    began = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read() or b"null"), time.monotonic() - began
    except urllib.error.HTTPError as refusal:
        return refusal.code, json.loads(refusal.read() or b"null"), time.monotonic() - began


def _busy_day(app: Flask) -> None:
    for n in range(3):
        on_shift_engineer(app, name=f"Engineer {n}", home_lat=22.53 + 0.02 * n, home_lon=114.04 + 0.02 * n)
    for n in range(36):
        job(app, lat=22.50 + 0.004 * n, lon=114.00 + 0.005 * (n % 9), start=local(9 + (n % 4) * 2))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    waited = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True)
    return bool(waited.stdout.strip()) and not waited.stdout.strip().startswith("Z")


def _token(app: Flask, clock: FixedClock) -> str:
    """Issued on the real clock: the server runs on it."""
    clock.current = datetime.now(UTC)
    return make_user(app, Role.DISPATCHER, "dana").token


def test_other_requests_answer_while_a_long_plan_solves(app: Flask, clock: FixedClock, server: str) -> None:
    token = _token(app, clock)
    _busy_day(app)

    status, accepted, post_s = _call(server, "POST", "/api/v1/plans", token,
                                     {"date": "2026-11-23", "time_limit_s": 8})
    assert status == 202
    answers, seen_running = [], []
    while True:
        status, listed, took = _call(server, "GET", "/api/v1/work-orders?per_page=50", token)
        assert status == 200 and len(listed) == 36
        answers.append(took)
        _, body, _ = _call(server, "GET", f"/api/v1/plans/{accepted['id']}", token)
        if body["run_status"] not in ("queued", "running"):
            break
        if body["run_status"] == "running":
            seen_running.append(body["progress"]["elapsed_s"])
        time.sleep(0.25)

    assert body["run_status"] == "done", body.get("error")
    assert len(seen_running) >= 5, "the plan should have been seen running while others were answered"
    assert max(seen_running) > 1.0  # live progress moved while the run went on
    assert body["totals"]["served"] > 0 and body["routes"]
    print(f"\nPOST /plans answered in {post_s * 1000:.0f} ms; {len(answers)} list requests during the run, "
          f"slowest {max(answers) * 1000:.0f} ms")


def test_a_running_plan_is_cancelled_and_its_worker_ends(app: Flask, clock: FixedClock, server: str) -> None:
    token = _token(app, clock)
    _busy_day(app)
    _, accepted, _ = _call(server, "POST", "/api/v1/plans", token, {"date": "2026-11-23", "time_limit_s": 60})
    deadline = time.monotonic() + 30
    while True:
        _, body, _ = _call(server, "GET", f"/api/v1/plans/{accepted['id']}", token)
        if body["run_status"] == "running" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert body["run_status"] == "running"

    status, cancelled, _ = _call(server, "POST", f"/api/v1/plans/{accepted['id']}/cancel", token)

    assert status == 200 and cancelled["run_status"] == "cancelled"
    with app.extensions["fixroute"].session_factory() as session:
        from dispatch.planning.models import Plan

        pid = session.get(Plan, accepted["id"]).worker_pid
    assert pid is not None
    deadline = time.monotonic() + 10
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _pid_alive(pid)
    _, body, _ = _call(server, "GET", f"/api/v1/plans/{accepted['id']}", token)
    assert body["run_status"] == "cancelled" and body["routes"] == []
