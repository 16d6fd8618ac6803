"""Issue 11 part 7: the profile read once. The pages' displayed profile (units, time zone,
fuel) comes from the daily coach's cache of parsed profiles
(``services.coach_cache.parsed_profile``), not from a second cache of the web's own
(``web.profile_form.profile_athlete`` was an ``lru_cache`` beside it)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from runstrong.core.athlete import parse_profile_text
from runstrong.services import coach_cache
from runstrong.services.coach import read_profile
from runstrong.web.profile_form import display_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"


def test_the_page_and_the_coach_share_one_parsed_profile() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    row = SimpleNamespace(profile_toml=text, name="Alex")
    shown = display_profile(row)
    assert shown == parse_profile_text(text)
    # the web's parse is the coach's cache entry: the coach does not parse it again
    assert coach_cache.PROFILES.get((text, "Alex")) is shown
    assert read_profile(text, "Alex")[0] is shown


def test_no_or_a_broken_profile_shows_defaults_and_the_coach_names_the_field() -> None:
    assert display_profile(SimpleNamespace(profile_toml=None, name="Alex")) is None
    assert display_profile(SimpleNamespace(profile_toml="", name="Alex")) is None
    assert display_profile(object()) is None
    broken = EXAMPLE.read_text(encoding="utf-8").replace(
        'long_run_day = "sun"', 'long_run_day = "someday"'
    )
    assert broken != EXAMPLE.read_text(encoding="utf-8")
    assert display_profile(SimpleNamespace(profile_toml=broken, name="Alex")) is None
    problem = read_profile(broken, "Alex")[1]
    assert problem is not None and "week.long_run_day" in problem
