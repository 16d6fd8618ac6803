"""A fast CLI: ``--help`` and ``paces`` import no database, web, chart or planner code.

Each check runs the command in a fresh interpreter and reads ``sys.modules``
afterwards, so a top-level import added anywhere on the path shows up here.
The lazy root's one-line summaries must equal each loaded command's help.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import typer.main

import runstrong.cli as cli_package
from runstrong import __version__
from runstrong.cli import app, run
from runstrong.cli.lazy import COMMANDS, LazyGroup, load_command

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "sqlalchemy",
    "alembic",
    "fastapi",
    "starlette",
    "matplotlib",
    "numpy",
    "runstrong.core.planning.build",
    "runstrong.core.planning",
    "runstrong.storage",
    "runstrong.services",
    "runstrong.web",
)

_PROBE = """
import json, sys
from runstrong.cli import run
code = run(sys.argv[1:])
print("\\n@@" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _imported(*argv: str, env: dict[str, str] | None = None) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, check=True, env=env
    )
    body = json.loads(done.stdout.rsplit("\n@@", 1)[1])
    return body["code"], body["modules"]


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(HEAVY)]


@pytest.mark.parametrize(
    "argv",
    [
        ("--help",),
        ("--version",),
        ("paces", "--distance", "5k", "--time", "20:00"),
        ("paces", "--distance", "5k", "--time", "20:00", "--json"),
        ("e1rm", "--load", "100", "--reps", "5"),
        ("exercises", "list"),
        ("check", str(ROOT / "examples" / "plan-minimal.json")),
    ],
    ids=["help", "version", "paces", "paces-json", "e1rm", "exercises", "check"],
)
def test_light_commands_import_nothing_heavy(argv: tuple[str, ...]) -> None:
    code, modules = _imported(*argv)
    assert code == 0
    assert _heavy(modules) == []


# Drawing help needs these; running a command does not (Typer imports them for help only).
HELP_RENDERER = ("typer.rich_utils", "rich.markdown", "rich.traceback", "markdown_it", "pygments")


@pytest.mark.parametrize(
    "argv",
    [
        ("paces", "--distance", "5k", "--time", "20:00"),
        ("paces", "--distance", "5k", "--time", "20:00", "--json"),
        ("e1rm", "--load", "100", "--reps", "5"),
        ("plan", "new", "--profile", str(ROOT / "examples" / "athlete.toml"),
         "--start", "2026-11-09", "--no-save"),
    ],
    ids=["paces", "paces-json", "e1rm", "plan-new-no-save"],
)  # fmt: skip
def test_running_a_command_imports_no_pydantic_and_no_help_renderer(argv: tuple[str, ...]) -> None:
    """Issue 11, a fast CLI: pydantic is ~140 ms of start-up, the help renderer ~100 ms.

    typer 0.29 coerces every option through a pydantic TypeAdapter; pyproject caps typer
    below 0.28 for that, and this test fails if the cap is lifted or a command's own
    import chain reaches pydantic (the plan file schema, the web) again.
    """
    code, modules = _imported(*argv)
    assert code == 0
    assert [m for m in modules if m.startswith(("pydantic", *HELP_RENDERER))] == []


@pytest.mark.parametrize(
    "argv",
    [
        ("paces", "--distance", "5k", "--time", "20:00"),
        ("plan", "new", "--profile", str(ROOT / "examples" / "athlete.toml"),
         "--start", "2026-11-09", "--no-save"),
    ],
    ids=["paces", "plan-new-no-save"],
)  # fmt: skip
def test_printing_loads_no_emoji_table(argv: tuple[str, ...]) -> None:
    """The CLI's consoles draw no emoji codes (``tests/cli/test_console_text.py``), so
    Rich's emoji table (~12 M instructions) is never loaded by a command's output."""
    code, modules = _imported(*argv)
    assert code == 0
    assert "rich.console" in modules
    assert "rich._emoji_codes" not in modules


@pytest.mark.parametrize("argv", [("--help",), ("--version",)], ids=["help", "version"])
def test_help_and_version_import_no_pydantic_and_no_core_beyond_errors(
    argv: tuple[str, ...],
) -> None:
    code, modules = _imported(*argv)
    assert code == 0
    assert [m for m in modules if m.startswith("pydantic")] == []
    core = {m for m in modules if m.startswith("runstrong.core")}
    assert core == {"runstrong.core", "runstrong.core.errors"}


def test_version_imports_no_help_renderer() -> None:
    _, modules = _imported("--version")
    assert [m for m in modules if m.startswith(HELP_RENDERER)] == []


def test_athlete_init_opens_no_database(tmp_path: Path) -> None:
    code, modules = _imported("athlete", "init", "--yes", "--out", str(tmp_path / "a.toml"))
    assert code == 0 and (tmp_path / "a.toml").exists()
    database = ("sqlalchemy", "alembic", "runstrong.storage")
    assert [m for m in modules if m.startswith(database)] == []


