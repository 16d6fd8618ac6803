"""House rule 13: docs stay honest.

Every CLI command has help text and is documented; every ``runstrong …``
command line shown in the README names a real command; the README's
quickstart targets exist in the Makefile.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import typer.main

from runstrong.cli import app, run
from runstrong.cli.lazy import LazyGroup

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))


def _commands() -> list[tuple[str, click.Command]]:
    root = typer.main.get_command(app)
    assert isinstance(root, LazyGroup)
    root.load_all()  # the root imports its commands lazily: load them all to walk the tree
    out: list[tuple[str, click.Command]] = []

    def walk(prefix: str, cmd: click.Command) -> None:
        # typer may vendor its own click: test for a group by shape, not by class.
        subcommands = getattr(cmd, "commands", None)
        if subcommands:
            for name, sub in sorted(subcommands.items()):
                walk(f"{prefix} {name}".strip(), sub)
        else:
            out.append((prefix, cmd))

    walk("", root)
    return out


COMMANDS = _commands()


def test_there_are_commands() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"paces", "plan new", "import", "check"} <= names


@pytest.mark.parametrize(("name", "cmd"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help(name: str, cmd: click.Command) -> None:
    assert (cmd.help or "").strip(), f"runstrong {name} has no help text"


@pytest.mark.parametrize(("name", "cmd"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_is_documented(name: str, cmd: click.Command) -> None:
    assert f"runstrong {name}" in README + DOCS, f"`runstrong {name}` appears in no doc"


def _readme_command_lines() -> list[str]:
    lines = []
    for block in re.findall(r"```(?:sh|bash|console)?\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.strip().removeprefix("$ ")
            if line.startswith("runstrong "):
                lines.append(line)
    return lines


README_LINES = _readme_command_lines()


def test_readme_has_a_command_tour() -> None:
    assert len(README_LINES) >= 5


@pytest.mark.parametrize("line", README_LINES)
def test_readme_command_exists(line: str, capsys: pytest.CaptureFixture[str]) -> None:
    words = shlex.split(line, comments=True)[1:]
    names = {name for name, _ in COMMANDS}
    path = []
    for w in words:
        if w.startswith("-"):
            break
        path.append(w)
        if " ".join(path) in names:
            break
    assert " ".join(path) in names, f"README shows `{line}` but no such command exists"
    assert run([*path, "--help"]) == 0
    assert "Usage" in capsys.readouterr().out


def test_readme_quickstart_is_two_make_commands() -> None:
    quick = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", quick, flags=re.S)
    commands = [ln.strip() for b in blocks for ln in b.splitlines() if ln.strip()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, flags=re.M)
    assert re.search(r"^test:", makefile, flags=re.M)
