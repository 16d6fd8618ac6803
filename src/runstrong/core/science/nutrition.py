"""R24 daily fuelling targets: carbohydrate by the day's load, protein, fluid, in-session fuel.

Pure arithmetic over body mass and the day's planned (or done) sessions. Every
range comes from a published statement (ACSM 2016, Sawka 2007, Jeukendrup 2014);
the mapping from a day's session-RPE load to a carbohydrate band is runstrong's
own documented convention (``CarbBandThresholds``). DOMAIN G: a weight goal
never lowers these targets; it only produces warnings when intake would fall short.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from runstrong.core.errors import InputError
from runstrong.core.model import PlannedSession, RunCategory, SessionKind

FUEL_RULE = "weight goals never override fuelling for the training load"


class LoadBand(StrEnum):
    """Daily carbohydrate bands of ACSM 2016 Table 2 (Thomas, Erdman & Burke)."""

    LIGHT = "light"
    MODERATE = "moderate"
    HIGH = "high"
    VERY_HIGH = "very_high"

    @property
    def g_per_kg(self) -> tuple[float, float]:
        """Carbohydrate range in g per kg body mass per day."""
        return _CARB_G_PER_KG[self]


_CARB_G_PER_KG: dict[LoadBand, tuple[float, float]] = {
    LoadBand.LIGHT: (3.0, 5.0),  # low-intensity or skill-based activity
    LoadBand.MODERATE: (5.0, 7.0),  # moderate exercise programme, ~1 h/day
    LoadBand.HIGH: (6.0, 10.0),  # endurance programme, 1–3 h/day moderate–high intensity
    LoadBand.VERY_HIGH: (8.0, 12.0),  # > 4–5 h/day moderate–high intensity
}
_BAND_ORDER = (LoadBand.LIGHT, LoadBand.MODERATE, LoadBand.HIGH, LoadBand.VERY_HIGH)
PROTEIN_G_PER_KG = (1.2, 2.0)
"""ACSM 2016: 1.2–2.0 g/kg/day. runstrong aims at the lower part on ordinary days and the
upper part on heavy days (``HEAVY_DAY_PROTEIN_G_PER_KG``)."""
ORDINARY_DAY_PROTEIN_G_PER_KG = (1.2, 1.6)
HEAVY_DAY_PROTEIN_G_PER_KG = (1.6, 2.0)
"""A high-load day or a heavy lift: 1.6 g/kg/day is where the gain of lean mass from
resistance training levels off (Morton et al., Br J Sports Med 2018;52:376-384; 95 %
CI up to 2.2), so heavy days aim from there to the ACSM maximum."""
KEY_SESSION_MIN = 75.0
"""An endurance session this long (or longer) makes the day a long day (R24)."""
QUALITY_DAY_HIGH_MIN = 60.0
"""R24: a day with a hard run is in the 6–10 g/kg band from this many minutes of
endurance training (ACSM 2016 Table 2: "1–3 h/day of moderate–high intensity"); under
it, the "moderate exercise programme (~1 h/day)" band, 5–7 g/kg, at least."""
PROTEIN_PER_MEAL_G_PER_KG = 0.3
PROTEIN_MEALS = (4, 5)
MIN_FAT_ENERGY_SHARE = 0.20
"""ACSM 2016: fat below ~20 % of energy brings no benefit and risks low micronutrients."""
KCAL_PER_G_CARB_OR_PROTEIN = 4.0
TRAINING_KINDS = frozenset({SessionKind.RUN, SessionKind.STRENGTH, SessionKind.CROSS})
ENDURANCE_KINDS = frozenset({SessionKind.RUN, SessionKind.CROSS})


@dataclass(frozen=True, slots=True)
class CarbBandThresholds:
    """How a day's combined load picks an ACSM band (runstrong's convention).

    The ACSM bands describe hours and intensity, not a load number, so runstrong
    anchors them in session-RPE units (CR-10 × min, Foster 2001):
    MODERATE from ``moderate_au`` (≈ 1 h at RPE 3–4, "moderate exercise ~1 h/day");
    HIGH from ``high_au`` (≈ 90 min at RPE 5) or ``high_min`` minutes of training
    (2 h is endurance work whatever its RPE); VERY_HIGH needs both ``very_high_min``
    minutes and ``very_high_au`` (≈ 4 h at RPE 5, "> 4–5 h/day moderate–high").
    Minutes count run, strength and cross sessions; mobility adds load only.
    """

    moderate_au: float = 200.0
    high_au: float = 450.0
    high_min: float = 120.0
    very_high_au: float = 1200.0
    very_high_min: float = 240.0

    def band(self, load_au: float, training_min: float) -> LoadBand:
        """The band for a day with ``load_au`` session-RPE load over ``training_min``."""
        if training_min >= self.very_high_min and load_au >= self.very_high_au:
            return LoadBand.VERY_HIGH
        if load_au >= self.high_au or training_min >= self.high_min:
            return LoadBand.HIGH
        if load_au >= self.moderate_au:
            return LoadBand.MODERATE
        return LoadBand.LIGHT


DEFAULT_BAND_THRESHOLDS = CarbBandThresholds()


@dataclass(frozen=True, slots=True)
class DaySession:
    """One session of the day: its kind, length and session-RPE load (AU)."""

    kind: SessionKind
    duration_min: float
    load_au: float
    key: bool = False
    """A long run, a quality (hard) run or a heavy lift: the day is a hard day (R24)."""

    def __post_init__(self) -> None:
        if not math.isfinite(self.duration_min) or self.duration_min < 0:
            raise InputError(f"session duration {self.duration_min:g} min must be 0 or more")
        if not math.isfinite(self.load_au) or self.load_au < 0:
            raise InputError(f"session load {self.load_au:g} must be 0 or more")


SessionLike = DaySession | PlannedSession | tuple[str, float, float]


def _is_key(s: PlannedSession) -> bool:
    """Long run, quality run or heavy lift (R24: such a day is fuelled as a hard day)."""
    if s.kind is SessionKind.STRENGTH:
        return s.category == "heavy"
    if s.kind is not SessionKind.RUN:
        return False
    hard_category = (
        s.category in RunCategory.__members__.values() and RunCategory(s.category).is_hard
    )
    return s.hard or hard_category or s.category == RunCategory.LONG.value


def _as_day_session(item: SessionLike) -> DaySession:
    if isinstance(item, DaySession):
        return item
    if isinstance(item, PlannedSession):
        return DaySession(item.kind, item.duration_min, item.load, _is_key(item))
    kind, minutes, load = item
    try:
        parsed = SessionKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in SessionKind)
        raise InputError(f"session kind {kind!r} is unknown: use one of {allowed}") from None
    return DaySession(parsed, float(minutes), float(load))


# ---------------------------------------------------------------------------
# During a session, fluid, sweat test
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionFuel:
    """Carbohydrate to take during one session, g per hour, with the reason."""

    duration_min: float
    g_per_h: tuple[float, float]
    note: str


MOUTH_RINSE_UNTIL_MIN = 75.0
"""Up to ~75 min a carbohydrate mouth rinse or small amounts are enough (ACSM 2016
Table 2: "45–75 min, sustained high intensity: small amounts including mouth rinse")."""


def fuel_during(duration_min: float) -> SessionFuel:
    """Carbohydrate during an endurance session by its length.

    ACSM 2016 Table 2 (Thomas, Erdman & Burke) and Jeukendrup A.E., Sports Med
    2014;44 Suppl 1:S25-33: under 45 min none; 45–75 min small amounts or a mouth
    rinse; 75 min–2.5 h 30–60 g/h; beyond 2.5 h up to 90 g/h of mixed
    glucose:fructose sources.
    """
    if not math.isfinite(duration_min) or duration_min < 0:
        raise InputError(f"session duration {duration_min:g} min must be 0 or more")
    if duration_min < 45:
        return SessionFuel(duration_min, (0.0, 0.0), "under 45 min: no carbohydrate needed")
    if duration_min < MOUTH_RINSE_UNTIL_MIN:
        return SessionFuel(
            duration_min, (0.0, 0.0), "45–75 min: a carbohydrate mouth rinse or small amounts"
        )
    if duration_min <= 150:
        return SessionFuel(
            duration_min, (30.0, 60.0), "75 min–2.5 h: 30–60 g carbohydrate per hour"
        )
    return SessionFuel(
        duration_min,
        (60.0, 90.0),
        "over 2.5 h: up to 90 g/h from mixed glucose:fructose sources (train the gut first)",
    )


@dataclass(frozen=True, slots=True)
class SweatTest:
    """Result of weighing before and after a session (1 kg of mass ≈ 1 L of sweat)."""

    sweat_loss_l: float
    sweat_rate_l_per_h: float
    body_mass_loss_pct: float
    rehydrate_l: tuple[float, float]


REHYDRATE_FACTOR = (1.25, 1.5)


def sweat_test(
    pre_kg: float,
    post_kg: float,
    fluid_intake_l: float,
    duration_h: float,
    urine_l: float = 0.0,
) -> SweatTest:
    """Sweat loss = pre − post + drunk − urine; rate per hour; 125–150 % of the mass lost
    to drink afterwards (Sawka M.N. et al., ACSM position stand, Med Sci Sports Exerc
    2007;39:377-390; McDermott B.P. et al., J Athl Train 2017;52:877-895)."""
    if pre_kg <= 0 or post_kg <= 0 or duration_h <= 0 or fluid_intake_l < 0 or urine_l < 0:
        raise InputError(
            "sweat test needs positive masses and duration and non-negative fluids, got "
            f"pre {pre_kg:g} kg, post {post_kg:g} kg, {duration_h:g} h, "
            f"drunk {fluid_intake_l:g} L, urine {urine_l:g} L"
        )
    lost_kg = max(0.0, pre_kg - post_kg)
    loss = pre_kg - post_kg + fluid_intake_l - urine_l
    return SweatTest(
        sweat_loss_l=loss,
        sweat_rate_l_per_h=loss / duration_h,
        body_mass_loss_pct=100.0 * (pre_kg - post_kg) / pre_kg,
        rehydrate_l=(REHYDRATE_FACTOR[0] * lost_kg, REHYDRATE_FACTOR[1] * lost_kg),
    )


@dataclass(frozen=True, slots=True)
class FluidPlan:
    """The day's session-related fluid on top of normal drinking, in litres.

    ``pre_l``: before the sessions (5–7 mL/kg each, Sawka 2007; up to 10 mL/kg when
    hot or long, Thomas 2016). ``during_l``/``after_l`` need a measured sweat rate:
    drink enough to keep the loss under 2 % of body mass but never more than the
    sweat lost, then 125–150 % of what is still missing. ``total_l`` sums the known parts.
    """

    pre_l: tuple[float, float]
    expected_sweat_loss_l: float | None
    during_l: tuple[float, float] | None
    after_l: tuple[float, float] | None
    total_l: tuple[float, float]
    reasons: tuple[str, ...]

    @property
    def needed(self) -> bool:
        """Is there session fluid to state (at least 0.1 L at the top of the range)?"""
        return round(self.total_l[1], 1) > 0

    @property
    def text(self) -> str:
        """ "0.3–0.4 L"; a day with no session to drink for (no session, or one too short
        to need it, e.g. ``today --minutes 0``) says so rather than "0.0–0.0 L"."""
        low, high = self.total_l
        return f"{low:.1f}–{high:.1f} L" if self.needed else "none: normal drinking"


LONG_SESSION_MIN = 90.0
MAX_MASS_LOSS_SHARE = 0.02


def fluid_plan(
    body_mass_kg: float,
    sessions: Iterable[DaySession],
    *,
    hot: bool = False,
    sweat_rate_l_per_h: float | None = None,
) -> FluidPlan:
    """R24: session fluid for the day; more for long, hot or back-to-back sessions."""
    training = [s for s in sessions if s.kind in TRAINING_KINDS and s.duration_min > 0]
    long_ = any(s.duration_min >= LONG_SESSION_MIN for s in training)
    back_to_back = len(training) >= 2
    reasons: list[str] = []
    upper_ml_per_kg = 7.0
    if hot:
        upper_ml_per_kg = 10.0
        reasons.append("R24: hot day — up to 10 mL/kg before each session; sweat losses are larger")
    if long_:
        upper_ml_per_kg = 10.0
        reasons.append(f"R24: a session of {LONG_SESSION_MIN:g} min or more — drink more before")
    if back_to_back:
        reasons.append(
            f"R24: {len(training)} sessions today — rehydrate between them (fluid per session)"
        )
    n = len(training)
    pre = (5.0 * body_mass_kg * n / 1000.0, upper_ml_per_kg * body_mass_kg * n / 1000.0)
    if sweat_rate_l_per_h is None:
        if training:
            reasons.append(
                "R24: weigh before and after a session to learn your sweat rate; "
                "then drink 125–150 % of the mass lost"
            )
        return FluidPlan(pre, None, None, None, pre, tuple(reasons))
    if not math.isfinite(sweat_rate_l_per_h) or not 0 <= sweat_rate_l_per_h <= 5:
        raise InputError(f"sweat rate {sweat_rate_l_per_h:g} L/h is out of range: use 0 to 5")
    loss = sweat_rate_l_per_h * sum(s.duration_min for s in training) / 60.0
    during_min = max(0.0, loss - MAX_MASS_LOSS_SHARE * body_mass_kg)
    during = (during_min, loss)
    deficit = loss - during_min
    after = (REHYDRATE_FACTOR[0] * deficit, REHYDRATE_FACTOR[1] * deficit)
    total = (pre[0] + during[0] + after[0], pre[1] + during_min + after[1])
    if hot:
        reasons.append("R24: a sweat rate measured in cool weather underestimates a hot day")
    return FluidPlan(pre, loss, during, after, total, tuple(reasons))


# ---------------------------------------------------------------------------
# The day
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NutritionTargets:
    """The day's R24 targets (grams and litres as (low, high) ranges), reasons, warnings."""

    body_mass_kg: float
    band: LoadBand
    day_load_au: float
    training_min: float
    carbohydrate_g_per_kg: tuple[float, float]
    carbohydrate_g: tuple[float, float]
    protein_g: tuple[float, float]
    protein_per_meal_g: float
    protein_meals: tuple[int, int]
    fuelling_floor_kcal: float
    during: tuple[SessionFuel, ...]
    fluid: FluidPlan
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def _day_band(
    day: list[DaySession], thresholds: CarbBandThresholds
) -> tuple[LoadBand, float, float, bool]:
    """The day's carbohydrate band from its summed load and training minutes, its load,
    its minutes, and whether it is a long or hard day (a key session, or an endurance
    session of ``KEY_SESSION_MIN`` or more)."""
    load = math.fsum(s.load_au for s in day)
    minutes = math.fsum(s.duration_min for s in day if s.kind in TRAINING_KINDS)
    band = thresholds.band(load, minutes)
    # A heavy lift makes a heavy day for protein, not an endurance day for carbohydrate:
    # an hour in the gym is ACSM's moderate (~1 h/day) band at most, and strength
    # athletes' needs are 4–7 g/kg (Slater & Phillips, J Sports Sci 2011;29:S67).
    long_day = any(s.kind in ENDURANCE_KINDS and s.duration_min >= KEY_SESSION_MIN for s in day)
    quality = any(s.key and s.kind is not SessionKind.STRENGTH for s in day)
    endurance_min = math.fsum(s.duration_min for s in day if s.kind in ENDURANCE_KINDS)
    # R24 by the day's duration (ACSM 2016 Table 2): a long day, or a hard run in an
    # hour or more of endurance work, is 1–3 h/day of moderate–high intensity (6–10 g/kg);
    # a shorter hard run (40 min of hills) is the ~1 h/day moderate band (5–7 g/kg).
    if long_day or (quality and endurance_min >= QUALITY_DAY_HIGH_MIN):
        floor = LoadBand.HIGH
    elif quality:
        floor = LoadBand.MODERATE
    else:
        floor = LoadBand.LIGHT
    if _BAND_ORDER.index(band) < _BAND_ORDER.index(floor):
        band = floor
    return band, load, minutes, long_day or quality


