"""The web import job reports what the CLI prints: counts, and every note with its reason.

Files: the device FIT of a run and Strava's copy of it, which lost the heart
rate (tests/data, see ATTRIBUTION.md); a GPX whose name is too long to store.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from web_support import Browser, onboarded, wait_job

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
DEVICE = DATA / "geo-activity-playground" / "2022-05-29-15-53-35_Laufen_Landal_Park.fit"
STRAVA = DATA / "strava-export-sample" / "activities" / "12866632127.fit.gz"
GPX = DATA / "Athlytics" / "example.gpx"


def _upload(owner: Browser, athlete_id: int, name: str, data: bytes) -> dict[str, object]:
    response = owner.client.post(
        f"/api/v1/athletes/{athlete_id}/uploads",
        files=[("files", (name, data, "application/octet-stream"))],
        headers={"X-CSRF-Token": owner.csrf},
    )
    assert response.status_code == 202, response.text
    job = wait_job(owner, str(response.json()["status_url"]))
    assert job["status"] == "done", job
    result = job["result"]
    assert isinstance(result, dict)
    return {**result, "job_id": job["id"]}


def test_the_job_result_carries_the_notes(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    poorer = _upload(owner, athlete_id, "strava.fit.gz", STRAVA.read_bytes())
    assert (poorer["imported"], poorer["notes"]) == (1, [])
    [activity_id] = poorer["imported_ids"]  # type: ignore[misc]

    richer = _upload(owner, athlete_id, "watch.fit", DEVICE.read_bytes())
    assert (richer["imported"], richer["replaced"], richer["duplicates"]) == (0, 1, 0)
    assert richer["notes"] == [
        [
            "watch.fit",
            f"stored in place of activity {activity_id} (from strava.fit.gz), the same "
            "running workout, starting 0 s apart: kept this file (heart rate, cadence, GPS, "
            "laps; 326 samples) over that copy (cadence, GPS, laps; 326 samples): it has "
            "more data; that copy is now the duplicate",
        ]
    ]

    again = _upload(owner, athlete_id, "strava.fit.gz", STRAVA.read_bytes())
    assert (again["imported"], again["duplicates"]) == (0, 1)
    [[name, reason]] = again["notes"]  # type: ignore[misc]
    assert name == "strava.fit.gz"
    assert reason.startswith("duplicate, not stored: the same running workout")
    assert f"as activity {activity_id} (from watch.fit); kept that copy" in reason

    long_name = GPX.read_bytes().replace(
        b"<name>Athlytics Example GPX</name>", b"<name>" + b"x" * 600 + b"</name>"
    )
    cleaned = _upload(owner, athlete_id, "long.gpx", long_name)
    assert cleaned["imported"] == 1
    [[name, reason]] = cleaned["notes"]  # type: ignore[misc]
    assert (name, reason.split(" (")[0]) == (
        "long.gpx",
        "name shortened from 600 to 500 characters",
    )

    jobs_page = owner.client.get(f"/a/{athlete_id}/jobs/{cleaned['job_id']}")
    assert "<h2>Notes</h2>" in jobs_page.text
    assert "long.gpx: name shortened from 600 to 500 characters" in jobs_page.text


def test_the_job_result_names_files_as_uploaded(app: FastAPI, owner: Browser) -> None:
    """QA: the third file of an upload was shown as "0002-empty.fit" (the spool's name)."""
    athlete_id = onboarded(app, owner)
    response = owner.client.post(
        f"/api/v1/athletes/{athlete_id}/uploads",
        files=[
            ("files", ("watch.fit", DEVICE.read_bytes(), "application/octet-stream")),
            ("files", ("2024-05-01-run.fit", b"", "application/octet-stream")),
            ("files", ("empty.fit", b"", "application/octet-stream")),
        ],
        headers={"X-CSRF-Token": owner.csrf},
    )
    assert response.status_code == 202, response.text
    job = wait_job(owner, str(response.json()["status_url"]))
    failed = job["result"]["failed"]
    assert sorted(name for name, _ in failed) == ["2024-05-01-run.fit", "empty.fit"]
    page = owner.client.get(f"/a/{athlete_id}/jobs/{job['id']}")
    assert "empty.fit" in page.text
    assert "0002-empty.fit" not in page.text
