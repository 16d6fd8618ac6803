"""Q5/R7 (issue 12 items 5 and 6, "race weeks"): the race eve is easy, the sharpener is a
continuous race-pace block and is sized to the week.

Decision (docs/planner.md, "Race week"): strides are short fast running; a common
coach's choice for short races is strides on the race eve (Pfitzinger & Douglas put
them late in race week). Q5 says no quality the day before the race, so the plan keeps
the eve plain: the strides run goes 2-3 days out (further out only when no easy run
falls then) and the eve holds a short easy run or rest, as C. Chock ("How to handle
running the days before your race", caitchock.com) advises: something with a little
speed 2 or 3 days out, a light shake-out run the day before.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from coachqa import DATA, coachqa_plan, race_week
from quality_athletes import athlete_and_plan

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Phase, PlanWeek, RunCategory, SessionKind, StepKind
from runstrong.core.planning.build import build_plan

QA = sorted(p.stem for p in DATA.glob("*.toml"))


def _runs(w: PlanWeek) -> list[Any]:
    return [s for s in w.sessions if s.kind is SessionKind.RUN]


def _race_dates(w: PlanWeek) -> set[dt.date]:
    return {s.date for s in _runs(w) if s.category == RunCategory.RACE.value}


def _eve_strides(w: PlanWeek) -> list[str]:
    eves = {d - dt.timedelta(days=1) for d in _race_dates(w)}
    return [
        f"week {w.index + 1} {s.date}"
        for s in _runs(w)
        if s.category == RunCategory.STRIDES.value and s.date in eves
    ]


@pytest.mark.parametrize("name", QA)
def test_no_qa_race_eve_holds_strides(name: str) -> None:
    _, p = coachqa_plan(name)
    assert [x for w in p.weeks for x in _eve_strides(w)] == []


@pytest.mark.parametrize("chunk", range(4))
def test_no_random_athletes_race_eve_holds_strides(chunk: int) -> None:
    found = []
    for i in range(chunk * 30, chunk * 30 + 30):
        _, p = athlete_and_plan(12, i)
        found += [f"athlete {i} {x}" for w in p.weeks for x in _eve_strides(w)]
    assert found == []


@pytest.mark.parametrize("name", ["qa9_rw", "qa8_a3", "a3", "a7"])
def test_race_week_strides_run_two_or_three_days_out(name: str) -> None:
    _, p = coachqa_plan(name)
    w = race_week(p)
    (race,) = _race_dates(w)
    (strides,) = [s for s in _runs(w) if s.category == RunCategory.STRIDES.value]
    assert 2 <= (race - strides.date).days <= 3
    eve = [s for s in _runs(w) if s.date == race - dt.timedelta(days=1)]
    assert all(s.category == RunCategory.EASY.value for s in eve)


def _block_steps(name: str) -> list[list[StepKind]]:
    _, p = coachqa_plan(name)
    sharp = [s for s in _runs(race_week(p)) if s.category == RunCategory.RACE_PACE.value]
    return [[st.kind for st in s.steps] for s in sharp]


@pytest.mark.parametrize("name", ["qa9_rw", "qa8_a2", "a6"])
def test_a_single_race_pace_block_has_no_recovery_jog(name: str) -> None:
    # warm-up, the race-pace block, cool-down: nothing to recover between
    assert _block_steps(name) == [[StepKind.WARMUP, StepKind.WORK, StepKind.COOLDOWN]]


TEN_ON_TWENTY: dict[str, Any] = {
    "name": "Ten on twenty",
    "sex": "male",
    "birth_year": 1992,
    "body_mass_kg": 70.0,
    "running": {"weekly_km": 17.0, "longest_run_km": 6.0, "years_running": 4.0, "vdot": 42.0},
    "strength": {"years_lifting": 2.0, "equipment": ["gym"]},
    "goal": {"distance": "10k", "date": "2027-03-07"},
    "week": {
        "mon": [], "tue": ["18:00-19:30"], "wed": [], "thu": ["18:00-19:30"], "fri": [],
        "sat": ["08:00-10:00"], "sun": ["08:00-11:00"], "gym_days": ["tue", "thu"],
        "long_run_day": "sun", "max_session_min": 120, "two_a_days": False,
    },
}  # fmt: skip


def test_a_10k_on_a_24_km_peak_keeps_an_easy_run_and_no_oversized_sharpener() -> None:
    p = build_plan(parse_profile(TEN_ON_TWENTY), dt.date(2026, 12, 7))
    w = race_week(p)
    assert w.phase is Phase.RACE
    runs = [s for s in _runs(w) if s.category != RunCategory.RACE.value]
    # R7/Q5: easy running continues: at least one easy run besides the race
    assert any(s.category in ("easy", "strides") for s in runs)
    # the sharpener, if any, is at most a quarter of the race week's running
    sharp = [s.distance_km or 0.0 for s in runs if s.category == RunCategory.RACE_PACE.value]
    assert all(km <= 0.25 * w.run_km + 0.05 for km in sharp)


@pytest.mark.parametrize("chunk", range(4))
def test_random_race_weeks_keep_an_easy_run_and_a_sharpener_within_a_quarter(
    chunk: int,
) -> None:
    found = []
    for i in range(chunk * 30, chunk * 30 + 30):
        _, p = athlete_and_plan(12, i)
        w = next(w for w in p.weeks if w.phase is Phase.RACE)
        runs = [s for s in _runs(w) if s.category != RunCategory.RACE.value]
        sharp = [s.distance_km or 0.0 for s in runs if s.category == "race_pace"]
        if sharp and not any(s.category in ("easy", "strides") for s in runs):
            found.append(f"athlete {i}: a sharpener and no easy run")
        # the share is of the week as planned: a week the windows cut says so
        # ("Q5/Q3: race week holds X km (planned Y km)"), its sharpener sized on Y
        planned = [float(m) for n in w.notes for m in re.findall(r"\(planned ([0-9.]+) km", n)]
        week_km = max([w.run_km, *planned])
        if any(km > 0.25 * week_km + 0.05 for km in sharp):
            found.append(f"athlete {i}: sharpener {sharp} of a {week_km} km week")
    assert found == []


def test_a_sharpener_fits_a_quarter_of_the_week_beside_an_easy_run() -> None:
    from runstrong.core.planning.race_week import sharpener_fits  # added with the rule

    assert sharpener_fits([10.0], 20.0)  # 5 km of 20, 5 km left for an easy run
    assert not sharpener_fits([10.0], 19.0)  # 5 km is 26 % of 19
    assert not sharpener_fits([10.0], 15.0)  # the ten17 week: the race and 5 km
    assert sharpener_fits([42.2], 60.2)  # qa9_rw: 7.2 km of 60.2, 10.8 km besides
    assert not sharpener_fits([42.2], 49.6)  # 7.4 km besides: 5 + 3 do not fit


@pytest.mark.parametrize("index", [153, 300, 800])
def test_an_eve_strides_run_a_lift_follows_becomes_a_plain_easy_run(index: int) -> None:
    # seed-12 athletes whose eve run has a lift right after it in its window: no easy
    # run of the week fits there, so the eve's run turns plain, sized to its room
    _, p = athlete_and_plan(12, index)
    w = next(w for w in p.weeks if w.phase is Phase.RACE)
    (race,) = _race_dates(w)
    eve = [s for s in _runs(w) if s.date == race - dt.timedelta(days=1)]
    assert [s.category for s in eve] == [RunCategory.EASY.value]
    assert (eve[0].distance_km or 0.0) >= 3.0  # Q6: no token run


@pytest.mark.parametrize(
    ("category", "off_eve"),
    [("strides", True), ("easy", False), ("recovery", False), ("long", False)],
)
def test_one_predicate_keeps_fast_easy_running_off_the_eve(category: str, off_eve: bool) -> None:
    """Q5: ``rules.predicates.category_off_race_eve`` is the one definition the planner
    (``strides_off_eve``) and the audit (``race-eve-quality``) share; quality runs are
    kept off the eve as key runs, not by it."""
    from runstrong.core.rules.predicates import category_off_race_eve

    assert category_off_race_eve(category) is off_eve
