"""FIT specifics: strength sets, multisport legs, cadence units, CRC, chained files."""

from __future__ import annotations

import datetime as dt
import gzip
import struct
from pathlib import Path

import fitdecode
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from importer_samples import sample

from runstrong.core.errors import ImportFileError, NotAnActivity
from runstrong.core.model import Sport
from runstrong.importers import Source, content_hash, parse_bytes, parse_source
from runstrong.importers._fitdecoder import FitFormatError, decode, fit_crc
from runstrong.importers.names import exercise_name, sport_from_fit

STRENGTH = "fit-analyzer/20748058539_ACTIVITY.fit"
FENIX_RUN = "python-fitparse/activity-small-fenix2-run.fit"
MULTISPORT = "python-fitparse/activity-large-fenxi2-multisport.fit"


def test_strength_file_yields_active_sets_with_readable_names() -> None:
    (act,) = parse_bytes(sample(STRENGTH), "gym.fit")
    assert act.sport is Sport.STRENGTH
    assert len(act.sets) == 14  # 27 set messages: 14 active, 13 rest (rest skipped)
    first = act.sets[0]
    assert first.exercise == "banded pull ups"  # category pull_up (21), subtype 0
    assert first.reps == 15
    assert first.load_kg is None  # 0 kg in the file = body weight only
    assert first.duration_s == pytest.approx(75.391)
    assert first.start == dt.datetime(2025, 10, 20, 17, 44, 6, tzinfo=dt.UTC)
    bench = next(s for s in act.sets if s.exercise == "bench press")
    assert bench.load_kg == pytest.approx(14.0)
    assert [s.order for s in act.sets] == list(range(14))


def test_exercise_names() -> None:
    assert exercise_name(28, 0) == "leg press"  # squat category, subtype 0
    assert exercise_name(28, 60000) == "squat"  # unknown subtype → the category
    assert exercise_name(999, 0) == "unknown exercise (category 999)"
    assert exercise_name(65534, None) == "unknown exercise"
    assert exercise_name(None, None) == "unknown exercise"


@pytest.mark.parametrize(
    ("sport", "sub", "expected"),
    [
        (1, 0, Sport.RUNNING),
        (1, 1, Sport.TREADMILL),
        (1, 3, Sport.TRAIL_RUNNING),
        (2, 7, Sport.CYCLING),
        (5, 17, Sport.SWIMMING),
        (11, 0, Sport.WALKING),
        (17, 0, Sport.HIKING),
        (10, 20, Sport.STRENGTH),
        (10, 26, Sport.OTHER),
        (4, 14, Sport.ROWING),
        (15, 0, Sport.ROWING),
        (3, 0, Sport.TRANSITION),
        (75, 0, Sport.OTHER),
        (None, None, Sport.OTHER),
    ],
)
def test_sport_mapping(sport: int | None, sub: int | None, expected: Sport) -> None:
    assert sport_from_fit(sport, sub) is expected


def test_multisport_yields_one_activity_per_session_sharing_event_id() -> None:
    acts = parse_bytes(sample(MULTISPORT), "tri.fit")
    assert len(acts) == 7
    assert [a.leg_index for a in acts] == list(range(7))
    assert {a.event_id for a in acts} == {content_hash(sample(MULTISPORT))}
    assert [a.sport for a in acts][1:] == [
        Sport.TRANSITION,
        Sport.RUNNING,
        Sport.TRANSITION,
        Sport.RUNNING,
        Sport.TRANSITION,
        Sport.CYCLING,
    ]
    for a in acts:  # streams are sliced to each leg's own time span
        assert all(0 <= t <= a.duration_s + 1 for t in a.streams.t_s)
    starts = [a.start for a in acts]
    assert starts == sorted(starts)


def test_single_activity_has_no_event_id() -> None:
    (act,) = parse_bytes(sample(FENIX_RUN), "run.fit")
    assert act.event_id is None
    assert act.leg_index == 0


def test_running_cadence_is_doubled_to_steps_per_minute() -> None:
    data = sample(FENIX_RUN)
    (act,) = parse_bytes(data, "run.fit")
    with fitdecode.FitReader(data) as fit:
        sess = next(
            f for f in fit if isinstance(f, fitdecode.FitDataMessage) and f.name == "session"
        )
    strides = sess.get_value("avg_cadence") + (sess.get_value("avg_fractional_cadence") or 0)
    assert act.avg_cadence_spm == pytest.approx(2 * strides)
    assert act.streams.cadence_spm
    assert max(c for c in act.streams.cadence_spm if c is not None) > 120


