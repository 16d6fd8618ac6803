"""A damaged copy of a workout never replaces the intact one (QA walk-through, session 6).

``derived/corrupt/fenix2-run-bitflip.fit`` is ``python-fitparse/activity-small-fenix2-run.fit``
with one byte flipped (tests/data/ATTRIBUTION.md): its file CRC no longer matches, and
one record's power, 0xFFFF ("no value") on every record of the intact file, reads
0xFF00 = 65,280 W. ``python-fitparse/activity-activity-filecrc.fit`` is the FIT SDK's
``Activity.fit`` twice over, the second copy with a wrong CRC. Both damaged files were
kept in place of their intact copies ("it has more data"): a power channel made of one
garbage sample, and the same 14 samples counted twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runstrong.cli import run
from runstrong.importers import Source, parse_source

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
INTACT = DATA / "derived" / "compressed" / "activity-small-fenix2-run.fit.gz"
BITFLIP = DATA / "derived" / "corrupt" / "fenix2-run-bitflip.fit"
SDK_ACTIVITY = DATA / "python-fitparse" / "Activity.fit"
SDK_TWICE = DATA / "python-fitparse" / "activity-activity-filecrc.fit"
CRC_NOTE = "file CRC mismatch (file corrupt or modified)"


@pytest.fixture(autouse=True)
def _database(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("COLUMNS", "400")


def _exported(tmp_path: Path) -> list[dict[str, object]]:
    folder = tmp_path / "export"
    assert run(["export", str(folder)]) == 0
    lines = (folder / "activities.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_the_flipped_power_sample_is_dropped_and_counted() -> None:
    result = parse_source(Source(str(BITFLIP), BITFLIP.read_bytes()))
    [activity] = result.activities
    assert activity.avg_power_w is None
    assert activity.streams.power_w == ()
    assert activity.damage == CRC_NOTE
    assert "1 power sample out of range dropped (65280 W; allowed 0 to 3000 W)" in result.warnings


@pytest.mark.parametrize(
    "order", [(INTACT, BITFLIP), (BITFLIP, INTACT)], ids=["intact-first", "damaged-first"]
)
def test_cli_import_keeps_the_intact_run_over_its_bit_flipped_copy(
    order: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in order:
        assert run(["import", str(path), "--workers", "0"]) == 0
    out = capsys.readouterr().out
    [kept] = _exported(tmp_path)
    assert kept["source_name"] == str(INTACT)
    assert kept["avg_power_w"] is None
    assert kept["damage"] is None
    streams = kept["streams"]
    assert isinstance(streams, dict)
    assert "power_w" not in streams
    assert len(streams["t_s"]) == 2808
    why = {
        INTACT: f"over this file (heart rate, cadence, GPS, laps; 2808 samples): "
        f"this file is damaged ({CRC_NOTE}), that copy is intact",
        BITFLIP: f"over that copy (heart rate, cadence, GPS, laps; 2808 samples): "
        f"that copy is damaged ({CRC_NOTE}), this file is intact",
    }[order[0]]
    assert sum(why in line for line in out.splitlines()) == 1


def test_a_file_holding_one_run_twice_is_one_run_of_14_samples() -> None:
    result = parse_source(Source(str(SDK_TWICE), SDK_TWICE.read_bytes()))
    [activity] = result.activities
    assert len(activity.streams.t_s) == 14
    assert len(activity.laps) == 1
    assert activity.damage == f"FIT segment 2 at byte 771: {CRC_NOTE}"
    assert result.warnings == (
        "the file repeats 14 records, 1 lap and 1 session (a FIT segment written again): "
        "each read once",
        f"damaged FIT file (FIT segment 2 at byte 771: {CRC_NOTE}): "
        "imported the 14 complete records read",
    )


@pytest.mark.parametrize(
    ("order", "summary"),
    [
        ((SDK_ACTIVITY, SDK_TWICE), "Duplicates skipped: 1"),
        ((SDK_TWICE, SDK_ACTIVITY), "Stored in place of a poorer copy of the same workout: 1"),
    ],
    ids=["intact-first", "twice-first"],
)
def test_cli_import_keeps_the_intact_sdk_activity_over_its_doubled_copy(
    order: tuple[Path, Path], summary: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["import", *map(str, order), "--workers", "0"]) == 0
    out = capsys.readouterr().out
    [kept] = _exported(tmp_path)
    assert kept["source_name"] == str(SDK_ACTIVITY)
    streams = kept["streams"]
    assert isinstance(streams, dict)
    assert len(streams["t_s"]) == 14
    assert f"is damaged (FIT segment 2 at byte 771: {CRC_NOTE})" in out
    assert summary in out.splitlines()
