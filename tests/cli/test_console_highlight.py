"""The CLI's consoles highlight only where colour is written (issue 11 item 8).

Rich's repr highlighter only adds styles, and where a console writes no colour (a
pipe, a file, ``TERM=dumb``) Rich writes a styled text's characters alone; so a
console without colour highlights nothing, which spares the first highlighted line
the compilation of the highlighter's patterns (~11 M instructions of a piped
``runstrong paces``, docs/benchmarks.md). On a colour terminal the numbers are still
highlighted.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.highlighter import NullHighlighter, ReprHighlighter

from runstrong.cli import run
from runstrong.cli.console import consoles, out

PROFILE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"
COMMANDS = [
    ["paces", "--distance", "5k", "--time", "20:00"],
    ["plan", "new", "--profile", str(PROFILE), "--start", "2026-11-09", "--no-save"],
]


@pytest.fixture
def no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize("argv", COMMANDS, ids=["paces", "plan-new"])
@pytest.mark.usefixtures("no_colour")
def test_piped_output_is_what_a_highlighting_console_writes(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The process's own (fresh) stdout console, on a pipe, writes the same text as a
    console that highlights (Rich's default) writing to a file of the same width."""
    highlighting = Console(file=io.StringIO(), width=80, emoji=False)
    assert isinstance(highlighting.highlighter, ReprHighlighter)
    assert run(argv, stdout=highlighting) == 0
    expected = highlighting.file.getvalue()  # type: ignore[attr-defined]
    assert "VDOT" in expected
    capsys.readouterr()
    assert run(argv) == 0
    assert capsys.readouterr().out == expected


@pytest.mark.usefixtures("no_colour")
def test_a_console_without_colour_has_no_highlighter() -> None:
    with consoles():
        console = out()
        assert console.color_system is None
        assert isinstance(console.highlighter, NullHighlighter)


def test_a_colour_terminal_still_highlights_numbers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)
    with consoles():
        assert isinstance(out().highlighter, ReprHighlighter)
    assert run(["paces", "--distance", "5k", "--time", "20:00"]) == 0
    line = next(s for s in capsys.readouterr().out.splitlines() if "VDOT" in s)
    assert "\x1b[1;36m49.8\x1b[0m" in line  # ReprHighlighter's repr.number: bold cyan
