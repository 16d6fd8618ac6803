"""Fuzzing the import service with mutations of the real sample files (issue 14, part 3).

A few hundred deterministic inputs, sized to finish well under a minute on two
cores; ``benchmarks/bench_fuzz_import.py`` runs the same harness with thousands.
The ``session_factory`` fixture runs it on SQLite and, when
``RUNSTRONG_TEST_DATABASE_URL`` is set, on PostgreSQL too.

On PostgreSQL only the inputs that reach storage run (issue 11, test time): those
whose parse yields an activity (``import_fuzz.reaches_storage``). For the others the
import sends the database nothing of their own (what it sends for the good file
after them is sent by every input), and the parser's verdict does not depend on the
backend; the SQLite run checks that claim: no rejected input stored anything.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from import_fuzz import MUTATIONS, FuzzInput, fuzz_inputs, reaches_storage, run_fuzz
from sqlalchemy.orm import Session, sessionmaker

INPUTS = 27 * len(MUTATIONS)
SEED = 14


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[FuzzInput, bool]]:
    """Every input and whether it reaches storage (parsed once per worker, not per backend)."""
    probe = tmp_path_factory.mktemp("probe")
    return [(fuzz, reaches_storage(fuzz, probe)) for fuzz in fuzz_inputs(INPUTS, SEED)]


def _is_postgresql(factory: sessionmaker[Session]) -> bool:
    with factory() as session:
        return session.get_bind().dialect.name == "postgresql"


def test_hostile_inputs_never_crash_hang_or_half_write(
    session_factory: sessionmaker[Session], tmp_path: Path, inputs: list[tuple[FuzzInput, bool]]
) -> None:
    postgresql = _is_postgresql(session_factory)
    run = [fuzz for fuzz, reaches in inputs if reaches or not postgresql]
    outcome = run_fuzz(session_factory, iter(run), tmp_path)
    assert outcome.defects() == []
    assert outcome.inputs == len(run) == (sum(r for _, r in inputs) if postgresql else INPUTS)
    # Every input ran before a good file, and every good file was stored.
    assert outcome.imported >= len(run)
    assert outcome.failed > 0 and outcome.noted > 0  # the inputs were hostile enough to matter
    if not postgresql:  # the PostgreSQL run leaves out no input that writes
        wrote = [i for i, count in enumerate(outcome.from_input) if count]
        assert len(wrote) > INPUTS // 4, "too few hostile inputs stored an activity"
        assert [i for i in wrote if not inputs[i][1]] == []
