"""A lean FIT decoder: bytes → the few raw messages runstrong needs.

It walks every record of every chained FIT segment (so the file CRC can be
checked and compressed-timestamp headers resolved) but builds values only for
the messages and fields listed in ``WANTED``; everything else, developer
fields included, is skipped by its declared size.

Format facts follow the Garmin FIT protocol description (FIT SDK "FIT File
Types / Protocol", rev. 2.x): a 12- or 14-byte header (".FIT" at offset 8,
data size at 4), normal and compressed-timestamp record headers, definition
messages with per-message byte order, and a CRC-16 (reflected polynomial
0xA001, initial value 0, i.e. CRC-16/ARC) over header and data, stored little
endian after the data. A header CRC of 0 means "not computed" and is legal.

Values are returned raw (no scale/offset): ``fit.py`` applies the profile's
scales. Invalid values (the base type's "no value" pattern) are dropped.

Damage after a valid first header does not lose the file: a wrong file CRC, a
data area shorter than its header declares (the watch died while writing), a
message cut short or one that cannot be decoded, or a broken later segment
each add a reason to ``FitMessages.damage`` and decoding keeps every complete
message read before the damage (fitdecode with ``check_crc=WARN`` reads the
same messages). Only an empty file or a bad first header raise.

Never raises anything but ``FitFormatError``.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

FIT_EPOCH_S = 631_065_600  # 1989-12-31T00:00:00Z as Unix seconds (FIT "date_time" origin)

# Global message numbers and the fields we decode for each (FIT profile numbering).
MSG_FILE_ID = 0
MSG_SPORT = 12
MSG_SESSION = 18
MSG_LAP = 19
MSG_RECORD = 20
MSG_DEVICE_INFO = 23
MSG_ACTIVITY = 34
MSG_SET = 225

WANTED: dict[int, frozenset[int]] = {
    MSG_FILE_ID: frozenset({0, 1, 2, 4}),
    MSG_SPORT: frozenset({0, 1}),
    MSG_SESSION: frozenset(
        {2, 5, 6, 7, 8, 9, 11, 16, 17, 18, 20, 22, 92, 253},
    ),
    MSG_LAP: frozenset({2, 7, 8, 9, 13, 15, 16, 17, 19, 80, 110, 253}),
    MSG_RECORD: frozenset({0, 1, 2, 3, 4, 5, 6, 7, 8, 53, 73, 78, 253}),
    MSG_DEVICE_INFO: frozenset({0, 2, 4, 253}),
    MSG_ACTIVITY: frozenset({0, 1, 5, 253}),
    MSG_SET: frozenset({0, 3, 4, 5, 6, 7, 8, 254}),
}

# base type number (low 5 bits) → (struct char, size, invalid value)
_BASE: dict[int, tuple[str, int, object]] = {
    0x00: ("B", 1, 0xFF),  # enum
    0x01: ("b", 1, 0x7F),  # sint8
    0x02: ("B", 1, 0xFF),  # uint8
    0x03: ("h", 2, 0x7FFF),  # sint16
    0x04: ("H", 2, 0xFFFF),  # uint16
    0x05: ("i", 4, 0x7FFFFFFF),  # sint32
    0x06: ("I", 4, 0xFFFFFFFF),  # uint32
    0x07: ("s", 1, None),  # string
    0x08: ("f", 4, None),  # float32 (NaN = invalid)
    0x09: ("d", 8, None),  # float64
    0x0A: ("B", 1, 0x00),  # uint8z
    0x0B: ("H", 2, 0x0000),  # uint16z
    0x0C: ("I", 4, 0x00000000),  # uint32z
    0x0D: ("s", 1, None),  # byte array
    0x0E: ("q", 8, 0x7FFFFFFFFFFFFFFF),  # sint64
    0x0F: ("Q", 8, 0xFFFFFFFFFFFFFFFF),  # uint64
    0x10: ("Q", 8, 0),  # uint64z
}

Message = dict[int, object]


class FitFormatError(Exception):
    """The bytes are not a valid FIT stream; ``str(err)`` is the reason."""


@dataclass(slots=True)
class FitMessages:
    """Decoded messages of all segments of one FIT file, in file order."""

    by_num: dict[int, list[Message]] = field(default_factory=dict)
    segments: int = 0
    records_total: int = 0
    damage: list[str] = field(default_factory=list)
    """What was wrong with the file, in file order (empty when it is intact)."""

    def get(self, num: int) -> list[Message]:
        return self.by_num.get(num, [])


Picks = tuple[tuple[int, int, object, str], ...]  # (value index, field num, invalid, kind)


@dataclass(slots=True)
class _Def:
    num: int
    size: int
    unpack: struct.Struct | None
    picks: Picks
    ts_offset: int  # byte offset of field 253 (uint32) or -1
    ts_fmt: str
    build: Callable[[tuple[Any, ...]], Message] | None = None


@lru_cache(maxsize=512)
def _builder(picks: Picks) -> Callable[[tuple[Any, ...]], Message] | None:
    """A specialised ``raw values → message`` function for plain numeric fields.

    Generated once per field layout (definitions repeat across messages and
    files); this is the decoder's hot path. Layouts with strings or arrays use
    the generic ``_values``.
    """
    if any(kind not in ("v", "f") for *_, kind in picks):
        return None
    lines = ["def build(raw):", "    msg = {}"]
    for i, fnum, invalid, kind in picks:
        lines.append(f"    v = raw[{i}]")
        test = "v == v" if kind == "f" else f"v != {invalid!r}"
        lines.append(f"    if {test}: msg[{fnum}] = v")
    lines.append("    return msg")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), namespace)
    fn: Callable[[tuple[Any, ...]], Message] = namespace["build"]
    return fn


@lru_cache(maxsize=1)
def _crc_table16() -> tuple[int, ...]:
    """Table for CRC-16/ARC over two bytes at a time (index = crc ^ little-endian word)."""
    t8 = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0xA001 if c & 1 else c >> 1
        t8.append(c)
    return tuple((t8[(t8[i & 0xFF] ^ (i >> 8)) & 0xFF] ^ (t8[i & 0xFF] >> 8)) for i in range(65536))


def fit_crc(data: bytes | memoryview, crc: int = 0) -> int:
    """CRC-16/ARC as used by FIT (FIT SDK "CRC" section), 16 bits per step."""
    table = _crc_table16()
    n = len(data)
    even = n - (n & 1)
    words = memoryview(data)[:even].cast("B")
    for w in struct.unpack_from(f"<{even // 2}H", words):
        crc = table[crc ^ w]
    crc = int(crc)
    if n & 1:
        b = data[n - 1]
        t8_index = (crc ^ b) & 0xFF
        c = t8_index
        for _ in range(8):
            c = (c >> 1) ^ 0xA001 if c & 1 else c >> 1
        crc = (crc >> 8) ^ c
    return crc


def is_fit(data: bytes) -> bool:
    """True when ``data`` starts with a FIT file header."""
    return len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT"


def decode(data: bytes) -> FitMessages:
    """Decode every chained segment of a FIT file, checking each CRC.

    Raises ``FitFormatError`` only for an empty file or a bad first header; any
    later damage is listed in ``damage`` beside the messages read before it.
    """
    if not data:
        raise FitFormatError("empty file (0 bytes)")
    out = FitMessages()
    pos: int | None = 0
    n = len(data)
    while pos is not None and pos < n:
        seg = out.segments + 1
        where = f"FIT segment {seg} at byte {pos}: " if seg > 1 else ""
        try:
            _check_header(data, pos)
        except FitFormatError as exc:
            if seg == 1:
                raise
            out.damage.append(f"{where}{exc}")
            break
        pos = _decode_segment(data, pos, out, where)
        out.segments = seg
    return out


def _check_header(data: bytes, start: int) -> None:
    n = len(data)
    if n - start < 12:
        raise FitFormatError(f"truncated FIT header ({n - start} bytes, need 12 or 14)")
    hsize = data[start]
    if hsize not in (12, 14) or data[start + 8 : start + 12] != b".FIT":
        raise FitFormatError("not a FIT file (no '.FIT' header signature)")
    if n - start < hsize:
        raise FitFormatError(f"truncated FIT header ({n - start} of {hsize} bytes)")
    if hsize == 14:
        hcrc = struct.unpack_from("<H", data, start + 12)[0]
        if hcrc != 0 and hcrc != fit_crc(data[start : start + 12]):
            raise FitFormatError("header CRC mismatch (file corrupt)")


def _decode_segment(data: bytes, start: int, out: FitMessages, where: str) -> int | None:
    """Decode one segment (header already checked) and note its damage in ``out``.

    Returns where the next segment starts, or None when this one is cut short.
    """
    n = len(data)
    hsize = data[start]
    data_size: int = struct.unpack_from("<I", data, start + 4)[0]
    body = start + hsize
    end = body + data_size
    if end + 2 > n:
        out.damage.append(
            f"{where}truncated: header declares {data_size} data bytes + 2 CRC bytes, "
            f"only {max(n - body, 0)} bytes follow the header"
        )
        _read_records(data, body, n, out, where)
        return None
    stored = struct.unpack_from("<H", data, end)[0]
    if fit_crc(memoryview(data)[start:end]) != stored:
        out.damage.append(f"{where}file CRC mismatch (file corrupt or modified)")
    _read_records(data, body, end, out, where)
    return int(end) + 2


def _read_records(data: bytes, pos: int, end: int, out: FitMessages, where: str) -> None:
    """``_decode_records``, keeping the complete messages read before a damaged one."""
    try:
        _decode_records(data, pos, end, out)
    except FitFormatError as exc:
        out.damage.append(f"{where}{exc}")


def _decode_records(data: bytes, pos: int, end: int, out: FitMessages) -> None:
    defs: dict[int, _Def] = {}
    last_ts = 0
    by_num = out.by_num
    count = 0
    try:
        while pos < end:
            hdr = data[pos]
            pos += 1
            if hdr & 0x80:  # compressed timestamp header
                local = (hdr >> 5) & 0x03
                offset = hdr & 0x1F
                ts = (last_ts & ~0x1F) + offset
                if offset < (last_ts & 0x1F):
                    ts += 0x20
                last_ts = ts
                d = _data_def(defs, local, pos, end)
                if d.unpack is not None:
                    msg = _values(d, data, pos)
                    msg[253] = ts
                    by_num.setdefault(d.num, []).append(msg)
                pos += d.size
                count += 1
            elif hdr & 0x40:  # definition message
                local = hdr & 0x0F
                if pos + 5 > end:
                    raise FitFormatError(_cut(pos - 1, end, "definition"))
                d, after = _definition(data, pos, bool(hdr & 0x20))
                if after > end:
                    raise FitFormatError(_cut(pos - 1, end, "definition"))
                defs[local], pos = d, after
            else:
                d = _data_def(defs, hdr & 0x0F, pos, end)
                if d.ts_offset >= 0:
                    raw_ts = struct.unpack_from(d.ts_fmt, data, pos + d.ts_offset)[0]
                    if raw_ts != 0xFFFFFFFF:
                        last_ts = raw_ts
                if d.unpack is not None:
                    by_num.setdefault(d.num, []).append(_values(d, data, pos))
                pos += d.size
                count += 1
    except (struct.error, IndexError):
        raise FitFormatError(_cut(pos, end)) from None
    finally:
        out.records_total += count
    if pos != end:
        raise FitFormatError("last message runs past the declared data size")


def _data_def(defs: dict[int, _Def], local: int, pos: int, end: int) -> _Def:
    """The definition of the data message whose body starts at ``pos`` (its header byte
    is at ``pos - 1``), checked to be defined and to fit before ``end``."""
    d = defs.get(local)
    if d is None:
        raise FitFormatError(f"local message {local} used before its definition (byte {pos - 1})")
    if pos + d.size > end:
        raise FitFormatError(_cut(pos - 1, end))
    return d


def _cut(at: int, end: int, kind: str = "data") -> str:
    return f"{kind} message at byte {at} truncated (the data ends at byte {end})"


def _definition(data: bytes, pos: int, has_dev: bool) -> tuple[_Def, int]:
    arch = data[pos + 1]
    if arch not in (0, 1):
        raise FitFormatError(f"bad architecture byte {arch} in a definition message")
    endian = ">" if arch else "<"
    num = struct.unpack_from(endian + "H", data, pos + 2)[0]
    nfields = data[pos + 4]
    pos += 5
    wanted = WANTED.get(num)
    fmt = [endian]
    picks: list[tuple[int, int, object, str]] = []
    size = 0
    ts_offset = -1
    for i in range(nfields):
        fnum, fsize, btype = data[pos], data[pos + 1], data[pos + 2]
        pos += 3
        char, bsize, invalid = _BASE.get(btype & 0x1F, ("s", 1, None))
        if fnum == 253 and fsize == 4 and char == "I":
            ts_offset = size
        if char == "s" or fsize != bsize:
            kind = "str" if char == "s" and btype & 0x1F == 0x07 else "raw"
            if char != "s" and fsize % bsize == 0 and fsize > 0:
                kind = endian + f"{fsize // bsize}{char}"  # array of base values
            fmt.append(f"{fsize}s")
        else:
            kind = "f" if char in ("f", "d") else "v"
            fmt.append(char)
        size += fsize
        if wanted is not None and fnum in wanted:
            picks.append((i, fnum, invalid, kind))
    if has_dev:
        ndev = data[pos]
        pos += 1
        for _ in range(ndev):
            size += data[pos + 1]
            pos += 3
    if pos > len(data):
        raise FitFormatError("definition message runs past the end of the data")
    unpack = _struct("".join(fmt)) if wanted is not None else None
    ts_fmt = endian + "I"
    frozen = tuple(picks)
    build = _builder(frozen) if unpack is not None else None
    return _Def(num, size, unpack, frozen, ts_offset, ts_fmt, build), pos


@lru_cache(maxsize=512)
def _struct(fmt: str) -> struct.Struct:
    return struct.Struct(fmt)


def _values(d: _Def, data: bytes, pos: int) -> Message:
    assert d.unpack is not None
    raw = d.unpack.unpack_from(data, pos)
    if d.build is not None:
        return d.build(raw)
    msg: Message = {}
    for i, fnum, invalid, kind in d.picks:
        v = raw[i]
        if kind == "v":
            if v != invalid:
                msg[fnum] = v
        elif kind == "f":
            if v == v:  # NaN is the float "no value"
                msg[fnum] = v
        elif kind == "str":
            assert isinstance(v, bytes)
            text = v.split(b"\0", 1)[0].decode("utf-8", "replace")
            if text:
                msg[fnum] = text
        elif kind == "raw":
            msg[fnum] = v
        else:  # array of base values: keep the valid ones
            assert isinstance(v, bytes)
            values = tuple(x for x in struct.unpack(kind, v) if x != invalid)
            if values:
                msg[fnum] = values
    return msg


def peek_file_id(data: bytes, max_messages: int = 64) -> Message | None:
    """The first ``file_id`` message, read without a CRC check or a full decode
    (used to link export summaries to files before parsing). None if not found."""
    if not is_fit(data) or len(data) < data[0]:
        return None
    pos = data[0]
    end = min(len(data), pos + struct.unpack_from("<I", data, 4)[0])
    defs: dict[int, _Def] = {}
    try:
        for _ in range(max_messages):
            if pos >= end:
                return None
            hdr = data[pos]
            pos += 1
            if hdr & 0x80:
                d = defs.get((hdr >> 5) & 0x03)
            elif hdr & 0x40:
                d, pos = _definition(data, pos, bool(hdr & 0x20))
                defs[hdr & 0x0F] = d
                continue
            else:
                d = defs.get(hdr & 0x0F)
            if d is None:
                return None
            if d.num == MSG_FILE_ID and d.unpack is not None:
                return _values(d, data, pos)
            pos += d.size
    except (struct.error, IndexError, FitFormatError):
        return None
    return None
