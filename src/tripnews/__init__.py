"""tripnews: raw news articles in, clean structured facts out, by readable rules.

>>> from tripnews import process_text
>>> article = process_text("Blinken arrived in Tokyo on Monday.", source="note.txt")
>>> [p.name for p in article.places]
['Tokyo']

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
]

if TYPE_CHECKING:
    from tripnews.errors import InputError
    from tripnews.model import Article
    from tripnews.pipeline import ingest, process_raw, process_record, process_text


def __getattr__(name: str) -> Any:
    if name in ("ingest", "process_text", "process_raw", "process_record"):
        from tripnews import pipeline

        return getattr(pipeline, name)
    if name == "Article":
        from tripnews.model import Article

        return Article
    if name == "InputError":
        from tripnews.errors import InputError

        return InputError
    raise AttributeError(name)
