"""The packed stream blob round-trips exactly and stays compact."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.model import Streams
from runstrong.storage.streams import (
    StreamFormatError,
    StreamValueError,
    decode_streams,
    encode_streams,
)

finite = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def streams(draw: st.DrawFn) -> Streams:
    n = draw(st.integers(min_value=0, max_value=40))
    t = tuple(draw(st.lists(finite, min_size=n, max_size=n)))
    fields: dict[str, tuple[object, ...]] = {"t_s": t}
    for name in ("lat_deg", "lon_deg", "altitude_m", "distance_m", "speed_m_s"):
        if draw(st.booleans()):
            fields[name] = tuple(draw(st.lists(st.none() | finite, min_size=n, max_size=n)))
    ints = st.none() | st.integers(min_value=-(2**31) + 1, max_value=2**31 - 1)
    for name in ("heart_rate_bpm", "cadence_spm", "power_w"):
        if draw(st.booleans()):
            fields[name] = tuple(draw(st.lists(ints, min_size=n, max_size=n)))
    if n == 0:
        return Streams()
    return Streams(**fields)  # type: ignore[arg-type]


@given(streams())
def test_round_trip_is_exact(s: Streams) -> None:
    n, blob = encode_streams(s)
    assert n == len(s.t_s)
    assert decode_streams(blob) == s


def test_empty_streams_store_nothing() -> None:
    assert encode_streams(Streams()) == (0, b"")
    assert decode_streams(b"") == Streams()


def test_an_hour_at_1_hz_is_compact() -> None:
    n = 3600
    s = Streams(
        t_s=tuple(float(i) for i in range(n)),
        lat_deg=tuple(52.5 + i * 1e-5 for i in range(n)),
        lon_deg=tuple(13.4 + i * 1.3e-5 for i in range(n)),
        altitude_m=tuple(34.0 + (i % 50) * 0.2 for i in range(n)),
        distance_m=tuple(i * 2.9 for i in range(n)),
        heart_rate_bpm=tuple(140 + i % 7 for i in range(n)),
    )
    _, blob = encode_streams(s)
    raw_bytes = n * (5 * 8 + 4)
    assert len(blob) < raw_bytes / 2
    assert decode_streams(blob) == s


def test_missing_samples_come_back_as_none() -> None:
    s = Streams(t_s=(0.0, 1.0), heart_rate_bpm=(None, 150), altitude_m=(None, math.pi))
    assert decode_streams(encode_streams(s)[1]) == s


def test_unequal_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="stream heart_rate_bpm has 1 samples, t_s has 2"):
        encode_streams(Streams(t_s=(0.0, 1.0), heart_rate_bpm=(150,)))


def test_foreign_blob_is_refused() -> None:
    with pytest.raises(StreamFormatError, match="magic"):
        decode_streams(b"XXXX" + bytes(10))


def test_float_samples_in_an_integer_channel_are_rounded() -> None:
    s = Streams(t_s=(0.0, 1.0), cadence_spm=(85.6, 90))  # type: ignore[arg-type]
    assert decode_streams(encode_streams(s)[1]).cadence_spm == (86, 90)


@pytest.mark.parametrize(
    ("field", "values", "message"),
    [
        (
            "heart_rate_bpm",
            (120, 10**20),
            "stream heart_rate_bpm has the sample 100000000000000000000; "
            "allowed: an integer from -2147483647 to 2147483647",
        ),
        (
            "power_w",
            (200.0, math.inf),
            "stream power_w has the sample inf; allowed: an integer from -2147483647 to 2147483647",
        ),
        (
            "altitude_m",
            (None, math.nan),
            "stream altitude_m has the sample nan; allowed: a finite number",
        ),
        (
            "speed_m_s",
            (1.0, -math.inf),
            "stream speed_m_s has the sample -inf; allowed: a finite number",
        ),
    ],
)
def test_unstorable_samples_are_refused_by_name(
    field: str, values: tuple[float | None, ...], message: str
) -> None:
    streams = Streams(t_s=(0.0, 1.0), **{field: values})  # type: ignore[arg-type]
    with pytest.raises(StreamValueError) as caught:
        encode_streams(streams)
    assert str(caught.value) == message
