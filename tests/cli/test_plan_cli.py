"""``runstrong plan new|show|explain`` and ``runstrong athlete init``."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tomllib
from pathlib import Path

import pytest

from runstrong.cli import run
from runstrong.core.athlete import parse_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)


def _plan_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """``examples/athlete.toml``'s plan from 2026-11-30 as a JSON file, not saved."""
    out = tmp_path / "p.json"
    args = ["plan", "new", "-p", str(EXAMPLE), "--start", "2026-11-30", "--json", str(out)]
    assert run([*args, "--no-save"]) == 0
    capsys.readouterr()
    return out


def test_plan_new_writes_outputs_saves_and_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.json"
    code = run([
        "plan", "new", "--profile", str(EXAMPLE), "--start", "2026-11-30",
        "--json", str(out), "--ics", str(tmp_path / "plan.ics"), "--md", str(tmp_path / "plan.md"),
        "--fit-dir", str(tmp_path / "fit"),
    ])  # fmt: skip
    text = capsys.readouterr().out
    assert code == 0
    header = "Season plan for Alex Example: 2026-11-30 → half marathon (21.1 km) on 2027-04-11"
    assert header in text
    assert "No rule had to be broken." in text and "Saved as plan" in text
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["weeks"][0]["start_date"] == "2026-11-30"
    ics = (tmp_path / "plan.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR")
    # DTSTAMP is when the file was made (the command's clock), not the plan's start date.
    stamp = re.search(r"DTSTAMP:(\d{8})T\d{6}Z", ics)
    assert stamp is not None
    made = dt.date.fromisoformat(stamp.group(1))
    assert abs(made - dt.datetime.now(dt.UTC).date()) <= dt.timedelta(days=1)
    assert "#" in (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert list((tmp_path / "fit").glob("*.fit"))
    # the saved plan is the default for show/explain
    assert run(["plan", "show", "--week", "1"]) == 0
    week = capsys.readouterr().out
    assert "Week 1 from 2026-11-30: base" in week and "Long run" in week
    assert run(["plan", "explain", "2026-12-06"]) == 0
    why = capsys.readouterr().out
    assert "Long run" in why and "Rule R6" in why and "Why: Phase base" in why
    # and the file works as well, and passes the audit
    assert run(["plan", "show", "--plan", str(out)]) == 0
    capsys.readouterr()
    assert run(["check", str(out), "--profile", str(EXAMPLE)]) == 0


def test_plan_explain_rest_day_and_outside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _plan_file(tmp_path, capsys)
    assert run(["plan", "explain", "2026-12-04", "--plan", str(out)]) == 0
    assert capsys.readouterr().out.strip() == "2026-12-04 (fri): rest day, nothing planned."
    assert run(["plan", "explain", "2030-01-01", "--plan", str(out)]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: 2030-01-01 is outside the plan (2026-11-30 to 2027-04-25)"
    )


def test_bad_profile_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    bad.write_text(text.replace('long_run_day = "sun"', 'long_run_day = "fri"'), encoding="utf-8")
    assert run(["plan", "new", "-p", str(bad), "--start", "2026-11-30", "--no-save"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        "Error: bad.toml: 'week.long_run_day' = 'fri' has no time windows; choose one of mon, "
        "tue, wed, thu, sat, sun or add week.fri windows"
    )
    assert "Traceback" not in err


def test_goal_in_the_past_and_missing_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["plan", "new", "-p", str(EXAMPLE), "--start", "2027-06-01", "--no-save"]) == 1
    assert "'goal.date' = 2027-04-11 is before the plan start 2027-06-01" in capsys.readouterr().err
    assert run(["plan", "new", "-p", str(tmp_path / "none.toml"), "--no-save"]) == 1
    assert f"profile '{tmp_path / 'none.toml'}' does not exist" in capsys.readouterr().err
    assert run(["plan", "new", "-p", str(EXAMPLE), "--start", "soon", "--no-save"]) == 1
    assert (
        capsys.readouterr().err.strip()
        == "Error: --start 'soon' is not a date; write it as YYYY-MM-DD"
    )


def test_show_without_saved_plan_and_bad_week(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["plan", "show"]) == 1
    assert "no saved plan yet" in capsys.readouterr().err
    out = _plan_file(tmp_path, capsys)
    assert run(["plan", "show", "--plan", str(out), "--week", "99"]) == 1
    assert (
        capsys.readouterr().err.strip()
        == "Error: --week 99 is not in the plan; it has weeks 1 to 21"
    )


def test_athlete_init_with_flags_writes_a_valid_commented_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "me.toml"
    code = run([
        "athlete", "init", "--out", str(path), "--name", "Sam", "--sex", "male",
        "--birth-year", "1985", "--body-mass-kg", "72", "--units", "km",
        "--timezone", "Europe/London", "--weekly-km", "40",
        "--longest-run-km", "15", "--years-running", "6", "--race-distance", "10k",
        "--race-time", "42:00", "--race-date", "2026-10-01", "--vdot", "0",
        "--years-lifting", "2", "--equipment", "gym", "--goal-distance", "marathon",
        "--goal-date", "2027-04-25", "--goal-time", "3:15:00", "--focus", "",
        "--mon", "06:00-07:30", "--tue", "18:00-19:30", "--wed", "", "--thu", "18:00-19:30",
        "--fri", "", "--sat", "08:00-10:00", "--sun", "08:00-11:00", "--gym-days", "mon,thu",
        "--long-run-day", "sun", "--max-session-min", "180", "--no-two-a-days",
        "--injuries", "knee", "--terrain", "road", "--elevation-gain-m", "0",
    ])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# runstrong athlete profile")
    athlete = parse_profile(tomllib.loads(text))
    assert athlete.name == "Sam" and athlete.injuries == ("knee",)
    assert athlete.week.gym_days() == (0, 3)


def test_athlete_init_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "me.toml"
    path.write_text("x", encoding="utf-8")
    args = ["athlete", "init", "--out", str(path)]
    for flag in ("name", "sex", "units", "race-distance", "race-time", "race-date", "equipment",
                 "goal-distance", "goal-date", "goal-time", "focus", "mon", "tue", "wed", "thu",
                 "fri", "sat", "sun", "gym-days", "long-run-day", "injuries"):  # fmt: skip
        args += [f"--{flag}", {"name": "me", "sex": "female", "units": "km"}.get(flag, "")]
    args += ["--birth-year", "1990", "--body-mass-kg", "60", "--weekly-km", "20",
             "--longest-run-km", "8", "--years-running", "1", "--vdot", "40",
             "--years-lifting", "0", "--max-session-min", "90", "--no-two-a-days"]  # fmt: skip
    assert run(args) == 1
    assert (
        capsys.readouterr().err.strip()
        == f"Error: '{path}' already exists; pass --force to overwrite it"
    )


def test_plan_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["plan", "--help"]) == 0
    text = capsys.readouterr().out
    assert "new" in text and "show" in text and "explain" in text


