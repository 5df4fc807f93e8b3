"""What the app factory builds once and every request, job and command shares.

It knows no Flask: the worker process and the scheduler build one too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from core.auth import LoginThrottle, password_hasher
from core.db import UnitOfWork, make_engine, make_session_factory, unit_of_work
from core.events import EventBus
from core.readers import Readers


@dataclass
class Runtime:
    engine: Engine
    session_factory: sessionmaker[Session]
    bus: EventBus
    clock: Any
    settings: dict[str, Any]
    hasher: PasswordHasher
    throttle: LoginThrottle
    readers: Readers = field(default_factory=Readers)
    jobs: list[Any] = field(default_factory=list)  # core.scheduling.ScheduledJob, every package's
    api_blueprints: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, settings: dict[str, Any], clock: Any, bus: EventBus, readers: Readers,
              jobs: list[Any]) -> Runtime:
        """The database engine and the security pieces from the settings; the wiring (events,
        readers, jobs) from the composition root."""
        engine = make_engine(settings["DATABASE_URL"])
        return cls(engine=engine, session_factory=make_session_factory(engine), bus=bus, clock=clock,
                   settings=settings,
                   hasher=password_hasher(settings["PASSWORD_TIME_COST"], settings["PASSWORD_MEMORY_KIB"]),
                   throttle=LoginThrottle(settings["LOGIN_FAILURE_LIMIT"], settings["REDIS_URL"]),
                   readers=readers, jobs=jobs)

    def new_uow(self) -> UnitOfWork:
        """A unit of work the caller commits or rolls back itself (one per request)."""
        return UnitOfWork(self.session_factory(), self.bus, self.clock, self.settings, self.readers)

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """For commands and jobs: commit on success, roll back on any exception."""
        with unit_of_work(self.session_factory, self.bus, self.clock, self.settings, self.readers) as uow:
            yield uow
