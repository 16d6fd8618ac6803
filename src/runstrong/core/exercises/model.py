"""Value objects of the exercise library: enums, ``Exercise`` and ``ExerciseLibrary``.

Pure and frozen. The library is looked up by id, name or alias (case- and
punctuation-insensitive); a miss raises ``UnknownExerciseError`` with the
closest names (difflib) so a typo gets a suggestion.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from runstrong.core.errors import UnknownExerciseError


class Pattern(StrEnum):
    """Movement pattern; R15 rotates variants within one pattern."""

    HINGE = "hinge"
    KNEE_DOMINANT = "knee_dominant"
    SINGLE_LEG = "single_leg"
    KNEE_FLEXION = "knee_flexion"
    HIP_STABILITY = "hip_stability"
    CALF_ANKLE = "calf_ankle"
    CORE_ANTI_EXTENSION = "core_anti_extension"
    CORE_ANTI_ROTATION = "core_anti_rotation"
    CORE_LATERAL = "core_lateral"
    CORE_FLEXION = "core_flexion"
    CARRY = "carry"
    UPPER_PUSH = "upper_push"
    UPPER_PULL = "upper_pull"
    PLYOMETRIC = "plyometric"
    FOOT = "foot"
    MOBILITY = "mobility"
    GRIP = "grip"


class Muscle(StrEnum):
    """Muscle groups. The first seven are the R2 coverage groups."""

    HIPS = "hips"
    GLUTES = "glutes"
    HAMSTRINGS = "hamstrings"
    QUADS = "quads"
    CALVES = "calves"
    CORE = "core"
    UPPER_BODY = "upper_body"
    SHINS = "shins"
    FEET = "feet"
    FOREARMS = "forearms"


R2_GROUPS: frozenset[Muscle] = frozenset(
    {
        Muscle.HIPS,
        Muscle.GLUTES,
        Muscle.HAMSTRINGS,
        Muscle.QUADS,
        Muscle.CALVES,
        Muscle.CORE,
        Muscle.UPPER_BODY,
    }
)
"""R2: every week's strength sessions together train all of these."""


class Equipment(StrEnum):
    """Equipment an athlete may have. ``NONE`` = body weight and household objects."""

    NONE = "none"
    BARBELL = "barbell"
    TRAP_BAR = "trap_bar"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    MACHINE = "machine"
    CABLE = "cable"
    BAND = "band"
    BOX = "box"
    BENCH = "bench"
    TRX = "trx"
    PULLUP_BAR = "pullup_bar"
    SLANT_BOARD = "slant_board"
    PLATE = "plate"
    AB_WHEEL = "ab_wheel"


GYM_EQUIPMENT: frozenset[str] = frozenset(e.value for e in Equipment)
"""A full gym: every piece of equipment the library knows."""


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}


class Complaint(StrEnum):
    """Injuries or complaints an exercise may aggravate (R17, injury history)."""

    KNEE = "knee"
    ACHILLES = "achilles"
    CALF = "calf"
    SHIN = "shin"
    ANKLE = "ankle"
    PLANTAR_FASCIA = "plantar_fascia"
    HIP = "hip"
    HAMSTRING = "hamstring"
    LOWER_BACK = "lower_back"
    SHOULDER = "shoulder"
    WRIST = "wrist"


class MobilityTarget(StrEnum):
    """What a mobility drill opens up; R16 needs ankle, hip flexors and thoracic spine."""

    ANKLE = "ankle"
    HIP_FLEXORS = "hip_flexors"
    THORACIC = "thoracic"
    HIPS = "hips"
    HAMSTRINGS = "hamstrings"
    ADDUCTORS = "adductors"
    CALVES = "calves"
    FEET = "feet"


class Unit(StrEnum):
    """How one set is dosed: a rep count or a hold/carry time."""

    REPS = "reps"
    SECONDS = "seconds"


def normalize_key(text: str) -> str:
    """Lookup key: lower case, punctuation and separators removed ("Step-up" → "stepup")."""
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


@dataclass(frozen=True, slots=True)
class FitExercise:
    """The exercise's name in the FIT profile (Garmin FIT SDK Profile.xlsx): its
    ``exercise_category`` and, when the profile lists this exercise, its
    ``<category>_exercise_name`` value, both as the profile's snake_case words."""

    category: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Exercise:
    """One library exercise. ``equipment`` is all-of; each item is a set of
    alternatives (``{"dumbbell", "kettlebell"}`` = either); empty = no equipment."""

    id: str
    name: str
    aliases: tuple[str, ...]
    pattern: Pattern
    muscles: tuple[Muscle, ...]
    equipment: tuple[frozenset[Equipment], ...]
    level: Level
    unilateral: bool
    heavy_ok: bool
    plyometric: bool
    trunk_flexion: bool
    contraindications: frozenset[Complaint]
    substitutions: tuple[str, ...]
    cues: tuple[str, ...]
    intent: str
    unit: Unit = Unit.REPS
    mobility: tuple[MobilityTarget, ...] = ()
    # How a watch names it (None: the FIT profile has no such exercise).
    fit: FitExercise | None = None
    eccentric: bool = False
    """Q7: slow-eccentric quad work (a 3-5 s lowering) that prepares the legs for
    downhill running."""

    @property
    def bodyweight(self) -> bool:
        """True when the exercise needs no equipment (hotel-room friendly)."""
        return not self.equipment

    def available_with(self, equipment: Iterable[str]) -> bool:
        """Can an athlete with ``equipment`` do this? Body-weight always can."""
        have = frozenset(equipment)
        return all(any(opt.value in have for opt in need) for need in self.equipment)

    def avoids(self, complaints: Iterable[str]) -> bool:
        """True when none of ``complaints`` is contraindicated."""
        return not any(c in self.contraindications for c in complaints)

    def equipment_text(self) -> str:
        """Human form: "dumbbell or kettlebell + bench", or "none"."""
        if not self.equipment:
            return "none"
        return " + ".join(" or ".join(sorted(o.value for o in need)) for need in self.equipment)


