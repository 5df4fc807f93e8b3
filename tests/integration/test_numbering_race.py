"""20 service requests created at once on PostgreSQL get 20 distinct numbers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from flask import Flask

from tests.support.workorders import make_site
from workorders.customers.models import Site
from workorders.requests.service import create_service_request

CONCURRENT = 20


@pytest.mark.postgres_only
def test_concurrent_service_requests_get_distinct_numbers(app: Flask) -> None:
    rt = app.extensions["fixroute"]
    site_id = make_site(app)
    with rt.session_factory() as session:
        customer_id = session.get(Site, site_id).customer_id
    start_together = Barrier(CONCURRENT)

    def create_one(_: int) -> str:
        with rt.unit_of_work() as uow:
            start_together.wait(timeout=30)
            request = create_service_request(uow, {
                "channel": "phone", "category": "repair", "customer_id": customer_id,
                "site_id": site_id, "symptom": "Lock jams"})
            return request.number

    with ThreadPoolExecutor(CONCURRENT) as pool:
        numbers = list(pool.map(create_one, range(CONCURRENT)))
    assert len(set(numbers)) == CONCURRENT
    assert sorted(numbers) == [f"SR-20261123-{n:04d}" for n in range(1, CONCURRENT + 1)]