def daily_targets(
    body_mass_kg: float,
    sessions: Iterable[SessionLike],
    hot: bool = False,
    weight_goal_kcal_deficit: float | None = None,
    *,
    maintenance_kcal: float | None = None,
    intended_intake_kcal: float | None = None,
    intended_carbohydrate_g: float | None = None,
    sweat_rate_l_per_h: float | None = None,
    thresholds: CarbBandThresholds = DEFAULT_BAND_THRESHOLDS,
) -> NutritionTargets:
    """R24: carbohydrate, protein and fluid for a day from its combined load.

    Carbohydrate: the ACSM band (Thomas D.T., Erdman K.A., Burke L.M., Med Sci
    Sports Exerc 2016;48:543-568, Table 2) chosen by ``thresholds`` from the sum of
    all sessions' session-RPE loads and training minutes. Protein 1.2–2.0 g/kg/day,
    ~0.3 g/kg per meal over 4–5 meals (same statement). Fluid per :func:`fluid_plan`;
    in-session carbohydrate per :func:`fuel_during` for runs and cross sessions.

    DOMAIN G: a weight goal never lowers a target. The fuelling floor is the energy of
    the minimum carbohydrate and protein with fat at ≥ 20 % of energy; a warning is
    given when the intended intake (``intended_intake_kcal``, or ``maintenance_kcal``
    − deficit) is below it, when ``intended_carbohydrate_g`` is below the band's
    minimum, or when a deficit is planned on a high-load day.
    """
    if not math.isfinite(body_mass_kg) or not 30 <= body_mass_kg <= 250:
        raise InputError(f"body mass {body_mass_kg:g} kg is out of range: use 30 to 250 kg")
    day = [_as_day_session(s) for s in sessions]
    band, load, minutes, hard_day = _day_band(day, thresholds)
    carb_per_kg = band.g_per_kg
    carb = (carb_per_kg[0] * body_mass_kg, carb_per_kg[1] * body_mass_kg)
    heavy = hard_day or band in (LoadBand.HIGH, LoadBand.VERY_HIGH) or any(s.key for s in day)
    per_kg = HEAVY_DAY_PROTEIN_G_PER_KG if heavy else ORDINARY_DAY_PROTEIN_G_PER_KG
    protein = (per_kg[0] * body_mass_kg, per_kg[1] * body_mass_kg)
    floor_kcal = KCAL_PER_G_CARB_OR_PROTEIN * (carb[0] + protein[0]) / (1.0 - MIN_FAT_ENERGY_SHARE)
    reasons = [
        f"R24: today's load {load:.0f} AU over {minutes:.0f} min of training is the "
        f"{band.value.replace('_', ' ')} band: {carb_per_kg[0]:g}–{carb_per_kg[1]:g} g "
        "carbohydrate per kg (ACSM 2016)",
        f"R24: protein {per_kg[0]:g}–{per_kg[1]:g} g/kg "
        + ("(a heavy day: the upper end of ACSM's 1.2–2.0) " if heavy else "")
        + f"about {PROTEIN_PER_MEAL_G_PER_KG * body_mass_kg:.0f} g in each of 4–5 meals",
    ]
    during = tuple(
        fuel_during(s.duration_min)
        for s in day
        if s.kind in ENDURANCE_KINDS and s.duration_min >= 45
    )
    fluid = fluid_plan(body_mass_kg, day, hot=hot, sweat_rate_l_per_h=sweat_rate_l_per_h)
    warnings = _fuelling_warnings(
        band,
        carb[0],
        floor_kcal,
        weight_goal_kcal_deficit,
        maintenance_kcal,
        intended_intake_kcal,
        intended_carbohydrate_g,
    )
    return NutritionTargets(
        body_mass_kg=body_mass_kg,
        band=band,
        day_load_au=load,
        training_min=minutes,
        carbohydrate_g_per_kg=carb_per_kg,
        carbohydrate_g=carb,
        protein_g=protein,
        protein_per_meal_g=PROTEIN_PER_MEAL_G_PER_KG * body_mass_kg,
        protein_meals=PROTEIN_MEALS,
        fuelling_floor_kcal=floor_kcal,
        during=during,
        fluid=fluid,
        reasons=(*reasons, *fluid.reasons),
        warnings=warnings,
    )


