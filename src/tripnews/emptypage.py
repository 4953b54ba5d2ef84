"""Why a page gave no article: a bot challenge, or a shell whose text a script draws.

Read only for a page that yielded no text, so it costs ordinary pages nothing. A user
who sees "no article text found" on a page that opens fine in a browser needs to know
that the fetch got a challenge or an empty shell, and that fetching it again another way
(a browser, a rendering service) is the remedy, not a bug report.

>>> why_empty('<html><title>Just a moment...</title><body></body></html>')
'no article: the page is a bot challenge (fetch it with a browser)'
>>> why_empty('<html><body><div id="root"></div><script src="a.js"></script></body></html>')
'no article: the page is a script shell (a script draws its text; none is run)'
>>> why_empty('<html><body><p></p></body></html>') is None
True
"""

from __future__ import annotations

from functools import cache

from tripnews.rules import load_table

BOT_CHALLENGE = "no article: the page is a bot challenge (fetch it with a browser)"
SCRIPT_SHELL = "no article: the page is a script shell (a script draws its text; none is run)"
_MESSAGES = {"challenge": BOT_CHALLENGE, "shell": SCRIPT_SHELL}
# Walls and shells put their marks near the top; a long page is no wall.
_READ_CHARS = 300_000


def why_empty(markup: str) -> str | None:
    """What kind of page ``markup`` is when it holds no article, or None when it shows no
    mark of one (then it is simply empty, or all links and boilerplate)."""
    lowered = " ".join(markup[:_READ_CHARS].lower().split())
    lowered = lowered.replace("> <", "><")  # "<div id=root> </div>" is still an empty mount
    for kind, markers in _markers():
        if any(marker in lowered for marker in markers):
            return _MESSAGES[kind]
    return None


@cache
def _markers() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(kind, markers) in the file's order of kinds: a challenge before a shell."""
    kinds: dict[str, list[str]] = {}
    for kind, marker in load_table("empty_pages"):
        kinds.setdefault(kind, []).append(marker)
    return tuple((kind, tuple(markers)) for kind, markers in kinds.items())
