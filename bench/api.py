"""The API's speed from outside, side by side with bare Flask, and its SQL statements per request.

    .venv/bin/python bench/api.py                                   # 20 s per scenario, 2x8 and 4x4
    .venv/bin/python bench/api.py --seconds 10 --configs 2x8 --clients 10 --json
    .venv/bin/python bench/api.py --statements-only --show-sql      # the counter alone, each statement

Builds the demo company on PostgreSQL (a schema of its own, dropped at the end) with about ten
times its work orders over the past week and today, some with long event histories, and
tomorrow planned and published; counts the SQL statements of every endpoint the load drives
(in process); then, for each gunicorn config (``2x8`` = ``-w 2 --threads 8``) and client count,
drives the real app and a bare Flask app (the same JSON page, no database) under the same
gunicorn flags, alternating short slices so the machine's noise hits both, and prints req/s,
p50/p95/p99 per endpoint, errors and each scenario's throughput as a fraction of bare Flask's.

Scenarios: ``list`` (dispatchers paging work orders), ``route`` (engineers reading today's
and tomorrow's route), ``callback`` (engineers' call-back writes, Idempotency-Key + If-Match),
``status`` (status taps en_route → on_site → on_hold by the engineer, scheduled → assigned by
the office), ``dispatcher`` (a page, then a PATCH with If-Match), ``customer`` (an agent reads
a customer's file, with the dispatcher's token: there is no agent role yet) and ``mix`` (all of
them at once). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import _api_company  # noqa: E402
import _api_report  # noqa: E402
import _api_servers  # noqa: E402
from _api_load import Figures, run_slice  # noqa: E402
from _api_servers import ServerConfig  # noqa: E402
from _api_statements import count_all  # noqa: E402
from _api_users import SCENARIOS, users_for  # noqa: E402
from sqlalchemy import text  # noqa: E402

from app import create_app  # noqa: E402
from core.db import make_engine  # noqa: E402

SERVER_URL = os.environ.get("FIXROUTE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
WARM_UP_S = 2.0


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=SERVER_URL, help="a PostgreSQL database (trust auth)")
    parser.add_argument("--seconds", type=float, default=20.0,
                        help="per scenario, for each config and client count")
    parser.add_argument("--slice", type=float, default=5.0, help="length of one alternating slice")
    parser.add_argument("--configs", default="2x8,4x4", help="gunicorn workers x threads, comma-separated")
    parser.add_argument("--clients", default="10,50", help="concurrent clients, comma-separated")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated")
    parser.add_argument("--scale", type=int, default=10, help="work orders as a multiple of the demo's")
    parser.add_argument("--plan-time-limit", type=float, default=10.0, help="tomorrow's plan, seconds")
    parser.add_argument("--build-threads", type=int, default=4, help="threads building the company")
    parser.add_argument("--statements-only", action="store_true", help="count statements; no load")
    parser.add_argument("--show-sql", action="store_true", help="print each counted statement")
    parser.add_argument("--no-wrk", action="store_true", help="skip the wrk cross-check of bare Flask")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def progress(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _stop_on_signal(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally that cleans up


def main() -> None:
    args = _args()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop_on_signal)
    schema = f"fixroute_apibench_{os.getpid()}"
    work_dir = Path(tempfile.mkdtemp(prefix="fixroute-apibench-"))
    result: dict[str, Any] = {"machine": {
        "started": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "cores": os.cpu_count(),
        "load_before": " ".join(f"{v:.2f}" for v in os.getloadavg())}}
    app = None
    try:
        _schema(args.database_url, f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
        url = f"{args.database_url}{'&' if '?' in args.database_url else '?'}options=-csearch_path%3D{schema}"
        app = create_app({"DATABASE_URL": url, "PLAN_RUNNER": "inline", "REDIS_URL": None})
        company = _build(app, args, result)
        progress("counting statements per request")
        result["statements"] = count_all(app, company)
        if not args.statements_only:
            result["load"], result["runs"] = _load(args, app, company, url, work_dir)
        else:
            result["runs"] = []
    finally:
        _api_servers.stop_all()
        if app is not None:
            app.extensions["fixroute"].engine.dispose()
        _schema(args.database_url, f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        shutil.rmtree(work_dir, ignore_errors=True)
    result["machine"]["load_after"] = " ".join(f"{v:.2f}" for v in os.getloadavg())
    if args.json:
        if not args.show_sql:
            for row in result["statements"]:
                row.pop("sql")
        print(json.dumps(result, indent=1, default=str))
        return
    print(_api_report.render(result))
    if args.show_sql:
        print(_api_report.render_sql(result["statements"]))


def _schema(server_url: str, statements: str) -> None:
    engine = make_engine(server_url)
    try:
        with engine.begin() as connection:
            for statement in statements.split(";"):
                connection.execute(text(statement))
    finally:
        engine.dispose()


def _build(app: Any, args: argparse.Namespace, result: dict[str, Any]) -> _api_company.Company:
    began = time.monotonic()
    company = _api_company.build(app, args.scale, args.plan_time_limit, args.build_threads, progress)
    result["company"] = company.counts | {
        "scale": args.scale, "plan_id": company.plan_id, "tomorrow": company.tomorrow.isoformat(),
        "first_day": (company.today - timedelta(days=_api_company.PAST_DAYS)).isoformat(),
        "last_day": company.route_day.isoformat(), "build_s": time.monotonic() - began}
    progress(f"company built in {result['company']['build_s']:.0f} s: {company.counts}")
    return company


def _load(args: argparse.Namespace, app: Any, company: _api_company.Company, url: str,
          work_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    page = _api_company.InProcessApi(app).call("GET", "/work-orders?per_page=20", company.dispatcher)
    payload = work_dir / "page.json"
    payload.write_bytes(page.get_data())
    app.extensions["fixroute"].engine.dispose()
    slice_s = min(args.slice, args.seconds)
    rounds = max(1, math.ceil(args.seconds / slice_s))
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    load = {"slice_s": slice_s, "rounds": rounds, "seconds": slice_s * rounds, "scenarios": scenarios,
            "bare_bytes": len(page.get_data()), "bare_items": len(page.json)}
    runs = []
    for config in (ServerConfig.parse(c) for c in args.configs.split(",")):
        progress(f"starting gunicorn {config.name} for the app and for bare Flask")
        real = _api_servers.start("app", config, "app:create_app()", {"FIXROUTE_DATABASE_URL": url},
                                  work_dir, "/api/v1/auth/me")
        bare = _api_servers.start("bare", config, "bench._bare_app:app",
                                  {"FIXROUTE_BENCH_BARE_PAYLOAD": str(payload)}, work_dir,
                                  "/api/v1/work-orders")
        try:
            for clients in (int(c) for c in args.clients.split(",")):
                runs.append(_drive(config, clients, scenarios, rounds, slice_s, company, real, bare, args))
        finally:
            _api_servers.stop(real)
            _api_servers.stop(bare)
        _report_server_errors(real)
    return load, runs


def _drive(config: ServerConfig, clients: int, scenarios: list[str], rounds: int, slice_s: float,
           company: _api_company.Company, real: Any, bare: Any, args: argparse.Namespace) -> dict[str, Any]:
    run_slice(bare, users_for("bare", company, clients, 0), WARM_UP_S, None)
    run_slice(real, users_for("mix", company, clients, 0), WARM_UP_S, None)
    figures = {name: Figures(name) for name in ["bare", *scenarios]}
    for round_no in range(1, rounds + 1):
        progress(f"{config.name} · {clients} clients · round {round_no}/{rounds}")
        run_slice(bare, users_for("bare", company, clients, round_no), slice_s, figures["bare"])
        for name in scenarios:
            run_slice(real, users_for(name, company, clients, round_no), slice_s, figures[name])
    run = {"config": config.name, "flags": " ".join(config.flags), "clients": clients,
           "scenarios": [f.summary() for f in figures.values()]}
    if not args.no_wrk:
        run["wrk_bare_rate"] = _wrk(bare.port, clients, slice_s)
    return run


def _wrk(port: int, clients: int, seconds: float) -> float | None:
    """Bare Flask once more through wrk (C, if installed): is the Python client the ceiling?"""
    if shutil.which("wrk") is None:
        return None
    command = ["wrk", "-t2", f"-c{clients}", f"-d{max(1, round(seconds))}s",
               f"http://127.0.0.1:{port}/api/v1/work-orders"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30).stdout
    for line in output.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    return None


def _report_server_errors(server: Any) -> None:
    log = server.log_path.read_text() if server.log_path.exists() else ""
    errors = [line for line in log.splitlines() if "Traceback" in line or "unhandled error" in line]
    if errors:
        progress(f"gunicorn {server.name} logged {len(errors)} errors; first lines:\n" + log[:3000])


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        progress("interrupted: servers stopped, schema dropped")
        sys.exit(130)
