"""Spare parts: catalog, stock locations, the append-only ledger, reservations, returns."""
