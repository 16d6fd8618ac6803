"""Exercise library: validator, lookups, fuzzy suggestions, substitutions (R2, R12, R16, R17)."""

from __future__ import annotations

import pytest

from runstrong.core.errors import ExerciseLibraryError, UnknownExerciseError
from runstrong.core.exercises import (
    R2_GROUPS,
    Complaint,
    Equipment,
    Level,
    MobilityTarget,
    Muscle,
    Pattern,
    load_library,
    normalize_key,
    parse_library,
    validate_library,
)
from runstrong.core.exercises.library import _read_packaged_toml

LIB = load_library()

ONE = """
[[exercise]]
id = "a"
name = "Alpha"
pattern = "hinge"
muscles = ["glutes"]
equipment = ["none"]
level = "beginner"
unilateral = false
heavy_ok = false
plyometric = false
trunk_flexion = false
contraindications = []
substitutions = []
cues = ["x"]
intent = "y"
"""


def test_packaged_library_is_valid_and_large_enough() -> None:
    assert validate_library(LIB) == []
    assert len(LIB) >= 60


def test_every_substitution_exists_and_there_are_at_least_two_incl_bodyweight() -> None:
    # R17
    for ex in LIB:
        subs = [LIB.get(s) for s in ex.substitutions]
        assert len({s.id for s in subs}) >= 2, ex.id
        assert any(s.bodyweight for s in subs), ex.id
        assert all(set(s.muscles) & set(ex.muscles) for s in subs), ex.id


def test_r2_groups_each_have_heavy_capable_option() -> None:
    for group in R2_GROUPS:
        assert any(ex.heavy_ok and group in ex.muscles for ex in LIB), group


def test_names_and_aliases_are_unique() -> None:
    keys = [normalize_key(k) for ex in LIB for k in {ex.id, ex.name, *ex.aliases}]
    # an exercise may repeat its own key (id == name), never another's
    owners: dict[str, str] = {}
    for ex in LIB:
        for k in {normalize_key(x) for x in (ex.id, ex.name, *ex.aliases)}:
            assert owners.setdefault(k, ex.id) == ex.id, k
    assert len(owners) <= len(keys)


def test_enum_fields_are_valid() -> None:
    for ex in LIB:
        assert isinstance(ex.pattern, Pattern)
        assert all(isinstance(m, Muscle) for m in ex.muscles)
        assert all(isinstance(c, Complaint) for c in ex.contraindications)
        assert all(isinstance(o, Equipment) for need in ex.equipment for o in need)
        assert isinstance(ex.level, Level)


@pytest.mark.parametrize(
    "name",
    [
        "Romanian deadlift",
        "Bulgarian split squat",
        "Single-leg press",
        "Step-up",
        "Back squat",
        "Front squat",
        "Goblet squat",
        "Trap-bar deadlift",
        "Conventional deadlift",
        "Hip thrust",
        "Clamshell",
        "Pallof press",
        "Dead bug",
        "Front plank",
        "Ab rollout",
        "Standing calf raise",
        "Seated calf raise",
        "Eccentric heel drop",
        "Suitcase carry",
        "Farmer carry",
        "Single-leg Romanian deadlift",
        "Suitcase deadlift",
        "Plate pinch hold",
        "Short-foot exercise",
        "Toe yoga",
        "Towel curl",
        "Tibialis raise",
        "Spanish squat",
        "Reverse Nordic",
        "Single-leg decline squat",
        "Pogo jumps",
        "Box jump",
        "Bounding",
        "Skater hops",
        "Low depth drop",
        "A-skip",
        "Push-up",
        "One-arm dumbbell row",
        "Pull-up",
        "Overhead press",
        "Knee-to-wall ankle mobilisation",
        "Half-kneeling hip flexor stretch",
        "Open book",
        "90/90 hip switch",
        "World's greatest stretch",
    ],
)
def test_required_exercises_are_present(name: str) -> None:
    # R12 list, DOMAIN G foot/lower-leg work, plyometrics, upper body, R16 mobility
    assert LIB.get(name).name == name


def test_mobility_targets_of_r16_exist_with_no_equipment() -> None:
    for target in (MobilityTarget.ANKLE, MobilityTarget.HIP_FLEXORS, MobilityTarget.THORACIC):
        assert any(target in ex.mobility and ex.bodyweight for ex in LIB)


def test_lookup_is_case_and_punctuation_insensitive_and_uses_aliases() -> None:
    assert LIB.get("rdl").id == "romanian_deadlift"
    assert LIB.get("STEP UP").id == "step_up"
    assert LIB.get("romanian_deadlift").name == "Romanian deadlift"
    assert "hex bar deadlift" in LIB
    assert "moon squat" not in LIB


def test_unknown_name_suggests_close_names() -> None:
    with pytest.raises(UnknownExerciseError) as err:
        LIB.get("romanian dedlift")
    assert str(err.value) == (
        "unknown exercise 'romanian dedlift'; did you mean: Romanian deadlift, "
        "Dumbbell Romanian deadlift, Single-leg Romanian deadlift? "
        "(`runstrong exercises list` shows all)"
    )


def test_unknown_name_without_close_match_has_no_hint() -> None:
    with pytest.raises(UnknownExerciseError) as err:
        LIB.get("zzzz")
    assert str(err.value) == "unknown exercise 'zzzz' (`runstrong exercises list` shows all)"


