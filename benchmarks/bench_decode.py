"""FIT decoder candidates: speed and agreement with a fitdecode strict-mode reading.

    .venv/bin/python benchmarks/bench_decode.py [--repeat 3] [--archive 300]

For every valid FIT sample in tests/data/activities it times

* ``fitdecode``  — fitdecode 0.10, CRC checked (``CrcCheck.RAISE``), all frames;
* ``fitfast``    — the Rust-backed ``fitfast.parse`` (only if installed; not a
  runstrong dependency);
* ``lean``       — runstrong's own decoder (``importers._fitdecoder.decode``), CRC checked;
* ``runstrong``  — the full ``parse_bytes`` (lean decoder + building ``Activity``),

and prints MB/s and record messages/s per candidate, the files each candidate
rejected, and whether each candidate's session distance/elapsed time and record
count agree with fitdecode. ``--archive N`` then builds an in-memory Strava-style
export of N activities (gzip-compressed copies of the samples) and times
``iter_sources`` + ``parse_source`` on one core: activities/s/core.
"""

from __future__ import annotations

import argparse
import gzip
import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fitdecode

from runstrong.importers import _fitdecoder as lean
from runstrong.importers import iter_sources, parse_bytes, parse_source

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "activities"

Summary = tuple[int, list[tuple[float | None, float | None]]]  # records, [(distance, elapsed)]


def ref_fitdecode(data: bytes) -> Summary:
    records = 0
    sessions: list[tuple[float | None, float | None]] = []
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as fit:
        for frame in fit:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            if frame.name == "record":
                records += 1
            elif frame.name == "session":
                sessions.append(
                    (
                        frame.get_value("total_distance", fallback=None),
                        frame.get_value("total_elapsed_time", fallback=None),
                    )
                )
    return records, sessions


def cand_fitfast(data: bytes) -> Summary:
    import fitfast

    parsed = fitfast.parse(data)
    return len(parsed.get("record", [])), [
        (s.get("total_distance"), s.get("total_elapsed_time")) for s in parsed.get("session", [])
    ]


def cand_lean(data: bytes) -> Summary:
    msgs = lean.decode(data)
    return len(msgs.get(lean.MSG_RECORD)), [
        (
            s[9] / 100 if isinstance(s.get(9), int) else None,  # type: ignore[operator]
            s[7] / 1000 if isinstance(s.get(7), int) else None,  # type: ignore[operator]
        )
        for s in msgs.get(lean.MSG_SESSION)
    ]


def cand_runstrong(data: bytes) -> Summary:
    acts = parse_bytes(data, "bench.fit")
    return sum(len(a.streams.t_s) for a in acts), [(a.distance_m, a.duration_s) for a in acts]


def _sorted(s: Summary) -> Summary:
    return s[0], sorted(s[1], key=lambda x: (x[1] or 0, x[0] or 0))


def _agree(a: Summary, b: Summary, records_too: bool) -> bool:
    a, b = _sorted(a), _sorted(b)
    if records_too and a[0] != b[0]:
        return False
    if len(a[1]) != len(b[1]):
        return False
    for (da, ea), (db, eb) in zip(a[1], b[1], strict=True):
        if (da is None) != (db is None) or (da is not None and abs(da - db) > 0.01):  # type: ignore[operator]
            return False
        if ea is not None and eb is not None and abs(ea - eb) > 0.001:
            return False
    return True


def bench_candidates(repeat: int) -> None:
    files = sorted(p for p in ROOT.rglob("*.fit") if p.is_file())
    valid: list[tuple[Path, bytes, Summary]] = []
    for p in files:
        data = p.read_bytes()
        try:
            ref = ref_fitdecode(data)
        except fitdecode.FitError:
            continue
        if ref[1]:  # activity files with sessions
            valid.append((p, data, ref))
    total_mb = sum(len(d) for _, d, _ in valid) / 1e6
    total_rec = sum(r[0] for _, _, r in valid)
    print(f"{len(valid)} valid FIT activity files, {total_mb:.2f} MB, {total_rec} record messages")
    candidates: dict[str, Callable[[bytes], Summary]] = {
        "fitdecode (strict)": ref_fitdecode,
        "lean decoder": cand_lean,
        "runstrong parse_bytes": cand_runstrong,
    }
    try:
        import fitfast  # noqa: F401

        candidates["fitfast"] = cand_fitfast
    except ImportError:
        print("fitfast not installed: skipped")
    print(f"{'candidate':24} {'MB/s':>7} {'records/s':>10} {'ms/file':>8}  rejected / disagree")
    for name, fn in candidates.items():
        best = float("inf")
        rejected: list[str] = []
        disagree: list[str] = []
        for _ in range(repeat):
            rejected, disagree = [], []
            t0 = time.perf_counter()
            for p, data, ref in valid:
                try:
                    got = fn(data)
                except Exception as exc:  # report any candidate failure, keep measuring
                    rejected.append(f"{p.name} ({type(exc).__name__})")
                    continue
                if not _agree(got, ref, records_too=name != "runstrong parse_bytes"):
                    disagree.append(p.name)
            best = min(best, time.perf_counter() - t0)
        print(
            f"{name:24} {total_mb / best:7.2f} {total_rec / best:10.0f} "
            f"{1000 * best / len(valid):8.1f}  {len(rejected)} {rejected} / "
            f"{len(disagree)} {disagree}"
        )


def bench_archive(n: int) -> None:
    """A Strava-like export of ``n`` gzip activity files, read and parsed on one core."""
    picks = [
        p
        for p in sorted(ROOT.rglob("*.fit"))
        if "corrupt" not in p.parts and p.stat().st_size > 20_000
    ]
    good: list[bytes] = []
    for p in picks:
        try:
            parse_bytes(p.read_bytes(), p.name)
            good.append(p.read_bytes())
        except Exception:  # only importable samples go into the archive
            continue
    buf = io.BytesIO()
    rows = ["Activity ID,Activity Name,Activity Type,Filename"]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for i in range(n):
            data = good[i % len(good)]
            zf.writestr(f"activities/{i}.fit.gz", gzip.compress(data, 6))
            rows.append(f"{i},Run {i},Run,activities/{i}.fit.gz")
        zf.writestr("activities.csv", "\n".join(rows))
    archive = Path("/tmp/runstrong_bench_export.zip")
    archive.write_bytes(buf.getvalue())
    hours = 0.0
    t0 = time.perf_counter()
    count = 0
    for src in iter_sources([archive]):
        result: Any = parse_source(src)  # type: ignore[arg-type]
        for act in result.activities:
            count += 1
            hours += act.duration_s / 3600
    dt = time.perf_counter() - t0
    archive.unlink()
    print(
        f"archive: {n} files ({len(buf.getvalue()) / 1e6:.1f} MB zipped, {hours:.0f} h of data) "
        f"→ {count} activities in {dt:.2f} s on 1 core = {count / dt:.0f} activities/s/core, "
        f"{1000 * dt / hours:.1f} ms per hour of data"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--archive", type=int, default=300)
    args = ap.parse_args()
    bench_candidates(args.repeat)
    if args.archive:
        bench_archive(args.archive)


if __name__ == "__main__":
    main()
