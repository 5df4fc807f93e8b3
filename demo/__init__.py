"""The demo company: a believable city, engineers, customers and tomorrow's requests."""
