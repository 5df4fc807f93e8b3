"""Publishing: a finished plan becomes the day's plan in one transaction (work orders assigned,
parts reserved, the customers' notices told through ``PlanPublished``, the previous plan
superseded). It builds on planning, never the other way round."""
