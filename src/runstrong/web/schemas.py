"""Pydantic schemas of the web edge, named in families (``XCreate`` in, ``XPublic`` out).

Forms and the JSON API validate with the same ``Create`` models, so a value
the API refuses is refused by the page too, with the same message.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

from runstrong.core.model import Activity, PlannedSession, SetEntry, Sport, Wellness
from runstrong.core.science.plausibility import MAX_SLED_LOAD_KG
from runstrong.core.units import localise
from runstrong.exporters.text import session_title

Scale = Field(default=None, ge=1, le=5)
MAX_DISTANCE_M = 500_000
"""Longest activity the log takes by hand (500 km: beyond any single-day run)."""
HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"

LocalTime = Annotated[
    dt.time,
    WithJsonSchema(
        {"type": "string", "format": "partial-time", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"},
        mode="serialization",
    ),
]
"""A local wall-clock time without offset (RFC 3339 ``partial-time``), e.g. ``18:00:00``."""


def _iso_date(value: object) -> object:
    """Only a calendar date ``YYYY-MM-DD`` (pydantic alone would also take ``0`` or
    ``1700000000`` as a Unix timestamp and silently mean some day in 1970 or 2023)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = value.strip() if isinstance(value, str) else None
    if text is None or len(text) != 10:
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-01")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-01") from None


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date written ``YYYY-MM-DD`` (refuses numbers and timestamps)."""


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class WellnessCreate(_In):
    """A morning check-in (R18, R25). Scales 1–5 as on ``core.model.Wellness``."""

    day: IsoDate
    sleep_h: float | None = Field(default=None, ge=0, le=24)
    sleep_quality: int | None = Scale
    stress: int | None = Scale
    soreness: int | None = Scale
    leg_feel: int | None = Scale
    hip_stiffness: int | None = Scale
    low_back_fatigue: int | None = Scale
    mood: int | None = Scale
    body_mass_kg: float | None = Field(default=None, ge=20, le=300)
    resting_hr_bpm: float | None = Field(default=None, ge=20, le=150)
    hrv_ms: float | None = Field(default=None, ge=1, le=500)
    nutrition_notes: str | None = Field(default=None, max_length=2000)
    hydration_notes: str | None = Field(default=None, max_length=2000)
    notes: str | None = Field(default=None, max_length=2000)

    def to_model(self) -> Wellness:
        return Wellness(**self.model_dump())


class WellnessPublic(WellnessCreate):
    model_config = ConfigDict(extra="ignore")


class SetCreate(_In):
    """One strength set: reps × load at an RPE (each field a ``SetEntry`` field)."""

    exercise: str = Field(min_length=1, max_length=200, pattern=r"\S")  # not only blanks
    reps: int | None = Field(default=None, ge=0, le=200)
    load_kg: float | None = Field(
        default=None,
        ge=0,
        le=MAX_SLED_LOAD_KG,
        description="At most 500 kg, 1100 kg for a sled or leg press (leg press, hack squat, "
        "sled push)",
    )
    rpe: float | None = Field(default=None, ge=1, le=10)
    duration_s: float | None = Field(default=None, ge=0, le=3600)


class ActivityCreate(_In):
    """An activity logged by hand: a run (distance, time, RPE) or a lift (sets); each
    field an ``Activity`` field."""

    sport: Sport
    start: AwareDatetime = Field(
        description="With its time-zone offset, e.g. 2026-11-25T07:00:00+01:00"
    )
    duration_s: float = Field(gt=0, le=86_400)
    distance_m: float | None = Field(default=None, ge=0, le=MAX_DISTANCE_M)
    session_rpe: float | None = Field(default=None, ge=1, le=10)
    name: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=5000)
    sets: list[SetCreate] = Field(default_factory=list, max_length=200)

    def to_model(self, source_name: str | None = None) -> Activity:
        sets = tuple(SetEntry(**s.model_dump(), order=i) for i, s in enumerate(self.sets))
        return Activity(
            **self.model_dump(exclude={"sets"}),
            source_format="manual",
            source_name=source_name,
            sets=sets,
        )


class SetPublic(BaseModel):
    exercise: str
    reps: int | None
    load_kg: float | None
    rpe: float | None


class ActivityPublic(BaseModel):
    id: int
    athlete_id: int
    sport: str
    start: dt.datetime
    duration_s: float
    distance_m: float | None
    avg_hr_bpm: float | None
    session_rpe: float | None
    name: str | None
    source_format: str | None
    sets: list[SetPublic] = Field(default_factory=list)


class ProfileUpdate(BaseModel):
    """An athlete profile as TOML text, the same fields as the profile file
    (docs/athlete-profile.md)."""

    model_config = ConfigDict(extra="forbid")

    toml: str = Field(min_length=1, max_length=100_000)


class ProfilePublic(BaseModel):
    """The stored profile TOML (null before onboarding)."""

    toml: str | None


class AthletePublic(BaseModel):
    id: int
    name: str
    owned: bool
    has_profile: bool


class UserPublic(BaseModel):
    id: int
    email: str
    display_name: str


class LoginCreate(BaseModel):
    """Log-in body. Nothing is stripped: a password is taken exactly as typed, and the
    e-mail address is normalised by the account lookup."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class SessionPublic(BaseModel):
    """The logged-in user and the CSRF token to send as ``X-CSRF-Token``."""

    user: UserPublic
    csrf_token: str


