"""The API bench's printout: one block per server config and client count, then the
statement counts. The same figures go out as JSON with ``--json``."""

from __future__ import annotations

from typing import Any


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _statuses(counts: dict[str, int]) -> str:
    return " ".join(f"{status}×{n}" for status, n in sorted(counts.items())) or "-"


def render(result: dict[str, Any]) -> str:
    lines = _header(result)
    for run in result["runs"]:
        lines.extend(_run(run))
    lines.extend(_statements(result["statements"]))
    return "\n".join(lines)


def _header(result: dict[str, Any]) -> list[str]:
    machine, company, load = result["machine"], result["company"], result.get("load", {})
    lines = [
        f"Fixroute API bench · {machine['started']} · {machine['cores']} cores · "
        f"load average before {machine['load_before']}, after {machine.get('load_after', '-')}",
        f"Company: {company['work_orders']} work orders (the demo's {company['demo_work_orders']}, "
        f"×{company['scale']}) over {company['first_day']} … {company['last_day']}, "
        f"{company['customers']} customers, {company['engineers']} engineers; "
        f"{company['long_histories']} jobs with 50–{company['longest_history']} events; "
        f"tomorrow ({company['tomorrow']}) planned and published (plan {company['plan_id']}).",
        f"Built in {company['build_s']:.0f} s through the API in process.",
    ]
    if load:
        lines += [
            f"Bare Flask: GET /api/v1/work-orders returns the real app's ?per_page=20 page "
            f"({load['bare_bytes']} bytes of JSON, {load['bare_items']} items), same gunicorn flags.",
            f"Load: Python keep-alive client (one thread and connection per user), "
            f"{load['slice_s']:g} s slices, each round runs bare Flask then every scenario; "
            f"{load['rounds']} rounds = {load['seconds']:g} s per scenario. "
            f"Agents use the dispatcher's token (no agent role yet). 409/412 are expected "
            f"(another user got there first); any other non-2xx counts as an error.",
            "CPU columns: percent of one core over the slices (client = this bench's process).",
        ]
    return lines


def _run(run: dict[str, Any]) -> list[str]:
    scenarios = {s["scenario"]: s for s in run["scenarios"]}
    bare = scenarios["bare"]
    lines = ["", f"== gunicorn {run['flags']} · {run['clients']} clients ==",
             f"{'scenario':<11}{'req/s':>8}{'× bare':>8}  {'client CPU':>10}{'server CPU':>11}  "
             f"{'errors':<14}slices (req/s)"]
    for name, figures in scenarios.items():
        ratio = figures["rate"] / bare["rate"] if bare["rate"] else 0.0
        lines.append(
            f"{name:<11}{figures['rate']:>8.1f}{ratio:>8.3f}  {figures['client_cpu_pct']:>9.0f}%"
            f"{figures['server_cpu_pct']:>10.0f}%  {_statuses(figures['errors']):<14}"
            + " ".join(f"{r:.0f}" for r in figures["slice_rates"]))
    if run.get("wrk_bare_rate"):
        lines.append(f"bare Flask through wrk (C, {run['clients']} connections, same server): "
                     f"{run['wrk_bare_rate']:.0f} req/s — the Python client's ceiling is "
                     f"{bare['rate'] / run['wrk_bare_rate']:.0%} of it")
    lines.append(f"  {'endpoint':<50}{'scenario':<11}{'n':>7}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
                 f"{'p99 ms':>8}  409/412, errors")
    for name, figures in scenarios.items():
        for row in figures["endpoints"]:
            lines.append(
                f"  {row['endpoint'][:49]:<50}{name:<11}{row['requests']:>7}{row['rate']:>8.1f}"
                f"{_ms(row['p50_ms']):>8}{_ms(row['p95_ms']):>8}{_ms(row['p99_ms']):>8}  "
                f"{_statuses(row['expected'])}, {_statuses(row['errors'])}")
    return lines


def _statements(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["", "== SQL statements per request (in process, PostgreSQL, warmed; auth and idempotency "
             "included; rows = returned or changed) ==",
             f"{'endpoint':<58}{'statements':>10}{'rows':>7}  case"]
    for row in rows:
        lines.append(f"{row['endpoint']:<58}{row['statements']:>10}{row['rows']:>7}  {row['case']}")
    return lines


def render_sql(rows: list[dict[str, Any]]) -> str:
    lines = []
    for row in rows:
        lines.append(f"-- {row['endpoint']} {row['case']}: {row['statements']} statements, "
                     f"{row['rows']} rows")
        lines.extend(f"   {n}. {sql[:300]}" for n, sql in enumerate(row["sql"], 1))
    return "\n".join(lines)
