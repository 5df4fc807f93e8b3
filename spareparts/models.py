"""Every spare-parts table, gathered so ``app.load_models`` (and so Alembic) sees them all.

The models live with their aggregate; the ledger's brings the table's append-only trigger.
"""

from spareparts.catalog import models as catalog
from spareparts.ledger import models as ledger
from spareparts.locations import models as locations
from spareparts.reservations import models as reservations
from spareparts.returns import models as returns

__all__ = ["catalog", "ledger", "locations", "reservations", "returns"]
