"""Content sniffing: what format a byte string holds, regardless of its name.

gzip is recognised by its magic bytes (1f 8b) and inflated in 1 MiB steps under
a byte cap (per-file limit, ratio and what is left of the import's budget),
so a gzip bomb is refused after inflating no more than its cap;
FIT by its header signature; GPX/TCX by their XML root element. A file whose
extension lies (a GPX named ``.fit``) is read as what it contains.
"""

from __future__ import annotations

import io
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


_STEP_BYTES = 1024 * 1024
"""Output of one ``decompress`` call: memory grows by this much at a time."""


@dataclass(frozen=True, slots=True)
class InflateCap:
    """The most bytes a gzip file may inflate to, and which limit that is (for the message)."""

    max_bytes: int
    limit: str = "per-file limit"


def gunzip(data: bytes, cap: int | InflateCap) -> bytes:
    """Inflate a (possibly multi-member) gzip stream, refusing more than the cap.

    Streams the output in ``_STEP_BYTES`` steps into one growing buffer, so the
    memory used is the input plus at most the cap (plus one step) — never a
    multiple of the whole content.
    """
    limit = cap if isinstance(cap, InflateCap) else InflateCap(cap)
    out = io.BytesIO()
    rest = data
    while rest:
        d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        pending = rest
        while True:
            try:
                chunk = d.decompress(pending, _STEP_BYTES)
            except zlib.error as exc:
                raise FormatProblem(f"corrupt gzip stream ({exc})") from None
            out.write(chunk)
            if out.tell() > limit.max_bytes:
                raise FormatProblem(
                    f"gzip content is larger than the limit of {limit.max_bytes} bytes "
                    f"({limit.limit}; possible gzip bomb)"
                )
            pending = d.unconsumed_tail
            if d.eof or (not pending and len(chunk) < _STEP_BYTES):
                break
        if not d.eof:
            raise FormatProblem("truncated gzip stream (ends before the end-of-stream marker)")
        rest = d.unused_data.lstrip(b"\0")
    return out.getvalue()


def sniff(data: bytes, max_bytes: int | InflateCap) -> Detected:
    """Detect the format of ``data`` (gunzipping once if needed, under ``max_bytes``)."""
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
