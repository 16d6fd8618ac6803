"""Fuzzing the import service with mutations of the real sample files (issue 14, part 3).

A few hundred deterministic inputs, sized to finish well under a minute on two
cores; ``benchmarks/bench_fuzz_import.py`` runs the same harness with thousands.
The ``session_factory`` fixture runs it on SQLite and, when
``RUNSTRONG_TEST_DATABASE_URL`` is set, on PostgreSQL too.
"""

from __future__ import annotations

from pathlib import Path

from import_fuzz import MUTATIONS, fuzz_inputs, run_fuzz
from sqlalchemy.orm import Session, sessionmaker

INPUTS = 27 * len(MUTATIONS)
SEED = 14


def test_hostile_inputs_never_crash_hang_or_half_write(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    outcome = run_fuzz(session_factory, fuzz_inputs(INPUTS, SEED), tmp_path)
    assert outcome.defects() == []
    assert outcome.inputs == INPUTS
    # Every input ran before a good file, and every good file was stored.
    assert outcome.imported >= INPUTS
    assert outcome.failed > 0 and outcome.noted > 0  # the inputs were hostile enough to matter
