"""Complaint cases: what the customer is unhappy about, who owns it, by when it is answered,
and every step taken until the customer confirms it is settled."""