def test_find_by_substring_then_fuzzy() -> None:
    names = {ex.name for ex in LIB.find("calf raise")}
    assert {"Standing calf raise", "Seated calf raise", "Single-leg calf raise"} <= names
    assert LIB.find("bulgarain split squat")[0].name == "Bulgarian split squat"


def test_substitutes_by_reason() -> None:
    # R17: lighter, travel/bodyweight, and complaint-avoiding variants
    assert [s.id for s in LIB.substitutes("back squat", reason="bodyweight")] == [
        "bodyweight_squat",
        "wall_sit",
    ]
    assert all(s.bodyweight for s in LIB.substitutes("bench press", reason="travel"))
    knee_safe = LIB.substitutes("back squat", reason="knee")
    assert knee_safe and all(Complaint.KNEE not in s.contraindications for s in knee_safe)
    lighter = LIB.substitutes("romanian deadlift", reason="lighter")
    assert {s.id for s in lighter} >= {"dumbbell_romanian_deadlift", "glute_bridge"}
    assert len(LIB.substitutes("back squat")) == 5


def test_substitutes_unknown_reason_lists_allowed() -> None:
    with pytest.raises(UnknownExerciseError, match="unknown substitution reason 'sore'; allowed"):
        LIB.substitutes("back squat", reason="sore")


def test_filter_by_equipment_pattern_and_complaint() -> None:
    bodyweight = LIB.filter(equipment={"none"})
    assert bodyweight and all(ex.bodyweight for ex in bodyweight)
    hinge_db = LIB.filter(pattern=Pattern.HINGE, equipment={"dumbbell"})
    assert {"dumbbell_romanian_deadlift", "glute_bridge"} <= {e.id for e in hinge_db}
    assert "romanian_deadlift" not in {e.id for e in hinge_db}
    assert all(Complaint.KNEE not in e.contraindications for e in LIB.filter(avoid={"knee"}))


def test_equipment_alternatives_and_all_of() -> None:
    thrust = LIB.get("hip thrust")
    assert thrust.available_with({"dumbbell", "bench"})
    assert not thrust.available_with({"dumbbell"})
    assert thrust.equipment_text() == "barbell or dumbbell + bench"
    assert LIB.get("glute bridge").equipment_text() == "none"


def test_parse_minimal_library_and_min_count() -> None:
    text = ONE + ONE.replace('"a"', '"b"').replace("Alpha", "Beta")
    text = text.replace("substitutions = []", 'substitutions = ["a", "b"]')
    with pytest.raises(ExerciseLibraryError, match="lists itself as a substitution"):
        parse_library(text, min_exercises=2)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('pattern = "hinge"', 'pattern = "twist"'), "unknown pattern 'twist'; allowed: hinge"),
        (('level = "beginner"', 'level = "pro"'), "unknown level 'pro'"),
        (("heavy_ok = false", 'heavy_ok = "no"'), "'heavy_ok' must be true or false"),
        (('intent = "y"', ""), "missing field(s) intent"),
        (('cues = ["x"]', 'cues = ["x"]\ncolour = "red"'), "unknown field(s) colour"),
        (('equipment = ["none"]', 'equipment = ["none", "box"]'), "'none' must be the only"),
        (('equipment = ["none"]', 'equipment = ["rope"]'), "unknown equipment 'rope'"),
    ],
)
def test_parse_reports_bad_fields(edit: tuple[str, str], message: str) -> None:
    with pytest.raises(ExerciseLibraryError) as err:
        parse_library(ONE.replace(*edit), min_exercises=1)
    assert message in str(err.value)


def test_validator_reports_missing_substitution_and_count() -> None:
    text = ONE.replace("substitutions = []", 'substitutions = ["ghost"]')
    with pytest.raises(ExerciseLibraryError) as err:
        parse_library(text)
    msg = str(err.value)
    assert "library has 1 exercises; at least 60 required" in msg
    assert "a: substitution 'ghost' is not in the library" in msg
    assert "a: needs a substitution with equipment 'none' (R17)" in msg
    assert "R2 group calves has no heavy-capable exercise" in msg


def test_validator_catches_duplicate_alias_in_packaged_text() -> None:
    text = _read_packaged_toml().replace('aliases = ["deadbug"]', 'aliases = ["plank"]')
    with pytest.raises(ExerciseLibraryError, match="'plank' already used by dead_bug"):
        parse_library(text)


def test_not_toml() -> None:
    with pytest.raises(ExerciseLibraryError, match="not valid TOML"):
        parse_library("[[exercise]\n")
    with pytest.raises(ExerciseLibraryError, match=r"no \[\[exercise\]\] tables"):
        parse_library("x = 1")


def test_r12_trunk_flexion_only_in_core_flexion_pattern() -> None:
    flexion = [ex for ex in LIB if ex.trunk_flexion]
    assert flexion and all(ex.pattern is Pattern.CORE_FLEXION for ex in flexion)


def test_docs_list_every_exercise() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "exercises.md").read_text("utf-8")
    missing = [ex.name for ex in LIB if f"| {ex.name} |" not in doc]
    assert missing == []
    assert f"### hinge ({len(LIB.by_pattern(Pattern.HINGE))})" in doc
