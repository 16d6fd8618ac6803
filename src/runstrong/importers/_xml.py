"""Safe XML reading shared by the GPX and TCX readers.

Parsing goes through ``defusedxml``: entity declarations (billion laughs,
quadratic blow-up) and external references are refused before anything is
expanded. Element names are matched by local name, so GPX 1.0/1.1 and the
various extension namespaces are read alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from runstrong.importers._problems import FormatProblem


def parse_xml(data: bytes, kind: str) -> Element:
    """Root element of ``data``; ``FormatProblem`` for malformed or hostile XML."""
    try:
        root: Element = fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise FormatProblem(
            f"{kind} declares XML entities or external references, which are refused "
            f"(possible entity-expansion attack): {type(exc).__name__}"
        ) from None
    except ParseError as exc:
        raise FormatProblem(f"malformed {kind} (XML error: {exc})") from None
    except (LookupError, ValueError) as exc:  # unknown encoding name, undecodable bytes
        raise FormatProblem(f"malformed {kind} (unreadable text encoding: {exc})") from None
    return root


def local(tag: str) -> str:
    """Element name without its namespace."""
    return tag.rpartition("}")[2]


def children(elem: Element, name: str) -> Iterator[Element]:
    for c in elem:
        if local(c.tag) == name:
            yield c


def child(elem: Element | None, *path: str) -> Element | None:
    """First descendant along ``path`` of local names, or None."""
    cur = elem
    for name in path:
        if cur is None:
            return None
        cur = next(children(cur, name), None)
    return cur


def text(elem: Element | None, *path: str) -> str | None:
    node = child(elem, *path) if path else elem
    if node is None or node.text is None:
        return None
    value = node.text.strip()
    return value or None


def number(raw: str | None, what: str) -> float | None:
    """A decimal from XML text; ``FormatProblem`` names the bad value."""
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise FormatProblem(f"bad number {raw!r} in <{what}> (a decimal is required)") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise FormatProblem(f"bad number {raw!r} in <{what}> (a finite decimal is required)")
    return value


def timestamp(raw: str | None) -> dt.datetime | None:
    """ISO 8601 time → aware UTC datetime; a time without offset is taken as UTC."""
    if raw is None:
        return None
    try:
        value = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise FormatProblem(f"bad timestamp {raw!r} (ISO 8601 is required)") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)
