"""Read a UTF-8 text file the user named, with one wording for every way it can fail.

Used for plan files (``runstrong check``) and athlete profiles; each failure is
raised as the caller's error type and names the file and what is wrong with it.
A leaf module (standard library only), so the CLI's light commands can use it
without loading ``runstrong.services``.
"""

from __future__ import annotations

from pathlib import Path


def read_text(path: Path, what: str, error: type[Exception], *, missing_hint: str = "") -> str:
    """The text of ``path``; a missing, unreadable or non-UTF-8 file raises ``error``
    with ``what`` naming the file (``missing_hint`` is added when it does not exist)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{what} '{path}' does not exist{missing_hint}") from None
    except IsADirectoryError:
        raise error(f"{what} '{path}' is a directory, not a file") from None
    except UnicodeDecodeError:
        raise error(f"{what} '{path}' is not UTF-8 text") from None
    except OSError as exc:
        raise error(f"{what} '{path}' cannot be read: {exc.strerror}") from None