def test_plan_new_without_saving_imports_no_database_web_or_exporter() -> None:
    """``plan new --no-save`` without output files needs the planner only (issue 11)."""
    code, modules = _imported(
        "plan", "new", "--profile", str(ROOT / "examples" / "athlete.toml"),
        "--start", "2026-11-09", "--no-save",
    )  # fmt: skip
    assert code == 0
    assert "runstrong.core.planning.build" in modules
    unneeded = (
        "sqlalchemy", "alembic", "fastapi", "starlette", "matplotlib", "runstrong.storage",
        "runstrong.web", "runstrong.exporters", "runstrong.cli.default_athlete",
        "runstrong.services.coach", "runstrong.services.athletes",
        "runstrong.core.science.nutrition",  # the example profile sets no weight goal
    )  # fmt: skip
    assert [m for m in modules if m.startswith(unneeded)] == []


def test_opening_a_migrated_database_imports_no_alembic(tmp_path: Path) -> None:
    """Alembic is imported to migrate, not to learn that the database is up to date."""
    env = dict(os.environ, RUNSTRONG_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
               XDG_CONFIG_HOME=str(tmp_path / "config"))  # fmt: skip
    code, modules = _imported("log", "show", env=env)  # a new file: migrated here
    assert code == 0 and "alembic" in modules
    code, modules = _imported("log", "show", env=env)
    assert code == 0 and "sqlalchemy" in modules
    assert [m for m in modules if m.startswith("alembic")] == []


def test_saving_a_plan_imports_no_pydantic(tmp_path: Path) -> None:
    """The plan is stored as JSON written from dicts; pydantic is for reading plan files."""
    env = dict(os.environ, RUNSTRONG_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
               XDG_CONFIG_HOME=str(tmp_path / "config"))  # fmt: skip
    code, modules = _imported(
        "plan", "new", "--profile", str(ROOT / "examples" / "athlete.toml"),
        "--start", "2026-11-09", "--json", str(tmp_path / "plan.json"), env=env,
    )  # fmt: skip
    assert code == 0 and (tmp_path / "plan.json").exists()
    assert "runstrong.storage.repo_plans" in modules  # it did save
    assert [m for m in modules if m.startswith("pydantic")] == []


ORM = ("sqlalchemy.orm", "runstrong.storage.tables", "runstrong.storage.repository")


def test_saving_a_plan_imports_no_orm_and_no_postgresql_dialect(tmp_path: Path) -> None:
    """Issue 11, a fast CLI: a saved ``plan new`` stores its athlete and plan with Core
    statements; the ORM and its mapped classes were about a quarter of its start-up, and
    the PostgreSQL dialect (loaded by a ``postgresql_where`` option) has no use on SQLite.
    The first run migrates the new file (Alembic) and stores through the engine; the
    second finds the file up to date and stores with ``sqlite3``: no SQLAlchemy at all
    (it was about a third of the command)."""
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = dict(os.environ, RUNSTRONG_DATABASE_URL=url, XDG_CONFIG_HOME=str(tmp_path / "config"))
    plan_new = ("plan", "new", "--profile", str(ROOT / "examples" / "athlete.toml"))
    unneeded = (*ORM, "sqlalchemy.dialects.postgresql", "alembic")
    code, modules = _imported(*plan_new, "--start", "2026-11-09", env=env)
    assert code == 0
    assert {"alembic", "runstrong.storage.repo_plans"} <= set(modules)  # migrated, stored
    code, modules = _imported(*plan_new, "--start", "2026-11-16", env=env)
    assert code == 0
    assert "runstrong.storage.sqlite_file" in modules
    assert [m for m in modules if m.startswith((*unneeded, "sqlalchemy"))] == []
    from runstrong.storage import repository as repo
    from runstrong.storage.db import make_engine, make_session_factory, transaction

    engine = make_engine(url)
    with transaction(make_session_factory(engine)) as session:
        (athlete,) = repo.list_athletes(session)
        stored = repo.list_plans(session, athlete.id)
    engine.dispose()
    assert (athlete.name, [p.active for p in stored]) == ("Alex Example", [False, True])
    assert '"start_date": "2026-11-16"' in stored[1].plan_json
    settings = (tmp_path / "config" / "runstrong" / "cli.toml").read_text(encoding="utf-8")
    assert f'"{url}" = {athlete.id}' in settings  # the default athlete, keyed by the URL


def test_saving_again_loads_only_the_athlete_record(tmp_path: Path) -> None:
    """Issue 11 item 8: storing a plan on a SQLite file at the newest schema needs one
    record class (the athlete's); the module of every stored record (users, activities,
    plans, plan events) made five frozen dataclasses, ~21 M instructions of a saved
    ``plan new`` (docs/benchmarks.md)."""
    env = dict(os.environ, RUNSTRONG_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
               XDG_CONFIG_HOME=str(tmp_path / "config"))  # fmt: skip
    plan_new = ("plan", "new", "--profile", str(ROOT / "examples" / "athlete.toml"))
    assert _imported(*plan_new, "--start", "2026-11-09", env=env)[0] == 0  # migrates, stores
    code, modules = _imported(*plan_new, "--start", "2026-11-16", env=env)
    assert code == 0
    assert "runstrong.storage.sqlite_file" in modules  # it stored with sqlite3
    assert "runstrong.storage.records" not in modules


