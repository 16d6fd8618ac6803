"""The exercise library is read from ``library.json``, the data of ``library.toml``.

``library.toml`` is the source; ``scripts/gen_library_json.py`` writes its data as
JSON, which ``load_library`` reads (issue 11 item 8: ``tomllib`` took ~13 ms of every
planning command, the C JSON parser ~0.5 ms). These tests fail when the copy is stale
or when loading the library parses TOML again.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from runstrong.core.exercises import library
from scripts_support import load_script

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "src" / "runstrong" / "core" / "exercises"


def _script() -> ModuleType:
    return load_script("gen_library_json")


def test_packaged_json_is_what_the_script_writes_from_the_toml() -> None:
    assert (FOLDER / "library.json").read_text(encoding="utf-8") == _script().render(), (
        "core/exercises/library.json is stale: run python scripts/gen_library_json.py"
    )


def test_the_json_holds_the_tomls_data_value_for_value_and_type_for_type() -> None:
    toml = tomllib.loads((FOLDER / "library.toml").read_text(encoding="utf-8"))
    copy = json.loads((FOLDER / "library.json").read_text(encoding="utf-8"))

    def typed(value: object) -> object:  # 1 == 1.0 == True: compare the types too
        if isinstance(value, dict):
            return {k: typed(v) for k, v in value.items()}
        if isinstance(value, list):
            return [typed(v) for v in value]
        return (type(value).__name__, value)

    assert typed(copy) == typed(toml)
    assert len(toml["exercise"]) >= library.MIN_EXERCISES


def test_the_script_writes_a_changed_toml() -> None:
    text = (FOLDER / "library.toml").read_text(encoding="utf-8")
    changed = text.replace('aliases = ["deadbug"]', 'aliases = ["deadbug", "dying bug"]')
    assert changed != text
    assert '"dying bug"' in _script().render(changed)
    assert '"dying bug"' not in _script().render()


def test_loading_the_library_parses_no_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_toml(text: str) -> object:
        raise AssertionError("load_library parsed TOML")

    monkeypatch.setattr(library.tomllib, "loads", no_toml)
    loaded = library.load_library.__wrapped__()
    monkeypatch.undo()
    from_toml = library.parse_library(library._read_packaged_toml())
    assert loaded.exercises == from_toml.exercises  # a library compares by identity
    assert library.load_library().exercises == from_toml.exercises
