"""Compose the stages: raw input -> cleaned text -> extracted facts -> ``Article``.

>>> from tripnews.pipeline import process_text
>>> process_text("Blinken met Motegi on Monday.").dates[0].value is None
True

Every stage is a pure function of its inputs; this module only wires them and
computes the record's id and stats.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, TypeVar

from tripnews import clean as cleaner
from tripnews import summarize as summariser
from tripnews.errors import InputError
from tripnews.extract import dates, entities, quotes, trip
from tripnews.load import DEFAULT_MAX_BYTES, read_inputs, record_to_raw
from tripnews.model import Article, Cleaned, RawInput, Stats
from tripnews.pubdate import published_day
from tripnews.segment import sentences

_WORD = re.compile(r"\w+")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Settings:
    """Options that change what a record holds; vary them with ``dataclasses.replace``."""

    reference_date: dt.date | None = None
    summary_sentences: int = 3
    max_bytes: int = DEFAULT_MAX_BYTES


DEFAULT_SETTINGS = Settings()


def process_text(
    text: str,
    source: str = "-",
    reference_date: dt.date | None = None,
    summary_sentences: int = 3,
) -> Article:
    """Run the whole pipeline on one plain-text article and return its record."""
    raw = RawInput(source=source, format="text", text=text)
    return process_raw(raw, Settings(reference_date, summary_sentences))


def process_raw(raw: RawInput, settings: Settings = DEFAULT_SETTINGS) -> Article:
    """Run the whole pipeline on one input record (text, HTML or JSON) and return its record."""
    cleaned = cleaner.clean(raw)
    return analyse(raw, cleaned, settings)


def analyse(raw: RawInput, cleaned: Cleaned, settings: Settings) -> Article:
    """Extract every fact from cleaned text; nothing here reads the removed parts."""
    text = cleaned.text
    found = entities.find_entities(text, cleaned.headings, cleaned.dateline)
    anchor = settings.reference_date or _published_day(cleaned)
    date_mentions = dates.tag_dates(text, anchor)
    return Article(
        id=article_id(text),
        source=raw.source,
        format=raw.format,
        title=cleaned.title,
        publisher=cleaned.publisher,
        byline=cleaned.byline,
        published=cleaned.published,
        dateline=cleaned.dateline,
        text=text,
        removed=cleaned.removed,
        people=found.people,
        places=found.places,
        organizations=found.organizations,
        dates=date_mentions,
        quotes=quotes.extract_quotes(text, found.people, found.organizations),
        trip=trip.extract_trip(text, found.people, found.places, date_mentions),
        summary=summariser.summarize(text, settings.summary_sentences, cleaned.headings, found),
        stats=Stats(
            chars_in=len(raw.html or raw.text),
            chars_out=len(text),
            words=len(_WORD.findall(text)),
            sentences=len(sentences(text)),
        ),
    )


def article_id(text: str) -> str:
    """16 hex characters naming the cleaned text: the same story bytes give the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _published_day(cleaned: Cleaned) -> dt.date | None:
    """The publication day as an anchor for relative dates, when the article states one."""
    return published_day(cleaned.published)


def process_record(
    obj: Any,
    source: str | None = None,
    reference_date: dt.date | None = None,
    summary_sentences: int = 3,
) -> dict[str, Any]:
    """One JSON object in (``text``/``html``, ``title``, ``url``, ``date`` as the CLI reads
    them), one record of the contract out, as plain JSON-ready data.

    Pure and picklable, for a distributed engine: ``dask.bag`` maps it over JSONL lines
    (see the README). An input it cannot read gives ``{"source": ..., "error": ...}``
    instead of raising, so one bad record never stops a partition.
    """
    from tripnews.render.record import to_record

    name = source or _record_name(obj)
    item = record_to_raw(obj, name)
    result = process_item(item, Settings(reference_date, summary_sentences))
    if isinstance(result, InputError):
        return {"source": result.source, "error": result.reason}
    return to_record(result)


def _record_name(obj: Any) -> str:
    if isinstance(obj, dict):
        for key in ("id", "url", "source"):
            value = obj.get(key)
            if isinstance(value, str | int) and str(value).strip():
                return str(value)
    return "-"


def process_item(item: RawInput | InputError, settings: Settings) -> Article | InputError:
    """Process one loaded item, turning an unexpected failure into an ``InputError``.

    A rule that breaks on one odd article must not stop a run over a million,
    so any exception from the stages is reported against that input.
    """
    if isinstance(item, InputError):
        return item
    try:
        article = process_raw(item, settings)
    except RecursionError:
        return InputError(item.source, "input is nested too deeply to process")
    except Exception as exc:  # reported per input, never lost
        return InputError(item.source, f"internal error ({type(exc).__name__}: {exc})")
    if not article.text.strip() and article.title is None and article.published is None:
        # a page of scripts or links only, or a scrape that was all boilerplate: nothing
        # to record (a page with a title or date is kept, and the CLI warns of its text)
        return InputError(item.source, NO_TEXT)
    return article


NO_TEXT = "no article text found (only markup, links or boilerplate)"


def ingest(
    paths: Iterable[str],
    settings: Settings = DEFAULT_SETTINGS,
    stdin: IO[bytes] | None = None,
    on_warning: Callable[[str], None] | None = None,
    workers: int = 1,
) -> Iterator[Article | InputError]:
    """Yield a record (or an ``InputError``) per article found under ``paths``, in input order.

    With ``workers > 1`` the articles are processed in a pool of processes; the
    output is the same, in the same order, as with one.
    """
    return ingest_finished(paths, as_article, settings, stdin, on_warning, workers)


def as_article(article: Article) -> Article:
    return article


def ingest_finished(
    paths: Iterable[str],
    finish: Callable[[Article], T],
    settings: Settings = DEFAULT_SETTINGS,
    stdin: IO[bytes] | None = None,
    on_warning: Callable[[str], None] | None = None,
    workers: int = 1,
) -> Iterator[T | InputError]:
    """``ingest``, with ``finish`` applied to each article where it is made: in the worker
    process, so that rendering runs in parallel too. ``finish`` must be a module-level
    function (it is sent to the workers)."""
    items = _warned(read_inputs(paths, stdin=stdin, max_bytes=settings.max_bytes), on_warning)
    if workers <= 1:
        for item in items:
            yield finished(process_item(item, settings), finish)
        return
    from tripnews.parallel import FILE_BATCH, process_in_pool

    # a pipe may deliver articles slowly: send each on at once, so its record is not
    # held back waiting for a batch to fill
    batch_size = 1 if stdin is not None else FILE_BATCH
    yield from process_in_pool(items, settings, workers, finish, batch_size)


def finished(result: Article | InputError, finish: Callable[[Article], T]) -> T | InputError:
    return result if isinstance(result, InputError) else finish(result)


def _warned(
    items: Iterable[RawInput | InputError], on_warning: Callable[[str], None] | None
) -> Iterator[RawInput | InputError]:
    for item in items:
        if on_warning is not None and isinstance(item, RawInput):
            for warning in item.warnings:
                on_warning(warning)
        yield item
