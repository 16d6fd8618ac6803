"""Training-load statistics from the log: daily load of runs and lifts (legs apart from
upper body), fitness/fatigue/form, ACWR, weekly monotony and strain, and planned vs
done (compliance by week and by session kind).

Load conventions (see docs/coach.md):

* one currency, session RPE (Foster): a run's load is its session-RPE load (RPE ×
  minutes) when an RPE was logged; else, with an average heart rate and a
  per-athlete calibration (``core.science.load.trimp_to_srpe_factor`` over runs
  with both), its Banister TRIMP mapped into session-RPE units; else RPE 4 is
  assumed. TRIMP is never summed raw with session RPE: it is shown apart
  (``DayLoad.trimp``). TRIMP uses the median resting HR of the check-ins (60 bpm
  when none) and the highest HR of the log as maximum, with the profile's sex;
* fitness and fatigue start at the mean daily load of the log's first 28 days
  (``core.science.load.pmc_seed``), not at 0;
* a lift's load is its session-RPE load (RPE 5 assumed when none), split into
  leg, upper-body and other (core) parts by the share of sets whose library
  exercise trains leg or upper-body muscles.

The results are frozen dataclasses; ``services.coach_json.jsonable`` turns them
into JSON for ``runstrong stats … --json`` and the web app.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from runstrong.core.coaching.matching import TRAINING_KINDS
from runstrong.core.errors import InputError, RunstrongError
from runstrong.core.model import Activity, Sex, Sport
from runstrong.core.science.load import (
    banister_trimp,
    daily_loads,
    pmc_seed,
    trimp_to_srpe_factor,
)
from runstrong.core.science.pmc import ACWR_CAVEAT, PmcDay, acwr_rolling, pmc, week_strain
from runstrong.services import coach_history as hist
from runstrong.services.coach import active_plan, read_profile
from runstrong.services.matching import match_stored
from runstrong.services.stats_query import activity_log, wellness_log
from runstrong.storage import repository as repo
from runstrong.storage.records import StoredActivity

DEFAULT_REST_HR = 60.0
ACWR_CHRONIC_DAYS = 28
WARMUP_DAYS = 300


@dataclass(frozen=True, slots=True)
class DayLoad:
    """One day's load (AU) by source."""

    day: dt.date
    run: float
    leg: float
    upper: float
    other: float
    trimp: float = 0.0
    """HR-based Banister TRIMP of the day's runs, shown apart (not part of ``total``)."""

    @property
    def total(self) -> float:
        return self.run + self.leg + self.upper + self.other


@dataclass(frozen=True, slots=True)
class WeekLoad:
    """One Monday-to-Sunday week: volumes, load, Foster's monotony and strain."""

    start: dt.date
    run_km: float
    run_min: float
    lift_min: float
    other_min: float
    load: float
    leg_load: float
    upper_load: float
    monotony: float | None
    strain: float | None
    monotonous: bool


LOAD_SOURCE_LABELS: dict[str, str] = {
    "srpe": "rated (session RPE)",
    "trimp": "from heart rate (TRIMP × your calibration, in session-RPE units)",
    "srpe_default": "unrated (RPE 4 assumed)",
}
"""What each load source means. Every source yields the one currency, session-RPE
units (RPE × minutes): a run scored from heart rate is its TRIMP mapped by the
athlete's calibration, so it must not be labelled as a TRIMP value."""


def load_source_counts(sources: dict[str, int]) -> dict[str, int]:
    """Activities per load source, keyed by the words the CLI and the pages show."""
    return {label: sources.get(key, 0) for key, label in LOAD_SOURCE_LABELS.items()}


@dataclass(frozen=True, slots=True)
class LoadReport:
    """Daily loads, PMC and ACWR per day from ``start`` to ``end``, weeks, conventions."""

    start: dt.date
    end: dt.date
    days: tuple[DayLoad, ...]
    pmc: tuple[PmcDay, ...]
    acwr: tuple[float | None, ...]
    weeks: tuple[WeekLoad, ...]
    sources: dict[str, int]
    rest_hr_bpm: float
    max_hr_bpm: float | None
    caveat: str = ACWR_CAVEAT
    trimp_to_srpe: float | None = None
    """The athlete's TRIMP → session-RPE factor (None until enough runs have both)."""
    seed_load: float = 0.0
    """Daily load that fitness and fatigue started from (mean of the log's first days)."""


