"""The CLI's Rich consoles, injected per run (stdout for results, stderr for errors).

:func:`runstrong.cli.run` opens a :func:`consoles` scope for every invocation;
commands print through :func:`out` and :func:`err`, never through a console
made at import time. A console made at import would freeze the width and the
output stream of whichever process imported it first (under pytest-xdist the
``COLUMNS`` a test sets came too late), so callers that need a fixed width or
a buffer pass their own consoles to ``run``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from rich.console import Console

_OUT: ContextVar[Console | None] = ContextVar("runstrong_cli_out", default=None)
_ERR: ContextVar[Console | None] = ContextVar("runstrong_cli_err", default=None)


@contextmanager
def consoles(out: Console | None = None, err: Console | None = None) -> Iterator[None]:
    """Use ``out`` and ``err`` (fresh consoles on stdout/stderr by default) inside the block."""
    out_token = _OUT.set(out if out is not None else Console())
    err_token = _ERR.set(err if err is not None else Console(stderr=True))
    try:
        yield
    finally:
        _OUT.reset(out_token)
        _ERR.reset(err_token)


def out() -> Console:
    """The console for results: the injected one, else a fresh one on stdout."""
    current = _OUT.get()
    return current if current is not None else Console()


def err() -> Console:
    """The console for errors and progress: the injected one, else a fresh one on stderr."""
    current = _ERR.get()
    return current if current is not None else Console(stderr=True)
