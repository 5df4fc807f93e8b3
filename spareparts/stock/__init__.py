"""Stock as people move and read it: movements, balances, the ledger list, serial units, the books check."""
