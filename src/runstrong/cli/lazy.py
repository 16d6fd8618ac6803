"""Lazy sub-commands: the root group imports a command's module only to run it.

``runstrong --help`` lists every command from :data:`COMMANDS` (name, the
modules that register it, a one-line summary) without importing any of them,
and ``runstrong paces …`` imports ``runstrong.cli.paces`` and nothing else of
the CLI, so neither pays for SQLAlchemy, the planner, FastAPI or matplotlib.
A test keeps each summary equal to the loaded command's own help and checks
which modules ``--help`` and ``paces`` import.

Those imports go through :func:`import_quietly` (no garbage collection while a
tree of modules is first imported, then the imported objects frozen out of later
collections): they are the bulk of a command's start-up and make only objects
that live until the process ends.

Help is drawn by ``typer.rich_utils``, which imports ``rich.markdown`` (markdown-it,
Pygments) and ``rich.traceback`` (attrs) at its top for two names this CLI never
uses to draw help: its help is Rich markup, not Markdown, and Typer's pretty
tracebacks are off. :func:`import_help_renderer` imports it with stand-ins for those
two names that load the real classes on first use (about a third of ``--help``).
"""

from __future__ import annotations

import functools
import gc
import importlib
import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import get_group


@dataclass(frozen=True, slots=True)
class LazyCommand:
    """A top-level command: the modules whose ``register(app)`` add it, and its summary."""

    modules: tuple[str, ...]
    summary: str


def _cmd(summary: str, *modules: str) -> LazyCommand:
    return LazyCommand(tuple(f"runstrong.cli.{m}" for m in modules), summary)


# Help order. A module registering several top-level commands is listed once per command.
COMMANDS: dict[str, LazyCommand] = {
    "paces": _cmd(
        "Show VDOT, equivalent race times and training paces for a race result.", "paces"
    ),
    "check": _cmd(
        "Audit a plan file against the plan rules R1–R17 and the consistency checks C1–C3.",
        "check",
    ),
    "serve": _cmd(
        "Serve the web app (pages and the JSON API under /api/v1) on HOST:PORT.", "serve"
    ),
    "import": _cmd(
        "Import activities: files, folders (recursively) and Strava/Garmin export archives.",
        "importcmd",
    ),
    "import-export": _cmd(
        "Load a runstrong export (JSON or CSV) into a database whose athletes have other names.",
        "importcmd",
    ),
    "e1rm": _cmd("Estimate a one-repetition maximum (e1RM) from one set.", "science"),
    "export": _cmd(
        "Export athletes, activities (laps, sets, streams), wellness and plans (JSON or CSV).",
        "export",
    ),
    "worker": _cmd(
        "Run background jobs from the database's queue (PostgreSQL, procrastinate).", "worker"
    ),
    "today": _cmd(
        "Check in, then show today's sessions as adapted (with rule ids) and fuel targets.",
        "today",
    ),
    "athlete": _cmd(
        "Manage athletes: add them, list them, write their profiles.", "athletes", "athlete"
    ),
    "db": _cmd("Database schema: upgrade it, show its revision.", "db"),
    "plan": _cmd("Build a season plan, show it, explain it.", "plan", "plan_changes"),
    "log": _cmd("Log lifts, runs without a file, wellness; show the log.", "log"),
    "exercises": _cmd(
        "Browse the exercise library: list with filters, show one with its substitutions.",
        "exercises",
    ),
    "stats": _cmd("Training load, progress, habits and compliance from your log.", "stats"),
}


def import_quietly(*names: str) -> list[ModuleType]:
    """The modules ``names``; those not imported yet are imported without garbage
    collection, and what they made is then frozen out of later collections.

    Importing makes modules, classes and functions that live until the process ends:
    a collection during it frees nothing, and the full one that the growing heap sets
    off walks every object (about a tenth of a saved ``plan new``, docs/benchmarks.md).
    ``gc.freeze()`` keeps later collections from walking them again. Only a first
    import pauses and freezes, so a process that runs many commands (the tests) does
    not freeze at every run.
    """
    new = [name for name in names if name not in sys.modules]
    if new and gc.isenabled():
        gc.disable()
        try:
            for name in new:
                importlib.import_module(name)
        finally:
            gc.freeze()
            gc.enable()
    return [importlib.import_module(name) for name in names]


class _Deferred:
    """A stand-in for a class of a module not imported yet: made or asked for a
    classmethod, it imports the module and hands over to the real class."""

    module: ClassVar[str]
    name: ClassVar[str]

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real()(*args, **kwargs)

    @classmethod
    def real(cls) -> Any:
        return getattr(importlib.import_module(cls.module), cls.name)


class _Markdown(_Deferred):
    module, name = "rich.markdown", "Markdown"


class _Traceback(_Deferred):
    module, name = "rich.traceback", "Traceback"

    @classmethod
    def from_exception(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real().from_exception(*args, **kwargs)


HELP_RENDERER = "typer.rich_utils"
_STAND_INS: tuple[type[_Deferred], ...] = (_Markdown, _Traceback)


def import_help_renderer() -> None:
    """Import Typer's help renderer (``typer.rich_utils``) without ``rich.markdown`` and
    ``rich.traceback``: while it is imported, ``sys.modules`` holds stand-in modules whose
    ``Markdown`` and ``Traceback`` import the real ones when first used, and the stand-ins
    are gone again afterwards (a later ``import rich.markdown`` loads the real module).
    Should a Typer release import anything else from them, it is imported as it is."""
    if HELP_RENDERER in sys.modules:
        return
    placed: dict[str, ModuleType] = {}
    for stand_in in _STAND_INS:
        if stand_in.module not in sys.modules:
            module = placed[stand_in.module] = ModuleType(stand_in.module)
            setattr(module, stand_in.name, stand_in)
            sys.modules[stand_in.module] = module
    try:
        import_quietly(HELP_RENDERER)
    except ImportError:
        sys.modules.pop(HELP_RENDERER, None)
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    import_quietly(HELP_RENDERER)


@functools.cache
def load_command(name: str) -> Any:
    """Import the modules of command ``name``, register them on a scratch app, return it.

    Cached: a process builds each command once, however often ``run`` is called.
    """
    scratch = typer.Typer()

    @scratch.callback()
    def _scratch() -> None:
        """Scratch group: only its commands are kept."""

    for module in import_quietly(*COMMANDS[name].modules):
        module.register(scratch)
    return get_group(scratch).commands[name]


class LazyGroup(TyperGroup):
    """The root group: commands come from :data:`COMMANDS`, imported on first use."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command name, in help order, without importing any command module."""
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command ``cmd_name`` (a summary stand-in while the root help is drawn)."""
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        if self._listing:
            return TyperCommand(name=cmd_name, help=entry.summary)
        command = load_command(cmd_name)
        self.commands[cmd_name] = command
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The root help, listing commands by their summaries (nothing imported)."""
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def load_all(self) -> None:
        """Import every command (for tests and docs that walk the whole tree)."""
        for name in COMMANDS:
            self.get_command(None, name)
