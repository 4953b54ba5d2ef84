"""tripnews' own JSON records back into ``Article`` objects, with no extraction run again.

    tripnews ingest corpus/ -f jsonl > records.jsonl
    tripnews digest records.jsonl      # reads the records as records

A JSON object is taken for one of tripnews' records when it carries the contract's
``schema`` number and ``id``, ``stats`` and ``people`` fields; anything else is an
article from another tool and is processed as text. A record whose fields do not
have the contract's shapes raises ``ValueError`` naming the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from tripnews.model import (
    SCHEMA_VERSION,
    Article,
    Dateline,
    DateMention,
    DatesAnchor,
    Mention,
    Organization,
    Person,
    Place,
    Published,
    Quote,
    Removed,
    Stats,
    TripLeg,
)

T = TypeVar("T")

_STATS = ("chars_in", "chars_out", "words", "sentences")
# The fields that tell tripnews' own record from another tool's article.
_MARKS = ("schema", "id", "stats", "people")


def is_record(obj: object) -> bool:
    """True for a JSON object shaped like ``tripnews ingest`` output."""
    return (
        isinstance(obj, dict)
        and all(key in obj for key in _MARKS)
        and obj.get("schema") == SCHEMA_VERSION
    )


def article_from_record(obj: dict[str, Any]) -> Article:
    """The ``Article`` a record was written from (``to_record``'s inverse)."""
    published = obj.get("published")
    dateline = obj.get("dateline")
    anchor = obj.get("dates_anchor")
    return Article(
        id=_str(obj, "id"),
        source=_str(obj, "source"),
        source_id=_opt(obj, "source_id"),
        url=_opt(obj, "url"),
        format=_str(obj, "format"),
        language=_opt(obj, "language"),
        title=_opt(obj, "title"),
        publisher=_opt(obj, "publisher"),
        byline=_opt(obj, "byline"),
        published=Published(
            _str(published, "value"), _str(published, "text"), _str(published, "origin")
        )
        if isinstance(published, dict)
        else None,
        dateline=Dateline(_opt(dateline, "place"), _str(dateline, "text"))
        if isinstance(dateline, dict)
        else None,
        text=_str(obj, "text"),
        removed=_each(obj, "removed", lambda r: Removed(_str(r, "kind"), _str(r, "text"))),
        people=_each(
            obj,
            "people",
            lambda p: Person(
                _str(p, "name"), tuple(_strings(p, "roles")), _int(p, "count"), _mentions(p)
            ),
        ),
        places=_each(
            obj,
            "places",
            lambda p: Place(
                _str(p, "name"),
                _str(p, "kind"),
                _opt(p, "country"),
                _float(p, "lat"),
                _float(p, "lon"),
                _int(p, "count"),
                _mentions(p),
            ),
        ),
        organizations=_each(
            obj,
            "organizations",
            lambda o: Organization(_str(o, "name"), _int(o, "count"), _mentions(o)),
        ),
        dates=_each(
            obj,
            "dates",
            lambda d: DateMention(
                _str(d, "text"),
                _int(d, "start"),
                _int(d, "end"),
                _opt(d, "value"),
                _str(d, "granularity"),
                bool(d.get("resolved")),
            ),
        ),
        quotes=_each(
            obj,
            "quotes",
            lambda q: Quote(
                _speaker(q),
                _str(q, "text"),
                _int(q, "start"),
                _int(q, "end"),
                tuple(_strings(q, "speakers")),
                _opt(q, "speaker_description"),
            ),
        ),
        trip=_each(
            obj,
            "trip",
            lambda t: TripLeg(
                tuple(_strings(t, "travellers")),
                _str(t, "place"),
                _opt(t, "date"),
                _str(t, "evidence"),
                bool(t.get("planned", False)),
            ),
        ),
        summary=tuple(_strings(obj, "summary")),
        stats=Stats(*(_int(obj.get("stats"), key) for key in _STATS)),
        dates_anchor=DatesAnchor(_str(anchor, "value"), _str(anchor, "origin"))
        if isinstance(anchor, dict)
        else None,
    )


def _field(obj: object, key: str) -> Any:
    if not isinstance(obj, dict):
        raise ValueError(f"record field holding {key!r} is not an object")
    return obj.get(key)


def _str(obj: object, key: str) -> str:
    value = _field(obj, key)
    if not isinstance(value, str):
        raise ValueError(f"record field {key!r} is not a string")
    return value


def _opt(obj: object, key: str) -> str | None:
    value = _field(obj, key)
    return value if isinstance(value, str) else None


def _int(obj: object, key: str) -> int:
    value = _field(obj, key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"record field {key!r} is not a whole number")
    return value


def _float(obj: object, key: str) -> float | None:
    value = _field(obj, key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _strings(obj: object, key: str) -> list[str]:
    value = _field(obj, key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"record field {key!r} is not a list of strings")
    return value


def _each(obj: object, key: str, make: Callable[[Any], T]) -> tuple[T, ...]:
    value = _field(obj, key) or []
    if not isinstance(value, list):
        raise ValueError(f"record field {key!r} is not a list")
    return tuple(make(item) for item in value)


def _mentions(obj: object) -> tuple[Mention, ...]:
    return _each(
        obj, "mentions", lambda m: Mention(_str(m, "text"), _int(m, "start"), _int(m, "end"))
    )


def _speaker(obj: object) -> str | tuple[str, ...] | None:
    value = _field(obj, "speaker")
    if isinstance(value, list):
        return tuple(_strings(obj, "speaker"))
    return value if isinstance(value, str) else None
