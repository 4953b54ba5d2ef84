"""One CSV row per article (``--format csv``), for a spreadsheet: RFC 4180 quoting, CRLF
line ends, a header row first.

>>> from tripnews import process_text
>>> csv_header().split(",")[:4]
['id', 'source', 'source_id', 'url']
>>> article = process_text('Officials met in Tokyo and Seoul, "a first".', source="a.txt")
>>> print(csv_line(article).removesuffix("\\r\\n"))
bae73e0225102cbb,a.txt,,,,,,,,Tokyo; Seoul,,"Officials met in Tokyo and Seoul, ""a first""."

Lists (people, places, organizations) are names joined by "; "; the summary's
sentences are joined by a space. Everything else a record holds is in JSONL and SQLite.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from tripnews.model import Article
from tripnews.render.record import Rendered, rendered

CSV_COLUMNS = (
    "id",
    "source",
    "source_id",
    "url",
    "title",
    "publisher",
    "published",
    "language",
    "people",
    "places",
    "organizations",
    "summary",
)
# what joins the names of a list in one cell: a semicolon, since names hold commas
# ("Washington, D.C.") far more often than semicolons
LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula (a title such as
# "=HYPERLINK(...)" would fetch a link when the file is opened); such a cell gets a
# leading apostrophe, which spreadsheets read as "this is text" and do not show.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Only free text is defused. Ids, sources, dates and language codes are join keys (stdin's
# source "-:1", an input's own id "-5") and stay byte for byte, since a key with an
# apostrophe joins nothing; "-:1" or "-5" is text or a number to a spreadsheet, not a call.
FREE_TEXT_COLUMNS = frozenset(
    ("url", "title", "publisher", "people", "places", "organizations", "summary")
)
_FREE_TEXT = tuple(name in FREE_TEXT_COLUMNS for name in CSV_COLUMNS)


def csv_header() -> str:
    """The header row, with its CRLF."""
    out = io.StringIO()
    csv.writer(out).writerow(CSV_COLUMNS)
    return out.getvalue()


def csv_line(article: Article) -> str:
    """The article as one CSV row, with its CRLF; a missing value is an empty cell."""
    return _row(
        (
            article.id,
            article.source,
            article.source_id,
            article.url,
            article.title,
            article.publisher,
            article.published.value if article.published else None,
            article.language,
            LIST_SEPARATOR.join(person.name for person in article.people),
            LIST_SEPARATOR.join(place.name for place in article.places),
            LIST_SEPARATOR.join(org.name for org in article.organizations),
            " ".join(article.summary),
        )
    )


def render_csv(article: Article) -> Rendered:
    """The article as a CSV row, written by the worker that made it (``--format csv``)."""
    return rendered(article, csv_line(article))


def _row(cells: Iterable[str | None]) -> str:
    out = io.StringIO()
    # csv's default dialect is RFC 4180's: fields with a comma, quote or line break are
    # quoted, quotes doubled, rows ended by CRLF
    csv.writer(out).writerow(
        _defused(cell) if free else cell for cell, free in zip(cells, _FREE_TEXT, strict=True)
    )
    return out.getvalue()


def _defused(cell: str | None) -> str | None:
    """The cell as a spreadsheet shows it without running it: ``'=1+1`` for ``=1+1``."""
    return "'" + cell if cell and cell.startswith(FORMULA_STARTS) else cell
