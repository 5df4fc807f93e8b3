"""Time: aware UTC inside, the service's timezone only at the edges.

Domain rules take ``now`` as an argument; the clock is injected so tests can fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock for tests that only moves when told to."""

    current: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 1, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


def ensure_utc(moment: datetime) -> datetime:
    """Naive datetimes are rejected at the edge; this normalises aware ones to UTC.

    SQLite hands back naive datetimes for aware columns; those are UTC by our storage rule.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local_day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where a service day starts and ends in the service timezone."""
    start = datetime.combine(day, time.min, tzinfo=tz)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    return ensure_utc(moment).astimezone(tz).date()
