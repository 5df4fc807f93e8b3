"""The service desk: the agents' queue, their figures, reminders, the customer file in one
read, and the facts the desk asks other packages for (``ports``)."""
