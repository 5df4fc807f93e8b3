"""Customers, sites, assets, service requests, work orders and their lifecycle."""