def planned_session_fields(s: PlannedSession, units: str = "km") -> dict[str, Any]:
    """The fields every API view of a planned session shares (``PlannedSessionPublic``,
    the calendar's ``CalendarSessionPublic``): the one session → schema mapping. The
    ``title`` is human text, worded as everywhere else (``exporters.text.session_title``:
    rounded as a runner writes it, in the profile's ``units``); the numbers
    (``duration_min``, ``distance_km``, ``load``) stay numeric, in km, unrounded."""
    return {
        "id": s.id,
        "start": s.start.strftime("%H:%M"),
        "kind": s.kind.value,
        "category": s.category,
        "hard": s.hard,
        "title": session_title(s, units),
        "duration_min": s.duration_min,
        "distance_km": s.distance_km,
        "load": s.load,
    }


class PlannedSessionPublic(BaseModel):
    id: str
    date: dt.date
    start: LocalTime
    kind: str
    category: str
    hard: bool
    duration_min: float
    distance_km: float | None
    load: float
    title: str
    why: list[str]

    @classmethod
    def of(cls, s: PlannedSession, units: str = "km") -> PlannedSessionPublic:
        why = [localise(w, units) for w in s.why]  # the planner writes km; shown as the pages do
        return cls(**planned_session_fields(s, units), date=s.date, why=why)


class PlanWeekPublic(BaseModel):
    index: int
    start_date: dt.date
    phase: str
    deload: bool
    run_km: float
    sessions: list[PlannedSessionPublic]


class PlanPublic(BaseModel):
    start_date: dt.date
    race_date: dt.date
    race_distance_m: float
    weeks: list[PlanWeekPublic]


class SessionMove(_In):
    date: IsoDate
    start: str | None = Field(
        default=None,
        pattern=HHMM,
        description="Not used: the coach places the session in that day's windows, as "
        "`runstrong plan move` does (accepted so older clients keep working).",
    )


class RuleBreakPublic(BaseModel):
    rule_id: str
    severity: str
    message: str
    session_ids: list[str]


class MoveResultPublic(BaseModel):
    session: PlannedSessionPublic
    new_breaks: list[RuleBreakPublic]
    changes: list[str] = Field(
        default_factory=list,
        description="What moved, what swapped and which start times changed (R6, R22)",
    )
    week: list[PlannedSessionPublic] = Field(
        default_factory=list, description="The plan week after the move"
    )


class JobPublic(BaseModel):
    id: int
    kind: str
    status: str
    progress: int
    total: int | None
    result: dict[str, object] | None
    error: str | None
    status_url: str
    result_html_url: str | None = None


class WeekStatusPublic(BaseModel):
    """One training session of this week so far and whether the log shows it done."""

    session_id: str
    date: dt.date
    kind: str
    title: str
    state: str = Field(
        description='"done as planned", "done differently", "moved", "missed" or "not logged yet"'
    )
    detail: str = Field(description="What was logged, in the profile's units")
    activity_id: int | None
    text: str = Field(description="The line `runstrong today` prints")


class TodayPublic(BaseModel):
    day: dt.date
    readiness_status: str
    readiness_score: float | None
    reasons: list[str]
    sessions: list[PlannedSessionPublic]
    changes: list[str]
    week: list[WeekStatusPublic] = Field(
        default_factory=list, description="This week, in time order (as `runstrong today` shows it)"
    )


class CoachGrantCreate(_In):
    coach_email: str = Field(min_length=3, max_length=320)


class AccessPublic(BaseModel):
    id: int
    coach_email: str
    granted_at: dt.datetime


class ChartPublic(BaseModel):
    """One chart: x labels (ISO dates or numbers) and named series aligned with them."""

    labels: list[str | float]
    series: list[dict[str, Any]]
    explain: str = Field(default="", description="What the chart shows, in one line")
    needs: str | None = Field(
        default=None, description="Set when there is too little data: what the chart needs"
    )
    x_range: list[str] | None = Field(
        default=None, description="The time axis: first and last ISO date (data plus padding)"
    )
    y_min: float | None = Field(default=None, description="Lower end of the value axis, if fixed")
    marks: list[dict[str, str]] = Field(
        default_factory=list,
        description="The active plan's dates on a time axis ({date, label, when}): season "
        "start, the start of each phase, race day; empty without a plan",
    )


class ProgressPublic(BaseModel):
    pmc: ChartPublic
    acwr: ChartPublic
    weekly: ChartPublic
    e1rm: ChartPublic
    personal_bests: list[dict[str, str]]
    findings: list[str]
