"""Form helpers: read a posted form as plain strings, turn pydantic errors into
per-field messages that templates show next to the field."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from runstrong.web.validation import describe


async def _form_data(request: Request) -> dict[str, str]:
    form = await request.form()
    data: dict[str, str] = {}
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            continue
        data[key] = value if key not in data else data[key] + "\n" + value
    return data


FormData = Annotated[dict[str, str], Depends(_form_data)]


def field_errors(exc: ValidationError) -> dict[str, str]:
    """First message per field, naming the bad value and what is allowed (``web.validation``)."""
    errors: dict[str, str] = {}
    for err in exc.errors():
        loc = err.get("loc", ())
        name = str(loc[0]) if loc else "form"
        message = describe(err, None)
        if message and message[0].islower():
            message = message[0].upper() + message[1:]
        errors.setdefault(name, message)
    return errors


def blank_to_none(data: dict[str, str]) -> dict[str, str | None]:
    """Empty form fields mean "not given"."""
    return {k: (v.strip() if v.strip() else None) for k, v in data.items()}
