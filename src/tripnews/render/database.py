"""Records into an SQLite database (``--format sqlite -o FILE``), for analysts who query.

>>> import sqlite3, tempfile, os
>>> from tripnews import process_text
>>> path = os.path.join(tempfile.mkdtemp(), "news.db")
>>> with Database(path) as db:
...     db.add(process_text("Blinken arrived in Tokyo on Monday.", source="a.txt"))
>>> with sqlite3.connect(path) as con:
...     con.execute("select name, country from places").fetchall()
[('Tokyo', 'JP')]

One row per article in ``articles`` (scalar fields as columns, the text included), one
row per entity, mention, date, quote and trip leg in their own tables, each keyed to
``articles.id``; ``articles_fts`` indexes title and text for full-text search. Writing
into an existing database replaces an article of the same id (with all its rows), so a
second run over the same files keeps one row per article. Articles are written in one
transaction per batch: an interrupted run leaves whole articles only. An article whose
values cannot be stored raises ``ArticleWriteError`` and leaves the batch as it was. The
file is in write-ahead-log mode (``news.db-wal`` beside it while it is open), so readers
and a run do not lock each other out.

Uses the standard library's ``sqlite3`` alone; no server.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from tripnews.model import Article, Mention
from tripnews.render.record import Rendered

# PRAGMA user_version of a database this module made: a file with tables and another
# version is someone else's, and is refused rather than written into.
LAYOUT_VERSION = 1
# A transaction closes after this many articles: large enough that commits cost nothing
# next to the pipeline. (Articles from a pipe are committed one by one, so each is in
# the database as soon as it is done, as a JSONL line is flushed.)
BATCH_ARTICLES = 200

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,  -- internal: the full-text index's row number
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    source_id TEXT,
    url TEXT,
    format TEXT NOT NULL,
    language TEXT,
    title TEXT,
    publisher TEXT,
    byline TEXT,
    published TEXT,
    published_text TEXT,
    published_origin TEXT,
    dateline_place TEXT,
    dateline_text TEXT,
    text TEXT NOT NULL,
    summary TEXT NOT NULL,  -- JSON array of sentences
    removed TEXT NOT NULL,  -- JSON array of {"kind", "text"}
    chars_in INTEGER NOT NULL,
    chars_out INTEGER NOT NULL,
    words INTEGER NOT NULL,
    sentences INTEGER NOT NULL,
    schema INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS people (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    roles TEXT NOT NULL,  -- JSON array
    count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS organizations (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,  -- person | place | organization
    entity TEXT NOT NULL,  -- the name in people, places or organizations
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dates (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    value TEXT,
    granularity TEXT NOT NULL,
    resolved INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker TEXT,  -- one name, or a joint statement's names joined by "; "
    speakers TEXT NOT NULL,  -- JSON array of names
    description TEXT,  -- how the text describes an unnamed speaker, where known
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS trip_legs (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    travellers TEXT NOT NULL,  -- JSON array of names
    place TEXT NOT NULL,
    date TEXT,
    planned INTEGER NOT NULL,
    evidence TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_source_id ON articles (source_id);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE INDEX IF NOT EXISTS people_article ON people (article_id);
CREATE INDEX IF NOT EXISTS people_name ON people (name);
CREATE INDEX IF NOT EXISTS places_article ON places (article_id);
CREATE INDEX IF NOT EXISTS places_name ON places (name);
CREATE INDEX IF NOT EXISTS organizations_article ON organizations (article_id);
CREATE INDEX IF NOT EXISTS organizations_name ON organizations (name);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
CREATE INDEX IF NOT EXISTS dates_article ON dates (article_id);
CREATE INDEX IF NOT EXISTS dates_value ON dates (value);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker);
CREATE INDEX IF NOT EXISTS trip_legs_article ON trip_legs (article_id);
CREATE INDEX IF NOT EXISTS trip_legs_place ON trip_legs (place);
"""

