"""The one sanitiser for everything tripnews writes to a terminal.

Article text, titles, names and file names come from strangers. Written raw to a
terminal, an escape sequence in them can set the clipboard (OSC 52), the window
title (OSC 0), hide a link (OSC 8), move the cursor or clear the screen, and a
right-to-left override can make a name read backwards. ``safe`` removes all of
these and keeps the words:

>>> safe("Rome\\x1b]0;pwned\\x07 talks \\u202eevil")
'Rome talks evil'

``SafeConsole`` applies it to every piece of text a rich renderable prints, so a
view built by any renderer is safe however it was put together, and it lets a
closed pipe reach the caller (rich would exit with status 1 on its own).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rich.console import Console
from rich.segment import Segment

if TYPE_CHECKING:
    from rich.console import ConsoleOptions, RenderableType

# ESC-introduced sequences: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \, or
# cut short), and any other ESC + one character (ESC P, ESC _, ESC 7 ...). Unbounded
# repeats here cannot backtrack: each class excludes what may follow it.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)?", re.DOTALL)
# Every other C0 and C1 control but tab and newline (C1 CSI \x9b and OSC \x9d too: their
# payload stays behind as plain text, which a terminal only prints), and the
# bidirectional embeddings, overrides and isolates that reorder what follows them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Text with escape sequences, control characters and bidi overrides removed
    (tab and newline stay)."""
    if _CONTROL.search(text) is None:  # the common case: one scan, nothing to remove
        return text
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def one_line(text: str) -> str:
    """A name or message made safe for one terminal line: newlines shown as ``\\n``.

    >>> one_line("new\\nline.txt")
    'new\\\\nline.txt'
    """
    return safe(text.replace("\n", "\\n").replace("\r", "\\r"))


class SafeConsole(Console):
    """A rich ``Console`` whose renderables' text is sanitised as it is printed.

    Rich's own styling and cursor control travel in styles and control segments, not in
    the text, so they are kept; only what the renderables were given is scrubbed.
    """

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        return _scrubbed(super().render(renderable, options))

    def on_broken_pipe(self) -> None:
        # rich's default is to exit with status 1; a closed pipe is the reader's choice,
        # which the command line ends quietly with status 0 (as for JSON)
        self.quiet = True
        raise BrokenPipeError


def _scrubbed(segments: Iterable[Segment]) -> Iterator[Segment]:
    for segment in segments:
        if segment.control or _CONTROL.search(segment.text) is None:
            yield segment
        else:
            yield Segment(safe(segment.text), segment.style)
