"""An ``Article`` as the contract's plain data: a dict in contract key order, nested
dataclasses as dicts and tuples as lists (``tripnews.restore`` reads it back).

It is the record's data form, not a rendering: the pipeline's ``process_record`` returns
it, and every writer in ``render/`` starts from it or writes the same bytes.

>>> from tripnews import process_text
>>> list(to_record(process_text("Hello world.")))[:3]
['schema', 'id', 'source']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
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
    kind = type(value)
    convert = _CONVERTERS.get(kind)
    if convert is None:
        convert = _CONVERTERS[kind] = _converter(kind)
    return convert(value)


def _converter(kind: type) -> Callable[[Any], Any]:
    """How to make plain data of one type, chosen once per type: a record holds thousands
    of values, and a dict lookup by type is cheaper than a chain of isinstance tests."""
    if issubclass(kind, tuple | list):
        return lambda value: [_plain(item) for item in value]
    if dataclasses.is_dataclass(kind):
        names = tuple(field.name for field in dataclasses.fields(kind))
        return lambda value: {name: _plain(getattr(value, name)) for name in names}
    return _as_is  # str, numbers, booleans, None: JSON already


def _as_is(value: Any) -> Any:
    return value


_CONVERTERS: dict[type, Callable[[Any], Any]] = {}
