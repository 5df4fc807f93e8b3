"""Concurrent reservations through a real gunicorn server on PostgreSQL: throughput and latency.

    .venv/bin/python bench/ledger.py [--requests 2000] [--clients 50] [--workers 2] [--threads 8]

Builds a throw-away schema on the local PostgreSQL (``--database`` to point elsewhere), stocks
one warehouse, starts ``gunicorn app:create_app()`` on a free 127.0.0.1 port and lets N clients
(each on its own keep-alive connection) POST /api/v1/reservations for 1 unit until the request
budget is spent. Two rounds: *plenty* (stock for every request, so every one is a hold on the
same balance row — the hot-row case) and *contended* (stock for a tenth: most answers are 409).
Prints reservations per second, p50/p95/p99 latency, the answers, and the books check.
Nothing leaves the machine; the schema is dropped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from app import create_app  # noqa: E402
from core.auth import Role, User, issue_token  # noqa: E402
from core.cli import upgrade_database  # noqa: E402
from core.db import make_engine  # noqa: E402
from spareparts.catalog import service as catalog  # noqa: E402
from spareparts.ledger import service as ledger  # noqa: E402
from spareparts.ledger.models import Condition, MovementKind  # noqa: E402
from spareparts.ledger.service import Leg  # noqa: E402
from spareparts.locations import service as locations  # noqa: E402
from spareparts.locations.models import LocationKind  # noqa: E402
from spareparts.stock import books  # noqa: E402
from workorders.customers.models import Asset, Customer, Site  # noqa: E402
from workorders.lifecycle import Status  # noqa: E402
from workorders.orders.models import WorkOrder  # noqa: E402
from workorders.triage import Tier, WorkType  # noqa: E402

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
JOBS = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("FIXROUTE_BENCH_POSTGRES_URL", SERVER))
    parser.add_argument("--requests", type=int, default=2000, help="Reservations per round (bounded).")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    schema = f"fixroute_bench_ledger_{os.getpid()}"
    url = f"{args.database}?options=-csearch_path%3D{schema}"
    _create_schema(args.database, schema)
    try:
        upgrade_database(url)
        print(f"PostgreSQL, gunicorn -w {args.workers} --threads {args.threads}, {args.clients} clients, "
              f"{args.requests} reservations of 1 unit per round")
        for label, units in (("plenty", args.requests), ("contended", max(1, args.requests // 10))):
            setup = _stock_world(url, units)
            with _gunicorn(url, args.workers, args.threads) as port:
                figures = _round(port, setup, args.requests, args.clients)
            books = _books(url)
            _report(label, units, figures, books)
    finally:
        _drop_schema(args.database, schema)


def _create_schema(server: str, schema: str) -> None:
    engine = make_engine(server)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()


def _drop_schema(server: str, schema: str) -> None:
    engine = make_engine(server)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def _stock_world(url: str, units: int) -> dict[str, Any]:
    """A fresh warehouse and part holding ``units``, JOBS work orders, and a dispatcher's token."""
    app = create_app({"DATABASE_URL": url})
    rt = app.extensions["fixroute"]
    stamp = f"{time.time_ns() % 10**9}"
    with rt.unit_of_work() as uow:
        now = uow.now()
        warehouse = locations.create_location(uow, {"code": f"WH-{stamp}", "name": "Bench", "lat": 22.54,
                                                     "lon": 114.06, "kind": LocationKind.WAREHOUSE})
        part = catalog.create_part(uow, {"sku": f"BENCH-{stamp}", "name": "Bench part"})
        ledger.append(uow, None, kind=MovementKind.RECEIVE, part=part, qty=units,
                      source=Leg(locations.virtual_location(uow, LocationKind.SUPPLIER), Condition.GOOD),
                      target=Leg(warehouse, Condition.GOOD), reason="bench stock")
        jobs = [_work_order(uow, now, f"{stamp}-{n}") for n in range(JOBS)]
        user = User(username=f"bench-{stamp}", password_hash="-", role=Role.DISPATCHER, created_at=now)
        uow.session.add(user)
        uow.session.flush()
        token = issue_token(uow, user, ttl_s=3600).token
        setup = {"warehouse": warehouse.id, "sku": part.sku, "jobs": jobs, "token": token}
    rt.engine.dispose()
    return setup


