"""Work orders: one visit to fix one problem, its lifecycle, what the engineer records on site,
and what planning reads and does to them."""
