"""Statistics on synthetic logs with known answers, and on real sample files (R25, R26)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from coach_support import NOW, START, do_session, make_athlete
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import (
    Activity,
    PlannedSession,
    SessionKind,
    SetEntry,
    Sex,
    Sport,
    Wellness,
)
from runstrong.core.science.load import banister_trimp
from runstrong.core.science.paces import race_time_s, vdot_from_race
from runstrong.core.science.strength import e1rm
from runstrong.services import charts, stats, stats_progress
from runstrong.services.imports import import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

UTC = dt.UTC
DATA = Path(__file__).resolve().parents[1] / "data" / "activities"


def _at(day: dt.date, hour: int = 7) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=UTC)


def _run(day: dt.date, km: float, minutes: float, **kw: object) -> Activity:
    return Activity(
        sport=Sport.RUNNING, start=_at(day), duration_s=minutes * 60, moving_time_s=minutes * 60,
        distance_m=km * 1000, source_format="manual", **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _lift(
    day: dt.date, sets: list[tuple[str, int, float | None]], minutes: float, rpe: float | None
) -> Activity:
    return Activity(
        sport=Sport.STRENGTH, start=_at(day, 18), duration_s=minutes * 60, session_rpe=rpe,
        source_format="manual",
        sets=tuple(SetEntry(n, r, kg, order=i) for i, (n, r, kg) in enumerate(sets)),
    )  # fmt: skip


@pytest.fixture
def aid(session_factory: sessionmaker[Session]) -> int:
    with transaction(session_factory) as s:
        return repo.add_athlete(s, "kim", now=NOW).id


def _add(db: sessionmaker[Session], aid: int, *acts: Activity) -> None:
    with transaction(db) as s:
        for a in acts:
            repo.add_activity(s, aid, a, now=NOW)


def test_lift_load_split_into_legs_and_upper_body(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    day = dt.date(2026, 3, 2)
    lift = _lift(day, [("Back squat", 5, 80), ("Back squat", 5, 80), ("Back squat", 5, 80),
                       ("Bench press", 8, 50)], 50, 6)  # fmt: skip
    _add(
        session_factory,
        aid,
        lift,
        _run(day, 8, 40, session_rpe=5),
        _run(day + dt.timedelta(1), 5, 30),
    )
    with transaction(session_factory) as s:
        report = stats.load_report(s, aid, day + dt.timedelta(days=1), since=day)
    first, second = report.days
    assert first.leg == pytest.approx(300 * 0.75)
    assert first.upper == pytest.approx(300 * 0.25)
    assert first.run == pytest.approx(200)
    assert second.run == pytest.approx(4 * 30)  # no RPE, no HR: RPE 4 assumed
    assert report.sources == {"trimp": 0, "srpe": 2, "srpe_default": 1}
    assert report.weeks[0].leg_load == pytest.approx(225)


def test_run_with_heart_rate_shows_trimp_apart_from_the_srpe_load(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    """One currency: without a calibration a HR-only run is not summed as raw TRIMP."""
    day = dt.date(2026, 3, 2)
    _add(session_factory, aid, _run(day, 10, 60, avg_hr_bpm=150.0, max_hr_bpm=190.0))
    with transaction(session_factory) as s:
        repo.put_wellness(s, aid, Wellness(day=day, resting_hr_bpm=50.0))
        report = stats.load_report(s, aid, day, since=day)
    expected = banister_trimp(60, 150, 50, 190, Sex.MALE)
    assert report.days[-1].trimp == pytest.approx(expected)
    assert report.days[-1].run == pytest.approx(4 * 60)  # RPE 4 assumed, in sRPE units
    assert report.sources == {"trimp": 0, "srpe": 0, "srpe_default": 1}
    assert report.trimp_to_srpe is None
    assert (report.rest_hr_bpm, report.max_hr_bpm) == (50.0, 190.0)


def test_hr_only_runs_map_into_srpe_units_by_the_athletes_calibration(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    first = dt.date(2026, 3, 2)
    both = [  # five runs with RPE 5 and HR 150: sRPE 300, TRIMP ≈ 108 each
        _run(first + dt.timedelta(days=i), 10, 60, session_rpe=5, avg_hr_bpm=150.0,
             max_hr_bpm=190.0)
        for i in range(5)
    ]  # fmt: skip
    hr_only = _run(first + dt.timedelta(days=5), 10, 60, avg_hr_bpm=150.0, max_hr_bpm=190.0)
    _add(session_factory, aid, *both, hr_only)
    with transaction(session_factory) as s:
        repo.put_wellness(s, aid, Wellness(day=first, resting_hr_bpm=50.0))
        report = stats.load_report(s, aid, first + dt.timedelta(days=5), since=first)
    trimp = banister_trimp(60, 150, 50, 190, Sex.MALE)
    assert report.trimp_to_srpe == pytest.approx(300 / trimp)
    assert report.days[-1].run == pytest.approx(300.0)  # the same run in the same units
    assert report.sources == {"trimp": 1, "srpe": 5, "srpe_default": 0}


def test_a_dead_heart_rate_strap_does_not_change_acwr(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    first = dt.date(2026, 1, 5)
    days = [first + dt.timedelta(days=i) for i in range(56) if i % 7 != 6]
    with_hr = [_run(d, 10, 60, session_rpe=5, avg_hr_bpm=150.0, max_hr_bpm=190.0) for d in days]
    strap_dead = [  # the same training, no HR in week 7
        _run(d, 10, 60, session_rpe=5)
        if 42 <= (d - first).days < 49
        else _run(d, 10, 60, session_rpe=5, avg_hr_bpm=150.0, max_hr_bpm=190.0)
        for d in days
    ]
    reports = []
    for log in (with_hr, strap_dead):
        with transaction(session_factory) as s:
            athlete = repo.add_athlete(s, f"strap-{len(reports)}", now=NOW).id
        _add(session_factory, athlete, *log)
        with transaction(session_factory) as s:
            reports.append(stats.load_report(s, athlete, days[-1], since=first))
    assert reports[0].acwr == reports[1].acwr
    assert reports[0].acwr[-1] == pytest.approx(1.0, abs=0.05)


def test_pmc_is_seeded_from_the_logs_first_weeks(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    """A trained newcomer logging 40 min at RPE 5 daily reads form near 0, not −50."""
    first = dt.date(2026, 1, 5)
    days = [first + dt.timedelta(days=i) for i in range(56)]
    _add(session_factory, aid, *(_run(d, 8, 40, session_rpe=5) for d in days))
    with transaction(session_factory) as s:
        report = stats.load_report(s, aid, days[-1])
    assert report.seed_load == pytest.approx(200.0)
    assert report.pmc[-1].form == pytest.approx(0.0, abs=1.0)
    assert report.pmc[-1].fitness == pytest.approx(200.0, abs=1.0)


def test_constant_load_settles_fitness_form_and_acwr(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    first = dt.date(2025, 1, 1)
    days = [first + dt.timedelta(days=i) for i in range(300)]
    _add(session_factory, aid, *(_run(d, 5, 25, session_rpe=4) for d in days))
    with transaction(session_factory) as s:
        report = stats.load_report(s, aid, days[-1], since=days[-14])
    last = report.pmc[-1]
    assert last.fitness == pytest.approx(100, rel=1e-3)
    assert last.fatigue == pytest.approx(100, rel=1e-9)
    assert last.form == pytest.approx(0, abs=0.2)
    assert report.acwr[-1] == pytest.approx(1.0)
    assert report.weeks[-2].monotony is None and report.weeks[-2].monotonous
    assert len(report.days) == 14


def test_compliance_by_week_and_kind(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        athlete_id, plan = make_athlete(s)
        for x in plan.weeks[0].sessions:
            if x.category != "long":
                do_session(s, athlete_id, x)
        report = stats.compliance_report(s, athlete_id, START + dt.timedelta(days=7))
    assert (report.planned, report.done) == (7, 6)
    assert report.missed == ("w01-sun-run",)
    kinds = {k.kind: (k.planned, k.done) for k in report.by_kind}
    assert kinds["run:long"] == (1, 0)
    assert kinds["strength:heavy"] == (1, 1)
    assert [(w.index, w.planned, w.done) for w in report.weeks] == [(0, 7, 6)]


def test_e1rm_trend_pbs_and_race_predictions(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    d1, d2 = dt.date(2026, 3, 2), dt.date(2026, 3, 9)
    _add(
        session_factory, aid,
        _lift(d1, [("back squat", 5, 100.0)], 45, 7),
        _lift(d2, [("Back squat", 5, 105.0), ("Back squat", 15, 60.0)], 45, 7),
        _run(d2, 5.0, 20.0, name="parkrun"),
    )  # fmt: skip
    with transaction(session_factory) as s:
        report = stats_progress.progress_report(s, aid, d2, since=d1)
    squat = next(t for t in report.lifts if t.exercise == "Back squat")
    assert squat.points == ((d1, round(e1rm(100, 5), 1)), (d2, round(e1rm(105, 5), 1)))
    assert squat.change_pct == pytest.approx(
        (round(e1rm(105, 5), 1) / round(e1rm(100, 5), 1) - 1) * 100
    )
    assert [p.value for p in report.lift_pbs] == [
        round(e1rm(100, 5), 1) and e1rm(100, 5),
        e1rm(105, 5),
    ]
    assert [(p.key, p.value) for p in report.effort_pbs] == [("5 km", 1200.0)]
    vdot = vdot_from_race(5000, 1200)
    ten = next(p for p in report.predictions if p.race == "10k")
    assert ten.vdot == round(vdot, 1)
    assert ten.time_s == pytest.approx(race_time_s(vdot, 10000), abs=0.1)


def test_pace_at_fixed_heart_rate_improves(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    today = dt.date(2026, 6, 30)
    acts = [_run(today - dt.timedelta(days=1), 5, 18, avg_hr_bpm=180.0, max_hr_bpm=195.0)]
    for i, hr in enumerate([130.0, 140.0, 150.0] * 3):
        for base, offset in ((3.0, 100 + i), (3.2, 10 + i)):
            speed = base + 0.02 * (hr - 140)
            km = speed * 40 * 60 / 1000
            acts.append(_run(today - dt.timedelta(days=offset), km, 40, avg_hr_bpm=hr))
    _add(session_factory, aid, *acts)
    with transaction(session_factory) as s:
        report = stats_progress.progress_report(s, aid, today)
    assert report.pace_at_hr_bpm == 140
    assert report.pace_at_hr_now_s_per_km == pytest.approx(1000 / 3.2, abs=0.1)
    assert report.pace_at_hr_before_s_per_km == pytest.approx(1000 / 3.0, abs=0.1)
    assert len(report.efficiency) == 18  # the hard run is not an easy run


def _habit_days(db: sessionmaker[Session], aid: int, n: int) -> dt.date:
    first = dt.date(2026, 1, 5)
    with transaction(db) as s:
        for i in range(n):
            day = first + dt.timedelta(days=i)
            sleep = 5.0 + (i % 5)
            speed = 2.5 + 0.1 * sleep
            repo.put_wellness(s, aid, Wellness(day=day, sleep_h=sleep, stress=2 + i % 2))
            repo.add_activity(s, aid, _run(day, speed * 2.4, 40, avg_hr_bpm=140.0), now=NOW)
    return first + dt.timedelta(days=n - 1)


def test_habits_find_sleep_with_effect_size_and_ci(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    last = _habit_days(session_factory, aid, 20)
    with transaction(session_factory) as s:
        report = stats_progress.habits_report(s, aid, last)
    assert report.sessions == 20
    assert report.performance.startswith("efficiency factor")
    sleep = next(f for f in report.findings if f.item == "sleep_h")
    assert sleep.enough_data and sleep.n == 20
    assert sleep.r == pytest.approx(1.0)
    assert sleep.g is not None and sleep.g > 0.8
    assert sleep.summary.startswith("higher sleep (hours) goes with better key sessions")
    stress = next(f for f in report.findings if f.item == "stress")
    assert stress.r is not None and abs(stress.r) < 0.3
    assert "association" in report.caveat.lower() or "not causes" in report.caveat


def test_habits_claim_nothing_from_too_little_data(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    last = _habit_days(session_factory, aid, 6)
    with transaction(session_factory) as s:
        report = stats_progress.habits_report(s, aid, last)
    assert report.findings and not any(f.enough_data for f in report.findings)
    sleep = next(f for f in report.findings if f.item == "sleep_h")
    assert sleep.summary == "sleep (hours): not enough data: 6 of 10 sessions needed"


def test_since_after_today_is_refused(session_factory: sessionmaker[Session], aid: int) -> None:
    with transaction(session_factory) as s, pytest.raises(Exception) as info:
        stats.load_report(s, aid, dt.date(2026, 1, 1), since=dt.date(2026, 2, 1))
    assert str(info.value) == (
        "--since 2026-02-01 is after the last day 2026-01-01: give an earlier date"
    )


def test_real_fit_files_give_efforts_trimp_and_charts(
    session_factory: sessionmaker[Session], aid: int, tmp_path: Path
) -> None:
    files = [
        DATA / "python-fitparse" / "activity-small-fenix2-run.fit",
        DATA / "python-fitparse" / "compressed-speed-distance.fit",
    ]
    result = import_paths(session_factory, files, athlete_id=aid, now=NOW, workers=0)
    assert result.imported == 2
    with transaction(session_factory) as s:
        acts = repo.list_activities(s, aid)
        last = max(a.activity.start.date() for a in acts)
        first = min(a.activity.start.date() for a in acts)
        progress = stats_progress.progress_report(s, aid, last, since=first)
        load = stats.load_report(s, aid, last, since=first)
    by_key = {p.key: p.value for p in progress.effort_pbs}
    longest = max(acts, key=lambda a: a.activity.distance_m or 0).activity
    assert "10 km" in by_key and "5 km" in by_key and "1 km" in by_key
    assert by_key["10 km"] <= longest.duration_s
    assert by_key["1 km"] < by_key["5 km"] / 5 * 1.2
    assert math.isfinite(by_key["5 km"]) and 900 < by_key["5 km"] < 3000
    assert any(d.trimp > 0 for d in load.days)  # HR TRIMP shown apart
    assert progress.sprint and all(2.0 < v < 12.0 for _, v in progress.sprint)
    for draw, report, name in (
        (charts.fitness_chart, load, "pmc.png"),
        (charts.weekly_volume_chart, load, "weeks.svg"),
        (charts.e1rm_chart, progress, "e1rm.png"),
    ):
        path = draw(report, tmp_path / name)  # type: ignore[operator]
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") if name.endswith(".png") else b"<svg" in data


def test_chart_needs_png_or_svg(
    session_factory: sessionmaker[Session], aid: int, tmp_path: Path
) -> None:
    with transaction(session_factory) as s:
        report = stats.load_report(s, aid, dt.date(2026, 1, 1))
    with pytest.raises(Exception) as info:
        charts.fitness_chart(report, tmp_path / "x.jpg")
    assert str(info.value) == f"chart file '{tmp_path / 'x.jpg'}' must end in .png or .svg"


def test_only_training_kinds_count_as_missed() -> None:
    from runstrong.core.coaching.matching import TRAINING_KINDS

    assert SessionKind.MOBILITY not in TRAINING_KINDS and SessionKind.REST not in TRAINING_KINDS


def _key_runs(s: Session) -> tuple[int, list[PlannedSession]]:
    """A new athlete and the first 12 key (hard) runs of their plan."""
    athlete_id, plan = make_athlete(s)
    return athlete_id, [x for x in plan.sessions() if x.kind is SessionKind.RUN and x.hard][:12]


def test_habits_use_key_runs_against_plan_when_there_are_enough(
    session_factory: sessionmaker[Session],
) -> None:
    """12 hard runs, faster after longer sleep: performance is % faster than planned."""
    with transaction(session_factory) as s:
        athlete_id, hard = _key_runs(s)
        for i, x in enumerate(hard):
            sleep = 5.5 + (i % 4)
            do_session(s, athlete_id, x, pace_factor=1.10 - 0.04 * (sleep - 5.5))
            repo.put_wellness(s, athlete_id, Wellness(day=x.date, sleep_h=sleep))
        report = stats_progress.habits_report(s, athlete_id, hard[-1].date, since=START)
    assert report.performance == "% faster than the planned pace of key runs"
    assert report.sessions == 12
    sleep_finding = next(f for f in report.findings if f.item == "sleep_h")
    assert sleep_finding.enough_data and sleep_finding.r is not None and sleep_finding.r > 0.9


def test_habits_count_runs_logged_by_hand_with_rpe(
    session_factory: sessionmaker[Session],
) -> None:
    """Key runs typed in with an RPE, no heart rate, no distance: RPE against target."""
    with transaction(session_factory) as s:
        athlete_id, hard = _key_runs(s)
        for i, x in enumerate(hard):
            sleep = 5.5 + (i % 4)
            act = Activity(
                sport=Sport.RUNNING,
                start=dt.datetime.combine(x.date, x.start, tzinfo=dt.UTC),
                duration_s=x.duration_min * 60.0,
                session_rpe=9.0 - (sleep - 5.5),
                source_format="manual",
            )
            repo.add_activity(s, athlete_id, act, now=NOW)
            repo.put_wellness(s, athlete_id, Wellness(day=x.date, sleep_h=sleep))
        report = stats_progress.habits_report(s, athlete_id, hard[-1].date, since=START)
    assert report.performance == "session RPE below the planned RPE of key runs"
    assert report.sessions == 12
    sleep_finding = next(f for f in report.findings if f.item == "sleep_h")
    assert sleep_finding.claimed and sleep_finding.r is not None and sleep_finding.r > 0.7


def test_habits_score_rpe_runs_without_a_plan_or_heart_rate(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    """No plan, no heart rate: 14 easy runs typed with distance and RPE 4 are the
    sessions, and longer sleep going with more speed at that effort is found."""
    first = dt.date(2026, 1, 5)
    with transaction(session_factory) as s:
        for i in range(14):
            day = first + dt.timedelta(days=i)
            sleep = 5.5 + (i % 4)
            km = 6.0 + 0.4 * (sleep - 5.5)  # 40 minutes each: faster after more sleep
            repo.add_activity(s, aid, _run(day, km, 40, session_rpe=4.0), now=NOW)
            repo.put_wellness(s, aid, Wellness(day=day, sleep_h=sleep))
        report = stats_progress.habits_report(s, aid, first + dt.timedelta(days=13))
    assert report.performance.startswith("% faster than your usual speed at the same session")
    assert (report.sessions, report.logged) == (14, 14)
    sleep_finding = next(f for f in report.findings if f.item == "sleep_h")
    assert sleep_finding.claimed and sleep_finding.r is not None and sleep_finding.r > 0.9


def test_e1rm_trend_uses_the_best_qualifying_set_of_each_session(
    session_factory: sessionmaker[Session], aid: int
) -> None:
    """A light day (RPE 5) is not a drop in strength; a 15-rep set is not a 1RM test."""
    heavy, light = dt.date(2026, 3, 2), dt.date(2026, 3, 5)

    def lift(day: dt.date, sets: list[tuple[int, float, float]]) -> Activity:
        return Activity(
            sport=Sport.STRENGTH, start=_at(day, 18), duration_s=3000, source_format="manual",
            sets=tuple(SetEntry("Romanian deadlift", r, kg, rpe=rpe, order=i)
                       for i, (r, kg, rpe) in enumerate(sets)),
        )  # fmt: skip

    _add(
        session_factory,
        aid,
        lift(heavy, [(5, 80.0, 8.0), (5, 80.0, 8.5), (15, 50.0, 9.0)]),
        lift(light, [(8, 36.0, 5.0), (8, 36.0, 5.0)]),
    )
    with transaction(session_factory) as s:
        report = stats_progress.progress_report(s, aid, light, since=heavy)
    (rdl,) = [x for x in report.lifts if x.exercise == "Romanian deadlift"]
    assert [d for d, _ in rdl.points] == [heavy]
    # the RPE 8 set is the best estimate: 5 reps at RPE 8 is 81.1 % of 1RM (RTS chart)
    assert rdl.points[0][1] == pytest.approx(80.0 / 0.811, abs=0.05)  # shown to 0.1 kg
