"""v0.3.0's demos, as programs of our own: each makes the calls of the upstream demo of the same
name; ``python -m test.compat.v03.demos`` serves them all, as upstream's ``python -m demos``."""