def test_athlete_init_yes_takes_defaults_for_questions_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # QA: docs/athlete-profile.md says `--goal-distance half --goal-date …` runs unattended,
    # but every other question was still asked and closed stdin ended in a bare "Aborted.".
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    path = tmp_path / "me.toml"
    args = ["athlete", "init", "--out", str(path), "--goal-distance", "half"]
    assert run([*args, "--goal-date", "2027-04-11", "--yes"]) == 0
    athlete = parse_profile(tomllib.loads(path.read_text(encoding="utf-8")))
    assert athlete.goal.distance_m == pytest.approx(21097.5)
    assert athlete.name == "me" and athlete.body_mass_kg == pytest.approx(65.0)


def test_athlete_init_answers_from_stdin_and_names_a_missing_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "me.toml"
    # 35 questions (terrain and elevation gain are asked since issue 12 part 6)
    monkeypatch.setattr("sys.stdin", io.StringIO("Kim\nmale\n1980\n" + "\n" * 32))
    assert run(["athlete", "init", "--out", str(path)]) == 0
    athlete = parse_profile(tomllib.loads(path.read_text(encoding="utf-8")))
    assert (athlete.name, athlete.birth_year) == ("Kim", 1980)
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("Kim\n"))
    assert run(["athlete", "init", "--out", str(tmp_path / "other.toml")]) == 1
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "Error: no answer to 'Sex' (input ended): pass it as --sex, or --yes to take the"
            " defaults"
        )
    )
    assert not (tmp_path / "other.toml").exists()


