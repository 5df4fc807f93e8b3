"""Reservations of good stock for work orders, and the pick lists they form per warehouse and day."""
