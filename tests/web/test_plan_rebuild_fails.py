"""Issue 13 part 7: a rebuild that fails answers 409 with the reason, in the API and the
pages, and the stored plan is untouched (it used to answer 201 with the old plan)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from fastapi import FastAPI
from web_support import CLOCK, Browser, onboarded

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "athlete.toml").read_text(
    encoding="utf-8"
)
# A valid profile (its race is ahead, so it is saved) whose race is too close for a
# season: the rebuild fails. (A race already past is refused when the profile is saved.)
SOON = (CLOCK.date() + dt.timedelta(days=10)).isoformat()
PAST = re.sub(
    r"\[\[tune_up\]\][^\[]*",
    "",
    EXAMPLE.replace("date = 2027-04-11", f"date = {SOON}").replace(
        "date = 2026-10-04", "date = 2000-10-04"
    ),
)
REASON = f"the plan could not be rebuilt: 'goal.date' = {SOON} is only"


def _with_plan_then_past_profile(app: FastAPI, owner: Browser) -> tuple[int, dict[str, str]]:
    athlete_id = onboarded(app, owner)
    headers = {"X-CSRF-Token": owner.csrf}
    url = f"/api/v1/athletes/{athlete_id}"
    assert owner.client.put(f"{url}/profile", json={"toml": EXAMPLE}, headers=headers).is_success
    assert owner.client.post(f"{url}/plan", headers=headers).status_code == 201
    put = owner.client.put(f"{url}/profile", json={"toml": PAST}, headers=headers)
    assert put.status_code == 200, put.text
    return athlete_id, headers


def test_api_rebuild_failure_is_409_with_the_reason_and_keeps_the_plan(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id, headers = _with_plan_then_past_profile(app, owner)
    url = f"/api/v1/athletes/{athlete_id}/plan"
    before = owner.client.get(url).json()
    failed = owner.client.post(url, headers=headers)
    assert failed.status_code == 409
    assert failed.json()["detail"].startswith(REASON)
    assert failed.json()["detail"].endswith("; the stored plan is unchanged")
    assert owner.client.get(url).json() == before


def test_page_rebuild_failure_is_an_error_state_with_the_reason(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id, _ = _with_plan_then_past_profile(app, owner)
    before = owner.client.get(f"/api/v1/athletes/{athlete_id}/plan").json()
    page = owner.client.post(f"/a/{athlete_id}/plan/build", data={"csrf_token": owner.csrf})
    assert page.status_code == 422  # the form's error state (issue 15 part 4), not a banner
    assert "a season needs at least 21 days" in page.text
    assert "the stored plan is unchanged" in page.text
    assert owner.client.get(f"/api/v1/athletes/{athlete_id}/plan").json() == before
