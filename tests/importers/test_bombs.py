"""Decompression bombs are refused cheaply, naming the file and the limit (issue 14, part 4)."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from pathlib import Path

import pytest
from importer_samples import sample
from zip_forge import overlapping_zip, plain_zip, shifted_overlap_zip

from runstrong.importers import (
    ArchiveLimits,
    Budget,
    Source,
    SourceError,
    iter_sources,
    parse_source,
)
from runstrong.importers.archive import iter_archive

GPX = sample("togeojson/run_gpxtpx.gpx")
MiB = 1024 * 1024


def test_overlapping_entries_are_refused_before_any_member_is_read() -> None:
    # 50 entries of just under 1 MiB, all pointing at one 1 KB kernel: each entry
    # is below the old 1 MiB ratio exemption, so the old code inflated all 50.
    bomb = overlapping_zip("run.fit", b"\0" * (MiB - 1), 50)
    assert len(bomb) < 5_000
    items = list(iter_archive(bomb, "bomb.zip", ArchiveLimits()))
    assert items == [
        SourceError(
            "bomb.zip",
            "entries 'run.fit' and 'run.fit' overlap at byte 0: overlapping zip entries "
            "are refused (possible zip bomb; every entry must have its own data)",
        )
    ]


def test_an_entry_running_into_the_next_one_is_refused() -> None:
    forged = shifted_overlap_zip([("a.gpx", GPX), ("b.gpx", GPX)])
    (item,) = iter_archive(forged, "quoted.zip", ArchiveLimits())
    assert item == SourceError(
        "quoted.zip",
        f"entries 'a.gpx' and 'b.gpx' overlap at byte {35 + len(GPX)}: overlapping zip "
        "entries are refused (possible zip bomb; every entry must have its own data)",
    )


def test_the_ratio_limit_applies_to_small_members_too() -> None:
    small = b"<gpx>" + b" " * 500_000  # 0.5 MB: under the old 1 MiB exemption
    items = list(
        iter_archive(plain_zip({"small.gpx": small, "ok.gpx": GPX}), "a.zip", ArchiveLimits())
    )
    assert isinstance(items[0], SourceError)
    assert items[0].name == "a.zip:small.gpx"
    assert items[0].reason.startswith("compression ratio ")
    assert items[0].reason.endswith(":1 exceeds the limit of 200:1 (possible zip bomb)")
    assert isinstance(items[1], Source) and items[1].data == GPX


def test_the_byte_budget_covers_the_whole_import_not_each_archive(tmp_path: Path) -> None:
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    first.write_bytes(plain_zip({"a.gpx": GPX}))
    second.write_bytes(plain_zip({"b.gpx": GPX}))
    limits = ArchiveLimits(max_total_bytes=len(GPX) + len(GPX) // 2)
    items = list(iter_sources([first, second], limits))
    assert isinstance(items[0], Source)
    assert items[1] == SourceError(
        str(second),
        f"archive expands to {len(GPX)} bytes, more than the {len(GPX) // 2} bytes left of "
        f"the limit of {limits.max_total_bytes} uncompressed bytes for one import",
    )


def test_gzip_output_counts_against_the_same_budget(tmp_path: Path) -> None:
    (tmp_path / "a.gpx.gz").write_bytes(gzip.compress(GPX))
    (tmp_path / "b.gpx.gz").write_bytes(gzip.compress(GPX))
    limits = ArchiveLimits(max_total_bytes=len(GPX) + len(GPX) // 2)
    budget = Budget(limits)
    results = []
    for item in iter_sources([tmp_path], limits, budget):
        assert isinstance(item, Source)
        result = parse_source(item)
        budget.charge(result.inflated_bytes)
        results.append(result)
    assert results[0].activities and results[0].inflated_bytes == len(GPX)
    assert results[1].error == (
        f"gzip content is larger than the limit of {len(GPX) // 2} bytes "
        "(what is left of the decompression budget of this import; possible gzip bomb)"
    )


def test_a_gzip_bomb_is_refused_by_its_ratio_with_little_memory() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * MiB
    bomb = b"".join(packer.compress(chunk) for _ in range(256)) + packer.flush()
    assert len(bomb) < 300_000  # 256 MiB of zeros in ~260 KB
    tracemalloc.start()
    try:
        result = parse_source(Source("bomb.fit.gz", bomb))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.error == (
        f"gzip content is larger than the limit of {200 * len(bomb)} bytes "
        "(200 times its compressed size; possible gzip bomb)"
    )
    assert peak < 100 * MiB  # the old code held the whole 256 MiB twice


def test_the_gzip_per_file_cap_names_its_limit() -> None:
    data = gzip.compress(GPX)
    result = parse_source(Source("a.gpx.gz", data), ArchiveLimits(max_member_bytes=1000))
    assert result.error == (
        "gzip content is larger than the limit of 1000 bytes (per-file limit; possible gzip bomb)"
    )


@pytest.mark.parametrize("size", [MiB - 1, MiB + 1])
def test_refusals_name_the_archive_member(size: int) -> None:
    members = {"x.fit": b"\0" * size}
    (item,) = iter_archive(plain_zip(members), "up.zip", ArchiveLimits())
    assert isinstance(item, SourceError) and item.name == "up.zip:x.fit"
    assert "exceeds the limit of 200:1" in item.reason
