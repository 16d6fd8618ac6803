"""The CLI's Rich consoles, injected per run (stdout for results, stderr for errors).

:func:`runstrong.cli.run` opens a :func:`consoles` scope for every invocation;
commands print through :func:`out` and :func:`err`, never through a console
made at import time. A console made at import would freeze the width and the
output stream of whichever process imported it first (under pytest-xdist the
``COLUMNS`` a test sets came too late), so callers that need a fixed width or
a buffer pass their own consoles to ``run``.

Rich is imported when a command first prints, not when the CLI starts:
``runstrong --version`` and a usage error never pay for it (issue 11).

The consoles draw no emoji codes: Rich would replace ``:name:`` even in text printed
with ``markup=False``, and its table has codes for single letters and many words, so
a path such as ``/tmp/x:a:y.json``, a profile's name or a bad value quoted in an error
was shown altered (``/tmp/x🅰y.json``). Nothing the CLI prints uses them, and Rich's
emoji table (~12 M instructions to load) is then never imported.

Where they write no colour (``color_system`` None: a pipe, a file, ``TERM=dumb``), they
highlight nothing either: Rich writes a styled text's characters alone there, so the
output is the same, and the first highlighted line no longer compiles the repr
highlighter's patterns (~13 M instructions, 3 % of a piped ``runstrong paces``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(slots=True)
class _Scope:
    """One run's consoles by stream (``True`` = stderr): the injected ones, or fresh
    ones made on first use."""

    by_stderr: dict[bool, Console | None]


_SCOPE: ContextVar[_Scope | None] = ContextVar("runstrong_cli_consoles", default=None)


def _fresh(*, stderr: bool) -> Console:
    from rich.console import Console

    console = Console(stderr=stderr, emoji=False)
    if console.color_system is None:  # a pipe, a file, TERM=dumb: styles are not written
        from rich.highlighter import NullHighlighter

        console.highlighter = NullHighlighter()
    return console


@contextmanager
def consoles(out: Console | None = None, err: Console | None = None) -> Iterator[None]:
    """Use ``out`` and ``err`` (fresh consoles on stdout/stderr by default) inside the block."""
    token = _SCOPE.set(_Scope({False: out, True: err}))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def _console(*, stderr: bool) -> Console:
    scope = _SCOPE.get()
    if scope is None:
        return _fresh(stderr=stderr)
    console = scope.by_stderr[stderr]
    if console is None:
        console = scope.by_stderr[stderr] = _fresh(stderr=stderr)
    return console


def out() -> Console:
    """The console for results: the injected one, else a fresh one on stdout."""
    return _console(stderr=False)


def err() -> Console:
    """The console for errors and progress: the injected one, else a fresh one on stderr."""
    return _console(stderr=True)
