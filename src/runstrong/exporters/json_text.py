"""JSON text indented by two spaces, as ``json.dumps(value, indent=2, ensure_ascii=False)``
writes it, in about half the time.

With ``indent`` set, the standard library encodes in pure Python through nested
generators, one ``yield`` per token: a 24-week plan (~800 kB of text) took ~23 ms, most
of the plan's JSON on every save (``runstrong plan new``, the daily coach). Here each
dict or list is written in one loop, a member that is a plain value (string, number,
boolean, null) in one string, and strings are escaped by the same C function
(``json.encoder.encode_basestring``), numbers by ``int.__repr__``/``float.__repr__``
as ``json`` does. ``tests/exporters/test_json_text.py`` compares the text with
``json.dumps`` on plans and on generated values.

Only JSON data is accepted: dicts with string keys, lists, strings, ints, finite
floats, booleans and None; anything else (a tuple, a NaN) raises ``TypeError`` or
``ValueError`` instead of being written differently from ``json``.
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring

_INDENT = "  "


def dumps_indented(value: object) -> str:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it."""
    out: list[str] = []
    _write(value, "", out)
    return "".join(out)


def _plain(value: object) -> str | None:
    """The JSON text of a value that is no container; None for a dict or a list."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not JSON data")
        return float.__repr__(value)
    if isinstance(value, dict | list):
        return None
    raise TypeError(f"{type(value).__name__} {value!r} is not JSON data")


def _write(value: object, pad: str, out: list[str]) -> None:
    text = _plain(value)
    if text is not None:
        out.append(text)
    elif isinstance(value, dict):
        _write_dict(value, pad, out)
    else:
        assert isinstance(value, list)
        _write_list(value, pad, out)


def _write_dict(value: dict[object, object], pad: str, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    inner = pad + _INDENT
    separator = "{\n" + inner
    for key, member in value.items():
        if not isinstance(key, str):
            raise TypeError(f"key {key!r} is not a string")
        text = _plain(member)
        if text is None:
            out.append(f"{separator}{encode_basestring(key)}: ")
            _write(member, inner, out)
        else:
            out.append(f"{separator}{encode_basestring(key)}: {text}")
        separator = ",\n" + inner
    out.append(f"\n{pad}}}")


def _write_list(value: list[object], pad: str, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    inner = pad + _INDENT
    separator = "[\n" + inner
    for member in value:
        text = _plain(member)
        if text is None:
            out.append(separator)
            _write(member, inner, out)
        else:
            out.append(separator + text)
        separator = ",\n" + inner
    out.append(f"\n{pad}]")
