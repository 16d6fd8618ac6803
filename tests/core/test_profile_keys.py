"""QA item 13: a key the profile does not know is an error naming it, its table and
the keys allowed there (``core.athlete.keys``), in every table."""

from __future__ import annotations

from pathlib import Path

import pytest

from runstrong.core.athlete import parse_profile_text
from runstrong.core.errors import ProfileError

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "athlete.toml").read_text()


@pytest.mark.parametrize(
    ("anchor", "extra", "words"),
    [
        ('name = "', "bodymass_kg = 60\n", "'bodymass_kg' is not a field of the top level; "
         "did you mean 'body_mass_kg'?"),
        ("[running]\n", "weekly_kms = 40\n", "'running.weekly_kms' is not a field of the "
         "[running] table; did you mean 'weekly_km'?"),
        ("[goal]\n", "elevation_m = 300\n", "'goal.elevation_m' is not a field of the [goal] "
         "table; did you mean 'elevation_gain_m'?"),
        ("[strength]\n", "colour = 3\n", "'strength.colour' is not a field of the [strength] "
         "table; allowed: years_lifting, equipment, results"),
    ],
)  # fmt: skip
def test_unknown_keys_are_named_with_their_table(anchor: str, extra: str, words: str) -> None:
    assert anchor in EXAMPLE
    text = EXAMPLE.replace(
        anchor, extra + anchor if anchor.startswith("name") else anchor + extra, 1
    )
    with pytest.raises(ProfileError) as info:
        parse_profile_text(text, "me.toml")
    assert str(info.value).startswith(f"me.toml: {words}")


def test_the_example_profile_has_only_known_keys() -> None:
    assert parse_profile_text(EXAMPLE).name


def test_a_miles_volume_out_of_range_names_round_bounds() -> None:
    """QA item 12: ``weekly_mi = -25`` said "allowed 0 to 155.343"."""
    text = EXAMPLE.replace("weekly_km = 35 ", "weekly_mi = -25 ")
    with pytest.raises(ProfileError) as info:
        parse_profile_text(text, "me.toml")
    assert str(info.value) == (
        "me.toml: 'running.weekly_mi' = -25 is out of range; allowed 0 to 155.3"
    )