# the columns each table is written with, in the order ``article_rows`` gives them
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "source", "source_id", "url", "format", "language", "title", "publisher",
        "byline", "published", "published_text", "published_origin", "dateline_place",
        "dateline_text", "text", "summary", "removed", "chars_in", "chars_out", "words",
        "sentences", "schema",
    ),
    "people": ("article_id", "name", "roles", "count"),
    "places": ("article_id", "name", "kind", "country", "lat", "lon", "count"),
    "organizations": ("article_id", "name", "count"),
    "mentions": ("article_id", "kind", "entity", "start", "end", "text"),
    "dates": ("article_id", "text", "start", "end", "value", "granularity", "resolved"),
    "quotes": ("article_id", "speaker", "speakers", "description", "text", "start", "end"),
    "trip_legs": ("article_id", "travellers", "place", "date", "planned", "evidence"),
}  # fmt: skip
_INSERT = {
    table: f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    for table, columns in COLUMNS.items()
}

Rows = dict[str, list[tuple[Any, ...]]]


class DatabaseError(Exception):
    """The database cannot be opened or written (one line, naming the file)."""


class ArticleWriteError(DatabaseError):
    """One article's rows could not be stored (a lone surrogate in a field, a number too
    large for SQLite); its rows are taken back and the database stays open for the next,
    so a caller counts one failed input and goes on."""


# What one article's values can raise when they are bound: the article's fault, not the
# database's (a full disk or a locked file stays a DatabaseError that ends the run).
_ARTICLE_FAULTS = (
    UnicodeError,
    OverflowError,
    sqlite3.InterfaceError,
    sqlite3.DataError,
    sqlite3.IntegrityError,
)


def article_rows(article: Article) -> Rows:
    """The rows that hold ``article``, table by table: pure, so a worker process makes them."""
    key = article.id
    mentions = [
        *_mention_rows(key, "person", ((p.name, p.mentions) for p in article.people)),
        *_mention_rows(key, "place", ((p.name, p.mentions) for p in article.places)),
        *_mention_rows(key, "organization", ((o.name, o.mentions) for o in article.organizations)),
    ]
    return {
        "articles": [_article_row(article)],
        "people": [(key, p.name, _json(list(p.roles)), p.count) for p in article.people],
        "places": [(key, p.name, p.kind, p.country, p.lat, p.lon, p.count) for p in article.places],
        "organizations": [(key, o.name, o.count) for o in article.organizations],
        "mentions": mentions,
        "dates": [
            (key, d.text, d.start, d.end, d.value, d.granularity, int(d.resolved))
            for d in article.dates
        ],
        "quotes": [_quote_row(key, quote) for quote in article.quotes],
        "trip_legs": [
            (key, _json(list(leg.travellers)), leg.place, leg.date, int(leg.planned), leg.evidence)
            for leg in article.trip
        ],
    }


def _article_row(article: Article) -> tuple[Any, ...]:
    published, dateline, stats = article.published, article.dateline, article.stats
    removed = [{"kind": block.kind, "text": block.text} for block in article.removed]
    return (
        article.id,
        article.source,
        article.source_id,
        article.url,
        article.format,
        article.language,
        article.title,
        article.publisher,
        article.byline,
        published.value if published else None,
        published.text if published else None,
        published.origin if published else None,
        dateline.place if dateline else None,
        dateline.text if dateline else None,
        article.text,
        _json(list(article.summary)),
        _json(removed),
        stats.chars_in,
        stats.chars_out,
        stats.words,
        stats.sentences,
        article.schema,
    )


def _mention_rows(
    key: str, kind: str, entities: Iterable[tuple[str, tuple[Mention, ...]]]
) -> list[tuple[Any, ...]]:
    return [(key, kind, name, m.start, m.end, m.text) for name, ms in entities for m in ms]


def _quote_row(key: str, quote: Any) -> tuple[Any, ...]:
    speaker = quote.speaker
    names = [speaker] if isinstance(speaker, str) else list(speaker or ())
    speakers = getattr(quote, "speakers", None) or names
    description = getattr(quote, "speaker_description", None)
    joined = "; ".join(names) or None
    return (key, joined, _json(list(speakers)), description, quote.text, quote.start, quote.end)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render_rows(article: Article) -> Rendered:
    """The article as database rows, made by the worker that made it (``--format sqlite``)."""
    return Rendered(
        article.source, bool(article.text.strip()), "", article.language, article_rows(article)
    )


