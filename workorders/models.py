"""Every work-order table, gathered so ``app.load_models`` (and so Alembic) sees them all.

The models live with their aggregate: ``customers/``, ``requests/`` and ``orders/``.
"""

from workorders.customers import models as customers
from workorders.orders import models as orders
from workorders.requests import models as requests

__all__ = ["customers", "orders", "requests"]
