"""Digest renderers: JSON-ready dict, Markdown, rich renderables (stub)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from tripnews.digest import Digest


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    return {"stories": [{"articles": [a.source for a in s.articles]} for s in digest.stories]}


def digest_to_markdown(digest: Digest) -> str:
    return "# tripnews digest\n"


def digest_renderables(digest: Digest) -> Iterator[RenderableType]:
    yield Text(f"{len(digest.stories)} stories")
