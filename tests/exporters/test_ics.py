"""iCalendar export: parses back with a small RFC 5545 reader written here."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_strategies import plans
from runstrong.core.errors import InputError
from runstrong.core.model import Plan, SessionKind
from runstrong.exporters.ics import fold, plan_to_ics
from runstrong.exporters.plan_json import load_plan
from runstrong.exporters.text import session_lines, session_title

GOOD = Path(__file__).resolve().parents[1] / "data" / "plans" / "good.json"


def _plan() -> Plan:
    return load_plan(GOOD.read_text(encoding="utf-8"))


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def parse_ics(text: str) -> list[dict[str, str]]:
    """Events as {property: raw value}; checks CRLF and folding on the way."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert "\n" not in line and "\r" not in line
        assert len(line.encode("utf-8")) <= 75, line
    logical: list[str] = []
    for line in physical:
        if line.startswith((" ", "\t")):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in logical:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return events


STAMP = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


def test_one_event_per_non_rest_session_with_prescription() -> None:
    plan = _plan()
    stamp = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)
    events = parse_ics(plan_to_ics(plan, "UTC", dtstamp=stamp))
    sessions = [s for s in plan.sessions() if s.kind is not SessionKind.REST]
    assert len(events) == len(sessions)
    for ev, s in zip(events, sessions, strict=True):
        assert ev["DTSTAMP"] == "20261125T100000Z"
        assert ev["DTSTART"] == f"{s.date:%Y%m%d}T{s.start:%H%M}00Z"
        assert unescape(ev["SUMMARY"]) == session_title(s)
        assert unescape(ev["DESCRIPTION"]) == "\n".join(session_lines(s))
    first = unescape(events[0]["DESCRIPTION"])
    assert "Back squat 4×5 @ 75% e1RM, rest 2:00" in first
    intervals = next(e for e in events if "intervals" in e["DESCRIPTION"])
    assert "5 × (Work 1000 m @ 3:55–4:05/km / Recovery 2:00 (jog))" in unescape(
        intervals["DESCRIPTION"]
    )


def test_local_times_in_a_zone_with_dst() -> None:
    plan = _plan()  # 2027-03-01 … 2027-04-25; Berlin switches to CEST on 2027-03-28
    events = parse_ics(plan_to_ics(plan, "Europe/Berlin", dtstamp=STAMP))
    assert events[0]["DTSTART"] == "20270301T170000Z"  # 18:00 CET
    assert events[0]["DTEND"] == "20270301T180000Z"
    late = [e for e in events if e["DTSTART"].startswith("20270329")]
    assert late[0]["DTSTART"] == "20270329T160000Z"  # 18:00 CEST


def test_uids_are_stable_and_unique() -> None:
    plan = _plan()
    a = parse_ics(plan_to_ics(plan, dtstamp=STAMP))
    b = parse_ics(plan_to_ics(plan, dtstamp=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)))
    assert [e["UID"] for e in a] == [e["UID"] for e in b]
    assert len({e["UID"] for e in a}) == len(a)
    assert a[0]["UID"].startswith("w1-mon-strength-") and a[0]["UID"].endswith("@runstrong")


def test_dtstamp_is_when_the_file_was_made_not_the_plan_start() -> None:
    plan = _plan()  # starts 2027-03-01; made (STAMP) on 2026-11-25
    text = plan_to_ics(plan, dtstamp=STAMP)
    assert text == plan_to_ics(plan, dtstamp=STAMP)
    assert "DTSTAMP:20261125T100000Z" in text
    assert "DTSTAMP:20270301" not in text


def test_escaping_of_special_characters() -> None:
    plan = _plan()
    week = plan.weeks[0]
    s = dataclasses.replace(week.sessions[1], title="Easy; relaxed, \\ chatty\nrun")
    plan = dataclasses.replace(plan, weeks=(dataclasses.replace(week, sessions=(s,)),))
    text = plan_to_ics(plan, dtstamp=STAMP)
    assert "SUMMARY:Easy\\; relaxed\\, \\\\ chatty\\nrun\r\n" in text
    (ev,) = parse_ics(text)
    assert unescape(ev["SUMMARY"]) == "Easy; relaxed, \\ chatty\nrun"


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400))
def test_fold_keeps_text_and_limits_octets(text: str) -> None:
    line = "DESCRIPTION:" + text.replace("\r", "").replace("\n", "")
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_parses_back(plan: Plan) -> None:
    events = parse_ics(plan_to_ics(plan, "America/New_York", dtstamp=STAMP))
    sessions = [s for s in plan.sessions() if s.kind is not SessionKind.REST]
    # TEXT has one line break (\n): a CR or CRLF inside a value becomes \n.
    expected = [
        "\n".join(session_lines(s)).replace("\r\n", "\n").replace("\r", "\n") for s in sessions
    ]
    assert [unescape(e["DESCRIPTION"]) for e in events] == expected


def test_bad_zone_and_naive_stamp() -> None:
    plan = _plan()
    with pytest.raises(InputError) as info:
        plan_to_ics(plan, "Mars/Olympus", dtstamp=STAMP)
    assert str(info.value) == (
        "unknown time zone 'Mars/Olympus'; use an IANA name such as 'Europe/Berlin' or 'UTC'"
    )
    with pytest.raises(InputError, match="must be time-zone aware"):
        plan_to_ics(plan, dtstamp=dt.datetime(2026, 1, 1))