def _fuelling_warnings(
    band: LoadBand,
    carb_min_g: float,
    floor_kcal: float,
    deficit_kcal: float | None,
    maintenance_kcal: float | None,
    intended_kcal: float | None,
    intended_carb_g: float | None,
) -> tuple[str, ...]:
    """DOMAIN G / R24: warnings when an intended intake falls below the day's needs."""
    for name, value in (
        ("weight-goal deficit", deficit_kcal),
        ("maintenance energy", maintenance_kcal),
        ("intended intake", intended_kcal),
        ("intended carbohydrate", intended_carb_g),
    ):
        if value is not None and (not math.isfinite(value) or value < 0):
            raise InputError(f"{name} {value:g} must be 0 or more")
    warnings: list[str] = []
    if intended_kcal is None and maintenance_kcal is not None:
        intended_kcal = maintenance_kcal - (deficit_kcal or 0.0)
    if intended_kcal is not None and intended_kcal < floor_kcal:
        warnings.append(
            f"R24: intended intake {intended_kcal:.0f} kcal is below the {floor_kcal:.0f} kcal "
            f"that today's minimum carbohydrate and protein need — {FUEL_RULE}"
        )
    if intended_carb_g is not None and intended_carb_g < carb_min_g:
        warnings.append(
            f"R24: intended carbohydrate {intended_carb_g:.0f} g is below today's minimum of "
            f"{carb_min_g:.0f} g — {FUEL_RULE}"
        )
    if deficit_kcal and band in (LoadBand.HIGH, LoadBand.VERY_HIGH):
        warnings.append(
            f"R24: a {deficit_kcal:.0f} kcal deficit on a {band.value.replace('_', ' ')}-load "
            f"day — move it to a light day; {FUEL_RULE}"
        )
    return tuple(warnings)
