"""``Article`` -> JSON-ready dict in contract key order, and the JSON/JSONL writers.

>>> import json
>>> from tripnews import process_text
>>> list(to_record(process_text("Hello world.")))[:3]
['schema', 'id', 'source']
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import Any

from tripnews.model import Article


def to_record(article: Article) -> dict[str, Any]:
    """The article as the contract's dict: ``schema`` first, then fields in declaration order."""
    record: dict[str, Any] = {"schema": article.schema}
    for field in dataclasses.fields(article):
        if field.name != "schema":
            record[field.name] = _plain(getattr(article, field.name))
    return record


def _plain(value: Any) -> Any:
    """Dataclasses to dicts and tuples to lists, recursively, keeping field order."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    return value


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, looked up once per class (records hold thousands)."""
    if kind not in _FIELD_NAMES:
        fields = dataclasses.fields(kind) if dataclasses.is_dataclass(kind) else None
        _FIELD_NAMES[kind] = None if fields is None else tuple(f.name for f in fields)
    return _FIELD_NAMES[kind]


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def dumps_line(article: Article) -> str:
    """One JSONL line (no newline): compact, UTF-8 kept as is, every character escaped safely."""
    return json.dumps(to_record(article), ensure_ascii=False, separators=(",", ":"))


def dumps_pretty(record: dict[str, Any]) -> str:
    """A record as indented JSON, the form of the golden files."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def stream_json_array(articles: Iterable[Article]) -> Iterator[str]:
    """Yield the pieces of one JSON array, a record at a time, so nothing is held in memory."""
    first = True
    for article in articles:
        body = json.dumps(to_record(article), ensure_ascii=False, indent=2)
        yield ("[\n" if first else ",\n") + _indent(body)
        first = False
    yield "[]\n" if first else "\n]\n"


def _indent(block: str) -> str:
    return "\n".join("  " + line for line in block.splitlines())
