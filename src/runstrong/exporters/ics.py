"""iCalendar (RFC 5545) export of a plan: one VEVENT per session.

Events start at the session's planned local time in the athlete's time zone
``tz`` (IANA name) and are written in UTC (``...Z``), which every calendar
reads without a VTIMEZONE block; ``X-WR-TIMEZONE`` tells clients the zone.
The description holds the whole prescription. Lines end in CRLF and are
folded at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1);
TEXT values escape backslash, semicolon, comma and newline (§3.3.11).

UIDs are derived from the athlete and the session id, so re-exporting an
updated plan updates the same events. ``DTSTAMP`` is when the file was made
(RFC 5545 §3.8.7.2): the caller passes its clock in, as this module never
reads one; the same plan and stamp give the same bytes. Rest days get no event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zoneinfo

from runstrong.core.errors import InputError
from runstrong.core.model import Plan, PlannedSession, SessionKind
from runstrong.exporters.text import session_lines, session_title

PRODID = "-//runstrong//season plan 1.0//EN"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold one content line into CRLF-joined pieces of at most 75 octets each
    (continuations start with one space, which counts toward the 75)."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            pieces.append(current)
            current, size, limit = " ", 1, MAX_OCTETS
        current += ch
        size += n
    pieces.append(current)
    return "\r\n".join(pieces)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _zone(tz: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"unknown time zone {tz!r}; use an IANA name such as 'Europe/Berlin' or 'UTC'"
        ) from None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def session_uid(plan: Plan, s: PlannedSession) -> str:
    """Stable UID: readable session id plus a hash of athlete and id."""
    digest = hashlib.sha256(f"{plan.athlete}\x00{s.id}".encode()).hexdigest()[:12]
    return f"{_slug(s.id)}-{digest}@runstrong"


def _event(
    plan: Plan, s: PlannedSession, zone: zoneinfo.ZoneInfo, stamp: str, units: str
) -> list[str]:
    start = dt.datetime.combine(s.date, s.start, tzinfo=zone)
    end = start + dt.timedelta(minutes=max(s.duration_min, 1.0))
    return [
        "BEGIN:VEVENT",
        f"UID:{session_uid(plan, s)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{escape_text(session_title(s, units))}",
        f"DESCRIPTION:{escape_text(chr(10).join(session_lines(s, units)))}",
        f"CATEGORIES:{escape_text(s.kind.value)},{escape_text(s.category or s.kind.value)}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
    ]


def plan_to_ics(plan: Plan, tz: str = "UTC", *, dtstamp: dt.datetime, units: str = "km") -> str:
    """The plan as an iCalendar file (text with CRLF line ends).

    ``tz`` is the athlete's IANA time zone the planned local times belong to;
    ``dtstamp`` (time-zone aware) is when the file was made; titles and descriptions
    give distances and paces in ``units`` ("km" or "mi").
    Raises ``InputError`` for an unknown zone or a naive ``dtstamp``.
    """
    zone = _zone(tz)
    if dtstamp.tzinfo is None:
        raise InputError(f"dtstamp {dtstamp.isoformat()} must be time-zone aware")
    stamp = _utc(dtstamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(f'runstrong plan – {plan.athlete}'.strip())}",
        f"X-WR-TIMEZONE:{tz}",
    ]
    for s in plan.sessions():
        if s.kind is SessionKind.REST:
            continue
        lines += _event(plan, s, zone, stamp, units)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
