"""Fuzz harness of the import service (issue 14): hostile mutations of the real sample files.

Used by ``tests/importers/test_import_fuzz.py`` (a few hundred inputs, every CI
build) and ``benchmarks/bench_fuzz_import.py`` (thousands, both databases).

Every input is a mutation of a real file under tests/data/activities (bit
flips with the FIT CRC recomputed, truncations, huge/NaN/infinite numbers,
long and NUL text, bad dates) or a hostile archive built around real files
(overlapping entries, bombs, deep nesting, long member paths, broken export
metadata). Inputs are fully determined by ``(seed, index)``.

Each input is counted (``estimate_file_count``, as the CLI and the web job do)
and imported *before* a good file into a fresh athlete; the run
records, per input: an exception escaping ``import_paths`` (a crash), a run
over the deadline (a hang), the good file not stored, and any stored
activity that is not whole (its laps, sets and samples differ from what the
parser produced for its source, or its stream blob does not decode).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gzip
import hashlib
import io
import random
import re
import signal
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

from sqlalchemy.orm import Session, sessionmaker
from zip_forge import overlapping_zip, plain_zip, shifted_overlap_zip

from runstrong.importers import DEFAULT_LIMITS, Source, SourceError, iter_sources, parse_source
from runstrong.importers._fitdecoder import fit_crc
from runstrong.services.imports import estimate_file_count, import_paths
from runstrong.services.imports.parse import parse_sources
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
DEADLINE_S = 10

FIT_BASES = (
    "python-fitparse/garmin-fenix-5-run.fit",
    "python-fitparse/garmin-fenix-5-walk.fit",
    "fit-analyzer/20748058539_ACTIVITY.fit",
    "geo-activity-playground/Berlin_0_9_km.fit",
    "python-fitparse/sample_mulitple_header.fit",
)
XML_BASES = (
    "togeojson/run_gpxtpx.gpx",
    "togeojson/Friday-Evening-Run.gpx",
    "Athlytics/example.gpx",
    "togeojson/sample.tcx",
    "geo-activity-playground/Berlin_0_9_km.gpx",
)
EXPORTS = (
    "derived/exports/strava_export_sample.zip",
    "derived/exports/garmin_connect_export_sample.zip",
)
GOOD = (  # small workouts that none of the bases above also holds
    "python-fitparse/garmin-fenix-5-bike.fit",
    "togeojson/strava.gpx",
    "togeojson/missing_hr.gpx",
)
HOSTILE_NUMBERS = (
    "99999999999999999999",
    "-99999999999999999999",
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "4294967296",
    "1e-400",
    "-0",
    "9" * 400,
)
HOSTILE_TEXT = (
    "x" * 600,
    "NUL\x00in\x00name",
    "\x1b[31mred\x1b[0m",
    "é" * 700,
    "\ud800lone surrogate",
    "tab\tnew\nline" * 60,
)
_NUMBER = re.compile(rb"(?<=[>\"])-?\d+(?:\.\d+)?(?=[<\"])")


@dataclasses.dataclass(frozen=True)
class FuzzInput:
    """One hostile input: the file name to write and its bytes, and how it was made."""

    name: str
    data: bytes
    mutation: str


@dataclasses.dataclass
class FuzzOutcome:
    """Counts of one run and every defect found (each names the input)."""

    inputs: int = 0
    imported: int = 0
    failed: int = 0
    not_activities: int = 0
    noted: int = 0
    duplicates: int = 0
    slowest_s: float = 0.0
    slowest: str = ""
    crashes: list[str] = dataclasses.field(default_factory=list)
    hangs: list[str] = dataclasses.field(default_factory=list)
    good_missing: list[str] = dataclasses.field(default_factory=list)
    half_written: list[str] = dataclasses.field(default_factory=list)
    from_input: list[int] = dataclasses.field(default_factory=list)
    """Per input imported: how many activities of the hostile file itself were stored."""

    def defects(self) -> list[str]:
        return self.crashes + self.hangs + self.good_missing + self.half_written


# ---------------------------------------------------------------------------
# Mutations
# ---------------------------------------------------------------------------


def _read(rel: str) -> bytes:
    return (DATA / rel).read_bytes()


def _fix_fit_crc(data: bytearray) -> bytes:
    """Recompute the FIT file CRC so a mutated file reaches the decoder proper."""
    if len(data) > 14:
        data[-2:] = fit_crc(bytes(data[:-2])).to_bytes(2, "little")
    return bytes(data)


def fit_bitflip(rng: random.Random) -> FuzzInput:
    rel = rng.choice(FIT_BASES)
    data = bytearray(_read(rel))
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(14, len(data) - 2)
        data[i] ^= 1 << rng.randrange(8)
    return FuzzInput("flip.fit", _fix_fit_crc(data), f"fit bit flips of {rel}")


def fit_huge(rng: random.Random) -> FuzzInput:
    rel = rng.choice(FIT_BASES)
    data = bytearray(_read(rel))
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(14, len(data) - 6)
        data[i : i + 4] = rng.choice(
            (b"\xff\xff\xff\x7f", b"\x00\x00\x80\x7f", b"\xff\xff\xff\xff")
        )
    return FuzzInput("huge.fit", _fix_fit_crc(data), f"fit huge values in {rel}")


def truncation(rng: random.Random) -> FuzzInput:
    rel = rng.choice(FIT_BASES + XML_BASES + ("derived/compressed/run_gpxtpx.gpx.gz",))
    data = _read(rel)
    suffix = rel.rsplit("/", 1)[-1].split(".", 1)[-1]
    return FuzzInput(f"cut.{suffix}", data[: rng.randrange(len(data))], f"truncated {rel}")


def xml_numbers(rng: random.Random) -> FuzzInput:
    rel = rng.choice(XML_BASES)
    data = _read(rel)
    spots = list(_NUMBER.finditer(data))
    for m in sorted(
        rng.sample(spots, min(len(spots), rng.randint(1, 4))), key=lambda m: -m.start()
    ):
        data = data[: m.start()] + rng.choice(HOSTILE_NUMBERS).encode() + data[m.end() :]
    ext = rel.rsplit(".", 1)[-1]
    return FuzzInput(f"numbers.{ext}", data, f"hostile numbers in {rel}")


def xml_text(rng: random.Random) -> FuzzInput:
    rel = rng.choice(XML_BASES)
    text = rng.choice(HOSTILE_TEXT)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").encode("utf-8", "surrogatepass")
    data = _read(rel)
    tag = rng.choice((b"name", b"Id", b"desc", b"type", b"Notes"))
    data = re.sub(
        b"<" + tag + b">[^<]*</" + tag + b">",
        b"<" + tag + b">" + escaped + b"</" + tag + b">",
        data,
        count=1,
    )
    if b"<name>" not in data and rel.endswith(".gpx"):
        data = data.replace(b"<trk>", b"<trk><name>" + escaped + b"</name>", 1)
    ext = rel.rsplit(".", 1)[-1]
    return FuzzInput(
        f"text.{ext}", data, f"hostile text {text[:12]!r} in <{tag.decode()}> of {rel}"
    )


def xml_bitflip(rng: random.Random) -> FuzzInput:
    rel = rng.choice(XML_BASES)
    data = bytearray(_read(rel))
    for _ in range(rng.randint(1, 6)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    ext = rel.rsplit(".", 1)[-1]
    return FuzzInput(f"flip.{ext}", bytes(data), f"xml bit flips of {rel}")


def _rezip(rel: str, edit: Callable[[str, bytes], bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(DATA / rel) as old, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, edit(info.filename, old.read(info)))
    return buf.getvalue()


def strava_csv(rng: random.Random) -> FuzzInput:
    hostile = rng.choice(HOSTILE_TEXT).replace('"', "'")
    date = rng.choice(
        (
            '"Feb 30, 2024, 1:00:00 PM"',
            '"May 29, 9999, 3:53:35 PM"',
            "nan",
            '"Jan 1, 0001, 0:00:00 AM"',
        )
    )
    number = rng.choice(HOSTILE_NUMBERS)

    def edit(name: str, data: bytes) -> bytes:
        if name != "activities.csv":
            return data
        text = data.decode()
        text = text.replace("Manual entry, no file", f'"{hostile}"', 1).replace("1800", number, 1)
        if rng.random() < 0.5:
            text = re.sub(r'"Oct 21, 2025, [^"]*"', date, text, count=1)
        return text.encode("utf-8", "surrogatepass")

    return FuzzInput(
        "strava.zip", _rezip(EXPORTS[0], edit), f"strava csv {hostile[:10]!r} {number[:12]}"
    )


def garmin_json(rng: random.Random) -> FuzzInput:
    value = rng.choice(
        ("NaN", "Infinity", "-Infinity", "-5", "1e30", '"soon"', "null", "true", "9" * 30)
    )

    def edit(name: str, data: bytes) -> bytes:
        if not name.endswith("summarizedActivities.json"):
            return data
        return re.sub(
            rb'"startTimeGmt": \d+',
            b'"startTimeGmt": ' + value.encode(),
            data,
            count=rng.randint(1, 3),
        )

    return FuzzInput("garmin.zip", _rezip(EXPORTS[1], edit), f"garmin startTimeGmt {value[:12]}")


def hostile_archive(rng: random.Random) -> FuzzInput:
    run = _read(rng.choice(FIT_BASES))
    gpx = _read(XML_BASES[0])
    kind = rng.randrange(9)
    if kind == 0:
        return FuzzInput(
            "overlap.zip",
            overlapping_zip("a.fit", b"\0" * (1 << 20), rng.randint(2, 400)),
            "full overlap bomb",
        )
    if kind == 1:
        return FuzzInput(
            "quoted.zip", shifted_overlap_zip([("a.gpx", gpx), ("b.gpx", gpx)]), "quoted overlap"
        )
    if kind == 2:
        return FuzzInput(
            "ratio.zip",
            plain_zip({f"{i}.gpx": b"<gpx>" + b" " * 300_000 for i in range(rng.randint(1, 20))}),
            "small-member ratio bomb",
        )
    if kind == 3:
        inner = plain_zip({"run.fit": run})
        for _ in range(rng.randint(3, 6)):
            inner = plain_zip({"nested.zip": inner})
        return FuzzInput("deep.zip", inner, "deep nesting")
    if kind == 4:
        long_path = "/".join(["p" * 120] * rng.randint(8, 12)) + "/run.fit"
        return FuzzInput(
            "long.zip",
            plain_zip({long_path: run, "../up.fit": run, "/abs.gpx": gpx}),
            "long and unsafe member paths",
        )
    if kind == 5:
        bomb = gzip.compress(b"\0" * (rng.randint(8, 64) << 20), 1)
        return FuzzInput("bomb.fit.gz", bomb, "gzip bomb")
    if kind == 6:
        data = bytearray(plain_zip({"run.fit": run, "b.gpx": gpx}))
        for _ in range(rng.randint(1, 10)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return FuzzInput("flipped.zip", bytes(data), "zip bit flips")
    if kind == 7:
        data = plain_zip({"run.fit.gz": gzip.compress(run), "x.gpx.gz": gzip.compress(gpx)[:-9]})
        return FuzzInput("gz.zip", data, "gzip members, one truncated")
    data = plain_zip({"run.fit": run, "b.gpx": gpx})
    return FuzzInput("cut.zip", data[: rng.randrange(len(data))], "truncated zip")


MUTATIONS: tuple[Callable[[random.Random], FuzzInput], ...] = (
    fit_bitflip,
    fit_huge,
    truncation,
    xml_numbers,
    xml_text,
    xml_bitflip,
    strava_csv,
    garmin_json,
    hostile_archive,
)


def fuzz_inputs(count: int, seed: int) -> Iterator[FuzzInput]:
    """``count`` inputs, round-robin over the mutations; input i depends only on (seed, i)."""
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        yield MUTATIONS[i % len(MUTATIONS)](rng)


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


class _Hang(BaseException):
    """Raised by the deadline alarm; a BaseException so that no per-file guard
    of the import (``except Exception``) can turn a hang into a failed file."""


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Raise ``_Hang`` in this (main) thread after ``seconds``."""

    def ring(signum: int, frame: FrameType | None) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


