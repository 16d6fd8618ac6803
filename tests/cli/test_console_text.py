"""The CLI prints paths, names and bad values as written: no Rich emoji codes.

Rich replaces ``:name:`` with an emoji by default, even in text printed with
``markup=False``; its table has a code for most single letters and many words, so
``/tmp/x:a:y.json`` was shown as ``/tmp/x🅰y.json`` while the file written was
``x:a:y.json``. The CLI's consoles (``cli.console``) draw no emoji codes; not
loading Rich's emoji table is also ~12 M instructions off every command that prints
(issue 11 item 8, docs/benchmarks.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from runstrong.cli import run


def test_a_written_path_is_shown_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "week:a:b.toml"
    assert run(["athlete", "init", "--yes", "--out", str(target)]) == 0
    assert target.exists()
    shown = " ".join(capsys.readouterr().out.split())  # a long path wraps the line
    assert f"Wrote {target}. Next: runstrong plan new --profile {target}" in shown


def test_a_bad_value_is_named_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["paces", "--distance", "x:a:y", "--time", "20:00"]) == 1
    assert capsys.readouterr().err.startswith("Error: invalid distance 'x:a:y': use ")


def test_an_emoji_code_in_a_profile_name_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The athlete's name from the profile heads the season overview verbatim."""
    profile = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"
    text = profile.read_text(encoding="utf-8")
    assert 'name = "Alex Example"' in text
    renamed = tmp_path / "athlete.toml"
    renamed.write_text(text.replace('name = "Alex Example"', 'name = "Alex :runner:"'), "utf-8")
    argv = ["plan", "new", "--profile", str(renamed), "--start", "2026-11-09", "--no-save"]
    assert run(argv) == 0
    assert capsys.readouterr().out.startswith("Season plan for Alex :runner:: 2026-11-09 → ")
