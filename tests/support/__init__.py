"""Builders and helpers shared by the API and integration tests."""