def logged_days(report: LoadReport) -> int:
    """Days from the first logged day of the report to its end (0 with no log)."""
    first = next((i for i, d in enumerate(report.days) if d.total > 0), None)
    return 0 if first is None else len(report.days) - first


@dataclass(frozen=True, slots=True)
class KindCompliance:
    """Planned vs done for one kind of session (e.g. ``run:long``, ``strength:heavy``)."""

    kind: str
    planned: int
    done: int

    @property
    def ratio(self) -> float | None:
        return self.done / self.planned if self.planned else None


@dataclass(frozen=True, slots=True)
class WeekCompliance:
    """Planned vs done in one plan week."""

    index: int
    start: dt.date
    planned: int
    done: int
    by_kind: tuple[KindCompliance, ...]


@dataclass(frozen=True, slots=True)
class ComplianceReport:
    """Planned vs done per plan week up to ``until`` and per session kind over them."""

    until: dt.date
    weeks: tuple[WeekCompliance, ...]
    by_kind: tuple[KindCompliance, ...]
    planned: int
    done: int
    missed: tuple[str, ...]
    counted_from: dt.date | None = None
    """The first day counted (the plan's start, or ``since``)."""


def check_since(since: dt.date | None, today: dt.date) -> None:
    if since is not None and since > today:
        raise InputError(
            f"--since {since.isoformat()} is after the last day {today.isoformat()}: "
            "give an earlier date"
        )


def _trimp(a: Activity, rest: float, max_hr: float | None, sex: Sex) -> float | None:
    if a.avg_hr_bpm and max_hr and rest < max_hr:
        try:
            return banister_trimp(a.duration_s / 60.0, a.avg_hr_bpm, rest, max_hr, sex)
        except RunstrongError:
            return None
    return None


def _run_load(a: Activity, trimp: float | None, factor: float | None) -> tuple[float, str]:
    """A run's load in session-RPE units and where it came from (see the module doc)."""
    if a.session_rpe is not None:
        return hist.srpe_load(a), "srpe"
    if trimp is not None and factor is not None:
        return trimp * factor, "trimp"
    return hist.srpe_load(a), "srpe_default"


def calibration(
    acts: Sequence[StoredActivity], rest: float, max_hr: float | None, sex: Sex
) -> float | None:
    """The athlete's TRIMP → session-RPE factor from runs with both (None: too few)."""
    pairs = []
    for stored in acts:
        a = stored.activity
        if a.sport.is_run and a.session_rpe is not None:
            trimp = _trimp(a, rest, max_hr, sex)
            if trimp is not None:
                pairs.append((hist.srpe_load(a), trimp))
    return trimp_to_srpe_factor(pairs)


def _hr_bounds(
    acts: Sequence[StoredActivity], session: Session, athlete_id: int, since: dt.date
) -> tuple[float, float | None]:
    rests = [
        w.resting_hr_bpm for w in wellness_log(session, athlete_id, since=since) if w.resting_hr_bpm
    ]
    rest = statistics.median(rests) if rests else DEFAULT_REST_HR
    highs = [a.activity.max_hr_bpm for a in acts if a.activity.max_hr_bpm]
    highs += [a.activity.avg_hr_bpm for a in acts if a.activity.avg_hr_bpm]
    top = max(highs) if highs else None
    return rest, (top if top is not None and top > rest + 20 else None)


