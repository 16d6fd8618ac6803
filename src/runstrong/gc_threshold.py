"""Fewer young-generation garbage collections in a ``runstrong`` command process.

A command makes its objects once and keeps most of them (imported modules, a plan,
its rows, its table), so collections every 700 allocations found little garbage and
walked the survivors again (docs/benchmarks.md). Used by the console script
(``runstrong.entry``, before anything is imported) and ``runstrong.cli.main``.
Standard library only.
"""

from __future__ import annotations

import gc

COMMAND_GC_YOUNG_THRESHOLD = 50_000
"""Allocations between young-generation collections in a ``runstrong`` process."""


def raise_young_threshold() -> None:
    """Collect the young generation every :data:`COMMAND_GC_YOUNG_THRESHOLD` allocations
    (at least), the older generations' thresholds unchanged."""
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, COMMAND_GC_YOUNG_THRESHOLD), *older)
