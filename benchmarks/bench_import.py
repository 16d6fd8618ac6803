"""Bulk-import benchmark: a synthetic 3,000-activity archive into a fresh SQLite database.

The archive is built here from real sample FIT files in tests/data/activities
(see tests/data/ATTRIBUTION.md): each copy is the original file re-encoded
with every absolute timestamp shifted by a different whole number of 32-second
steps (so compressed-timestamp headers stay valid) and its CRCs recomputed.
Every copy is therefore a distinct, valid FIT file of a real recording at
another date; no sample values are invented.

Prints: archive build figures, raw decoder throughput (single process and on
all cores, no database), import time, activities/s, files/s, the import/raw
ratio (target ≥ 80 %), and peak RSS of this process and of the worker
processes. Usage: python benchmarks/bench_import.py [N_ACTIVITIES]
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import struct
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from runstrong.importers import DEFAULT_LIMITS, Source, iter_sources, parse_source
from runstrong.importers._fitdecoder import fit_crc  # the FIT CRC-16, table-driven
from runstrong.services.imports import CHUNK_SOURCES, import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import make_engine, make_session_factory, transaction
from runstrong.storage.migrate import upgrade

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "activities"
SAMPLES = [  # runs, strength, rides, a walk, a row, a triathlon (chained FIT)
    "geo-activity-playground/2022-05-29-15-53-35_Laufen_Landal_Park.fit",
    "python-fitparse/2013-02-06-12-11-14.fit",
    "python-fitparse/activity-small-fenix2-run.fit",
    "python-fitparse/developer-types-sample.fit",
    "python-fitparse/compressed-speed-distance.fit",
    "fit-analyzer/20474406937_ACTIVITY.fit",
    "fit-analyzer/20748058539_ACTIVITY.fit",
    "fit-analyzer/20747700969_ACTIVITY.fit",
    "geo-activity-playground/2024-05-10-19-32-04.fit",
    "geo-activity-playground/2023-09-13-17-58-45_Sonnenuntergang_bei_Nieuwvliet-Bad.fit",
    "FITfileR/garmin-fenix6-turbo.fit",
    "python-fitparse/20170518-191602-1740899583.fit",
    "python-fitparse/sample_mulitple_header.fit",
]
STEP_S = 338 * 32  # about 3 h between copies of one sample, a multiple of 32 s

# Absolute date_time fields besides the common timestamp (253), per global message.
_DATE_FIELDS = {0: {4}, 18: {2}, 19: {2}, 34: {5}, 101: {2}, 225: {6, 254}}


def shift_fit(original: bytes, shift_s: int) -> bytes:
    """Return ``original`` with every valid absolute timestamp moved by ``shift_s`` seconds."""
    out = bytearray(original)
    pos = 0
    while pos + 12 <= len(out):
        header_size = out[pos]
        data_size = struct.unpack_from("<I", out, pos + 4)[0]
        start, end = pos + header_size, pos + header_size + data_size
        defs: dict[int, tuple[str, int, list[tuple[int, int]], int]] = {}
        i = start
        while i < end:
            head = out[i]
            i += 1
            if head & 0x80:  # compressed-timestamp data message
                arch, gmsg, fields, dev_size = defs[(head >> 5) & 0x3]
                i = _shift_fields(out, i, arch, gmsg, fields, shift_s, skip_timestamp=True)
                i += dev_size
            elif head & 0x40:  # definition
                arch = ">" if out[i + 1] else "<"
                gmsg = struct.unpack_from(arch + "H", out, i + 2)[0]
                n = out[i + 4]
                fields = [(out[i + 5 + 3 * k], out[i + 6 + 3 * k]) for k in range(n)]
                i += 5 + 3 * n
                dev_size = 0
                if head & 0x20:
                    n_dev = out[i]
                    dev_size = sum(out[i + 2 + 3 * k] for k in range(n_dev))
                    i += 1 + 3 * n_dev
                defs[head & 0x0F] = (arch, gmsg, fields, dev_size)
            else:
                arch, gmsg, fields, dev_size = defs[head & 0x0F]
                i = _shift_fields(out, i, arch, gmsg, fields, shift_s, skip_timestamp=False)
                i += dev_size
        if header_size >= 14 and struct.unpack_from("<H", out, pos + 12)[0] != 0:
            struct.pack_into("<H", out, pos + 12, fit_crc(bytes(out[pos : pos + 12]), 0))
        struct.pack_into("<H", out, end, fit_crc(bytes(out[pos:end]), 0))
        pos = end + 2
    return bytes(out)


def _shift_fields(
    out: bytearray,
    i: int,
    arch: str,
    gmsg: int,
    fields: list[tuple[int, int]],
    shift_s: int,
    *,
    skip_timestamp: bool,
) -> int:
    extra = _DATE_FIELDS.get(gmsg, set())
    for num, size in fields:
        if size == 4 and (num in extra or (num == 253 and not skip_timestamp)):
            value = struct.unpack_from(arch + "I", out, i)[0]
            if value != 0xFFFFFFFF:  # invalid stays invalid
                struct.pack_into(arch + "I", out, i, value + shift_s)
        i += size
    return i


def build_archive(path: Path, n_activities: int) -> tuple[int, int]:
    """Write a zip of ``n_activities`` shifted copies; returns (files, bytes uncompressed)."""
    originals = [(name, (DATA / name).read_bytes()) for name in SAMPLES]
    total = 0
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for k in range(n_activities):
            name, data = originals[k % len(originals)]
            copy = shift_fit(data, (k // len(originals) + 1) * STEP_S)
            zf.writestr(f"activities/{k:05d}_{Path(name).name}", copy)
            total += len(copy)
    return n_activities, total


def _decode_only(chunk: list[Source]) -> int:
    return sum(len(parse_source(source).activities) for source in chunk)


def _source_chunks(archive: Path) -> Iterator[list[Source]]:
    chunk: list[Source] = []
    for item in iter_sources([archive], DEFAULT_LIMITS):
        if isinstance(item, Source):
            chunk.append(item)
            if len(chunk) == CHUNK_SOURCES:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    workers = os.cpu_count() or 1
    print(f"{n} activities, {workers} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "synthetic-export.zip"
        t0 = time.perf_counter()
        files, raw_bytes = build_archive(archive, n)
        print(f"archive: {files} FIT files, {raw_bytes / 2**20:.1f} MiB uncompressed, "
              f"{archive.stat().st_size / 2**20:.1f} MiB zipped, built in "
              f"{time.perf_counter() - t0:.1f} s")  # fmt: skip

        # 1. The import (first, so the peak RSS below is the import's own).
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        upgrade(engine)
        factory = make_session_factory(engine)
        now = dt.datetime.now(dt.UTC)
        with transaction(factory) as s:
            athlete = repo.add_athlete(s, "bench", now=now).id
        cpu0 = _cpu_s(resource.RUSAGE_SELF), _cpu_s(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        report = import_paths(factory, [archive], athlete_id=athlete, now=now, workers=workers)
        import_s = time.perf_counter() - t0
        main_cpu = _cpu_s(resource.RUSAGE_SELF) - cpu0[0]
        workers_cpu = _cpu_s(resource.RUSAGE_CHILDREN) - cpu0[1]
        rss_main = _peak_rss_mib(resource.RUSAGE_SELF)
        rss_worker = _peak_rss_mib(resource.RUSAGE_CHILDREN)
        print(f"import into SQLite:      {import_s:6.1f} s  {files / import_s:7.1f} files/s  "
              f"{report.imported / import_s:7.1f} activities/s")  # fmt: skip
        skipped = len(report.not_activities)
        print(f"  imported {report.imported}, duplicates {report.duplicates}, "
              f"failed {len(report.failed)}, not activities {skipped}")  # fmt: skip
        print(f"  CPU time: writer/reader process {main_cpu:.1f} s, parser processes "
              f"{workers_cpu:.1f} s; on {workers} otherwise idle cores the import would take "
              f"about {max(main_cpu, (main_cpu + workers_cpu) / workers):.0f} s")  # fmt: skip
        print(f"  peak RSS during import: main {rss_main:.0f} MiB, "
              f"largest worker {rss_worker:.0f} MiB")  # fmt: skip
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db_size = (Path(folder) / "bench.sqlite3").stat().st_size
        print(f"  database size: {db_size / 2**20:.1f} MiB")
        t0 = time.perf_counter()
        again = import_paths(factory, [archive], athlete_id=athlete, now=now, workers=workers)
        print(f"re-import (all duplicates): {time.perf_counter() - t0:.1f} s, "
              f"imported {again.imported}, duplicates {again.duplicates}")  # fmt: skip
        engine.dispose()

        # 2. Raw decoder on all cores: the same chunks, parse only (no stream packing, no
        # results sent back, no database), the archive read in this process as the import does.
        cpu0 = _cpu_s(resource.RUSAGE_SELF), _cpu_s(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=workers) as pool:
            decoded = sum(pool.map(_decode_only, _source_chunks(archive)))
        pool_s = time.perf_counter() - t0
        raw_cpu = (
            _cpu_s(resource.RUSAGE_SELF) - cpu0[0] + _cpu_s(resource.RUSAGE_CHILDREN) - cpu0[1]
        )
        print(f"raw decode, {workers} processes: {pool_s:6.1f} s  {files / pool_s:7.1f} files/s  "
              f"({decoded} activities), CPU time {raw_cpu:.1f} s")  # fmt: skip

        # 3. Raw decoder, single process.
        t0 = time.perf_counter()
        parsed = 0
        for item in iter_sources([archive], DEFAULT_LIMITS):
            if isinstance(item, Source):
                parsed += len(parse_source(item).activities)
        single_s = time.perf_counter() - t0
        print(f"raw decode, 1 process:   {single_s:6.1f} s  {files / single_s:7.1f} files/s")
        print(f"import throughput / raw decoder on {workers} processes: "
              f"{100 * pool_s / import_s:.0f} % by wall time, "
              f"{100 * raw_cpu / (main_cpu + workers_cpu):.0f} % by CPU time "
              f"(target >= 80 %)")  # fmt: skip
        print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