_COUNTS: dict[tuple[bytes, str], list[tuple[int, int, int]]] = {}
"""Parse counts by (content digest, export metadata of a file-less manual row)."""


def _parsed_counts(source: Source) -> list[tuple[int, int, int]]:
    """(laps, sets, samples) per activity of ``source``, cached by content (exports repeat)."""
    meta = "" if source.data else repr(sorted(source.hint_meta.items()))
    key = (hashlib.sha256(source.data).digest(), meta)
    if key not in _COUNTS:
        acts = parse_source(source).activities
        _COUNTS[key] = [(len(a.laps), len(a.sets), len(a.streams.t_s)) for a in acts]
    return _COUNTS[key]


def _whole(factory: sessionmaker[Session], athlete_id: int, case: Path) -> list[str]:
    """Stored activities of ``case`` whose laps/sets/samples differ from their parse."""
    with transaction(factory) as s:
        stored = [
            a.activity
            for a in repo.list_activities(s, athlete_id, with_streams=True)
            if (a.activity.source_name or "").startswith(str(case))
        ]
    if not stored:
        return []
    expected: dict[str, list[tuple[int, int, int]]] = {}
    for item in iter_sources([case]):
        if isinstance(item, Source):
            # Stored source names are shortened to the column's 1,000 characters.
            expected[item.name[:1000]] = _parsed_counts(item)
    problems = []
    for a in stored:
        got = (len(a.laps), len(a.sets), len(a.streams.t_s))
        legs = expected.get(a.source_name or "", [])
        want = legs[a.leg_index] if a.leg_index < len(legs) else None
        if got != want:
            problems.append(f"{a.source_name} leg {a.leg_index}: stored {got}, parsed {want}")
    return problems


