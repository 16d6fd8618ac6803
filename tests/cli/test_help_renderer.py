"""Issue 11 item 8, a fast CLI: help is drawn without ``rich.markdown`` and ``rich.traceback``.

``typer.rich_utils`` imports both at its top (markdown-it, Pygments, attrs: about a
third of ``runstrong --help``) for two names this CLI's help never uses;
``cli.lazy.import_help_renderer`` imports it with stand-ins that load the real classes
on first use. Each check runs in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

UNUSED_BY_HELP = ("rich.markdown", "rich.traceback", "markdown_it", "pygments", "attr")

_HELP = """
import json, sys
{before}
from runstrong.cli import run
code = run(sys.argv[1:])
print("\\n@@" + json.dumps({{"code": code, "modules": sorted(sys.modules)}}))
"""


def _help(argv: tuple[str, ...], before: str = "") -> tuple[str, int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _HELP.format(before=before), *argv],
        capture_output=True, text=True, check=True, env=dict(os.environ, COLUMNS="100"),
    )  # fmt: skip
    text, body = done.stdout.rsplit("\n@@", 1)
    return text + done.stderr, json.loads(body)["code"], json.loads(body)["modules"]


@pytest.mark.parametrize(
    ("argv", "code"),
    [(("--help",), 0), ((), 2), (("plan", "new", "--help"), 0), (("stats", "--help"), 0)],
    ids=["help", "no-args", "plan-new-help", "stats-help"],
)  # fmt: skip
def test_help_imports_no_markdown_or_traceback_and_reads_as_typer_draws_it(
    argv: tuple[str, ...], code: int
) -> None:
    text, exit_code, modules = _help(argv)
    assert exit_code == code
    assert "typer.rich_utils" in modules
    assert [m for m in modules if m.startswith(UNUSED_BY_HELP)] == []
    typers_own, exit_code, modules = _help(argv, before="import typer.rich_utils")
    assert "rich.markdown" in modules  # the probe sees them when Typer imports them itself
    assert (text, exit_code) == (typers_own, code)
    assert "Usage: runstrong" in text


def test_the_stand_ins_hand_over_to_the_real_classes() -> None:
    probe = """
import sys
from runstrong.cli.lazy import import_help_renderer
import_help_renderer()
import typer.rich_utils as ru
assert "rich.markdown" not in sys.modules and "rich.traceback" not in sys.modules
import rich.markdown, rich.traceback
md = ru.Markdown("# Title")
assert type(md) is rich.markdown.Markdown, type(md)
try:
    raise ValueError("boom")
except ValueError as exc:
    tb = ru.Traceback.from_exception(type(exc), exc, exc.__traceback__)
assert type(tb) is rich.traceback.Traceback, type(tb)
assert sys.modules["rich.markdown"] is rich.markdown and hasattr(rich.markdown, "Heading")
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "ok\n"
