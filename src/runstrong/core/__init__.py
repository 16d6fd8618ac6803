"""The pure core of runstrong.

Nothing under ``runstrong.core`` may touch files, the database, the network or
the clock: callers pass ``today`` and data in, and get values back. A test
(tests/core/test_boundary.py) enforces the import boundary.
"""
