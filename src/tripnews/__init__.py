"""tripnews: raw news articles in, clean structured facts out, by readable rules.

>>> from tripnews import process_text
>>> article = process_text("Blinken arrived in Tokyo on Monday.", source="note.txt")
>>> [p.name for p in article.places]
['Tokyo']

``ingest("corpus/")`` yields the records of a folder's articles, and
``write_database("news.db", ingest("corpus/"))`` puts them in an SQLite database.

Heavy modules (gazetteers, patterns) load lazily, so importing this package and
asking ``tripnews --version`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "InputError",
    "__version__",
    "ingest",
    "process_raw",
    "process_record",
    "process_text",
    "write_database",
]

if TYPE_CHECKING:
    from tripnews.errors import InputError
    from tripnews.model import Article
    from tripnews.pipeline import ingest, process_raw, process_record, process_text
    from tripnews.render.database import write_database


def __getattr__(name: str) -> Any:
    if name in ("ingest", "process_text", "process_raw", "process_record"):
        from tripnews import pipeline

        return getattr(pipeline, name)
    if name == "write_database":
        from tripnews.render.database import write_database

        return write_database
    if name == "Article":
        from tripnews.model import Article

        return Article
    if name == "InputError":
        from tripnews.errors import InputError

        return InputError
    raise AttributeError(name)
