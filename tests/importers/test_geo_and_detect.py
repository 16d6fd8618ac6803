"""Properties of the distance/climb helpers and content sniffing."""

from __future__ import annotations

import gzip
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.errors import ImportFileError
from runstrong.importers import parse_bytes
from runstrong.importers.geo import ELEVATION_HYSTERESIS_M, elevation_gain_m, haversine_m

alts = st.lists(st.floats(-400, 9000, allow_nan=False), min_size=1, max_size=60)
lat = st.floats(-89.9, 89.9)
lon = st.floats(-180, 180)


@given(alts)
def test_gain_is_between_zero_and_the_sum_of_rises(values: list[float]) -> None:
    gain = elevation_gain_m(values)
    rises = sum(max(0.0, b - a) for a, b in itertools.pairwise(values))
    assert gain is not None
    assert -1e-9 <= gain <= rises + 1e-6


@given(st.lists(st.integers(-400, 9000), min_size=1, max_size=60), st.integers(-1000, 1000))
def test_gain_ignores_a_constant_offset(values: list[int], offset: int) -> None:
    # integers keep the arithmetic exact, so no sample lands on the other side of the band
    assert elevation_gain_m([float(v + offset) for v in values]) == elevation_gain_m(
        [float(v) for v in values]
    )


@given(st.lists(st.floats(0, ELEVATION_HYSTERESIS_M), max_size=40))
def test_wiggles_inside_the_band_are_not_climbing(values: list[float]) -> None:
    assert elevation_gain_m([0.0, *values]) == 0


@given(lat, lon, lat, lon)
def test_haversine_is_symmetric_and_bounded(a: float, b: float, c: float, d: float) -> None:
    ab = haversine_m(a, b, c, d)
    assert ab == pytest.approx(haversine_m(c, d, a, b), abs=1e-6)
    assert 0 <= ab <= 20_015_115  # half the mean circumference


def test_one_degree_of_latitude() -> None:
    # 2π·R/360 with R = 6,371,008.8 m
    assert haversine_m(0, 0, 1, 0) == pytest.approx(111_195.08, abs=0.01)


def test_zip_given_as_a_single_file_is_refused_with_advice() -> None:
    with pytest.raises(ImportFileError) as err:
        parse_bytes(b"PK\x03\x04rest", "export.zip")
    assert str(err.value) == (
        "export.zip: a zip archive, not a single activity file (import the archive itself)"
    )


def test_unknown_content() -> None:
    with pytest.raises(ImportFileError) as err:
        parse_bytes(b"hello world", "notes.fit")
    assert str(err.value) == "notes.fit: unrecognised content: not a FIT, GPX or TCX file"


def test_gzip_inside_gzip_is_refused() -> None:
    with pytest.raises(ImportFileError, match="gzip inside gzip is not supported"):
        parse_bytes(gzip.compress(gzip.compress(b"x")), "double.gz")


def test_times_with_offsets_are_converted_to_utc() -> None:
    gpx = (
        b'<gpx version="1.1" creator="t"><trk><trkseg>'
        b'<trkpt lat="1" lon="1"><time>2024-03-01T08:00:00+02:00</time></trkpt>'
        b'<trkpt lat="1.001" lon="1"><time>2024-03-01T08:00:10+02:00</time></trkpt>'
        b"</trkseg></trk></gpx>"
    )
    (act,) = parse_bytes(gpx, "tz.gpx")
    assert act.start.isoformat() == "2024-03-01T06:00:00+00:00"
    assert act.duration_s == 10
