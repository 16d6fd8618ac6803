"""Every sample file imports as the independent reference reading says (corpus.toml).

The expectations were generated with fitdecode (FIT; CRC mismatches warned, a
damaged file read up to its damage, what a chained segment repeats counted once)
and the standard library's XML parser + haversine (GPX/TCX) by
tests/data/make_corpus_expectations.py, not by runstrong's importers. A damaged
FIT file with complete records imports them with one warning that names the
damage and the number of records read.
"""

from __future__ import annotations

from typing import Any

import pytest
from importer_samples import ACTIVITIES, corpus_entries

from runstrong.importers import ParseResult, Source, parse_source

ENTRIES = corpus_entries()


def _parse(entry: dict[str, Any]) -> ParseResult:
    rel = entry["path"]
    return parse_source(Source(rel, (ACTIVITIES / rel).read_bytes()))


def test_corpus_covers_every_sample_file() -> None:
    listed = {e["path"] for e in ENTRIES}
    on_disk = {
        p.relative_to(ACTIVITIES).as_posix()
        for p in ACTIVITIES.rglob("*")
        if p.is_file() and p.name.endswith((".fit", ".gpx", ".tcx", ".gz"))
    }
    assert listed == on_disk


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["path"] for e in ENTRIES])
def test_sample_imports_as_reference_says(entry: dict[str, Any]) -> None:
    result = _parse(entry)
    assert result.name == entry["path"]
    if entry["outcome"] == "error":
        assert result.activities == ()
        assert result.error is not None
        assert entry["error"] in result.error
        return
    if entry["outcome"] == "skipped":
        assert result.activities == ()
        assert result.skipped_reason == entry["reason"]
        return
    assert result.error is None, result.error
    acts = result.activities
    assert len(acts) == entry["activities"]
    assert [a.sport.value for a in acts] == entry["sports"]
    for act, duration, distance in zip(acts, entry["duration_s"], entry["distance_m"], strict=True):
        assert act.duration_s == pytest.approx(duration, abs=1e-3)
        if distance < 0:
            assert act.distance_m is None
        else:
            assert act.distance_m == pytest.approx(distance, rel=1e-6, abs=1e-3)
        assert act.source_format == entry["format"]
        assert act.start.tzinfo is not None
    assert sum(len(a.sets) for a in acts) == entry["n_sets"]
    # The reference reads the damage; readings dropped as no human's (test_sentinels.py)
    # and repeated segments are other lines of the report.
    damage = [w for w in result.warnings if w.startswith("damaged FIT file")]
    if "warning" not in entry:
        assert damage == []
        assert all(a.damage is None for a in acts)
        return
    (warning,) = damage
    assert all(a.damage is not None and entry["warning"] in a.damage for a in acts)
    assert entry["warning"] in warning
    assert f"imported the {entry['records']:,} complete records read" in warning


@pytest.mark.parametrize(
    "entry",
    [e for e in ENTRIES if e["outcome"] == "activities"],
    ids=lambda e: e["path"],
)
def test_streams_are_aligned(entry: dict[str, Any]) -> None:
    for act in _parse(entry).activities:
        n = len(act.streams.t_s)
        for name in (
            "lat_deg",
            "lon_deg",
            "altitude_m",
            "distance_m",
            "speed_m_s",
            "heart_rate_bpm",
            "cadence_spm",
            "power_w",
        ):
            series = getattr(act.streams, name)
            assert len(series) in (0, n), name
        if act.source_format and act.source_format.startswith("fit"):
            assert list(act.streams.t_s) == sorted(act.streams.t_s)