def _work_order(uow: Any, now: datetime, tag: str) -> int:
    customer = Customer(name="Bench", tier=Tier.B, phone="+86 1", created_at=now)
    uow.session.add(customer)
    uow.session.flush()
    site = Site(customer_id=customer.id, address="1 Bench Rd", lat=22.54, lon=114.06)
    uow.session.add(site)
    uow.session.flush()
    asset = Asset(site_id=site.id, product_model="Bench", serial=f"B-{tag}")
    uow.session.add(asset)
    uow.session.flush()
    start = now + timedelta(days=1)
    job = WorkOrder(number=f"WO-B-{tag}"[:20], version=1, status=Status.SCHEDULED, customer_id=customer.id,
                    site_id=site.id, asset_id=asset.id, work_type=WorkType.REPAIR, priority=3,
                    estimated_duration_s=3600, window_start=start, window_end=start + timedelta(hours=2),
                    chargeable=False, created_at=now, updated_at=now)
    uow.session.add(job)
    uow.session.flush()
    return job.id


def _round(port: int, setup: dict[str, Any], total: int, clients: int) -> dict[str, Any]:
    budget = iter(range(total))
    lock = threading.Lock()
    latencies: list[float] = []
    answers: Counter[str] = Counter()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Authorization": f"Bearer {setup['token']}", "Content-Type": "application/json"}
        while True:
            with lock:
                number = next(budget, None)
            if number is None:
                break
            body = json.dumps({"work_order_id": setup["jobs"][number % JOBS], "sku": setup["sku"],
                               "location_id": setup["warehouse"], "qty": 1})
            started = time.perf_counter()
            connection.request("POST", "/api/v1/reservations", body, headers)
            answer = connection.getresponse()
            payload = json.loads(answer.read() or b"{}")
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                answers[f"{answer.status} {payload.get('code', 'reserved')}"] += 1
        connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for _ in range(clients):
            pool.submit(client)
    wall_s = time.perf_counter() - started
    return {"wall_s": wall_s, "latencies": latencies, "answers": answers}


def _books(url: str) -> str:
    engine = make_engine(url)
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        checked, mismatches = books.reconcile(session)
    engine.dispose()
    return f"{checked} balances, {len(mismatches)} mismatches"


def _report(label: str, units: int, figures: dict[str, Any], books: str) -> None:
    latencies = sorted(figures["latencies"])
    quantiles = statistics.quantiles(latencies, n=100)
    held = sum(n for answer, n in figures["answers"].items() if answer.startswith("201"))
    print(f"\n[{label}] {units} units in stock")
    wall_s = figures["wall_s"]
    print(f"  requests/s        {len(latencies) / wall_s:8.1f}   ({len(latencies)} in {wall_s:.2f} s)")
    print(f"  reservations/s    {held / figures['wall_s']:8.1f}   (201 answers)")
    print(f"  latency p50       {quantiles[49] * 1000:8.1f} ms")
    print(f"  latency p95       {quantiles[94] * 1000:8.1f} ms")
    print(f"  latency p99       {quantiles[98] * 1000:8.1f} ms")
    print(f"  answers           {dict(sorted(figures['answers'].items()))}")
    print(f"  oversold          {'NO' if held <= units else f'YES: {held} > {units}'}")
    print(f"  books             {books}")


class _gunicorn:  # noqa: N801 - used like a function in a with statement
    """gunicorn on a free local port, stopped on exit."""

    def __init__(self, url: str, workers: int, threads: int) -> None:
        self.url, self.workers, self.threads = url, workers, threads

    def __enter__(self) -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "FIXROUTE_DATABASE_URL": self.url}
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "--threads", str(self.threads),
             "-b", f"127.0.0.1:{self.port}", "--log-level", "warning", "app:create_app()"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v1/openapi.json", timeout=2):
                    return self.port
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *_: object) -> None:
        self.server.terminate()
        try:
            self.server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.server.kill()


if __name__ == "__main__":
    started_at = datetime.now(UTC)
    main()
    print(f"\n(run took {(datetime.now(UTC) - started_at).total_seconds():.1f} s)")
