"""Planning: a service day read from the database into the optimizer's problem, solved off the
request (inline or in a worker process, with progress and cancel), and stored as a plan with
its routes, the jobs left out and why, and the problem it answers; pins, the parts each
engineer can obtain, re-plans from where everyone is, and the plan as the dispatcher reads it."""
