"""Sensor "no value" patterns and impossible readings are dropped and counted (QA walk-through).

A GPX or TCX extension holding 255 or 0 for heart rate, 65535 for power or 255 for
cadence (a converter writing a FIT invalid value as a number) was stored as data and
averaged into the activity's summary. The files below are real files of tests/data
(ATTRIBUTION.md) with a few values replaced.
"""

from __future__ import annotations

import struct
from pathlib import Path

from runstrong.importers import Source, parse_source
from runstrong.importers import _fitdecoder as fd

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
GPX = DATA / "togeojson" / "run_gpxtpx.gpx"  # StravaGPX run, gpxtpx:hr on 42 points
TCX = DATA / "python-tcxparser" / "test.tcx"  # Garmin TCX run, HR on 383 of 384 points
FENIX = DATA / "python-fitparse" / "activity-small-fenix2-run.fit"


def test_gpx_sentinels_are_dropped_with_a_count() -> None:
    text = GPX.read_text(encoding="utf-8")
    hr = "<gpxtpx:hr>111</gpxtpx:hr>"
    assert text.count(hr) >= 3
    text = text.replace(
        hr, "<gpxtpx:hr>255</gpxtpx:hr><gpxtpx:cad>255</gpxtpx:cad><power>65535</power>", 1
    )
    text = text.replace(hr, "<gpxtpx:hr>0</gpxtpx:hr><power>250</power>", 1)
    result = parse_source(Source("run.gpx", text.encode()))
    [activity] = result.activities
    assert activity.streams.heart_rate_bpm[:3] == (None, None, 111)
    assert activity.streams.cadence_spm == ()
    assert activity.streams.power_w[:3] == (None, 250, None)
    assert activity.avg_power_w == 250.0
    assert activity.avg_cadence_spm is None
    assert activity.max_hr_bpm is not None and activity.max_hr_bpm < 255
    assert activity.damage is None
    assert result.warnings == (
        "2 heart rate samples out of range dropped (0, 255 bpm; allowed 25 to 250 bpm)",
        "1 cadence sample out of range dropped (255 rpm; allowed 0 to 250 rpm)",
        "1 power sample out of range dropped (65535 W; allowed 0 to 3000 W)",
    )


def test_tcx_sentinels_in_points_and_laps_are_dropped() -> None:
    text = TCX.read_text(encoding="utf-8")
    text = text.replace("<Value>139</Value>", "<Value>255</Value>", 1)  # lap 1 average HR
    text = text.replace("<Value>62</Value>", "<Value>255</Value>", 1)  # first point's HR
    result = parse_source(Source("run.tcx", text.encode()))
    [activity] = result.activities
    assert activity.laps[0].avg_hr_bpm is None
    assert activity.laps[0].max_hr_bpm == 189.0
    assert activity.streams.heart_rate_bpm[:2] == (None, 62)
    assert activity.max_hr_bpm is not None and activity.max_hr_bpm < 255
    assert result.warnings == (
        "1 heart rate sample out of range dropped (255 bpm; allowed 25 to 250 bpm)",
        "1 summary value out of range dropped (lap 1 average heart rate 255 bpm)",
    )


def _with_wide_heart_rate(data: bytes) -> bytes:
    """The FIT file with its record definitions declaring heart rate (field 3) as uint16
    and every record's HR byte followed by 0x00: 0x00FF is the profile's uint8 "no value"
    written wide, not the uint16 one (0xFFFF)."""
    out = bytearray(data[:14])
    size = struct.unpack_from("<I", data, 4)[0]
    pos, end = 14, 14 + size
    sizes: dict[int, int] = {}
    hr_at: dict[int, int] = {}
    while pos < end:
        hdr = data[pos]
        if hdr & 0xC0 == 0x40:
            local, nfields = hdr & 0x0F, data[pos + 5]
            num = struct.unpack_from("<H", data, pos + 3)[0]
            head = bytearray(data[pos : pos + 6])
            fields = bytearray(data[pos + 6 : pos + 6 + 3 * nfields])
            offset, total = -1, 0
            for i in range(nfields):
                fnum, fsize = fields[3 * i], fields[3 * i + 1]
                if num == fd.MSG_RECORD and fnum == 3:
                    offset = total
                    fields[3 * i + 1 : 3 * i + 3] = bytes((2, 0x84))
                total += fsize
            hr_at[local], sizes[local] = offset, total
            out += head + fields
            pos += 6 + 3 * nfields
            continue
        local = (hdr >> 5) & 0x03 if hdr & 0x80 else hdr & 0x0F
        body = bytearray(data[pos + 1 : pos + 1 + sizes[local]])
        if hr_at[local] >= 0:
            body[hr_at[local] + 1 : hr_at[local] + 1] = b"\x00"
        out += bytes((hdr,)) + body
        pos += 1 + sizes[local]
    struct.pack_into("<I", out, 4, len(out) - 14)
    struct.pack_into("<H", out, 12, fd.fit_crc(bytes(out[:12])))
    return bytes(out) + struct.pack("<H", fd.fit_crc(bytes(out)))


def test_fit_heart_rate_no_value_is_dropped_whatever_width_it_is_declared() -> None:
    original = parse_source(Source("run.fit", FENIX.read_bytes()))
    wide = parse_source(Source("wide.fit", _with_wide_heart_rate(FENIX.read_bytes())))
    [before], [after] = original.activities, wide.activities
    assert after.streams.heart_rate_bpm == before.streams.heart_rate_bpm
    assert after.avg_hr_bpm == before.avg_hr_bpm
    assert after.damage is None
