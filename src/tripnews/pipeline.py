"""Compose the stages: raw input -> cleaned text -> extracted facts -> ``Article``.

>>> from tripnews.pipeline import process_text
>>> process_text("Blinken met Motegi on Monday.").dates[0].value is None
True

Every stage is a pure function of its inputs; this module only wires them and
computes the record's id and stats.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, TypeVar

from tripnews import clean as cleaner
from tripnews import summarize as summariser
from tripnews.clean.text import beyond_ascii
from tripnews.emptypage import BOT_CHALLENGE, why_empty
from tripnews.errors import InputError
from tripnews.extract import dates, entities, quotes, trip
from tripnews.language import identify, is_english
from tripnews.load import DEFAULT_MAX_BYTES, read_inputs, record_to_raw
from tripnews.model import (
    Article,
    Cleaned,
    DateMention,
    DatesAnchor,
    Organization,
    Person,
    Place,
    Quote,
    RawInput,
    Stats,
    TripLeg,
)
from tripnews.pubdate import published_day
from tripnews.segment import sentences

_WORD = re.compile(r"\w+")
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
# A text with each word byte ([A-Za-z0-9_], what \w matches in ASCII) as b"a" and every
# other byte as b" ": its words are the places where " a" starts a run, counted in C
# without a match object or a string per word. Non-ASCII characters become b"?" first,
# which is exact while none of them is a word character (curly quotes and dashes are not).
_WORD_BYTES = (
    bytes(ord("a") if chr(code).isalnum() or chr(code) == "_" else ord(" ") for code in range(128))
    + b" " * 128
)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Settings:
    """Options that change what a record holds; vary them with ``dataclasses.replace``."""

    reference_date: dt.date | None = None
    summary_sentences: int = 3
    max_bytes: int = DEFAULT_MAX_BYTES
    # the day of the run, when the caller knows it: a page dated more than a year after it
    # states a placeholder or a typo, not its date (the library never reads the clock)
    today: dt.date | None = None
    # tripnews' own JSON records are taken as they are, not extracted again (digest)
    records_as_records: bool = False


DEFAULT_SETTINGS = Settings()


def process_text(
    text: str,
    source: str = "-",
    reference_date: dt.date | None = None,
    summary_sentences: int = 3,
) -> Article:
    """Run the whole pipeline on one plain-text article and return its record.

    >>> article = process_text("Blinken arrived in Tokyo on Monday.", source="note.txt")
    >>> [place.name for place in article.places], article.dates[0].text
    (['Tokyo'], 'Monday')
    >>> process_text("Blinken arrived in Tokyo on Monday.",
    ...              reference_date=dt.date(2021, 3, 14)).dates[0].value
    '2021-03-08'
    """
    raw = RawInput(source=source, format="text", text=text)
    return process_raw(raw, Settings(reference_date, summary_sentences))


def process_raw(raw: RawInput, settings: Settings = DEFAULT_SETTINGS) -> Article:
    """Run the whole pipeline on one input record (text, HTML or JSON) and return its record."""
    cleaned = cleaner.clean(raw)
    return analyse(raw, cleaned, settings)


def analyse(raw: RawInput, cleaned: Cleaned, settings: Settings) -> Article:
    """Extract every fact from cleaned text; nothing here reads the removed parts.

    The English rules (people, organizations, dates, quotes, trip legs, summary) read
    only English text, or text too short to tell; an article in another language keeps
    its text, title, publication date, and the places the gazetteer knows in it.
    """
    cleaned = _without_future_date(cleaned, settings.today)
    text = cleaned.text
    language = identify(text)
    # the article's own date always wins: the caller's reference date is only for
    # articles that state none
    dates_anchor = _dates_anchor(_published_day(cleaned), settings.reference_date)
    anchor = None if dates_anchor is None else dt.date.fromisoformat(dates_anchor.value)
    facts = (
        _english_facts(text, cleaned, settings, anchor)
        if is_english(language)
        else _places_only(text)
    )
    return Article(
        id=article_id(text, cleaned, (raw.meta.get("id"), raw.meta.get("url"), raw.source)),
        source=raw.source,
        source_id=raw.meta.get("id"),
        url=record_url(raw.meta.get("url"), cleaned.url),
        format=raw.format,
        language=language,
        title=cleaned.title,
        publisher=cleaned.publisher,
        byline=cleaned.byline,
        published=cleaned.published,
        dateline=cleaned.dateline,
        text=text,
        removed=cleaned.removed,
        people=facts.people,
        places=facts.places,
        organizations=facts.organizations,
        dates=facts.dates,
        quotes=facts.quotes,
        trip=facts.trip,
        summary=facts.summary,
        stats=Stats(
            chars_in=len(raw.html or raw.text),
            chars_out=len(text),
            words=_count_words(text),
            sentences=len(sentences(text)),
        ),
        dates_anchor=dates_anchor,
    )


def _count_words(text: str) -> int:
    """How many ``\\w+`` runs ``text`` has: ``_count_words("It's 9 a.m.") == 5``."""
    if not text.isascii() and _NON_ASCII_WORD.search(beyond_ascii(text)) is not None:
        # a letter beyond ASCII ("é") becomes an ASCII one, one character for one, so the
        # runs stay as they are and the count below is still made in C
        text = _NON_ASCII_WORD.sub("a", text)
    ascii_text = text.encode("ascii", "replace")
    return (b" " + ascii_text.translate(_WORD_BYTES)).count(b" a")


def _dates_anchor(published: dt.date | None, reference: dt.date | None) -> DatesAnchor | None:
    """What relative dates count from, with its provenance: the article's own date, else
    the caller's reference date, else nothing (they stay unresolved)."""
    if published is not None:
        return DatesAnchor(published.isoformat(), "published")
    if reference is not None:
        return DatesAnchor(reference.isoformat(), "reference-date")
    return None


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the extractors found in one article's text."""

    people: tuple[Person, ...] = ()
    places: tuple[Place, ...] = ()
    organizations: tuple[Organization, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    trip: tuple[TripLeg, ...] = ()
    summary: tuple[str, ...] = ()


def _english_facts(
    text: str, cleaned: Cleaned, settings: Settings, anchor: dt.date | None
) -> _Facts:
    found = entities.find_entities(text, cleaned.headings, cleaned.dateline)
    date_mentions = dates.tag_dates(text, anchor)
    return _Facts(
        people=found.people,
        places=found.places,
        organizations=found.organizations,
        dates=date_mentions,
        quotes=quotes.extract_quotes(text, found.people, found.organizations),
        trip=trip.extract_trip(text, found.people, found.places, date_mentions),
        summary=summariser.summarize(text, settings.summary_sentences, cleaned.headings, found),
    )


def _places_only(text: str) -> _Facts:
    """A text in another language: the gazetteer's places, nothing the English rules read.
    (Its capitalised nouns would be taken for names: "Am Donnerstag" as a person.)"""
    return _Facts(places=entities.find_entities(text).places)


def record_url(given: Any, page: str | None) -> str | None:
    """The article's address: the input's own ``url`` field as it stands (it is what joins
    the record back to its source), else the page's canonical link or og:url when that is
    an absolute http(s) address; a relative link names no site, so it gives nothing.

    >>> record_url(None, "https://example.org/news/1")
    'https://example.org/news/1'
    >>> record_url("https://example.org/a?id=2", "https://example.org/b")
    'https://example.org/a?id=2'
    >>> record_url(None, "/news/2") is None
    True
    """
    if isinstance(given, str) and given.strip():
        return given.strip()
    if page is not None and page.strip().lower().startswith(("http://", "https://")):
        return page.strip()
    return None


def article_id(text: str, cleaned: Cleaned | None = None, origin: tuple[Any, ...] = ()) -> str:
    """16 hex characters naming the cleaned text: the same story bytes give the same id.

    A page whose body yields no text is named by its title, its date and where it came
    from instead: every such page would otherwise share the id of the empty text, and
    two "Subscribe to read" pages with the same title and no date would still share
    one, so a database keyed by id would keep only the last of them. ``origin`` is what
    names the input, strongest first (its own id, its url, the file or line it was read
    from); the first one given is used, so reading the same input again gives the same id.

    >>> article_id("Talks opened.")
    '89ae315a04cba3cf'
    >>> article_id("", Cleaned(text="", title="Subscribe"), ("7", None, "a.jsonl:1")) != (
    ...     article_id("", Cleaned(text="", title="Subscribe"), ("8", None, "a.jsonl:2")))
    True
    """
    if not text.strip() and cleaned is not None:
        published = cleaned.published.value if cleaned.published else ""
        where = next((str(part) for part in origin if part not in (None, "")), "")
        text = f"\x00{cleaned.title or ''}\x00{published}\x00{where}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# A publication day this many days after the run's is no publication day.
MAX_DAYS_AHEAD = 366


def _without_future_date(cleaned: Cleaned, today: dt.date | None) -> Cleaned:
    """``cleaned`` without a publication date that lies over a year after ``today``."""
    day = published_day(cleaned.published)
    if today is None or day is None or (day - today).days <= MAX_DAYS_AHEAD:
        return cleaned
    return dataclasses.replace(cleaned, published=None)


def _published_day(cleaned: Cleaned) -> dt.date | None:
    """The publication day as an anchor for relative dates, when the article states one."""
    return published_day(cleaned.published)


def process_record(
    obj: Any,
    source: str | None = None,
    reference_date: dt.date | None = None,
    summary_sentences: int = 3,
) -> dict[str, Any]:
    """One JSON object in (``text``/``html``, ``title``, ``url``, ``date``, ``id`` as the
    CLI reads them), one record of the contract out, as plain JSON-ready data.

    >>> record = process_record({"id": 7, "url": "https://example.org/a",
    ...                          "text": "Blinken arrived in Tokyo on Monday."})
    >>> record["source_id"], record["url"], [p["name"] for p in record["places"]]
    ('7', 'https://example.org/a', ['Tokyo'])
    >>> process_record({"title": "no text"})["error"]
    'JSON record has no article text (text/maintext/content/html)'

    Pure and picklable, for a distributed engine: ``dask.bag`` maps it over JSONL lines
    (see the README). An input it cannot read gives ``{"source": ..., "error": ...}``
    instead of raising, so one bad record never stops a partition.
    """
    from tripnews.record import to_record

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
    if settings.records_as_records and "record" in item.meta:
        return _restored(item)
    try:
        article = process_raw(item, settings)
    except RecursionError:
        return InputError(item.source, "input is nested too deeply to process")
    except Exception as exc:  # reported per input, never lost
        return InputError(item.source, f"internal error ({type(exc).__name__}: {exc})")
    if article.text.strip():
        return article
    wall = _why_empty(item)
    if wall == BOT_CHALLENGE:
        return InputError(item.source, wall)  # its title is the wall's ("Just a moment...")
    if article.title is None and article.published is None:
        # a page of scripts or links only, or a scrape that was all boilerplate: nothing
        # to record (a page with a title or date is kept, and the CLI warns of its text)
        return InputError(item.source, wall or NO_TEXT)
    return article


def _why_empty(item: RawInput) -> str | None:
    """Why a page gave no text, when its markup says: a bot challenge, a script shell."""
    markup = item.html or (item.text if item.format == "html" else None)
    return None if markup is None else why_empty(markup)


def _restored(item: RawInput) -> Article | InputError:
    from tripnews.restore import article_from_record

    try:
        return article_from_record(item.meta["record"])
    except ValueError as exc:
        return InputError(item.source, f"not a valid tripnews record ({exc})")


NO_TEXT = "no article text found (only markup, links or boilerplate)"


def language_note(language: str | None) -> str | None:
    """What to tell the user about an article's language, when it is not English: only
    the text, title, date and places were read.

    >>> language_note("de")
    'language de: text, title, date and places only (the other rules read English)'
    >>> language_note("en") is None and language_note(None) is None
    True
    """
    if is_english(language):
        return None
    return f"language {language}: text, title, date and places only (the other rules read English)"


# One path or many: a lone string is one path, never a sequence of one-letter paths.
PathArgs = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def path_list(paths: PathArgs) -> list[str]:
    """``paths`` as a list of path strings.

    >>> from pathlib import Path
    >>> path_list("seeds"), path_list(["a.txt", Path("b.html")])
    (['seeds'], ['a.txt', 'b.html'])
    """
    if isinstance(paths, str | os.PathLike):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


def ingest(
    paths: PathArgs,
    settings: Settings = DEFAULT_SETTINGS,
    stdin: IO[bytes] | None = None,
    on_warning: Callable[[str], None] | None = None,
    workers: int = 1,
) -> Iterator[Article | InputError]:
    """Yield a record (or an ``InputError``) per article found under ``paths``, in input order.

    ``paths`` is one path (a string or a ``Path``: a file, a folder read recursively, or
    a glob pattern) or an iterable of them. With ``workers > 1`` the articles are
    processed in a pool of processes; the output is the same, in the same order, as with
    one.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "note.txt").write_text("Blinken arrived in Tokyo on Monday.")
    >>> [(article.language, article.places[0].name) for article in ingest(folder)]
    [(None, 'Tokyo')]

    ``ingest("seeds")`` yields the five seed articles, ``ingest(["a.html", "b/"])`` those
    of a file and a folder.
    """
    return ingest_finished(paths, as_article, settings, stdin, on_warning, workers)


def as_article(article: Article) -> Article:
    return article


def ingest_finished(
    paths: PathArgs,
    finish: Callable[[Article], T],
    settings: Settings = DEFAULT_SETTINGS,
    stdin: IO[bytes] | None = None,
    on_warning: Callable[[str], None] | None = None,
    workers: int = 1,
) -> Iterator[T | InputError]:
    """``ingest``, with ``finish`` applied to each article where it is made: in the worker
    process, so that rendering runs in parallel too. ``finish`` must be a module-level
    function (it is sent to the workers)."""
    inputs = read_inputs(path_list(paths), stdin=stdin, max_bytes=settings.max_bytes)
    items = _warned(inputs, on_warning)
    if workers <= 1:
        for item in items:
            yield finished(process_item(item, settings), finish)
        return
    from tripnews.parallel import FILE_BATCH, process_in_pool

    # a pipe may deliver articles slowly: send each on at once, so its record is not
    # held back waiting for a batch to fill
    batch_size = 1 if stdin is not None else FILE_BATCH
    work = functools.partial(_finished_item, settings, finish)
    yield from process_in_pool(items, work, workers, warm_up, batch_size)


def finished(result: Article | InputError, finish: Callable[[Article], T]) -> T | InputError:
    return result if isinstance(result, InputError) else finish(result)


def _finished_item(
    settings: Settings, finish: Callable[[Article], T], item: RawInput | InputError
) -> T | InputError:
    """What a worker does with one item (module level, so that it pickles)."""
    return finished(process_item(item, settings), finish)


def warm_up() -> None:
    """Load every gazetteer and pattern table once, by processing a tiny article."""
    process_text("President Joe Biden met Kim Jong Un in Hanoi on Monday, March 4, 2019.")


def _warned(
    items: Iterable[RawInput | InputError], on_warning: Callable[[str], None] | None
) -> Iterator[RawInput | InputError]:
    for item in items:
        if on_warning is not None and isinstance(item, RawInput):
            for warning in item.warnings:
                on_warning(warning)
        yield item