def test_cycling_cadence_stays_rpm() -> None:
    (act,) = parse_bytes(sample("fit-analyzer/20747700969_ACTIVITY.fit"), "ride.fit")
    assert act.sport is Sport.CYCLING
    assert act.avg_cadence_spm == pytest.approx(82, abs=1)


def test_fit_and_fit_gz_have_the_same_hash() -> None:
    raw = sample(FENIX_RUN)
    (plain,) = parse_bytes(raw, "a.fit")
    (packed,) = parse_bytes(gzip.compress(raw), "a.fit.gz")
    assert plain.source_hash == packed.source_hash == content_hash(raw)
    assert (plain.source_format, packed.source_format) == ("fit", "fit.gz")
    assert plain.distance_m == packed.distance_m


def test_header_crc_zero_is_accepted() -> None:
    data = sample("python-fitparse/2013-02-06-12-11-14.fit")
    assert data[0] == 14 and data[12:14] == b"\0\0"
    (act,) = parse_bytes(data, "old.fit")
    assert act.sport is Sport.RUNNING


def test_bad_header_crc_is_refused() -> None:
    data = bytearray(sample(FENIX_RUN))
    data[12] ^= 0xFF
    with pytest.raises(ImportFileError) as err:
        parse_bytes(bytes(data), "x.fit")
    assert str(err.value) == "x.fit: header CRC mismatch (file corrupt)"


def test_bit_flip_imports_the_records_with_a_crc_warning() -> None:
    """Issue: a wrong file CRC dropped the whole file; fitdecode (check_crc=WARN)
    reads all 2,809 records of this file, and so does the import, with a warning. The
    flipped byte made one record's power 0xFF00 (test_import_damaged_twin.py)."""
    result = parse_source(Source("flip.fit", sample("derived/corrupt/fenix2-run-bitflip.fit")))
    assert (result.error, len(result.activities)) == (None, 1)
    assert result.warnings == (
        "damaged FIT file (file CRC mismatch (file corrupt or modified)): "
        "imported the 2,809 complete records read",
        "1 power sample out of range dropped (65280 W; allowed 0 to 3000 W)",
    )


def test_truncated_ride_keeps_its_complete_records() -> None:
    """nick.fit: a SIGMA ride whose last message runs into the CRC bytes (the device
    stopped writing). fitdecode reads 14,391 records before the end; four in a row read
    0 bpm (the strap lost contact) and are dropped."""
    result = parse_source(Source("nick.fit", sample("python-fitparse/nick.fit")))
    (act,) = result.activities
    assert act.sport is Sport.CYCLING
    assert len(act.streams.t_s) == 14_391
    assert result.warnings == (
        "damaged FIT file (file CRC mismatch (file corrupt or modified); data message at "
        "byte 403437 truncated (the data ends at byte 403454)): "
        "imported the 14,391 complete records read",
        "4 heart rate samples out of range dropped (0 bpm; allowed 25 to 250 bpm)",
    )
    assert act.streams.heart_rate_bpm[9646:9652].count(None) == 4


def test_one_byte_short_file_keeps_its_records() -> None:
    result = parse_source(Source("eof.fit", sample("python-fitparse/activity-unexpected-eof.fit")))
    (act,) = result.activities
    assert len(act.streams.t_s) == 14
    assert result.warnings == (
        "damaged FIT file (truncated: header declares 757 data bytes + 2 CRC bytes, only 756 "
        "bytes follow the header; data message at byte 751 truncated (the data ends at byte "
        "768)): imported the 14 complete records read",
    )


def test_strava_app_file_keeps_the_records_before_the_undefined_message() -> None:
    data = sample("python-fitparse/strava-android-app-201.10-b1218918.fit")
    result = parse_source(Source("strava.fit", data))
    (act,) = result.activities
    assert act.sport is Sport.RUNNING
    (warning,) = result.warnings
    assert "local message 11 used before its definition (byte 7471)" in warning
    assert warning.endswith("imported the 473 complete records read")  # as fitdecode reads