def day_loads(
    acts: Sequence[StoredActivity],
    rest: float,
    max_hr: float | None,
    sex: Sex,
    factor: float | None = None,
) -> tuple[dict[dt.date, DayLoad], dict[str, int]]:
    """Per-day loads (session-RPE units) by source, TRIMP apart, and how many
    activities used each load source; ``factor`` maps TRIMP into session-RPE units."""
    out: dict[dt.date, DayLoad] = {}
    sources = {"trimp": 0, "srpe": 0, "srpe_default": 0}
    for stored in acts:
        a = stored.activity
        day = hist.local_day(a)
        cur = out.get(day) or DayLoad(day, 0.0, 0.0, 0.0, 0.0)
        if a.sport is Sport.STRENGTH:
            load = hist.srpe_load(a)
            leg, upper = hist.leg_share(a)
            cur = DayLoad(
                day,
                cur.run,
                cur.leg + load * leg,
                cur.upper + load * upper,
                cur.other + load * (1 - leg - upper),
                cur.trimp,
            )
            sources["srpe" if a.session_rpe is not None else "srpe_default"] += 1
        elif a.sport.is_run:
            trimp = _trimp(a, rest, max_hr, sex)
            load, source = _run_load(a, trimp, factor)
            sources[source] += 1
            cur = DayLoad(
                day, cur.run + load, cur.leg, cur.upper, cur.other, cur.trimp + (trimp or 0.0)
            )
        else:
            sources["srpe" if a.session_rpe is not None else "srpe_default"] += 1
            cur = DayLoad(
                day, cur.run, cur.leg, cur.upper, cur.other + hist.srpe_load(a), cur.trimp
            )
        out[day] = cur
    return out, sources


def _all_activities(
    session: Session, athlete_id: int, until: dt.date, *, since: dt.date | None = None
) -> list[StoredActivity]:
    """Activities with local day ``since`` ≤ day ≤ ``until`` (one day of slack for offsets)."""
    end = dt.datetime.combine(until + dt.timedelta(days=2), dt.time(0), tzinfo=dt.UTC)
    start = (
        None
        if since is None
        else dt.datetime.combine(since - dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC)
    )
    acts = activity_log(session, athlete_id, since=start, until=end)
    return [
        a
        for a in acts
        if hist.local_day(a.activity) <= until
        and (since is None or hist.local_day(a.activity) >= since)
    ]


def load_report(
    session: Session, athlete_id: int, today: dt.date, *, since: dt.date | None = None
) -> LoadReport:
    """Loads, PMC, ACWR and weekly figures up to ``today``; the series shown start at
    ``since`` (default: 180 days back). The log is read from ``WARMUP_DAYS`` before
    that so fitness and fatigue are warmed up: with the 42-day constant, older days
    weigh less than 0.1 % on the first day shown. Resting and maximum HR come from
    the same span."""
    check_since(since, today)
    show_from = since or today - dt.timedelta(days=180)
    read_from = show_from - dt.timedelta(days=WARMUP_DAYS)
    acts = _all_activities(session, athlete_id, today, since=read_from)
    record = repo.get_athlete(session, athlete_id)
    profile, _problem = read_profile(record.profile_toml, record.name)  # sex only: fall back
    sex = profile.sex if profile is not None else Sex.MALE
    rest, max_hr = _hr_bounds(acts, session, athlete_id, read_from)
    factor = calibration(acts, rest, max_hr, sex)
    per_day, sources = day_loads(acts, rest, max_hr, sex, factor)
    first = min([*per_day, show_from])
    totals = daily_loads(((d, v.total) for d, v in per_day.items()), first, today)
    # Seed from the log's first weeks; before the first logged day the athlete is
    # taken to be at that habitual load (form 0), not at zero fitness.
    lead_in = next((i for i, v in enumerate(totals) if v > 0), len(totals))
    seed = pmc_seed(totals[lead_in:])
    chart = [PmcDay(seed, seed, 0.0)] * lead_in + pmc(
        totals[lead_in:], initial_fitness=seed, initial_fatigue=seed
    )
    offset = (show_from - first).days
    # The rolling ratio only looks 28 days back: computing it from 27 days before the
    # first day shown gives the same values at a fraction of the cost on long logs.
    lead = max(0, offset - (ACWR_CHRONIC_DAYS - 1))
    ratio = [None] * lead + acwr_rolling(totals[lead:])
    # The days before the first logged one are unknown, not rest: no ratio until the
    # log itself spans the chronic window (one first jog read as ACWR 4.0 otherwise).
    known_from = lead_in + ACWR_CHRONIC_DAYS - 1
    ratio = [None if i < known_from else r for i, r in enumerate(ratio)]
    days = tuple(
        per_day.get(first + dt.timedelta(days=i))
        or DayLoad(first + dt.timedelta(days=i), 0, 0, 0, 0)
        for i in range(offset, len(totals))
    )
    weeks = _weeks(acts, per_day, show_from, today)
    return LoadReport(
        start=show_from,
        end=today,
        days=days,
        pmc=tuple(chart[offset:]),
        acwr=tuple(ratio[offset:]),
        weeks=weeks,
        sources=sources,
        rest_hr_bpm=rest,
        max_hr_bpm=max_hr,
        trimp_to_srpe=factor,
        seed_load=round(seed, 1),
    )


