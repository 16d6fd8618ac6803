"""Interactive API docs at ``/docs``: Swagger UI, served by the app itself (no CDN).

Behind the same login as the API (a visitor who is not logged in is sent to
the login page). The assets are vendored under ``static/vendor/swagger-ui``
(version and licence in its ``SOURCE.txt``); ``static/js/api-docs.js`` starts
Swagger UI on the OpenAPI document and sends the session's CSRF token with
every "Try it out" request that changes something.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from runstrong.web.deps import CurrentUser
from runstrong.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def api_docs(request: Request, user: CurrentUser) -> Response:
    """The API's interactive documentation (Swagger UI)."""
    openapi_url = request.app.openapi_url or "/api/v1/openapi.json"
    return render(request, "api_docs.html", {"openapi_url": openapi_url, "nav": "docs"})
