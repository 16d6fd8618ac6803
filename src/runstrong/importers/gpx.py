"""GPX 1.0/1.1 tracks → one ``Activity``.

Reads ``trk``/``trkseg``/``trkpt`` (lat, lon, ``ele``, ``time``) and the
Garmin TrackPointExtension (``hr``, ``cad``) or any extension child named
``hr``/``heartrate``, ``cad``/``cadence``, ``power``/``watts``. Track name and
``type`` become the activity name and sport. Points without ``time`` are
dropped; a file with no timed point is refused ("has no timestamps").

A track with no ``<type>`` at all (the Strava app's GPX, many running apps) is
a run, runstrong being a running coach, unless it is faster than any runner:
over ``CYCLING_SPEED_M_S`` on average for at least ``_SPEED_MIN_S`` of moving
time makes it a ride (docs/file-formats.md). An unknown ``<type>`` stays
``other`` with the text as sub-sport.
"""

from __future__ import annotations

import dataclasses
from xml.etree.ElementTree import Element

from runstrong.core.model import Activity, Sport
from runstrong.core.science.plausibility import STEP_CADENCE_RANGE
from runstrong.importers._plausible import Dropped
from runstrong.importers._problems import FormatProblem
from runstrong.importers._samples import Sample, _mean, build_activity
from runstrong.importers._xml import child, children, local, number, parse_xml, text, timestamp
from runstrong.importers.names import STEP_CADENCE_SPORTS, sport_from_text

_HR = frozenset({"hr", "heartrate"})
_CAD = frozenset({"cad", "cadence"})
_POWER = frozenset({"power", "watts"})

CYCLING_SPEED_M_S = 6.0
"""21.6 km/h: faster than the marathon world record (2:00:35, 5.83 m/s, Kiptum 2023),
so a typeless track this fast on average is taken as a ride."""
_SPEED_MIN_S = 60.0
"""Moving time needed to judge speed (a few points with bad clocks prove nothing)."""


def parse_gpx(data: bytes, warnings: list[str] | None = None) -> list[Activity]:
    """The one activity of a GPX file; readings no human produces are dropped, and one
    line per channel saying so is appended to ``warnings``."""
    root = parse_xml(data, "GPX")
    if local(root.tag) != "gpx":
        raise FormatProblem(f"not a GPX document (root element <{local(root.tag)}>)")
    samples: list[Sample] = []
    untimed = 0
    segment = 0
    tracks = list(children(root, "trk"))
    for trk in tracks:
        for seg in children(trk, "trkseg"):
            segment += 1
            for pt in children(seg, "trkpt"):
                sample = _sample(pt, segment)
                if sample is None:
                    untimed += 1
                else:
                    samples.append(sample)
    if not samples:
        routes = sum(1 for r in children(root, "rte") for _ in children(r, "rtept"))
        if untimed or routes:
            raise FormatProblem(
                "GPX has no timestamps: it is a route or planned track, not a recorded activity"
            )
        raise FormatProblem("GPX holds no track points")
    if untimed > len(samples):
        # A few stray times on an untimed track (e.g. a cleaned-up route) do not make an activity.
        raise FormatProblem(
            f"GPX has no timestamps on {untimed} of {untimed + len(samples)} track points: "
            "it is a route or planned track, not a recorded activity"
        )
    first = tracks[0] if tracks else None
    type_text = text(first, "type")
    sport = sport_from_text(type_text) or Sport.OTHER
    name = text(first, "name") or text(root, "metadata", "name") or text(root, "name")
    dropped = Dropped()
    act = build_activity(
        samples,
        sport=sport,
        sub_sport=None if sport is not Sport.OTHER else type_text,
        name=name,
        description=text(first, "desc"),
        device=root.get("creator") or None,
        dropped=dropped,
    )
    act = _inferred_sport(act, dropped) if type_text is None else act
    dropped.report(warnings)
    return [act]


def _inferred_sport(act: Activity, dropped: Dropped) -> Activity:
    """A typeless track's sport (module docstring); cadence follows the sport's unit:
    GPX ``cad`` counts one foot (×2 → steps/min for step sports) or crank rpm."""
    moving_s = act.moving_time_s or act.duration_s
    fast = moving_s >= _SPEED_MIN_S and (act.distance_m or 0.0) / moving_s > CYCLING_SPEED_M_S
    sport = Sport.CYCLING if fast else Sport.RUNNING
    if sport not in STEP_CADENCE_SPORTS:
        return dataclasses.replace(act, sport=sport)
    cad = tuple(
        dropped.channel(
            [None if c is None else c * 2 for c in act.streams.cadence_spm], STEP_CADENCE_RANGE
        )
    )
    avg = _mean(cad)
    streams = dataclasses.replace(
        act.streams, cadence_spm=cad if any(c is not None for c in cad) else ()
    )
    return dataclasses.replace(act, sport=sport, streams=streams, avg_cadence_spm=avg)


def _sample(pt: Element, segment: int) -> Sample | None:
    when = timestamp(text(pt, "time"))
    if when is None:
        return None
    hr = cad = power = None
    ext = child(pt, "extensions")
    if ext is not None:
        for node in ext.iter():
            name = local(node.tag).lower()
            if name in _HR:
                hr = _int(node, name)
            elif name in _CAD:
                cad = _int(node, name)
            elif name in _POWER:
                power = _int(node, name)
    return Sample(
        time=when,
        segment=segment,
        lat=number(pt.get("lat"), "trkpt lat"),
        lon=number(pt.get("lon"), "trkpt lon"),
        altitude_m=number(text(pt, "ele"), "ele"),
        heart_rate_bpm=hr,
        cadence=cad,
        power_w=power,
    )


def _int(node: Element, name: str) -> int | None:
    value = number(text(node), name)
    return None if value is None else round(value)
