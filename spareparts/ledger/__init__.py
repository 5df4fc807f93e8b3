"""The ledger: immutable entries, the one function that appends them, and the balances they move."""
