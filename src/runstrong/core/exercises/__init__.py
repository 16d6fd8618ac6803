"""The exercise library: running-relevant exercises as data, with a validating loader.

``load_library()`` returns the packaged library; ``parse_library(text)`` parses
any library text (pure). See docs/exercises.md for the format.
"""

from __future__ import annotations

from runstrong.core.exercises.library import (
    MIN_EXERCISES,
    load_library,
    parse_library,
    validate_library,
)
from runstrong.core.exercises.model import (
    GYM_EQUIPMENT,
    R2_GROUPS,
    Complaint,
    Equipment,
    Exercise,
    ExerciseLibrary,
    Level,
    MobilityTarget,
    Muscle,
    Pattern,
    Unit,
    normalize_key,
)

__all__ = [
    "GYM_EQUIPMENT",
    "MIN_EXERCISES",
    "R2_GROUPS",
    "Complaint",
    "Equipment",
    "Exercise",
    "ExerciseLibrary",
    "Level",
    "MobilityTarget",
    "Muscle",
    "Pattern",
    "Unit",
    "load_library",
    "normalize_key",
    "parse_library",
    "validate_library",
]