def reaches_storage(fuzz: FuzzInput, workdir: Path) -> bool:
    """Whether the import would write anything for ``fuzz`` itself: some source of it
    parses to an activity. ``import_paths`` opens no transaction for a source that
    fails or holds no activity (``services.imports.run``), so an input for which this
    is false sends the database exactly what the good file after it sends: the
    parse's own outcome does not depend on the backend. An input whose parse raises
    or hangs counts as reaching storage (the run must see it)."""
    workdir.mkdir(parents=True, exist_ok=True)
    case = workdir / fuzz.name
    case.write_bytes(fuzz.data)
    try:
        with _deadline(DEADLINE_S):
            parsed = list(parse_sources([case], DEFAULT_LIMITS, 0, 2))
    except (Exception, _Hang):
        return True
    finally:
        case.unlink()
    return any(not isinstance(p, SourceError) and p.result.activities for p in parsed)


def run_fuzz(
    factory: sessionmaker[Session], inputs: Iterator[FuzzInput], workdir: Path
) -> FuzzOutcome:
    """Import every input followed by a good file; see the module docstring."""
    outcome = FuzzOutcome()
    goods = [DATA / g for g in GOOD]
    for i, fuzz in enumerate(inputs):
        folder = workdir / f"{i:05d}"
        folder.mkdir()
        case = folder / fuzz.name
        case.write_bytes(fuzz.data)
        good = goods[i % len(goods)]
        label = f"input {i} ({fuzz.mutation})"
        with transaction(factory) as s:
            athlete_id = repo.add_athlete(s, f"fuzz-{workdir.name}-{i}"[-100:], now=NOW).id
        started = time.perf_counter()
        try:
            with _deadline(DEADLINE_S):
                estimate_file_count([case, good])  # the CLI and the web job call it first
                report = import_paths(
                    factory, [case, good], athlete_id=athlete_id, now=NOW, workers=0
                )
        except _Hang:
            outcome.hangs.append(f"{label}: over {DEADLINE_S} s")
            continue
        except Exception:
            outcome.crashes.append(f"{label}: {traceback.format_exc(limit=-3)}")
            continue
        finally:
            seconds = time.perf_counter() - started
            if seconds > outcome.slowest_s:
                outcome.slowest_s, outcome.slowest = seconds, label
        outcome.inputs += 1
        outcome.imported += report.imported
        outcome.failed += len(report.failed)
        outcome.not_activities += len(report.not_activities)
        outcome.noted += len({n.name for n in report.notes})
        outcome.duplicates += report.duplicates
        with transaction(factory) as s:
            sources = [a.activity.source_name or "" for a in repo.list_activities(s, athlete_id)]
        outcome.from_input.append(sum(name.startswith(str(case)) for name in sources))
        if str(good) not in sources:
            outcome.good_missing.append(f"{label}: {good.name} not stored")
        outcome.half_written += [f"{label}: {p}" for p in _whole(factory, athlete_id, case)]
    return outcome
