"""Faulty returns: the old part owed back after a returnable part is fitted."""
