"""CLI tests keep the CLI's settings file (the default athlete, ``cli.toml``) in a
temporary folder, never in the user's own ``~/.config/runstrong``."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _cli_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
