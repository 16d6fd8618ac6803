"""Which stored activity an imported one duplicates, and which copy of a workout is kept.

Two kinds of duplicate:

* **same file**: the athlete already has the same ``(source_hash, leg_index)``
  (the same file content); the unique constraint backs this check.
* **same workout**: a stored activity from another file starting within
  ``DEDUP_TOLERANCE_S`` seconds (e.g. the watch's FIT file and Strava's GPX of
  the same run), either of the same sport family, or of another sport with a
  similar duration and distance (``SIMILAR_SHARE``): one athlete does not start
  two workouts within seconds of each other that last as long and go as far,
  while one file's sport may be a guess (a GPX without ``<type>``, an unknown
  type stored as ``other``).

Of two copies of one workout exactly one is kept, whatever the order or the
timing of the imports (issue 14): an **intact** copy over one read from a
damaged file (a wrong CRC, cut short: ``Activity.damage``, stored with it), then
the copy with **more data** — more of the channels heart rate, power, cadence,
GPS and laps, then more samples at distinct times (a block of samples a file
holds twice is not more data) — and on a tie the one whose file hash (SHA-256,
hex) is **smaller**. The check
runs under the athlete's import lock (``repository.lock_for_import``), so
two imports running at once see each other's committed copies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from runstrong.core.model import Activity, Sport
from runstrong.storage import repository as repo

DEDUP_TOLERANCE_S = 5.0
"""Same sport, start within this many seconds: the same activity from another source."""
SIMILAR_SHARE = 0.10
"""Another sport, start within ``DEDUP_TOLERANCE_S``: the same activity when the durations
differ by at most this share of the longer (plus ``DEDUP_TOLERANCE_S``) and so do the
distances when both are known (plus 50 m, GPS noise of a short track)."""
_DISTANCE_SLACK_M = 50.0
_ALL_SPORTS = frozenset(s.value for s in Sport)

_SPORT_FAMILY = {
    Sport.TRAIL_RUNNING.value: Sport.RUNNING.value,
    Sport.TREADMILL.value: Sport.RUNNING.value,
}
"""Sports one source may name differently from another (a watch's "running" is a
Strava "Trail Run"): compared as one sport by the cross-source check."""


def _family(sport: str) -> str:
    return _SPORT_FAMILY.get(sport, sport)


def family_sports(sport: str) -> frozenset[str]:
    """Every sport compared as one with ``sport`` without looking at length (the family)."""
    family = _family(sport)
    return frozenset(s.value for s in Sport if _family(s.value) == family)


def same_workout(new: Activity, stored: Activity) -> bool:
    """Two activities starting within ``DEDUP_TOLERANCE_S`` of each other are one workout
    when of the same sport family, or else as long and as far (``SIMILAR_SHARE``)."""
    if _family(new.sport.value) == _family(stored.sport.value):
        return True
    longer = max(new.duration_s, stored.duration_s)
    if abs(new.duration_s - stored.duration_s) > SIMILAR_SHARE * longer + DEDUP_TOLERANCE_S:
        return False
    if new.distance_m is None or stored.distance_m is None:
        return True
    farther = max(new.distance_m, stored.distance_m)
    return abs(new.distance_m - stored.distance_m) <= SIMILAR_SHARE * farther + _DISTANCE_SLACK_M


@dataclass(frozen=True, slots=True)
class Richness:
    """How much data one copy of a workout carries (what the keep rule compares)."""

    channels: tuple[str, ...]
    """Which of heart rate, power, cadence, GPS and laps it has, in that order."""
    points: int
    """Stream samples at distinct times."""
    damage: str | None = None
    """What was wrong with the file the copy was read from (None: intact)."""

    def describe(self) -> str:
        have = (
            ", ".join(self.channels)
            if self.channels
            else "no heart rate, power, cadence, GPS or laps"
        )
        return f"{have}; {self.points} samples"


def richness(activity: Activity) -> Richness:
    """The data ``activity`` carries: a channel counts when at least one sample is present."""
    s = activity.streams
    present = {
        "heart rate": any(v is not None for v in s.heart_rate_bpm),
        "power": any(v is not None for v in s.power_w),
        "cadence": any(v is not None for v in s.cadence_spm),
        "GPS": any(v is not None for v in s.lat_deg),
        "laps": bool(activity.laps),
    }
    channels = tuple(name for name, has in present.items() if has)
    return Richness(channels, len(set(s.t_s)), activity.damage)


def _rank(copy: Richness) -> tuple[bool, int, int]:
    return (copy.damage is None, len(copy.channels), copy.points)


def keeps_first(first: Richness, first_hash: str, second: Richness, second_hash: str) -> bool:
    """True when the first copy is the one to keep (the rule in the module docstring)."""
    a, b = _rank(first), _rank(second)
    if a != b:
        return a > b
    return first_hash < second_hash


def why_kept(kept: Richness, other: Richness, kept_label: str, other_label: str) -> str:
    """The reason the rule gives, in words (the labels: "this file", "that copy")."""
    if kept.damage is None and other.damage is not None:
        return f"{other_label} is damaged ({other.damage}), {kept_label} is intact"
    if _rank(kept) != _rank(other):
        return "it has more data"
    return "both have as much data and its file hash is the smaller"


class Deduper:
    """Same-file keys of one athlete (kept up to date as the import writes) and the
    same-workout look-up (read from the database, under the import lock)."""

    def __init__(self, session: Session, athlete_id: int) -> None:
        self.athlete_id = athlete_id
        self.hashes = repo.import_keys(session, athlete_id)
        self.legs_per_hash: dict[str, int] = {}
        for digest, _leg in self.hashes:
            self.legs_per_hash[digest] = self.legs_per_hash.get(digest, 0) + 1

    def same_file(self, activity: Activity) -> bool:
        """Already stored from the same file content (hash and leg)."""
        return activity.source_hash is not None and (
            (activity.source_hash, activity.leg_index) in self.hashes
        )

    def same_workout(self, session: Session, activity: Activity) -> repo.StoredTwin | None:
        """The stored copy of the same workout from another file (nearest start), if any:
        of the same sport family, or of another sport but as long and as far."""
        tolerance = dt.timedelta(seconds=DEDUP_TOLERANCE_S)
        candidates = repo.workout_twins(
            session,
            self.athlete_id,
            _ALL_SPORTS,
            activity.start - tolerance,
            activity.start + tolerance,
            other_than_hash=activity.source_hash or "",
        )
        # Usually none: reading each candidate's summary costs nothing on a fresh import.
        twins = [
            t
            for t in candidates
            if same_workout(
                activity, repo.get_activity(session, t.activity_id, with_streams=False).activity
            )
        ]
        if not twins:
            return None
        return min(
            twins,
            key=lambda t: (abs((t.start_utc - activity.start).total_seconds()), t.activity_id),
        )

    def add(self, activity: Activity) -> None:
        if activity.source_hash is not None:
            self.hashes.add((activity.source_hash, activity.leg_index))
