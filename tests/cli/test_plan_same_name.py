"""``plan new`` never silently replaces another athlete who only shares a name (QA
review 2026-12-07, item 1): the athlete is the one planned from the same profile file;
a profile from another file with a name already taken is refused, nothing is written,
until ``--replace`` says it is the same athlete (or the profile is renamed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from runstrong.cli import run
from runstrong.storage import repository
from runstrong.storage.db import make_engine, make_session_factory, transaction

DATA = Path(__file__).resolve().parents[1] / "data" / "coachqa"
START = "2026-12-07"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)


def _profiles(tmp_path: Path) -> tuple[Path, Path]:
    """Two different athletes, both called "miles" (coachqa qa7_a7 renamed, and a8)."""
    first = tmp_path / "coach" / "miles_a.toml"
    second = tmp_path / "coach" / "miles_b.toml"
    first.parent.mkdir()
    text = (DATA / "qa7_a7.toml").read_text(encoding="utf-8")
    first.write_text(text.replace('name = "a7"', 'name = "miles"'), encoding="utf-8")
    shutil.copyfile(DATA / "a8.toml", second)
    for path in (first, second):
        assert 'name = "miles"' in path.read_text(encoding="utf-8")
    return first, second


def _stored(db_url: str) -> list[tuple[int, str, str | None, list[int]]]:
    """Each athlete: id, name, profile text, and the ids of its active plans."""
    engine = make_engine(db_url)
    try:
        with transaction(make_session_factory(engine)) as session:
            rows = []
            for a in repository.list_athletes(session):
                active = repository.active_plan(session, a.id)
                rows.append((a.id, a.name, a.profile_toml, [active.id] if active else []))
            return rows
    finally:
        engine.dispose()


def _plan(profile: Path, *extra: str) -> int:
    return run(["plan", "new", "--profile", str(profile), "--start", START, *extra])


def test_another_athlete_with_the_same_name_is_refused(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _profiles(tmp_path)
    assert _plan(first) == 0
    capsys.readouterr()
    before = _stored(db_url)
    assert len(before) == 1 and before[0][2] == first.read_text(encoding="utf-8")
    out_json = tmp_path / "b.json"
    assert _plan(second, "--json", str(out_json)) == 1
    captured = capsys.readouterr()
    error = captured.err.strip()
    assert error.startswith("Error: an athlete named 'miles' already exists (id 1, planned from ")
    assert str(first.resolve()) in error
    assert "--replace" in error and "rename" in error
    assert len(captured.err.strip().splitlines()) == 1
    assert _stored(db_url) == before  # profile and active plan untouched
    assert not out_json.exists()  # nothing half-written either
    assert "Saved as plan" not in captured.out


def test_replace_says_it_is_the_same_athlete(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _profiles(tmp_path)
    assert _plan(first) == 0
    assert _plan(second, "--replace") == 0
    out = capsys.readouterr().out
    assert "Saved as plan 2 for miles (athlete id 1, profile and plan replaced)." in out
    [(athlete_id, _, profile, active)] = _stored(db_url)
    assert (athlete_id, profile, active) == (1, second.read_text(encoding="utf-8"), [2])
    # from now on the second file is this athlete's: planning again from it just works
    assert _plan(second) == 0
    assert _plan(first) == 1


def test_replanning_from_the_same_file_after_editing_it(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = _profiles(tmp_path)
    assert _plan(first) == 0
    text = first.read_text(encoding="utf-8")
    edited = text.replace("max_session_min = 120", "max_session_min = 110")
    assert edited != text
    first.write_text(edited, encoding="utf-8")
    monkeypatch.chdir(first.parent)  # the same file, named relatively
    assert _plan(Path(first.name)) == 0
    [(athlete_id, _, profile, active)] = _stored(db_url)
    assert (athlete_id, profile, active) == (1, edited, [2])


def test_a_renamed_profile_is_a_new_athlete(tmp_path: Path, db_url: str) -> None:
    first, second = _profiles(tmp_path)
    assert _plan(first) == 0
    second.write_text(
        second.read_text(encoding="utf-8").replace('name = "miles"', 'name = "miles b"'),
        encoding="utf-8",
    )
    assert _plan(second) == 0
    assert [(a[0], a[1], a[3]) for a in _stored(db_url)] == [
        (1, "miles", [1]),
        (2, "miles b", [2]),
    ]


def test_an_athlete_added_by_name_takes_the_first_profile(tmp_path: Path, db_url: str) -> None:
    # `athlete add miles` then `plan new`: no profile yet, nothing to lose; the profile is hers.
    first, second = _profiles(tmp_path)
    assert run(["athlete", "add", "miles"]) == 0
    assert _plan(first) == 0
    assert _plan(second) == 1
    [(athlete_id, _, profile, active)] = _stored(db_url)
    assert (athlete_id, profile, active) == (1, first.read_text(encoding="utf-8"), [1])


def test_a_profile_identical_to_the_stored_one_is_the_same_athlete(
    tmp_path: Path, db_url: str
) -> None:
    # A copy of the planned file (moved, or backed up) with the same text: same athlete.
    first, _ = _profiles(tmp_path)
    assert _plan(first) == 0
    moved = tmp_path / "moved.toml"
    shutil.copyfile(first, moved)
    assert _plan(moved) == 0
    assert [a[3] for a in _stored(db_url)] == [[2]]