def test_the_probe_sees_heavy_imports() -> None:
    """The check above can fail: a command that opens the database is seen importing it."""
    code, modules = _imported("db", "--help")
    assert code == 0
    assert "runstrong.cli.db" in modules
    _, modules = _imported("today", "--help")
    assert "sqlalchemy" in modules


def test_help_imports_no_command_module() -> None:
    _, modules = _imported("--help")
    loaded = {m for m in modules if m.startswith("runstrong.cli.")}
    assert loaded == {"runstrong.cli.console", "runstrong.cli.lazy"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_summary_matches_the_command_help(name: str) -> None:
    command = load_command(name)
    assert command.name == name
    first_paragraph = (command.help or "").strip().split("\n\n")[0]
    assert " ".join(first_paragraph.split()) == COMMANDS[name].summary


def test_every_registered_command_is_listed() -> None:
    """Every top-level command any ``runstrong.cli`` module registers is in the lazy table."""
    scratch = typer.Typer()

    @scratch.callback()
    def _scratch() -> None:
        """Scratch group."""

    for info in pkgutil.iter_modules(cli_package.__path__, "runstrong.cli."):
        module = importlib.import_module(info.name)
        if hasattr(module, "register"):
            module.register(scratch)
    assert sorted(typer.main.get_group(scratch).commands) == sorted(COMMANDS)
    root = typer.main.get_command(app)
    assert isinstance(root, LazyGroup)
    root.load_all()
    assert sorted(root.commands) == sorted(COMMANDS)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"]) == 0
    assert capsys.readouterr().out == f"runstrong {__version__}\n"
    assert version("runstrong") == __version__  # pyproject reads it from runstrong/__init__.py


def test_a_first_import_runs_without_garbage_collection_and_is_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``import_quietly``: no collection while a command's modules are first imported,
    their objects frozen afterwards; an import already done pauses and freezes nothing."""
    import gc

    from runstrong.cli.lazy import import_quietly

    (tmp_path / "rs_quiet_probe.py").write_text(
        "import gc\nCOLLECTING = gc.isenabled()\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    gc.unfreeze()
    try:
        (module,) = import_quietly("rs_quiet_probe")
        assert (module.COLLECTING, gc.isenabled()) == (False, True)
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
        assert import_quietly("rs_quiet_probe") == [module]
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        sys.modules.pop("rs_quiet_probe", None)


def test_a_command_collects_young_objects_rarely_and_cycles_still() -> None:
    """``main`` (the console script) raises the young generation's threshold for the
    command and leaves the older generations' as they were: a saved ``plan new`` made
    75 young collections (~14 ms of CPU under load) that found little garbage."""
    probe = (
        "import atexit, gc, json, sys\n"
        "from runstrong.cli import main\n"
        "before, seen = gc.get_threshold(), []\n"
        "gc.callbacks.append(lambda phase, _: seen.append(phase) if phase == 'start' else 0)\n"
        "report = lambda: print('@@' + json.dumps([before, gc.get_threshold(), len(seen)]))\n"
        "atexit.register(report)\n"
        "sys.argv = ['runstrong', *sys.argv[1:]]\n"
        "main()\n"
    )
    argv = ["plan", "new", "--profile", str(ROOT / "examples" / "athlete.toml"),
            "--start", "2026-11-09", "--no-save"]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True
    )
    before, after, collections = json.loads(done.stdout.rsplit("@@", 1)[1])
    assert after == [50_000, *before[1:]]
    assert collections < 5  # 70 or more with the default threshold


def test_the_console_script_collects_rarely_from_its_first_import() -> None:
    """Issue 11 item 8: the ``runstrong`` script (its entry point as installed) raises the
    young generation's threshold before Typer and Rich are imported; imported under the
    default threshold they set off about 30 collections that freed nothing."""
    probe = (
        "import atexit, gc, json, sys\n"
        "from importlib.metadata import entry_points\n"
        "seen = []\n"
        "gc.callbacks.append(lambda phase, _: seen.append(phase) if phase == 'start' else 0)\n"
        "atexit.register(lambda: print('@@' + json.dumps(len(seen))))\n"
        "(script,) = entry_points(group='console_scripts', name='runstrong')\n"
        "sys.argv = ['runstrong', '--version']\n"
        "script.load()()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"runstrong {__version__}\n")
    assert json.loads(done.stdout.rsplit("@@", 1)[1]) < 3  # 17 with the old entry point


def test_the_entry_module_runs_as_a_script() -> None:
    """``python -m runstrong.entry ARGS`` runs the console script's code, so the CLI can be
    profiled as installed (``python -X importtime -m runstrong.entry …``,
    docs/benchmarks.md); it used to import the module and exit without running a command."""
    done = subprocess.run(
        [sys.executable, "-m", "runstrong.entry", "--version"], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"runstrong {__version__}\n", "")