def _weeks(
    acts: Sequence[StoredActivity], per_day: dict[dt.date, DayLoad], start: dt.date, end: dt.date
) -> tuple[WeekLoad, ...]:
    monday = start - dt.timedelta(days=start.weekday())
    by_week: dict[dt.date, list[Activity]] = {}
    for stored in acts:
        day = hist.local_day(stored.activity)
        by_week.setdefault(day - dt.timedelta(days=day.weekday()), []).append(stored.activity)
    out = []
    while monday <= end:
        nxt = monday + dt.timedelta(days=7)
        inside = by_week.get(monday, [])
        loads = [per_day.get(monday + dt.timedelta(days=i)) for i in range(7)]
        series = [d.total if d else 0.0 for d in loads]
        strain = week_strain(series)
        out.append(
            WeekLoad(
                start=monday,
                run_km=round(sum((a.distance_m or 0) for a in inside if a.sport.is_run) / 1000, 2),
                run_min=round(sum(a.duration_s for a in inside if a.sport.is_run) / 60, 1),
                lift_min=round(
                    sum(a.duration_s for a in inside if a.sport is Sport.STRENGTH) / 60, 1
                ),
                other_min=round(
                    sum(
                        a.duration_s
                        for a in inside
                        if not a.sport.is_run and a.sport is not Sport.STRENGTH
                    )
                    / 60,
                    1,
                ),
                load=round(strain.weekly_load, 1),
                leg_load=round(sum(d.leg for d in loads if d), 1),
                upper_load=round(sum(d.upper for d in loads if d), 1),
                monotony=strain.monotony,
                strain=strain.strain,
                monotonous=strain.monotonous,
            )
        )
        monday = nxt
    return tuple(out)


def _kind_key(kind: str, category: str) -> str:
    return f"{kind}:{category}"


def compliance_report(
    session: Session, athlete_id: int, today: dt.date, *, since: dt.date | None = None
) -> ComplianceReport:
    """Planned vs done for the active plan's sessions before ``today`` (from ``since``).

    A session is done when an activity of its kind was logged that day (or it was
    logged from the plan); sessions the coach re-planned are counted where they
    ended up, since the stored plan is the adapted one.
    """
    check_since(since, today)
    _, plan = active_plan(session, athlete_id)
    first = max(since or plan.start_date, plan.start_date)
    planned = [
        s
        for s in plan.sessions()
        if s.kind in TRAINING_KINDS and s.duration_min > 0 and first <= s.date < today
    ]
    start = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC)
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC)
    acts = activity_log(session, athlete_id, since=start, until=end)
    matches = match_stored(
        planned, acts, repo.match_overrides(session, athlete_id), not_before=plan.start_date
    )
    weeks = []
    totals: dict[str, list[int]] = {}
    for i, week in enumerate(plan.weeks):
        inside = [
            s for s in planned if week.start_date <= s.date < week.start_date + dt.timedelta(days=7)
        ]
        if not inside:
            continue
        kinds: dict[str, list[int]] = {}
        for s in inside:
            key = _kind_key(s.kind.value, s.category)
            for table in (kinds, totals):
                row = table.setdefault(key, [0, 0])
                row[0] += 1
                row[1] += s.id in matches
        weeks.append(
            WeekCompliance(
                i,
                week.start_date,
                len(inside),
                sum(1 for s in inside if s.id in matches),
                tuple(KindCompliance(k, v[0], v[1]) for k, v in sorted(kinds.items())),
            )
        )
    return ComplianceReport(
        until=today,
        weeks=tuple(weeks),
        by_kind=tuple(KindCompliance(k, v[0], v[1]) for k, v in sorted(totals.items())),
        planned=len(planned),
        done=sum(1 for s in planned if s.id in matches),
        missed=tuple(s.id for s in planned if s.id not in matches),
        counted_from=first,
    )
