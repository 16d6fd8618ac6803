"""CLI tests render at one fixed width, whatever the terminal or xdist worker."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """200 columns: table cells never wrap, so asserts do not depend on the terminal.

    The consoles are made per ``run()`` (``runstrong.cli.console``), so they see this.
    """
    monkeypatch.setenv("COLUMNS", "200")