class Database:
    """An SQLite file that records are written into, batch by batch; use it as a context
    manager so the last batch is committed (or, on an error, rolled back) and the file
    closed. ``add`` takes an ``Article``; ``add_rows`` takes rows made by ``article_rows``.
    """

    def __init__(self, path: str, batch: int = BATCH_ARTICLES) -> None:
        self.path = path
        self.batch = batch
        try:
            self._con = sqlite3.connect(path, isolation_level=None)
            self._prepare()
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot write {path}: {exc}") from None
        self._pending = 0

    def _prepare(self) -> None:
        con = self._con
        con.execute("PRAGMA foreign_keys = ON")  # deleting an article deletes its rows
        # write-ahead logging: a reader with a query open (an analyst's session) does not
        # stop a run from committing, nor the run the reader. The mode stays with the
        # file; switching needs the file to itself for a moment, and when a reader holds
        # it the old journal still works, only less freely, so that is no error.
        with contextlib.suppress(sqlite3.OperationalError):
            con.execute("PRAGMA journal_mode = WAL")
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version != LAYOUT_VERSION and (version or tables):
            raise sqlite3.DatabaseError(
                "it holds other tables (not a tripnews database of this version)"
            )
        con.executescript(f"BEGIN; {SCHEMA_SQL} PRAGMA user_version = {LAYOUT_VERSION}; COMMIT;")

    def add(self, article: Article) -> None:
        """Write one article, replacing an article of the same id already there."""
        self.add_rows(article_rows(article))

    def add_rows(self, rows: Rows) -> None:
        """Write one article's rows (from ``article_rows``) as a whole."""
        con = self._con
        try:
            if not con.in_transaction:
                con.execute("BEGIN")
            con.execute("SAVEPOINT article")
            try:
                (article,) = rows["articles"]
                con.execute("DELETE FROM articles WHERE id = ?", (article[0],))
                for table, table_rows in rows.items():
                    if table_rows:
                        con.executemany(_INSERT[table], table_rows)
            except BaseException:
                # an error or Ctrl-C halfway through an article takes back its rows, so
                # what is committed holds whole articles only
                con.execute("ROLLBACK TO article")
                raise
            finally:
                con.execute("RELEASE article")
        except _ARTICLE_FAULTS as exc:
            name = rows["articles"][0][1] if rows.get("articles") else "an article"
            raise ArticleWriteError(
                f"cannot write {name} into {self.path}: {_one_line(exc)}"
            ) from None
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot write {self.path}: {exc}") from None
        self._pending += 1
        if self._pending >= self.batch:
            self.commit()

    def commit(self) -> None:
        """Make every article added so far permanent."""
        if self._con.in_transaction:
            try:
                self._con.execute("COMMIT")
            except sqlite3.Error as exc:
                raise DatabaseError(f"cannot write {self.path}: {exc}") from None
        self._pending = 0

    def close(self, commit: bool = True) -> None:
        """Commit the last batch (or drop it, with ``commit=False``) and close the file."""
        try:
            if commit:
                self.commit()
            elif self._con.in_transaction:
                self._con.execute("ROLLBACK")
        finally:
            self._con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # Ctrl-C keeps the whole articles written so far, and so does one article that
        # could not be stored (its rows are already taken back); any other error drops
        # the unfinished batch, since it may be what went wrong
        self.close(commit=kind is None or issubclass(kind, (KeyboardInterrupt, ArticleWriteError)))


def write_database(path: str, articles: Iterable[Article]) -> int:
    """Write ``articles`` into the SQLite file at ``path`` and return how many were written.

    ``write_database("news.db", tripnews.ingest("seeds"))`` skips the ``InputError`` items
    ``ingest`` yields for inputs it could not read, and an article whose rows cannot be
    stored (not counted: compare the count with the articles given).
    """
    count = 0
    with Database(path) as db:
        for article in articles:
            if isinstance(article, Article):
                try:
                    db.add(article)
                except ArticleWriteError:
                    continue
                count += 1
    return count


def _one_line(error: BaseException) -> str:
    """A value error as one short line: a UnicodeEncodeError quotes the whole field."""
    if isinstance(error, UnicodeError) and hasattr(error, "reason"):
        return f"{type(error).__name__}: {error.reason}"
    return f"{type(error).__name__}: {error}"
