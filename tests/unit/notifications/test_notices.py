"""The outbox's rules without a database: what counts as news for a customer, how delivery
attempts end, and that a failing sender stops nobody else's notice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from notifications import service
from notifications.models import MAX_ATTEMPTS, CustomerNotice, NoticeStatus

TEN = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
NOON = TEN + timedelta(hours=2)


def _notice(**overrides: Any) -> CustomerNotice:
    fields = dict(id=1, work_order_id=1, customer_id=1, plan_id=1, engineer_id=7, engineer_name="Li Wei",
                  window_start=TEN, window_end=NOON, message="m", status=NoticeStatus.PENDING, attempts=0)
    return CustomerNotice(**{**fields, **overrides})


def test_a_notice_tells_only_its_engineer_and_its_window() -> None:
    told = _notice()
    assert told.tells(7, TEN, NOON)
    assert not told.tells(8, TEN, NOON)
    assert not told.tells(7, TEN + timedelta(hours=1), NOON)
    assert not told.tells(None, TEN, NOON)


def test_a_notice_is_given_up_after_the_last_failed_attempt() -> None:
    notice = _notice()
    for _ in range(MAX_ATTEMPTS - 1):
        notice.failed()
        assert notice.status is NoticeStatus.PENDING
    notice.failed()
    assert (notice.status, notice.attempts) == (NoticeStatus.FAILED, MAX_ATTEMPTS)


class _Session:
    def __init__(self, pending: list[CustomerNotice]) -> None:
        self.pending = pending

    def scalars(self, _statement: Any) -> Any:
        return self

    def all(self) -> list[CustomerNotice]:
        return self.pending

    def flush(self) -> None:
        pass


class _Uow:
    def __init__(self, pending: list[CustomerNotice]) -> None:
        self.session = _Session(pending)

    def now(self) -> datetime:
        return NOON


class _Sender:
    def __init__(self, refuse: set[int]) -> None:
        self.refuse, self.sent = refuse, []

    def send(self, notice: CustomerNotice) -> None:
        if notice.id in self.refuse:
            raise ConnectionError("mail server down")
        self.sent.append(notice.id)


def test_a_failing_notice_is_retried_later_and_the_others_are_sent() -> None:
    bad, good = _notice(id=1), _notice(id=2)
    sender = _Sender(refuse={1})

    sent = service.deliver_pending(_Uow([bad, good]), sender)  # type: ignore[arg-type]

    assert (sent, sender.sent) == (1, [2])
    assert (bad.status, bad.attempts) == (NoticeStatus.PENDING, 1)
    assert (good.status, good.attempts, good.sent_at) == (NoticeStatus.SENT, 1, NOON)
