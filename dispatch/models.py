"""Every dispatch table, gathered so ``app.load_models`` (and so Alembic) sees them all."""

from dispatch.planning import models as planning

__all__ = ["planning"]
