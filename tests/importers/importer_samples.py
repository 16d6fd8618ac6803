"""Shared helpers for importer tests: the sample corpus under tests/data/activities."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
ACTIVITIES = DATA / "activities"


def corpus_entries() -> list[dict[str, Any]]:
    with (DATA / "corpus.toml").open("rb") as fh:
        return list(tomllib.load(fh)["file"])


def sample(rel: str) -> bytes:
    return (ACTIVITIES / rel).read_bytes()
