"""Which stored activity an imported one duplicates: same file, or same workout."""

from __future__ import annotations

import bisect

from sqlalchemy.orm import Session

from runstrong.core.model import Activity, Sport
from runstrong.storage import repository as repo

DEDUP_TOLERANCE_S = 5.0
"""Same sport, start within this many seconds: the same activity from another source."""

_SPORT_FAMILY = {
    Sport.TRAIL_RUNNING.value: Sport.RUNNING.value,
    Sport.TREADMILL.value: Sport.RUNNING.value,
}
"""Sports one source may name differently from another (a watch's "running" is a
Strava "Trail Run"): compared as one sport by the cross-source check."""


def _family(sport: str) -> str:
    return _SPORT_FAMILY.get(sport, sport)


class Deduper:
    """The stored keys of one athlete, kept up to date as the import writes."""

    def __init__(self, session: Session, athlete_id: int) -> None:
        self.hashes, by_sport = repo.import_keys(session, athlete_id)
        self.starts: dict[str, list[tuple[float, int]]] = {}
        for sport, starts in by_sport.items():
            self.starts.setdefault(_family(sport), []).extend(starts)
        for starts in self.starts.values():
            starts.sort()
        self.legs_per_hash: dict[str, int] = {}
        for digest, _leg in self.hashes:
            self.legs_per_hash[digest] = self.legs_per_hash.get(digest, 0) + 1

    def same_file(self, activity: Activity) -> bool:
        """Already stored from the same file content (hash and leg)."""
        return activity.source_hash is not None and (
            (activity.source_hash, activity.leg_index) in self.hashes
        )

    def same_workout(self, activity: Activity) -> int | None:
        """Id of a stored activity of the same sport starting within the tolerance, if any."""
        starts = self.starts.get(_family(activity.sport.value), [])
        t = activity.start.timestamp()
        i = bisect.bisect_left(starts, (t - DEDUP_TOLERANCE_S, -1))
        if i < len(starts) and starts[i][0] <= t + DEDUP_TOLERANCE_S:
            return starts[i][1]
        return None

    def add(self, activity: Activity, activity_id: int) -> None:
        if activity.source_hash is not None:
            self.hashes.add((activity.source_hash, activity.leg_index))
        bisect.insort(
            self.starts.setdefault(_family(activity.sport.value), []),
            (activity.start.timestamp(), activity_id),
        )