def test_athlete_init_refuses_an_existing_file_before_asking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # QA: the overwrite refusal came only after all 30 questions had been answered.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    path = tmp_path / "me.toml"
    path.write_text("x", encoding="utf-8")
    assert run(["athlete", "init", "--out", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"Error: '{path}' already exists; pass --force to overwrite it"
    assert "Name" not in captured.out


def test_plan_new_writes_no_output_when_one_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA: --json was written, then --ics failed (missing folder / unknown time zone),
    # leaving a plan.json for a plan that was never saved.
    out = tmp_path / "plan.json"
    ics = tmp_path / "missing" / "plan.ics"
    args = ["plan", "new", "--profile", str(EXAMPLE), "--start", "2026-11-30"]
    assert run([*args, "--json", str(out), "--ics", str(ics)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"Error: cannot write '{ics}': folder '{ics.parent}' does not exist"
    )
    assert not out.exists()
    bad_tz = tmp_path / "tz.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("Europe/Berlin", "Mars/Olympus")
    bad_tz.write_text(text, encoding="utf-8")
    args = ["plan", "new", "--profile", str(bad_tz), "--start", "2026-11-30"]
    assert run([*args, "--json", str(out), "--ics", str(tmp_path / "p.ics")]) == 1
    assert "unknown time zone 'Mars/Olympus'" in capsys.readouterr().err
    assert not out.exists()
    assert run(["plan", "show"]) == 1


def test_show_follows_a_miles_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """QA: only `plan new` showed miles for a `units = "mi"` profile; `plan show` said km."""
    miles = tmp_path / "miles.toml"
    miles.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace('units = "km"', 'units = "mi"'),
        encoding="utf-8",
    )
    assert run(["plan", "new", "--profile", str(miles), "--start", "2026-11-30"]) == 0
    capsys.readouterr()
    assert run(["plan", "show", "--week", "2"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head.endswith(" mi")
    assert run(["plan", "show", "--week", "2", "--units", "km"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(" km")
    assert run(["plan", "show", "--units", "furlongs"]) == 1
    assert "Error: invalid --units 'furlongs': use km or mi" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "new", "--profile", str(EXAMPLE), "--ramp-cap", "0.9", "--no-save"],
         "Error: Invalid value for '--ramp-cap': 0.9 is not in the range 0.0<=x<=0.5."),
        (["e1rm", "--load", "x", "--reps", "5"],
         "Error: Invalid value for '--load' / '-l': 'x' is not a valid float."),
    ],
    ids=["out-of-range", "not-a-number"],
)  # fmt: skip
def test_a_bad_option_value_is_named_with_what_is_allowed(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A usage error names the bad value and what is allowed, on one line (typer < 0.28;
    typer 0.29's pydantic messages, e.g. "Input should be less than or equal to 0.5", do not)."""
    assert run(argv) == 2
    assert message in capsys.readouterr().err.splitlines()


def test_dates_stay_whole_on_an_80_column_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Piped (80 columns), the season table cut its dates to "2026-12…"."""
    start = ["--start", "2026-11-30"]
    assert run(["plan", "new", "--profile", str(EXAMPLE), *start, "--no-save"]) == 0
    assert run(["plan", "new", "--profile", str(EXAMPLE), *start]) == 0
    capsys.readouterr()
    monkeypatch.setenv("COLUMNS", "80")
    assert run(["plan", "show"]) == 0
    season = capsys.readouterr().out
    assert "2026-11-30" in season and "2026-12-07" in season
    assert run(["plan", "show", "--week", "2"]) == 0
    assert "mon 07 Dec" in capsys.readouterr().out


def test_athlete_init_refuses_a_typo_time_and_a_past_goal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--race-time 48.30` (48.3 seconds) and a goal date already past were written, and
    `plan new` failed later; init now refuses them and writes nothing."""
    monkeypatch.setattr("runstrong.cli.athlete.today_local", lambda: dt.date(2026, 12, 7))
    path = tmp_path / "me.toml"
    args = ["athlete", "init", "--out", str(path), "--yes"]
    assert run([*args, "--race-distance", "10k", "--race-time", "48.30"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --race-time 48.30: implausible result: 10k in 0:48.30 is faster than the "
        "world record 26:11.00 (Joshua Cheptegei, 2020); check the distance and time; "
        "did you mean 48:30?"
    )
    assert run([*args, "--goal-date", "2026-12-01"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --goal-date 2026-12-01 is not after today (2026-12-07): give the date of the "
        "race you are training for"
    )
    assert not path.exists()


def test_athlete_init_asks_in_miles_and_for_a_time_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After "Units: mi" the volume questions were still in km, and no time zone was
    asked, so the CLI's calendar put an 18:00 window at 18:00 UTC."""
    path = tmp_path / "me.toml"
    answers = "Kim\nfemale\n1980\n60\nmi\nEurope/Berlin\n25\n10\n" + "\n" * 30
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    assert run(["athlete", "init", "--out", str(path)]) == 0
    asked = capsys.readouterr().out
    assert "Weekly mi [18.6]" in asked and "Longest run mi [7.5]" in asked
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["timezone"] == "Europe/Berlin"
    assert (data["running"]["weekly_mi"], data["running"]["longest_run_mi"]) == (25.0, 10.0)
    athlete = parse_profile(data)
    assert athlete.weekly_km == pytest.approx(25 * 1.609344)
    flags = ["--units", "mi", "--weekly-mi", "40", "--timezone", "America/Denver", "--yes"]
    assert run(["athlete", "init", "--out", str(tmp_path / "b.toml"), *flags]) == 0
    data = tomllib.loads((tmp_path / "b.toml").read_text(encoding="utf-8"))
    assert data["running"]["weekly_mi"] == 40.0 and "weekly_km" not in data["running"]


def test_show_of_a_plan_file_follows_its_miles_athlete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12 item 8 (coach QA A8): `plan show --plan X.json` showed km for a miles
    athlete's plan; the plan file now carries the athlete's units."""
    miles = tmp_path / "miles.toml"
    miles.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace('units = "km"', 'units = "mi"'),
        encoding="utf-8",
    )
    plan = tmp_path / "plan.json"
    args = ["plan", "new", "--profile", str(miles), "--start", "2026-11-30", "--no-save"]
    assert run([*args, "--json", str(plan)]) == 0
    assert json.loads(plan.read_text(encoding="utf-8"))["units"] == "mi"
    capsys.readouterr()
    assert run(["plan", "show", "--plan", str(plan), "--week", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(" mi")
    assert run(["plan", "show", "--plan", str(plan), "--week", "2", "--units", "km"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(" km")


def test_athlete_init_takes_the_goal_races_terrain_and_climb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA (issue 12 part 6): a trail runner could not give the course's ground or climb
    # to `athlete init`; only an edited TOML planned the race as off-road.
    path = tmp_path / "trail.toml"
    args = ["athlete", "init", "--yes", "--out", str(path), "--goal-distance", "50k",
            "--goal-date", "2027-05-02"]  # fmt: skip
    assert run([*args, "--terrain", "trail", "--elevation-gain-m", "2500"]) == 0
    goal = parse_profile(tomllib.loads(path.read_text(encoding="utf-8"))).goal
    assert (goal.terrain, goal.elevation_gain_m) == ("trail", 2500.0)
    capsys.readouterr()
    assert run([*args, "--force", "--terrain", "hills"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --terrain 'hills' is not allowed: use one of road, trail, mountain"
    )
    assert run([*args, "--force", "--elevation-gain-m", "12000"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --elevation-gain-m 12000 is out of range: give the course's total climb, "
        "0 to 10000 m"
    )
