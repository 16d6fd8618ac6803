"""CLI tests render at one fixed width, whatever the terminal or xdist worker, and keep
the CLI's settings file (the default athlete, ``cli.toml``) in a temporary folder, never
in the user's own ``~/.config/runstrong``."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _cli_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """200 columns: table cells never wrap, so asserts do not depend on the terminal.

    The consoles are made per ``run()`` (``runstrong.cli.console``), so they see this.
    """
    monkeypatch.setenv("COLUMNS", "200")
