"""Service requests: what a customer reported, and how triage answered it (resolved remotely,
rejected, or converted to a work order)."""