def test_chained_file_with_corrupt_second_segment_reads_the_repeated_run_once() -> None:
    """The file is Activity.fit written twice, the second copy with a wrong CRC: one run
    (it was read as two, the second holding the 14 samples twice over)."""
    result = parse_source(Source("c.fit", sample("python-fitparse/activity-activity-filecrc.fit")))
    assert len(result.activities) == 1
    assert result.warnings == (
        "the file repeats 14 records, 1 lap and 1 session (a FIT segment written again): "
        "each read once",
        "damaged FIT file (FIT segment 2 at byte 771: file CRC mismatch (file corrupt or "
        "modified)): imported the 14 complete records read",
    )


def test_damaged_file_without_records_is_still_an_error() -> None:
    with pytest.raises(ImportFileError) as err:
        parse_bytes(sample("derived/corrupt/header-only.fit"), "h.fit")
    assert str(err.value) == (
        "h.fit: truncated: header declares 121823 data bytes + 2 CRC bytes, only 0 bytes "
        "follow the header; no complete record or session before the damage"
    )


def test_non_activity_files_raise_not_an_activity() -> None:
    with pytest.raises(NotAnActivity) as err:
        parse_bytes(sample("python-fitparse/MonitoringFile.fit"), "m.fit")
    assert str(err.value) == "m.fit: not an activity: FIT monitoring_b file"


def test_empty_file() -> None:
    with pytest.raises(ImportFileError, match=r"^e\.fit: empty file \(0 bytes\)$"):
        parse_bytes(b"", "e.fit")


def test_crc_matches_fitdecode() -> None:
    from fitdecode.utils import compute_crc

    data = sample(FENIX_RUN)
    for n in (1, 2, 3, 1001, len(data)):
        assert fit_crc(data[:n]) == compute_crc(data[:n])


def _with_valid_crc(body: bytes) -> bytes:
    return body + struct.pack("<H", fit_crc(body))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_decoder_never_fails_with_anything_but_a_reason(data: st.DataObject) -> None:
    """Random damage to the message area (with a re-computed, valid CRC, so the
    decoder must walk the garbage) gives a FitFormatError or messages, never a crash."""
    original = sample("python-fitparse/garmin-fenix-5-run.fit")
    body = bytearray(original[:-2])
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(14, len(body) - 1))
        body[pos] = data.draw(st.integers(0, 255))
    try:
        decode(_with_valid_crc(bytes(body)))
    except FitFormatError as exc:
        assert str(exc)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 5596))
def test_any_truncation_is_reported(cut: int) -> None:
    """A cut file is never imported silently: what it lost is an error or a warning."""
    data = sample("python-fitparse/garmin-fenix-5-run.fit")[:cut]
    result = parse_source(Source("cut.fit", data))
    said = [result.error] if result.error is not None else list(result.warnings)
    assert len(said) == 1


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(
        [
            "python-fitparse/garmin-fenix-5-walk.fit",
            "Athlytics/example.gpx",
            "Athlytics/example.tcx",
            "derived/compressed/run_gpxtpx.gpx.gz",
        ]
    ),
    st.data(),
)
def test_parse_source_never_raises_on_damaged_input(rel: str, data: st.DataObject) -> None:
    from runstrong.importers import Source, parse_source

    raw = bytearray(sample(rel))
    for _ in range(data.draw(st.integers(1, 6))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(raw)))
    result = parse_source(Source(rel, bytes(raw[:cut])))
    assert (
        bool(result.activities) + (result.error is not None) + (result.skipped_reason is not None)
        == 1
    )


def test_summary_values_fall_back_to_the_records() -> None:
    """A Fenix 2 run has heart rate and cadence per record but none in its session message;
    the activity still carries average and maximum heart rate and cadence (issue 15)."""
    path = Path(__file__).resolve().parents[1] / "data/activities/python-fitparse"
    data = (path / "activity-small-fenix2-run.fit").read_bytes()
    hr: list[int] = []
    with fitdecode.FitReader(data) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                assert frame.get_value("avg_heart_rate", fallback=None) is None
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                value = frame.get_value("heart_rate", fallback=None)
                if value is not None:
                    hr.append(int(value))
    (activity,) = parse_bytes(data, "activity-small-fenix2-run.fit")
    assert activity.avg_hr_bpm == pytest.approx(
        sum(hr) / len(hr), abs=0.5
    )  # a few records lie outside the session
    assert activity.max_hr_bpm == max(hr)
