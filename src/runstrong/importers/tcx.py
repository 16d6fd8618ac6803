"""TCX (Garmin Training Center Database v2) activities → ``Activity`` each.

Reads ``Activities/Activity`` (``Sport`` attribute, ``Id`` start time,
``Notes``, ``Creator/Name``), its ``Lap``s (``StartTime``, ``TotalTimeSeconds``,
``DistanceMeters``, HR, cadence, ``LX`` AvgSpeed/AvgWatts) and trackpoints
(``Time``, position, altitude, distance, HR, cadence, ``TPX`` Speed,
RunCadence, Watts). A ``Courses`` document is not an activity.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree.ElementTree import Element

from runstrong.core.model import Activity, Lap, Sport
from runstrong.importers._plausible import Dropped
from runstrong.importers._problems import FormatProblem, NotActivityProblem
from runstrong.importers._samples import Sample, build_activity
from runstrong.importers._xml import child, children, local, number, parse_xml, text, timestamp
from runstrong.importers.names import STEP_CADENCE_SPORTS, sport_from_text


def parse_tcx(data: bytes, warnings: list[str] | None = None) -> list[Activity]:
    """The activities of a TCX file; readings no human produces are dropped, and one
    line per channel saying so is appended to ``warnings``."""
    root = parse_xml(data, "TCX")
    if local(root.tag) != "TrainingCenterDatabase":
        raise FormatProblem(f"not a TCX document (root element <{local(root.tag)}>)")
    acts = child(root, "Activities")
    elems = list(children(acts, "Activity")) if acts is not None else []
    if not elems:
        if child(root, "Courses") is not None:
            raise NotActivityProblem("not an activity: TCX course file")
        raise FormatProblem("TCX holds no activities")
    dropped = Dropped()
    out = [_activity(a, dropped) for a in elems]
    dropped.report(warnings)
    return out


def _activity(elem: Element, dropped: Dropped) -> Activity:
    sport_attr = elem.get("Sport")
    sport = sport_from_text(sport_attr) or Sport.OTHER
    steps = sport in STEP_CADENCE_SPORTS
    samples: list[Sample] = []
    laps: list[Lap] = []
    end = None
    total_time = 0.0
    total_dist = 0.0
    has_dist = False
    calories: float | None = None
    for n, lap in enumerate(children(elem, "Lap")):
        lap_start = timestamp(lap.get("StartTime"))
        secs = number(text(lap, "TotalTimeSeconds"), "TotalTimeSeconds")
        dist = number(text(lap, "DistanceMeters"), "DistanceMeters")
        total_time += secs or 0.0
        kcal = number(text(lap, "Calories"), "Calories")
        if kcal is not None:
            calories = (calories or 0.0) + kcal
        if dist is not None:
            total_dist += dist
            has_dist = True
        for track in children(lap, "Track"):
            for tp in children(track, "Trackpoint"):
                s = _sample(tp, n)
                if s is not None:
                    samples.append(s)
        if lap_start is not None:
            lap_end = lap_start.timestamp() + (secs or 0.0)
            end = lap_end if end is None else max(end, lap_end)
            cad = number(text(lap, "Cadence"), "Cadence") or number(
                text(child(lap, "Extensions"), "LX", "AvgRunCadence"), "AvgRunCadence"
            )
            laps.append(
                Lap(
                    start=lap_start,
                    duration_s=secs or 0.0,
                    distance_m=dist,
                    avg_hr_bpm=number(text(lap, "AverageHeartRateBpm", "Value"), "Value"),
                    max_hr_bpm=number(text(lap, "MaximumHeartRateBpm", "Value"), "Value"),
                    avg_speed_m_s=number(
                        text(child(lap, "Extensions"), "LX", "AvgSpeed"), "AvgSpeed"
                    ),
                    avg_cadence_spm=None if cad is None else cad * (2 if steps else 1),
                    avg_power_w=number(
                        text(child(lap, "Extensions"), "LX", "AvgWatts"), "AvgWatts"
                    ),
                )
            )
    samples.sort(key=lambda s: s.time)
    start = timestamp(text(elem, "Id")) or (laps[0].start if laps else None)
    if start is None and samples:
        start = samples[0].time
    if start is None:
        raise FormatProblem("TCX activity has no timestamps (no Id, lap start or trackpoint time)")
    end_dt = datetime.fromtimestamp(end, tz=UTC) if end is not None else None
    return build_activity(
        samples,
        sport=sport,
        sub_sport=None if sport is not Sport.OTHER else sport_attr,
        start=start,
        end=end_dt,
        moving_time_s=total_time if laps else None,
        distance_m=total_dist if has_dist else None,
        laps=tuple(laps),
        description=text(elem, "Notes"),
        device=text(elem, "Creator", "Name"),
        calories_kcal=calories,
        dropped=dropped,
    )


def _sample(tp: Element, segment: int) -> Sample | None:
    when = timestamp(text(tp, "Time"))
    if when is None:
        return None
    tpx = child(tp, "Extensions", "TPX")
    cad = number(text(tp, "Cadence"), "Cadence")
    if cad is None:
        cad = number(text(tpx, "RunCadence"), "RunCadence")
    hr = number(text(tp, "HeartRateBpm", "Value"), "HeartRateBpm")
    watts = number(text(tpx, "Watts"), "Watts")
    return Sample(
        time=when,
        segment=segment,
        lat=number(text(tp, "Position", "LatitudeDegrees"), "LatitudeDegrees"),
        lon=number(text(tp, "Position", "LongitudeDegrees"), "LongitudeDegrees"),
        altitude_m=number(text(tp, "AltitudeMeters"), "AltitudeMeters"),
        distance_m=number(text(tp, "DistanceMeters"), "DistanceMeters"),
        speed_m_s=number(text(tpx, "Speed"), "Speed"),
        heart_rate_bpm=None if hr is None else round(hr),
        cadence=None if cad is None else round(cad),
        power_w=None if watts is None else round(watts),
    )
