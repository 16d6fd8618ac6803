"""Archives for the importer tests: ``plain_zip`` as ``zipfile`` writes them, and
hand-built hostile ones that ``zipfile`` cannot write: overlapping entries.

The "full overlap" zip bomb (Fifield, "A better zip bomb", WOOT 2019, §3):
one local file header and one deflated kernel, then many central-directory
entries that all point at it. Each entry is small (under any per-member
ratio exemption) but every one of them inflates the same kernel again.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


def plain_zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of ``members`` (name → bytes) stored with ``method``, timestamps fixed."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buf.getvalue()


def overlapping_zip(name: str, content: bytes, entries: int) -> bytes:
    """A zip whose ``entries`` central entries all share one member's data."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    kernel = packer.compress(content) + packer.flush()
    crc = zlib.crc32(content)
    raw_name = name.encode()
    local = _LOCAL.pack(
        0x04034B50, 20, 0, 8, 0, 0x21, crc, len(kernel), len(content), len(raw_name), 0
    )
    body = local + raw_name + kernel
    central = b"".join(
        _CENTRAL.pack(
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(kernel),
            len(content),
            len(raw_name),
            0,
            0,
            0,
            0,
            0,
            0,
        )
        + raw_name
        for _ in range(entries)
    )
    end = _END.pack(0x06054B50, 0, 0, entries, entries, len(central), len(body), 0)
    return body + central + end


def shifted_overlap_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip whose first member's compressed size is declared to run over the next one.

    Stored members; the first entry claims ``len(first) + len(next header)`` bytes,
    so its range covers the second member's local header (a "quoted overlap").
    """
    offsets: list[int] = []
    body = b""
    for name, content in members:
        offsets.append(len(body))
        raw = name.encode()
        crc = zlib.crc32(content)
        body += (
            _LOCAL.pack(0x04034B50, 20, 0, 0, 0, 0x21, crc, len(content), len(content), len(raw), 0)
            + raw
            + content
        )
    central = b""
    for i, (name, content) in enumerate(members):
        raw = name.encode()
        size = len(content) + (40 if i == 0 else 0)
        central += (
            _CENTRAL.pack(
                0x02014B50,
                20,
                20,
                0,
                0,
                0,
                0x21,
                zlib.crc32(content),
                size,
                len(content),
                len(raw),
                0,
                0,
                0,
                0,
                0,
                offsets[i],
            )
            + raw
        )
    n = len(members)
    end = _END.pack(0x06054B50, 0, 0, n, n, len(central), len(body), 0)
    return body + central + end
