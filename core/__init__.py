"""Shared pieces every domain package leans on: database, errors, auth, clock, events, config."""
