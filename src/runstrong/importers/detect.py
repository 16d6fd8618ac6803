"""Content sniffing: what format a byte string holds, regardless of its name.

gzip is recognised by its magic bytes (1f 8b) and inflated with a size cap;
FIT by its header signature; GPX/TCX by their XML root element. A file whose
extension lies (a GPX named ``.fit``) is read as what it contains.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from runstrong.importers._fitdecoder import is_fit
from runstrong.importers._problems import FormatProblem

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
_XML_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(gpx|TrainingCenterDatabase)[\s>/]")


@dataclass(frozen=True, slots=True)
class Detected:
    """``fmt`` is ``"fit"``, ``"gpx"`` or ``"tcx"``; ``content`` is decompressed."""

    fmt: str
    gzipped: bool
    content: bytes

    @property
    def source_format(self) -> str:
        return f"{self.fmt}.gz" if self.gzipped else self.fmt


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Inflate a (possibly multi-member) gzip stream, refusing more than ``max_bytes``."""
    out: list[bytes] = []
    size = 0
    rest = data
    while rest:
        d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(rest, max_bytes + 1 - size)
        except zlib.error as exc:
            raise FormatProblem(f"corrupt gzip stream ({exc})") from None
        size += len(chunk)
        out.append(chunk)
        if size > max_bytes:
            raise FormatProblem(
                f"gzip content is larger than the limit of {max_bytes} bytes (possible gzip bomb)"
            )
        if not d.eof:
            raise FormatProblem("truncated gzip stream (ends before the end-of-stream marker)")
        rest = d.unused_data.lstrip(b"\0")
    return b"".join(out)


def sniff(data: bytes, max_bytes: int) -> Detected:
    """Detect the format of ``data`` (gunzipping once if needed)."""
    if not data:
        raise FormatProblem("empty file (0 bytes)")
    gzipped = data[:2] == GZIP_MAGIC
    content = gunzip(data, max_bytes) if gzipped else data
    if gzipped and content[:2] == GZIP_MAGIC:
        raise FormatProblem("gzip inside gzip is not supported")
    if not content:
        raise FormatProblem("empty file (0 bytes after gunzip)")
    if is_fit(content) or (content[:1] in (b"\x0c", b"\x0e") and len(content) < 12):
        return Detected("fit", gzipped, content)
    if content[:4] == ZIP_MAGIC:
        raise FormatProblem("a zip archive, not a single activity file (import the archive itself)")
    head = content[:4096]
    m = _XML_ROOT.search(head)
    if m is not None and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return Detected("gpx" if m.group(1) == b"gpx" else "tcx", gzipped, content)
    raise FormatProblem("unrecognised content: not a FIT, GPX or TCX file")
