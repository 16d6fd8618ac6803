"""Time the prescription layer: library load, strength weeks, runs (prints medians).

Run: .venv/bin/python benchmarks/bench_prescription.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from runstrong.core.exercises import GYM_EQUIPMENT, load_library, parse_library
from runstrong.core.exercises.library import _read_packaged_toml
from runstrong.core.model import Focus, Phase, RunCategory, StrengthCategory
from runstrong.core.prescription.session import (
    StrengthWeek,
    plan_week_strength,
    prescribe_run,
)
from runstrong.core.science.heart_rate import hr_zones_karvonen
from runstrong.core.science.paces import training_paces


def median_ms(fn: Callable[[], object], repeat: int = 15, number: int = 20) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - t) / number * 1000)
    return statistics.median(runs)


def main() -> None:
    text = _read_packaged_toml()
    load_library()
    week = [StrengthCategory.HEAVY, StrengthCategory.MODERATE, StrengthCategory.LIGHT]
    meso = iter(range(10**9))

    def strength_week(equipment: frozenset[str], injuries: frozenset[str]) -> object:
        return plan_week_strength(
            week,
            StrengthWeek(phase=Phase.BASE, mesocycle=next(meso) % 6, week_in_block=2,
                         deload=False, focus=Focus.MIDDLE, equipment=equipment,
                         injuries=injuries, known_e1rm_kg={"back squat": 100.0},
                         level="intermediate"),
            60,
        )  # fmt: skip

    paces, hr = training_paces(50), hr_zones_karvonen(190, 50)
    cats = list(RunCategory)
    i = iter(range(10**9))

    def one_run() -> object:
        return prescribe_run(cats[next(i) % len(cats)], duration_min=60, distance_km=None,
                             paces=paces, phase=Phase.BUILD, week_in_block=2, hr=hr,
                             focus=Focus.ENDURANCE, race_distance_m=21_097.5,
                             weekly_km=60)  # fmt: skip

    rows = [
        ("parse + validate library.toml (115 exercises)", median_ms(lambda: parse_library(text))),
        ("plan_week_strength, 3 sessions, full gym", median_ms(
            lambda: strength_week(GYM_EQUIPMENT, frozenset({"knee"})))),
        ("plan_week_strength, 3 sessions, travel week", median_ms(
            lambda: strength_week(frozenset({"none"}), frozenset({"achilles"})))),
        ("prescribe_run, one run (all categories in turn)", median_ms(one_run, number=200)),
    ]  # fmt: skip
    for label, ms in rows:
        print(f"{label:<52} {ms:8.3f} ms")


if __name__ == "__main__":
    main()