@dataclass(frozen=True, slots=True, eq=False)
class ExerciseLibrary:
    """All exercises, indexed by id, name and alias (compared and hashed by identity,
    so per-library caches stay cheap)."""

    exercises: tuple[Exercise, ...]
    _index: Mapping[str, Exercise] = field(default_factory=dict, repr=False)
    _by_id: Mapping[str, Exercise] = field(default_factory=dict, repr=False)
    _by_pattern: Mapping[Pattern, tuple[Exercise, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, Exercise] = {}
        for ex in self.exercises:
            for key in (ex.id, ex.name, *ex.aliases):
                index.setdefault(normalize_key(key), ex)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_by_id", {ex.id: ex for ex in self.exercises})
        patterns = {p: tuple(ex for ex in self.exercises if ex.pattern is p) for p in Pattern}
        object.__setattr__(self, "_by_pattern", patterns)

    def __len__(self) -> int:
        return len(self.exercises)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalize_key(name) in self._index

    def lookup(self, name: str) -> Exercise | None:
        """The exercise with this id, name or alias, or None."""
        return self._by_id.get(name) or self._index.get(normalize_key(name))

    def get(self, name: str) -> Exercise:
        """The exercise with this id, name or alias; a miss suggests close names."""
        found = self.lookup(name)
        if found is not None:
            return found
        hints = self.suggest(name)
        hint = f"; did you mean: {', '.join(hints)}?" if hints else ""
        raise UnknownExerciseError(
            f"unknown exercise {name!r}{hint} (`runstrong exercises list` shows all)"
        )

    def suggest(self, query: str, n: int = 3) -> tuple[str, ...]:
        """Up to ``n`` exercise names closest to ``query`` (difflib ratio ≥ 0.6)."""
        keys = list(self._index)
        close = difflib.get_close_matches(normalize_key(query), keys, n=n * 3, cutoff=0.6)
        names: list[str] = []
        for key in close:
            ex_name = self._index[key].name
            if ex_name not in names:
                names.append(ex_name)
        return tuple(names[:n])

    def find(self, query: str) -> tuple[Exercise, ...]:
        """Exercises whose id/name/alias contains ``query``; if none, the fuzzy matches."""
        q = normalize_key(query)
        hits = [
            ex
            for ex in self.exercises
            if q and any(q in normalize_key(k) for k in (ex.id, ex.name, *ex.aliases))
        ]
        if hits:
            return tuple(hits)
        return tuple(self.get(n) for n in self.suggest(query))

    def by_pattern(self, pattern: Pattern) -> tuple[Exercise, ...]:
        return self._by_pattern[pattern]

    def filter(
        self,
        *,
        pattern: Pattern | None = None,
        equipment: Iterable[str] | None = None,
        avoid: Iterable[str] = (),
        muscle: Muscle | None = None,
    ) -> tuple[Exercise, ...]:
        """Exercises matching every given criterion (equipment = what the athlete has)."""
        have = None if equipment is None else frozenset(equipment)
        bad = frozenset(avoid)
        return tuple(
            ex
            for ex in self.exercises
            if (pattern is None or ex.pattern is pattern)
            and (have is None or ex.available_with(have))
            and ex.avoids(bad)
            and (muscle is None or muscle in ex.muscles)
        )

    def substitutes(self, name: str, reason: str | None = None) -> tuple[Exercise, ...]:
        """The listed substitutions of ``name`` (R17), filtered by ``reason``.

        ``reason``: None (all, in listed order); ``"lighter"`` (lower level, or not
        a heavy lift, or body weight); ``"bodyweight"``/``"travel"`` (no equipment);
        or a complaint such as ``"knee"`` (substitutes that do not aggravate it).
        """
        ex = self.get(name)
        subs = tuple(self.get(s) for s in ex.substitutions)
        if reason is None:
            return subs
        key = reason.strip().lower().replace(" ", "_").replace("-", "_")
        if key == "lighter":
            return tuple(s for s in subs if _lighter(s, ex))
        if key in ("bodyweight", "travel", "none", "no_gym"):
            return tuple(s for s in subs if s.bodyweight)
        try:
            complaint = Complaint(key)
        except ValueError:
            allowed = ", ".join(["lighter", "bodyweight", "travel", *(c.value for c in Complaint)])
            raise UnknownExerciseError(
                f"unknown substitution reason {reason!r}; allowed: {allowed}"
            ) from None
        return tuple(s for s in subs if complaint not in s.contraindications)


def _lighter(sub: Exercise, of: Exercise) -> bool:
    return (
        sub.level.rank < of.level.rank
        or (of.heavy_ok and not sub.heavy_ok)
        or (sub.bodyweight and not of.bodyweight)
        or (of.plyometric and not sub.plyometric)
    )
