"""A scheduled job's lock: while one scheduler holds it, a second one is told no."""

from __future__ import annotations

import pytest
from flask import Flask

from core.locks import job_lock


@pytest.mark.postgres_only
def test_a_second_holder_of_a_job_lock_is_refused_until_it_is_released(app: Flask) -> None:
    engine = app.extensions["fixroute"].engine
    with (job_lock(engine, "plan-tomorrow") as first, job_lock(engine, "plan-tomorrow") as second,
          job_lock(engine, "send-notices") as other_job):
        assert (first, second, other_job) == (True, False, True)
    with job_lock(engine, "plan-tomorrow") as again:
        assert again is True
