"""The README's command tour works as written (issue 15, part 8).

Every ``runstrong …`` line of the README's "A tour of the command line" runs,
in order, in a fresh home folder (HOME, the XDG folders and no RUNSTRONG_*
variable, so the default database and settings live there; the home folder is the
working directory), with the files the tour names put where it names them. Each
result is checked. ``athlete init`` gets an Enter for every question (the
defaults), as a reader pressing Enter would; ``serve`` is started on a free port
instead of 8000 (the machine may be serving something there), asked for
``/healthz`` and stopped.

``serve`` runs as a real process: the installed ``runstrong`` console script, as a
reader starts it. The other lines run in this process (issue 11, test time: they
were 24 ``bash -c`` processes, about 1 s of CPU each, most of it interpreter and
import start-up, which ``tests/cli/test_startup.py`` measures on its own): each line
is split into words as a POSIX shell splits it (``shlex.split``; the tour's lines
use only quotes and a leading ``~``, expanded as the shell does) and given to the
console script's own function, ``runstrong.cli.run``, with standard input
holding the Enters.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ACTIVITIES = ROOT / "tests" / "data" / "activities"
ARCHIVE = ACTIVITIES / "derived" / "exports" / "strava_export_sample.zip"
WATCH_FILE = ACTIVITIES / "python-fitparse" / "activity-small-fenix2-run.fit"
BIN = Path(sys.executable).parent


def tour_lines() -> list[str]:
    section = README[README.index("## A tour of the command line") :]
    section = section[: section.index("\n## ", 1)]
    lines: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
        lines += [line for line in block.splitlines() if line.startswith("runstrong ")]
    return lines


def _today() -> str:
    return dt.datetime.now().astimezone().date().isoformat()


def _tomorrow() -> str:
    return (dt.datetime.now().astimezone().date() + dt.timedelta(days=1)).isoformat()


# What each tour line must print (exit status 0 for all); keys are the line without comment.
EXPECTED: dict[str, list[str]] = {
    "runstrong paces --distance 5k --time 20:00": ["Training paces", "Threshold"],
    "runstrong paces --distance half --time 1:35:00 --json": ['"vdot"'],
    "runstrong e1rm --load 100 --reps 5 --rpe 8": ["e1RM", "Epley"],
    "runstrong athlete init": ["Wrote athlete.toml"],
    "runstrong plan new --profile athlete.toml --json plan.json --ics plan.ics --md plan.md "
    "--fit-dir workouts/": ["Season plan for me", "Saved as plan 1 for me."],
    "runstrong plan show --week 3": ["Week 3 from"],
    "runstrong plan explain tomorrow": ["{tomorrow}"],
    "runstrong check plan.json": ["plan.json: no hard rule broken"],
    "runstrong exercises list --pattern hinge": ["Romanian deadlift"],
    'runstrong exercises show "Romanian deadlift"': ["Romanian deadlift", "Substitutions"],
    "runstrong import ~/Downloads/export_12345678.zip ~/watch/": ["Imported 7 activities for 'me'"],
    'runstrong log lift --exercise "Romanian deadlift" --set 3x8@60kg --rpe 7': [
        "Logged strength session 8 of me on {today}: 3 sets of Romanian deadlift"
    ],
    "runstrong log run --distance 8k --duration 42:00 --rpe 4": [
        "Logged run 9 of me on {today}: 8 km in 42:00."
    ],
    "runstrong log wellness --sleep 7.5 --sleep-quality 4 --soreness 2": [
        "Wellness of me for {today}: sleep 7.5h, sleep quality 4, soreness 2"
    ],
    "runstrong log show --since 2026-11-01": ["Log of me", "Run (logged), 8 km, 42:00"],
    "runstrong log rpe 9 --rpe 7": ["Session RPE of activity 9 of me (running, {today}) set to 7."],
    "runstrong export --format json backup/": ["Exported 1 athletes, 9 activities, 1 wellness"],
    "runstrong import-export backup/ --database sqlite:///restored.sqlite3": [
        "Restored export backup into sqlite:///restored.sqlite3: 1 athletes, 9 activities"
    ],
    "runstrong serve --host 127.0.0.1 --port 8000": ['"status":"ok"'],
    "runstrong db upgrade": ["Database already at revision"],
    "runstrong db current": ["up to date"],
    "runstrong athlete add Sam": [
        "Added athlete 'Sam' (id 2).",
        "The default athlete is still 'me'",
    ],
    "runstrong today": ["me — "],
    "runstrong athlete use Sam": ["Default athlete: 'Sam' (id 2)"],
    "runstrong athlete list": ["Sam"],
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(line: str, env: dict[str, str], home: Path) -> str:
    port = _free_port()
    args = shlex.split(line.replace("--port 8000", f"--port {port}"))
    proc = subprocess.Popen(
        [str(BIN / args[0]), *args[1:]],
        env=env,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    return str(r.read().decode("utf-8")).replace(" ", "")
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError(f"{line!r} did not serve /healthz") from None
                time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    (home / "watch").mkdir()
    shutil.copy(ARCHIVE, home / "Downloads" / "export_12345678.zip")
    shutil.copy(WATCH_FILE, home / "watch" / WATCH_FILE.name)
    return home


def test_the_tour_has_every_expected_command() -> None:
    lines = [line.split("  #")[0].strip() for line in tour_lines()]
    assert lines == list(EXPECTED)


def _shell_words(command: str) -> list[str]:
    """``command`` split into words as a POSIX shell splits it, a leading ``~`` expanded."""
    return [os.path.expanduser(w) if w.startswith("~") else w for w in shlex.split(command)]


def test_the_readme_tour_works_as_written(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from runstrong.cli import run

    for name in [k for k in os.environ if k.startswith("RUNSTRONG_")]:
        monkeypatch.delenv(name)
    tour_env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "COLUMNS": "200",
    }
    for name, value in tour_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(home)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    for line in tour_lines():
        command = line.split("  #")[0].strip()
        if command.startswith("runstrong serve "):
            out = _serve(command, env, home)
        else:
            words = _shell_words(command)
            assert words[0] == "runstrong"
            monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 60))
            code = run(words[1:])
            out, err = capsys.readouterr()
            assert code == 0, f"{line}\n{out}\n{err}"
        for want in EXPECTED[command]:
            want = want.format(today=_today(), tomorrow=_tomorrow())
            assert want in out, f"{line}: {want!r} not in\n{out}"
    assert (home / "athlete.toml").is_file()
    assert {"plan.json", "plan.ics", "plan.md"} <= {p.name for p in home.iterdir()}
    assert list((home / "workouts").glob("*.fit"))
    assert (home / "restored.sqlite3").is_file()
    assert (home / ".local" / "share" / "runstrong" / "runstrong.sqlite3").is_file()
    assert (home / ".config" / "runstrong" / "cli.toml").is_file()


def test_check_help_and_readme_name_the_rules_the_audit_checks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from runstrong.cli import run
    from runstrong.core.rules.audit.engine import CHECKS

    covered = {int(n) for check in CHECKS for n in re.findall(r"_r(\d+)", check.__name__)}
    consistency = {int(n) for check in CHECKS for n in re.findall(r"_c(\d+)", check.__name__)}
    assert covered == set(range(1, 18))  # R1–R17
    assert consistency == {1, 2, 3}  # C1–C3
    assert run(["check", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "the plan rules R1–R17 and the consistency checks C1–C3" in text
    assert (
        "runstrong check plan.json       # audits a plan file: rules R1–R17 and checks C1–C3"
        in (README)
    )
