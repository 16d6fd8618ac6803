"""GPX and TCX: versions, extensions, missing timestamps, hostile XML."""

from __future__ import annotations

import dataclasses
import gzip

import pytest
from importer_samples import sample

from runstrong.core.errors import ImportFileError, NotAnActivity
from runstrong.core.model import Sport
from runstrong.importers import ParseResult, Source, parse_bytes, parse_source
from runstrong.importers.geo import elevation_gain_m

GPX_HEAD = '<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"'
TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"


def _gpx(points: str, extra_ns: str = "", trk_extra: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>\n{GPX_HEAD} {extra_ns}><trk>{trk_extra}<trkseg>{points}'
        "</trkseg></trk></gpx>"
    ).encode()


def test_gpx_with_track_point_extension_reads_hr_and_cadence() -> None:
    pts = "".join(
        f'<trkpt lat="52.0{i}" lon="13.0"><ele>{30 + 2 * i}</ele>'
        f"<time>2024-05-01T10:00:{i * 10:02d}Z</time><extensions><gpxtpx:TrackPointExtension>"
        f"<gpxtpx:hr>{140 + i}</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad>"
        "</gpxtpx:TrackPointExtension></extensions></trkpt>"
        for i in range(4)
    )
    data = _gpx(pts, f'xmlns:gpxtpx="{TPX}"', "<name>Morning</name><type>running</type>")
    (act,) = parse_bytes(data, "r.gpx")
    assert act.sport is Sport.RUNNING
    assert act.name == "Morning"
    assert act.duration_s == 30
    assert act.streams.heart_rate_bpm == (140, 141, 142, 143)
    assert act.avg_hr_bpm == pytest.approx(141.5)
    assert act.streams.cadence_spm == (170, 170, 170, 170)  # one-foot cadence ×2 for runs
    # Due north along a meridian, 0.03° in all: arc length R·θ, R = 6 371 008.8 m (IUGG mean).
    assert act.distance_m == pytest.approx(3335.85, abs=0.01)
    assert act.elevation_gain_m == pytest.approx(6.0)  # past the 3 m band: the whole climb


def test_gpx_1_0_is_read() -> None:
    (act,) = parse_bytes(sample("gpxpy/gpx1.0_with_all_fields.gpx"), "v10.gpx")
    assert act.source_format == "gpx"
    assert act.name == "example name t"


def test_gpx_without_timestamps_is_refused() -> None:
    with pytest.raises(ImportFileError) as err:
        parse_bytes(sample("geo-activity-playground/Berlin_0_9_km.gpx"), "route.gpx")
    assert str(err.value) == (
        "route.gpx: GPX has no timestamps: it is a route or planned track, not a recorded activity"
    )


def test_mislabelled_gpx_is_read_by_content() -> None:
    (act,) = parse_bytes(sample("derived/corrupt/gpx-renamed.fit"), "x.fit")
    assert act.source_format == "gpx"


def test_gzipped_gpx_and_tcx() -> None:
    (gpx,) = parse_bytes(sample("derived/compressed/run_gpxtpx.gpx.gz"), "a.gpx.gz")
    (tcx,) = parse_bytes(sample("derived/compressed/garmin_connect.tcx.gz"), "a.tcx.gz")
    assert (gpx.source_format, tcx.source_format) == ("gpx.gz", "tcx.gz")
    assert gpx.source_hash == parse_bytes(sample("togeojson/run_gpxtpx.gpx"), "b")[0].source_hash


def test_tcx_with_and_without_heart_rate() -> None:
    (with_hr,) = parse_bytes(sample("python-tcxparser/test.tcx"), "hr.tcx")
    (no_hr,) = parse_bytes(sample("python-tcxparser/no_hr.tcx"), "nohr.tcx")
    assert with_hr.sport is no_hr.sport is Sport.RUNNING
    assert with_hr.avg_hr_bpm is not None and 100 < with_hr.avg_hr_bpm < 200
    assert no_hr.avg_hr_bpm is None
    assert no_hr.streams.heart_rate_bpm == ()
    assert len(with_hr.laps) == 3
    assert with_hr.calories_kcal == 94 + 151 + 134  # summed lap <Calories>
    assert with_hr.distance_m == pytest.approx(sum(lap.distance_m or 0 for lap in with_hr.laps))


