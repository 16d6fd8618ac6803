"""Readable names for FIT enum numbers, and the mapping of sports onto ``Sport``.

Names come from the FIT profile that ships with ``fitdecode`` (a declared
dependency; its ``profile.py`` is generated from the Garmin FIT SDK profile),
so runstrong does not carry its own copy of thousands of enum values.
Text sport names (GPX ``<type>``, TCX ``Sport=``, Strava/Garmin export
"type" columns) map through ``sport_from_text``.
"""

from __future__ import annotations

from functools import cache

from runstrong.core.model import Sport

# FIT profile "sport" numbers that map onto runstrong sports (others → OTHER).
_FIT_SPORT = {
    1: Sport.RUNNING,
    2: Sport.CYCLING,
    3: Sport.TRANSITION,
    5: Sport.SWIMMING,
    11: Sport.WALKING,
    15: Sport.ROWING,
    17: Sport.HIKING,
    21: Sport.CYCLING,  # e_biking
}
_SUB_TREADMILL = 1
_SUB_TRAIL = 3
_SUB_INDOOR_CYCLING = 6
_SUB_INDOOR_ROWING = 14
_SUB_STRENGTH = 20
_SUB_INDOOR_RUNNING = 45
_FIT_TRAINING = 10
_FIT_FITNESS_EQUIPMENT = 4

# Sports whose FIT/TCX/GPX cadence counts one foot (strides/min): runstrong stores steps/min.
STEP_CADENCE_SPORTS = frozenset(
    {Sport.RUNNING, Sport.TRAIL_RUNNING, Sport.TREADMILL, Sport.WALKING, Sport.HIKING}
)


def sport_from_fit(sport: int | None, sub_sport: int | None) -> Sport:
    """Map FIT ``sport``/``sub_sport`` numbers onto ``Sport`` (docs/file-formats.md)."""
    if sport == 1:
        if sub_sport in (_SUB_TREADMILL, _SUB_INDOOR_RUNNING):
            return Sport.TREADMILL
        if sub_sport == _SUB_TRAIL:
            return Sport.TRAIL_RUNNING
        return Sport.RUNNING
    if sport in (_FIT_TRAINING, _FIT_FITNESS_EQUIPMENT) and sub_sport == _SUB_STRENGTH:
        return Sport.STRENGTH
    if sport == _FIT_FITNESS_EQUIPMENT:
        if sub_sport == _SUB_INDOOR_ROWING:
            return Sport.ROWING
        if sub_sport == _SUB_TREADMILL:
            return Sport.TREADMILL
        if sub_sport == _SUB_INDOOR_CYCLING:
            return Sport.CYCLING
    if sport is None:
        return Sport.OTHER
    return _FIT_SPORT.get(sport, Sport.OTHER)


@cache
def _types() -> dict[str, dict[int, str]]:
    from fitdecode import profile  # imported lazily: the profile module is large

    return {name: dict(ft.enum or {}) for name, ft in profile.FIELD_TYPES.items() if ft.enum}


def enum_name(type_name: str, value: int | None) -> str | None:
    """Profile name of an enum value (``enum_name("sport", 1) == "running"``)."""
    if value is None:
        return None
    return _types().get(type_name, {}).get(value)


def fit_sub_sport_label(sport: int | None, sub_sport: int | None, mapped: Sport) -> str | None:
    """What ``Activity.sub_sport`` keeps: the FIT sub-sport, or for OTHER the FIT sport too."""
    sub = enum_name("sub_sport", sub_sport)
    if sub == "generic":
        sub = None
    if mapped is Sport.OTHER:
        name = enum_name("sport", sport) or (f"sport {sport}" if sport is not None else None)
        if name and sub:
            return f"{name}/{sub}"
        return name or sub
    return sub


def device_label(manufacturer: int | None, product: int | None) -> str | None:
    """``"garmin/fr965"``-style device name from ``file_id`` numbers."""
    if manufacturer is None:
        return None
    maker = enum_name("manufacturer", manufacturer) or f"manufacturer {manufacturer}"
    if product is None:
        return maker
    model: str | None = None
    if maker in ("garmin", "dynastream", "dynastream_oem", "tacx"):
        model = enum_name("garmin_product", product)
    return f"{maker}/{model or product}"


def exercise_name(category: int | None, subtype: int | None) -> str:
    """Readable exercise of a FIT ``set`` message.

    Known category + subtype → the subtype's profile name ("barbell back squat");
    known category only → the category ("squat"); an unknown category number →
    "unknown exercise (category N)"; no category → "unknown exercise".
    """
    if category is None or category == 65534:
        return "unknown exercise"
    cat = enum_name("exercise_category", category)
    if cat is None:
        return f"unknown exercise (category {category})"
    if subtype is not None:
        sub = enum_name(f"{cat}_exercise_name", subtype)
        if sub is not None:
            return sub.replace("_", " ")
    return cat.replace("_", " ")


# Lower-cased text sport names (GPX <type>, TCX Sport, Strava/Garmin export types).
_TEXT_SPORT = {
    "run": Sport.RUNNING,
    "running": Sport.RUNNING,
    "street_running": Sport.RUNNING,
    "track_running": Sport.RUNNING,
    "trail run": Sport.TRAIL_RUNNING,
    "trail_running": Sport.TRAIL_RUNNING,
    "virtual run": Sport.TREADMILL,
    "treadmill_running": Sport.TREADMILL,
    "indoor_running": Sport.TREADMILL,
    "treadmill": Sport.TREADMILL,
    "ride": Sport.CYCLING,
    "biking": Sport.CYCLING,
    "cycling": Sport.CYCLING,
    "virtual ride": Sport.CYCLING,
    "e-bike ride": Sport.CYCLING,
    "mountain bike ride": Sport.CYCLING,
    "gravel ride": Sport.CYCLING,
    "road_biking": Sport.CYCLING,
    "indoor_cycling": Sport.CYCLING,
    "mountain_biking": Sport.CYCLING,
    "virtual_ride": Sport.CYCLING,
    "swim": Sport.SWIMMING,
    "swimming": Sport.SWIMMING,
    "lap_swimming": Sport.SWIMMING,
    "open_water_swimming": Sport.SWIMMING,
    "walk": Sport.WALKING,
    "walking": Sport.WALKING,
    "hike": Sport.HIKING,
    "hiking": Sport.HIKING,
    "weight training": Sport.STRENGTH,
    "weighttraining": Sport.STRENGTH,
    "strength_training": Sport.STRENGTH,
    "strength": Sport.STRENGTH,
    "rowing": Sport.ROWING,
    "virtual row": Sport.ROWING,
    "indoor_rowing": Sport.ROWING,
    "transition": Sport.TRANSITION,
}


def sport_from_text(text: str | None) -> Sport | None:
    """Map a text sport/type name onto ``Sport``; None when unknown or empty."""
    if not text:
        return None
    return _TEXT_SPORT.get(text.strip().lower())
