"""Today's fuelling targets (R24) for the Today page, from ``core.science.nutrition``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from runstrong.core.model import PlannedSession
from runstrong.core.science.nutrition import NutritionTargets, daily_targets
from runstrong.web.profile_form import display_profile

if TYPE_CHECKING:
    from runstrong.storage.tables import AthleteRow  # rows from services.accounts


def targets_for_day(
    athlete: AthleteRow, sessions: Sequence[PlannedSession], body_mass_kg: float | None = None
) -> NutritionTargets | None:
    """The day's targets; None without a profile. A check-in's body mass wins over the profile's."""
    loaded = display_profile(athlete)
    if loaded is None and body_mass_kg is None:
        return None
    mass = body_mass_kg if body_mass_kg is not None else loaded.body_mass_kg  # type: ignore[union-attr]
    # DOMAIN G: a weight goal never overrides fuelling; its deficit is checked against the load.
    nutrition = loaded.nutrition if loaded is not None else None
    deficit = nutrition.daily_deficit_kcal if nutrition is not None else None
    return daily_targets(mass, tuple(sessions), weight_goal_kcal_deficit=deficit)


def display_rows(t: NutritionTargets) -> list[tuple[str, str]]:
    """Label/value pairs for the page."""
    carb_low, carb_high = t.carbohydrate_g
    prot_low, prot_high = t.protein_g
    return [
        ("Day load", f"{t.band.value.replace('_', ' ')} · {t.day_load_au:.0f} AU"),
        ("Carbohydrate", f"{carb_low:.0f}–{carb_high:.0f} g"),
        ("Protein", f"{prot_low:.0f}–{prot_high:.0f} g"),
        ("Session fluid", t.fluid.text),
    ]
