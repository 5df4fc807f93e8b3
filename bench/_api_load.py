"""Driving a server with simulated users for a slice of time, and the figures of those slices.

Each user is a thread with its own keep-alive connection; every thread reads what it needs
first, then all start together and run until the slice's time is up. A scenario's figures are
the sum of its slices, so alternating short slices of the real app and of bare Flask puts the
machine's noise on both.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from _api_client import TransportError
from _api_servers import Server, cpu_seconds
from _api_users import User

EXPECTED = frozenset({409, 412})  # another user got there first: part of the load, not an error


@dataclass
class Figures:
    """One scenario on one server config and client count, summed over its slices."""

    scenario: str
    elapsed_s: float = 0.0
    client_cpu_s: float = 0.0
    server_cpu_s: float = 0.0
    slices: list[float] = field(default_factory=list)  # req/s of each slice
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[str, dict[Any, int]] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return sum(sum(counts.values()) for counts in self.statuses.values())

    @property
    def rate(self) -> float:
        return self.requests / self.elapsed_s if self.elapsed_s else 0.0

    def add(self, users: list[User], elapsed_s: float, client_cpu_s: float, server_cpu_s: float) -> None:
        before = self.requests
        for user in users:
            for label, values in user.recorder.latencies.items():
                self.latencies.setdefault(label, []).extend(values)
            for label, counts in user.recorder.statuses.items():
                mine = self.statuses.setdefault(label, {})
                for status, n in counts.items():
                    mine[status] = mine.get(status, 0) + n
        self.elapsed_s += elapsed_s
        self.client_cpu_s += client_cpu_s
        self.server_cpu_s += server_cpu_s
        self.slices.append((self.requests - before) / elapsed_s if elapsed_s else 0.0)

    def endpoints(self) -> list[dict[str, Any]]:
        rows = []
        for label in sorted(self.statuses):
            counts = self.statuses[label]
            values = sorted(self.latencies.get(label, []))
            ok = sum(n for s, n in counts.items() if isinstance(s, int) and 200 <= s < 300)
            expected = {str(s): n for s, n in counts.items() if s in EXPECTED}
            errors = {str(s): n for s, n in counts.items()
                      if not (isinstance(s, int) and (200 <= s < 300 or s in EXPECTED))}
            rows.append({"endpoint": label, "requests": sum(counts.values()), "ok": ok,
                         "rate": sum(counts.values()) / self.elapsed_s if self.elapsed_s else 0.0,
                         "p50_ms": _quantile(values, 0.50), "p95_ms": _quantile(values, 0.95),
                         "p99_ms": _quantile(values, 0.99), "expected": expected, "errors": errors})
        return rows

    def summary(self) -> dict[str, Any]:
        errors: dict[str, int] = {}
        for row in self.endpoints():
            for status, n in row["errors"].items():
                errors[status] = errors.get(status, 0) + n
        return {"scenario": self.scenario, "requests": self.requests, "elapsed_s": round(self.elapsed_s, 2),
                "rate": round(self.rate, 1), "slice_rates": [round(r, 1) for r in self.slices],
                "client_cpu_pct": _pct(self.client_cpu_s, self.elapsed_s),
                "server_cpu_pct": _pct(self.server_cpu_s, self.elapsed_s), "errors": errors,
                "endpoints": [_rounded(row) for row in self.endpoints()]}


def _quantile(sorted_values: list[float], q: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, int(q * len(sorted_values)))
    return sorted_values[index] * 1000


def _pct(cpu_s: float, elapsed_s: float) -> float:
    """CPU in percent of one core (200 % is both cores of a two-core machine)."""
    return round(100 * cpu_s / elapsed_s, 1) if elapsed_s else 0.0


def _rounded(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in row.items()}


def run_slice(server: Server, users: list[User], seconds: float, figures: Figures | None) -> None:
    """All users against one server for ``seconds``; added to ``figures`` unless warming up."""
    from _api_client import Connection

    clock: dict[str, float] = {}

    def started() -> None:
        clock["start"], clock["cpu"] = time.perf_counter(), _own_cpu_s()
        clock["server_cpu"] = cpu_seconds(server.pids())

    barrier = threading.Barrier(len(users) + 1, action=started)
    failures: list[BaseException] = []

    def drive(user: User) -> None:
        user.connection = Connection("127.0.0.1", server.port)
        try:
            user.setup()
        except BaseException as error:  # noqa: BLE001 - reported below, after the others stop
            failures.append(error)
        barrier.wait()
        deadline = clock["start"] + seconds
        while time.perf_counter() < deadline and not failures:
            try:
                user.step()
            except TransportError as error:
                user.recorder.note("(no answer: " + str(error).split(":")[0] + ")", "transport", None)
                time.sleep(0.05)
        user.connection.close()

    threads = [threading.Thread(target=drive, args=(user,), daemon=True) for user in users]
    for thread in threads:
        thread.start()
    barrier.wait()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"a simulated user failed to start: {failures[0]!r}") from failures[0]
    elapsed_s = time.perf_counter() - clock["start"]
    if figures is not None:
        figures.add(users, elapsed_s, _own_cpu_s() - clock["cpu"],
                    cpu_seconds(server.pids()) - clock["server_cpu"])


def _own_cpu_s() -> float:
    times = os.times()
    return times.user + times.system