def test_tcx_course_is_not_an_activity() -> None:
    with pytest.raises(NotAnActivity, match="not an activity: TCX course file"):
        parse_bytes(sample("togeojson/tcx-courses.tcx"), "c.tcx")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<gpx version="1.1" creator="&i;"><trk><name>&i;</name></trk></gpx>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE TrainingCenterDatabase [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>&xxe;</Id>
</Activity></Activities></TrainingCenterDatabase>"""


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [(BILLION_LAUGHS, "bomb.gpx", "GPX"), (EXTERNAL_ENTITY, "xxe.tcx", "TCX")],
)
def test_xml_entity_attacks_are_refused(data: bytes, name: str, kind: str) -> None:
    result = parse_source(Source(name, data))
    assert result == ParseResult(
        name,
        error=f"{kind} declares XML entities or external references, which are refused "
        "(possible entity-expansion attack): EntitiesForbidden",
    )
    with pytest.raises(ImportFileError, match="refused"):
        parse_bytes(gzip.compress(data), name + ".gz")


def test_truncated_xml_is_reported() -> None:
    result = parse_source(Source("t.gpx", sample("derived/corrupt/run_gpxtpx-truncated.gpx")))
    assert result.error is not None and result.error.startswith("malformed GPX (XML error:")


def test_elevation_gain_hysteresis() -> None:
    assert elevation_gain_m([]) is None
    assert elevation_gain_m([None, None]) is None
    assert elevation_gain_m([0, 2.9, 0, 2.9, 0]) == 0  # noise inside the band
    assert elevation_gain_m([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == 10  # a real climb in full
    assert elevation_gain_m([10, 9, 10, 9, 10]) == 0
    assert elevation_gain_m([0, 5, 1, 6]) == pytest.approx(10)


def test_export_type_overrides_the_inferred_sport_and_rescales_cadence() -> None:
    data = sample("Athlytics/example.gpx")  # no <type>: taken as a run, cadence ×2
    (plain,) = parse_bytes(data, "a.gpx")
    (typed,) = parse_bytes(data, "a.gpx", {"type": "Ride", "name": "Spin", "description": "d"})
    assert plain.sport is Sport.RUNNING and typed.sport is Sport.CYCLING
    assert (typed.name, typed.description) == ("Spin", "d")
    assert plain.streams.cadence_spm == (160, 162, 164)  # gpxtpx:cad 80, 81, 82 (one foot)
    assert typed.streams.cadence_spm == (80, 81, 82)  # a ride's cadence is crank rpm


def _typeless(speed_m_s: float, seconds: int) -> bytes:
    """Two points due north, ``seconds`` apart, at ``speed_m_s`` (1° = 111,195 m)."""
    deg = speed_m_s * seconds / 111_194.93
    return _gpx(
        '<trkpt lat="52.0" lon="13.0"><time>2024-05-01T10:00:00Z</time></trkpt>'
        f'<trkpt lat="{52.0 + deg:.7f}" lon="13.0">'
        f"<time>2024-05-01T10:{seconds // 60:02d}:{seconds % 60:02d}Z</time></trkpt>"
    )


@pytest.mark.parametrize(
    ("speed_m_s", "seconds", "sport"),
    [
        (3.0, 600, Sport.RUNNING),  # 5:33/km: a run
        (5.8, 600, Sport.RUNNING),  # marathon world-record pace: still a run
        (7.0, 600, Sport.CYCLING),  # 25 km/h for ten minutes: a ride
        (9.0, 30, Sport.RUNNING),  # too short to judge: the default
    ],
)
def test_gpx_without_type_is_a_run_unless_faster_than_any_runner(
    speed_m_s: float, seconds: int, sport: Sport
) -> None:
    (act,) = parse_bytes(_typeless(speed_m_s, seconds), "t.gpx")
    assert act.sport is sport
    assert act.sub_sport is None


def test_gpx_with_an_unknown_type_stays_other() -> None:
    (act,) = parse_bytes(_gpx(_typeless_points(), trk_extra="<type>parkour</type>"), "p.gpx")
    assert (act.sport, act.sub_sport) == (Sport.OTHER, "parkour")


def _typeless_points() -> str:
    return (
        '<trkpt lat="52.0" lon="13.0"><time>2024-05-01T10:00:00Z</time></trkpt>'
        '<trkpt lat="52.01" lon="13.0"><time>2024-05-01T10:05:00Z</time></trkpt>'
    )


def test_export_type_naming_only_the_family_keeps_the_specific_sport() -> None:
    from runstrong.importers.parse import apply_meta

    (act,) = parse_bytes(sample("python-fitparse/garmin-fenix-5-run.fit"), "r.fit")
    treadmill = dataclasses.replace(act, sport=Sport.TREADMILL)
    (kept,) = apply_meta([treadmill], {"type": "Run"})
    assert kept.sport is Sport.TREADMILL
    (changed,) = apply_meta([treadmill], {"type": "Ride"})
    assert changed.sport is Sport.CYCLING
    assert changed.avg_cadence_spm == pytest.approx((act.avg_cadence_spm or 0) / 2)


def test_unknown_xml_encoding_is_reported() -> None:
    data = b'<?xml version="1.0" encoding="ATF-8"?><gpx version="1.1"></gpx>'
    result = parse_source(Source("enc.gpx", data))
    assert result.error == "malformed GPX (unreadable text encoding: unknown encoding: ATF-8)"
