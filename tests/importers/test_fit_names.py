"""The FIT name tables: generated from fitdecode's profile, current, and used without it.

``src/runstrong/importers/fit_names.json`` is written by
``scripts/gen_fit_names.py``; these tests fail when it is stale, when a name
differs from fitdecode's profile (the reference), or when reading a FIT file
imports fitdecode (a development dependency only).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from fitdecode import profile
from importer_samples import ACTIVITIES

from runstrong.importers.names import enum_name, exercise_name
from scripts_support import load_script

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "src" / "runstrong" / "importers" / "fit_names.json"


def _script() -> ModuleType:
    return load_script("gen_fit_names")


def test_packaged_file_is_what_the_script_writes() -> None:
    assert PACKAGED.read_text(encoding="utf-8") == _script().render(), (
        "importers/fit_names.json is stale: run python scripts/gen_fit_names.py"
    )


TYPES = sorted(json.loads(PACKAGED.read_text(encoding="utf-8"))["types"])


@pytest.mark.parametrize("type_name", TYPES)
def test_every_name_agrees_with_fitdecode(type_name: str) -> None:
    reference = profile.FIELD_TYPES[type_name].enum
    assert reference
    assert {v: enum_name(type_name, v) for v in reference} == reference


def test_the_lookups_names_py_makes_are_all_copied() -> None:
    assert {"file", "sport", "sub_sport", "manufacturer", "garmin_product"} <= set(TYPES)
    categories = profile.FIELD_TYPES["exercise_category"].enum
    with_names = {c for c in categories.values() if f"{c}_exercise_name" in profile.FIELD_TYPES}
    assert {f"{c}_exercise_name" for c in with_names} <= set(TYPES)
    assert exercise_name(28, 6) == "barbell back squat"  # FIT SDK Profile.xlsx: squat, 6


def test_reading_a_fit_file_does_not_import_fitdecode() -> None:
    probe = (
        "import sys; from runstrong.importers import parse_bytes; "
        "acts = parse_bytes(open(sys.argv[1], 'rb').read(), 'a.fit'); "
        "assert acts[0].device; print('fitdecode' in sys.modules)"
    )
    path = ACTIVITIES / "python-fitparse/activity-small-fenix2-run.fit"
    done = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
