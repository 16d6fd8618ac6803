"""Issue 11 part 6: one application layer. For the same athlete on the same day, the
CLI's ``runstrong today --json``, the API's ``GET …/today`` and the Today page give
the same sessions, loads and readiness; ``runstrong stats load --json`` and the
Progress API give the same fitness/fatigue/form series.

Before this change the web ran its own copy of the coach (14 days of history, no
R14/R21/R22/R23) and its own load (HR first, other HR defaults, EWMA ACWR), so these
disagreed (e.g. a moderate lift on the web against an easy run in the CLI).
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from unittest import mock

import pytest
from fastapi import FastAPI
from web_support import CLOCK, Browser, onboarded

from runstrong.cli import run
from runstrong.cli import today as today_cli
from runstrong.core.model import Activity, SessionKind, Sport, Wellness
from runstrong.exporters.text import session_title
from runstrong.services.coach import active_plan
from runstrong.storage import repository


def _prepare(app: FastAPI, owner: Browser) -> tuple[int, dt.date]:
    """An onboarded athlete with a plan, a sore check-in and two weeks of logged runs;
    returns the athlete id and a planned day with a run and a lift nearby."""
    athlete_id = onboarded(app, owner)
    owner.post(f"/a/{athlete_id}/plan/build", {})
    now = CLOCK
    with app.state.db() as db, db.begin():
        _, plan = active_plan(db, athlete_id)
        days = sorted({s.date for s in plan.sessions() if s.kind is SessionKind.RUN})
        day = days[min(len(days) - 1, 8)]
        for back in range(1, 15):
            d = day - dt.timedelta(days=back)
            start = dt.datetime.combine(d, dt.time(7), dt.UTC)
            run_ = Activity(
                sport=Sport.RUNNING,
                start=start,
                duration_s=2400.0 + 60 * back,
                distance_m=7000.0 + 100 * back,
                avg_hr_bpm=140.0 + back % 5 if back % 3 else None,
                session_rpe=4.0 if back % 2 else None,
                source_format="manual",
            )
            repository.add_activity(db, athlete_id, run_, now=now)
        for back in range(4):
            repository.put_wellness(
                db,
                athlete_id,
                Wellness(day=day - dt.timedelta(days=back), sleep_h=6.0, soreness=4, leg_feel=2),
            )
    return athlete_id, day


@pytest.fixture
def _cli_db(settings, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(today_cli, "interactive", lambda: False)


@pytest.mark.usefixtures("_cli_db")
def test_cli_api_and_page_agree_on_the_day(
    app: FastAPI, owner: Browser, capsys: pytest.CaptureFixture[str]
) -> None:
    athlete_id, day = _prepare(app, owner)
    capsys.readouterr()
    code = run(["today", "--athlete", "Alex Example", "--date", day.isoformat(), "--json",
                "--no-save"])  # fmt: skip
    cli = json.loads(capsys.readouterr().out)
    assert code == 0
    with (
        mock.patch("runstrong.web.routes.api.local_day", return_value=day),
        mock.patch("runstrong.web.routes.pages_today.local_day", return_value=day),
    ):
        api = owner.client.get(f"/api/v1/athletes/{athlete_id}/today").json()
        page = owner.client.get(f"/a/{athlete_id}/today").text
    cli_sessions = [(s["id"], s["kind"], s["duration_min"], s["distance_km"], s["load"])
                    for s in cli["sessions"]]  # fmt: skip
    api_sessions = [(s["id"], s["kind"], s["duration_min"], s["distance_km"], s["load"])
                    for s in api["sessions"]]  # fmt: skip
    assert cli_sessions and api_sessions == cli_sessions
    assert api["readiness_status"] == cli["readiness"]["status"]
    assert api["readiness_score"] == cli["readiness"]["score"]
    assert api["reasons"] == cli["readiness"]["reasons"]
    explained = [f"{c['rule_id']}: {c['message']}" for c in cli["plan_changes"] + cli["changes"]]
    assert explained and api["changes"] == explained
    assert f">{cli['readiness']['status']}</span>" in page
    # each session under the title the CLI's table prints (``exporters.text.session_title``:
    # the first work step as a runner writes it, "2 × 1600 m" for the planner's "2 × 1.6 km")
    with app.state.db() as db:
        planned = {p.id: p for w in active_plan(db, athlete_id)[1].weeks for p in w.sessions}
    for s in cli["sessions"]:
        if s["title"]:
            assert session_title(planned[s["id"]], "km") in page
    # "This week so far" (services.plan_status): the same statuses in all three.
    assert len(cli["week"]) >= 2 and any(w["activity_id"] for w in cli["week"])
    assert api["week"] == cli["week"]
    for w in cli["week"]:
        shown = f'data-session="{w["session_id"]}" data-state="{w["state"]}"'
        assert shown in page, w
        assert escape(w["detail"]) in page


@pytest.mark.usefixtures("_cli_db")
def test_stats_load_and_progress_agree(
    app: FastAPI, owner: Browser, capsys: pytest.CaptureFixture[str]
) -> None:
    athlete_id, day = _prepare(app, owner)
    since = day - dt.timedelta(days=55)  # the Progress page shows at least eight weeks
    capsys.readouterr()
    with mock.patch("runstrong.cli.stats.today_local", return_value=day):
        code = run(["stats", "load", "--athlete", "Alex Example", "--since", since.isoformat(),
                    "--json"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    cli = json.loads(out)
    with mock.patch("runstrong.web.routes.api.local_day", return_value=day):
        api = owner.client.get(f"/api/v1/athletes/{athlete_id}/progress").json()
    fitness = next(s["values"] for s in api["pmc"]["series"] if s["name"] == "Fitness")
    shown = dict(zip(api["pmc"]["labels"], fitness, strict=True))
    cli_fitness = {
        (dt.date.fromisoformat(cli["start"]) + dt.timedelta(days=i)).isoformat(): round(
            p["fitness"], 1
        )
        for i, p in enumerate(cli["pmc"])
    }
    common = sorted(set(shown) & set(cli_fitness))
    assert len(common) >= 14
    assert [shown[d] for d in common] == [cli_fitness[d] for d in common]
