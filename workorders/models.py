"""Every work-order table, gathered so ``app.load_models`` (and so Alembic) sees them all.

The models live with their aggregate: ``customers/``, ``requests/``, ``orders/`` and ``complaints/``.
"""

from workorders.complaints import models as complaints
from workorders.customers import models as customers
from workorders.orders import models as orders
from workorders.requests import models as requests

__all__ = ["complaints", "customers", "orders", "requests"]
