"""Shared Rich consoles for the CLI (stdout for results, stderr for errors)."""

from __future__ import annotations

from rich.console import Console

console = Console()
err_console = Console(stderr=True)
