"""The Today page shows what ``runstrong today`` says (QA walk item 14): no session
today means no session fluid, said in words, not "0.0–0.0"."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from fastapi import FastAPI
from web_support import Browser, onboarded, store_example_plan

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py


def test_zero_minutes_show_no_session_fluid(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    with mock.patch("runstrong.web.routes.pages_today.local_day", return_value=dt.date(2027, 5, 3)):
        page = owner.client.get(f"/a/{athlete_id}/today?minutes=0")
    assert page.status_code == 200
    assert "R22" in page.text
    assert "Session fluid" in page.text
    assert "none: normal drinking" in page.text
    assert "0.0–0.0" not in page.text
