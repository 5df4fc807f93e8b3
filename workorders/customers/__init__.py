"""Customers, their sites and the assets installed there: who the work is for and where."""
