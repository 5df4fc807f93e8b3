"""Stock locations: warehouses, one van per engineer, and the virtual places stock comes from and goes to."""
