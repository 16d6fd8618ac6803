"""Issue 15 item 6 in the exports: the QA session ("Threshold: 4.29 km", 57.9 min,
load 405.3, a 1470 m cool-down) reads as a runner writes it in the session text, the
iCalendar event and the Markdown week, for a km and a miles athlete. Expected texts
are worked out by hand in ``tests/rounding_cases.py``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rounding_cases import FACTS, STEPS, TITLE, with_qa_session
from runstrong.core.model import Plan
from runstrong.exporters.ics import plan_to_ics
from runstrong.exporters.markdown import plan_to_markdown
from runstrong.exporters.plan_json import load_plan
from runstrong.exporters.text import session_lines, session_title

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
UNITS = ["km", "mi"]


def _plan() -> Plan:
    plan = load_plan((PLANS / "good.json").read_text(encoding="utf-8"))
    return with_qa_session(plan, "w1-wed-run")[0]


@pytest.mark.parametrize("units", UNITS)
def test_the_session_text_is_rounded(units: str) -> None:
    session = next(s for s in _plan().sessions() if s.id == "w1-wed-run")
    assert session_title(session, units) == TITLE[units]
    lines = session_lines(session, units)
    assert lines[:4] == [FACTS[units], *STEPS[units]]


@pytest.mark.parametrize("units", UNITS)
def test_the_calendar_event_is_rounded(units: str) -> None:
    stamp = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    text = plan_to_ics(_plan(), "UTC", dtstamp=stamp, units=units).replace("\r\n ", "")
    event = text.split("UID:w1-wed-run")[1].split("END:VEVENT")[0]
    assert f"SUMMARY:{TITLE[units]}\r\n" in event
    description = FACTS[units].replace(",", "\\,") + "\\n" + STEPS[units][0]
    assert f"DESCRIPTION:{description}\\n" in event


@pytest.mark.parametrize(
    ("units", "row"),
    [
        ("km", "| Threshold: 4.3 km | run · threshold (hard) | 58 | 8.8 | 405 |"),
        ("mi", "| Threshold: 2.7 mi | run · threshold (hard) | 58 | 5.4 | 405 |"),
    ],
)  # fmt: skip
def test_the_markdown_week_is_rounded(units: str, row: str) -> None:
    md = plan_to_markdown(_plan(), units)
    assert f"| Wed | 2027-03-03 | 18:00 {row}" in md
    assert "\n".join(f"- {line}" for line in [FACTS[units], *STEPS[units]]) in md
