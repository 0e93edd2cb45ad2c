"""Programs of our own that make the calls of PyWebIO v0.3.0's numbered tests and demos, run by
test/compat/test_v03_programs.py."""
