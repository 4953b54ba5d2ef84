"""The JSON and JSONL writers of a record (``tripnews.record`` is its data form).

The CSV and SQLite forms live beside this module (``csv_row``, ``database``).

>>> from tripnews import process_text
>>> dumps_line(process_text("Hello world."))[:12]
'{"schema":1,'
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from tripnews.model import Article
from tripnews.record import to_record


def dumps_line(article: Article) -> str:
    """One JSONL line (no newline): compact, UTF-8 kept as is, every character escaped safely.

    orjson writes the nested dataclasses itself, in declaration order, byte for byte what
    ``json.dumps(to_record(article), ensure_ascii=False, separators=(",", ":"))`` writes
    at a tenth of the cost: this was a tenth of all ingest time. (The two would part only
    on a float below 1e-4, "0.00001" for "1e-05"; the record's floats are coordinates
    of four decimal places.)
    """
    try:
        return orjson.dumps(_top_level(article)).decode()
    except orjson.JSONEncodeError:
        # what orjson refuses and json writes (an integer beyond 64 bits, a lone
        # surrogate that slipped past the readers): the slow writer, never a lost record
        return json.dumps(to_record(article), ensure_ascii=False, separators=(",", ":"))


def _top_level(article: Article) -> dict[str, Any]:
    """The record's own keys in contract order (``schema`` first), values left as objects."""
    record: dict[str, Any] = {"schema": article.schema}
    for name in _ARTICLE_FIELDS:
        record[name] = getattr(article, name)
    return record


_ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name != "schema")


def dumps_pretty(record: dict[str, Any]) -> str:
    """A record as indented JSON, the form of the golden files."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


@dataclasses.dataclass(frozen=True, slots=True)
class Rendered:
    """An article already written out in the output's form (a JSON record, a CSV row, or
    a database's rows), by the worker process that made it, with what the command line
    still reports of it: workers render in parallel, and a short string crosses between
    processes faster than the article's objects."""

    source: str
    has_text: bool
    body: str  # the article as the output writes it: JSON, or one CSV row
    language: str | None = None
    rows: dict[str, list[tuple[Any, ...]]] | None = None  # table -> rows, for a database


def rendered(article: Article, body: str) -> Rendered:
    """What a worker hands back for ``article`` written out as ``body``."""
    return Rendered(article.source, bool(article.text.strip()), body, article.language)


def render_line(article: Article) -> Rendered:
    """The article as one compact JSONL line (``--format jsonl``)."""
    return rendered(article, dumps_line(article))


def render_indented(article: Article) -> Rendered:
    """The article as indented JSON, an element of the ``--format json`` array."""
    try:
        body = orjson.dumps(_top_level(article), option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        body = json.dumps(to_record(article), ensure_ascii=False, indent=2)
    return rendered(article, body)


def stream_json_array(bodies: Iterable[str]) -> Iterator[str]:
    """Yield the pieces of one JSON array of indented records, a record at a time, so
    nothing is held in memory."""
    first = True
    for body in bodies:
        yield ("[\n" if first else ",\n") + _indent(body)
        first = False
    yield "[]\n" if first else "\n]\n"


def _indent(block: str) -> str:
    return "\n".join("  " + line for line in block.splitlines())
