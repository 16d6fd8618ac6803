"""The demo athlete: a clearly labelled, generated account to explore the web app.

``seed_demo`` creates (once) a demo user and the athlete "Demo athlete" whose
profile is a plausible runner who lifts, a season plan built by runstrong's own
planner that started eight weeks ago, and a log generated from that plan's past
sessions: most done roughly as planned (session RPE near the target, small
deviations), some skipped, with morning check-ins. Nothing here is a real
person's data; a fixed seed makes the demo the same on every machine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import secrets
from typing import Any

import tomli_w
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Activity, PlannedSession, SessionKind, Sport, Wellness
from runstrong.core.planning.build import build_plan
from runstrong.exporters.plan_json import dump_plan
from runstrong.services.day import activity_from_session
from runstrong.storage import repository
from runstrong.storage.db import transaction

DEMO_EMAIL = "demo@runstrong.invalid"
DEMO_NAME = "Demo athlete"
SEED = 20261125
PAST_WEEKS = 8


def demo_profile(today: dt.date) -> dict[str, Any]:
    """The demo runner: 10k in 47:30, half marathon goal 12 weeks from today."""
    return {
        "name": DEMO_NAME,
        "sex": "female",
        "birth_year": 1988,
        "body_mass_kg": 61.0,
        "units": "km",
        "timezone": "UTC",
        "running": {
            "weekly_km": 32,
            "longest_run_km": 14,
            "years_running": 5,
            "recent_race": {
                "distance": "10k",
                "time": "47:30",
                "date": today - dt.timedelta(weeks=PAST_WEEKS + 2),
            },
        },
        "strength": {
            "years_lifting": 2,
            "equipment": ["barbell", "dumbbell", "kettlebell", "bench", "box", "band"],
            "results": [
                {"lift": "back squat", "load_kg": 70, "reps": 5},
                {"lift": "romanian deadlift", "load_kg": 65, "reps": 8},
            ],
        },
        "goal": {
            "name": "Demo Half Marathon",
            "distance": "half",
            "date": today + dt.timedelta(weeks=12),
            "target_time": "1:44:00",
        },
        "week": {
            "mon": ["18:00-19:30"],
            "tue": ["06:30-07:30", "18:00-19:30"],
            "wed": [],
            "thu": ["18:00-19:30"],
            "fri": [],
            "sat": ["08:00-10:00"],
            "sun": ["08:00-11:00"],
            "gym_days": ["mon", "thu"],
            "long_run_day": "sun",
            "max_session_min": 120,
            "two_a_days": True,
        },
    }


def _done_version(s: PlannedSession, rng: random.Random) -> Activity:
    """The session as the demo runner did it: the planned session done as planned
    (``services.day.activity_from_session``), then near the plan, never identical."""
    done = activity_from_session(s, dt.UTC)
    factor = rng.uniform(0.92, 1.06)
    sets = tuple(
        dataclasses.replace(
            x, rpe=None if x.rpe is None else round(x.rpe + rng.choice((-0.5, 0, 0, 0.5)), 1)
        )
        for x in done.sets
    )
    sport = done.sport
    target_rpe = 8.0 if s.hard else (6.0 if sport is Sport.STRENGTH else 4.0)
    duration_s = done.duration_s * factor
    distance_m = None if done.distance_m is None else done.distance_m * factor
    hr = None
    if sport is Sport.RUNNING:
        hr = round(rng.uniform(162, 172) if s.hard else rng.uniform(138, 150))
    shift = dt.timedelta(minutes=rng.randint(-10, 20))
    laps = tuple(  # the same pace as planned, the size of the day's factor
        dataclasses.replace(
            lap,
            start=done.start + shift + (lap.start - done.start) * factor,
            duration_s=round(lap.duration_s * factor),
            distance_m=None if lap.distance_m is None else round(lap.distance_m * factor),
        )
        for lap in done.laps
    )
    return dataclasses.replace(
        done,
        start=done.start + shift,
        duration_s=round(duration_s),
        moving_time_s=round(duration_s * 0.98),
        distance_m=None if distance_m is None else round(distance_m),
        avg_hr_bpm=hr,
        session_rpe=round(min(10.0, max(1.0, target_rpe + rng.uniform(-1, 1))) * 2) / 2,
        description="Demo athlete: generated from the plan.",
        sets=sets,
        laps=laps,
    )


def _wellness(day: dt.date, rng: random.Random) -> Wellness:
    return Wellness(
        day=day,
        sleep_h=round(rng.uniform(6.0, 8.5) * 4) / 4,
        sleep_quality=rng.choice((3, 3, 4, 4, 5)),
        stress=rng.choice((1, 2, 2, 3)),
        soreness=rng.choice((1, 2, 2, 3)),
        leg_feel=rng.choice((3, 4, 4, 5)),
        hip_stiffness=rng.choice((1, 1, 2)),
        low_back_fatigue=rng.choice((1, 1, 2)),
        mood=rng.choice((3, 4, 4, 5)),
        body_mass_kg=round(61.0 + rng.uniform(-0.6, 0.6), 1),
        resting_hr_bpm=rng.choice((48, 49, 50, 51, 52)),
    )


def seed_demo(
    factory: sessionmaker[Session], now: dt.datetime, password_hash: str | None = None
) -> int:
    """Create the demo user, athlete, plan and log if missing; returns the athlete id."""
    today = now.date()
    with transaction(factory) as db:
        user = repository.get_user_by_email(db, DEMO_EMAIL)
        if user is None:
            user = repository.add_user(
                db,
                DEMO_EMAIL,
                password_hash or "!demo-" + secrets.token_hex(16),  # no password logs in
                now=now,
                display_name="Demo visitor",
            )
        existing = repository.find_athlete(db, DEMO_NAME, owner_user_id=user.id)
        if existing is not None:
            return existing.id
        data = demo_profile(today)
        athlete = parse_profile(data)
        record = repository.add_athlete(
            db, DEMO_NAME, now=now, owner_user_id=user.id, profile_toml=tomli_w.dumps(data)
        )
        start = today - dt.timedelta(weeks=PAST_WEEKS, days=today.weekday())
        plan = build_plan(athlete, start)
        plan = dataclasses.replace(plan, notes=(*plan.notes, "Demo athlete: generated plan."))
        repository.add_plan(
            db, record.id, dump_plan(plan), format_version=plan.format_version, now=now
        )
        rng = random.Random(SEED)
        for s in plan.sessions():
            if s.date >= today or s.kind not in (SessionKind.RUN, SessionKind.STRENGTH):
                continue
            if rng.random() < 0.1:  # life happens: about one session in ten is skipped
                continue
            repository.add_activity(db, record.id, _done_version(s, rng), now=now)
        day = start
        while day < today:
            if rng.random() < 0.85:
                repository.put_wellness(db, record.id, _wellness(day, rng))
            day += dt.timedelta(days=1)
        return record.id
