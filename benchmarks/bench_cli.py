"""CLI start-up and end-to-end speed, whole processes (docs/benchmarks.md).

Runs each command ``--repeat`` times (default 7) as a fresh process and prints
the median wall time and the median CPU time (user + system of the child),
beside two floors: ``python -c pass`` and a bare Typer + Rich app printing
its ``--help``, and the same app running its command (one option, one line
printed through Rich: the floor for a command such as ``paces``). Commands:

* ``runstrong --help`` and ``runstrong --version`` (start-up only);
* ``runstrong paces --distance 5k --time 20:00`` (target with --help: <= 150 ms wall);
* ``runstrong plan new`` for a 24-week plan of ``examples/athlete.toml`` (start
  2026-11-09, race 2027-04-11), with ``--no-save`` and saving into a migrated
  SQLite file (target: <= 400 ms wall end to end).

Targets are for an idle machine: the script prints the load average before
and after, so a loaded run can be told apart. The children run with bytecode
caching on (``PYTHONDONTWRITEBYTECODE`` removed from their environment; the
warm-up run writes the caches), as an installed runstrong runs: with it set,
as in some shells, every run compiles runstrong's ~100 modules from source.

Usage: .venv/bin/python benchmarks/bench_cli.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "examples" / "athlete.toml"
START_24_WEEKS = "2026-11-09"
BARE_APP = '''
import typer
from rich.console import Console

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    Console().print(f"hello {name}")


app()
'''


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(label: str, cmd: list[str], env: dict[str, str], repeat: int) -> None:
    """Print the median wall and CPU milliseconds of ``repeat`` runs (after one warm-up)."""
    _run(cmd, env)  # warm-up: bytecode caches, page cache, database migrated
    runs = [_run(cmd, env) for _ in range(repeat)]
    wall = statistics.median(w for w, _ in runs) * 1000
    cpu = statistics.median(c for _, c in runs) * 1000
    worst = max(w for w, _ in runs) * 1000
    print(f"{label:<44} {wall:8.0f} {cpu:8.0f} {worst:8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("runstrong")
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"{'command (median of ' + str(args.repeat) + ')':<44} {'wall ms':>8} {'CPU ms':>8} "
          f"{'worst ms':>8}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, RUNSTRONG_DATABASE_URL=f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        # the default-athlete setting and uploads go to the run's folder, not the user's
        env.update(XDG_CONFIG_HOME=str(Path(tmp) / "config"), XDG_DATA_HOME=str(Path(tmp) / "data"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare = Path(tmp) / "bare_typer.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        plan = [str(exe), "plan", "new", "--profile", str(PROFILE), "--start", START_24_WEEKS]
        measure("floor: python -c pass", [sys.executable, "-c", "pass"], env, args.repeat)
        measure("floor: bare Typer + Rich app --help", [sys.executable, str(bare), "--help"],
                env, args.repeat)  # fmt: skip
        measure("floor: bare Typer + Rich app hello --name x",
                [sys.executable, str(bare), "--name", "x"], env, args.repeat)  # fmt: skip
        measure("runstrong --help", [str(exe), "--help"], env, args.repeat)
        measure("runstrong --version", [str(exe), "--version"], env, args.repeat)
        paces = [str(exe), "paces", "--distance", "5k", "--time", "20:00"]
        measure("runstrong paces --distance 5k --time 20:00", paces, env, args.repeat)
        measure("runstrong plan new (24 weeks, --no-save)", [*plan, "--no-save"], env, args.repeat)
        measure("runstrong plan new (24 weeks, saved)", plan, env, args.repeat)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
