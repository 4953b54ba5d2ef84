"""``json.loads`` for JSON from strangers: input files, JSONL lines, a page's JSON-LD.

Two things in valid-looking JSON break a run that trusts ``json.loads``:

- an escaped lone surrogate (``"\\ud83d"``, an emoji escape cut in half) decodes to a
  string that cannot be written as UTF-8, so the record fails when it is printed;
- an array or object nested about a thousand deep raises ``RecursionError``.

``loads`` turns the first into U+FFFD and the second into ``NestedTooDeep`` (a
``ValueError``, so callers that catch malformed JSON catch it too):

>>> loads('{"title": "Cut \\\\ud83d emoji"}')
{'title': 'Cut \\ufffd emoji'}
"""

from __future__ import annotations

import json
import re
from typing import Any

# An escaped surrogate code point: only then can the parsed strings hold a lone one, so
# JSON without one (nearly all) is never walked. (Text decoded from bytes holds no raw
# surrogate; a raw one in a caller's text is found by ``without_surrogates``.)
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class NestedTooDeep(ValueError):
    """JSON nested more deeply than the parser can follow."""

    def __init__(self) -> None:
        super().__init__("JSON is nested too deeply to read")


def loads(text: str, *, strict: bool = True) -> Any:
    """Parse ``text`` as JSON; lone surrogates in strings become U+FFFD. ``strict=False``
    lets raw control characters (line breaks) stand inside strings, as pages write them.

    Raises ``ValueError`` for malformed JSON and ``NestedTooDeep`` for JSON nested
    too deeply to parse.
    """
    try:
        obj = json.loads(text, strict=strict)
    except RecursionError:
        raise NestedTooDeep from None
    if "\\u" not in text or _ESCAPED_SURROGATE.search(text) is None:  # two fast scans
        return obj
    if isinstance(obj, str):
        return without_surrogates(obj)
    return _without_surrogates(obj)


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, so it always encodes as UTF-8.

    (A decoded JSON string holds a surrogate only when it is lone: a valid escaped pair
    becomes one character.)
    """
    if text.isascii():  # known without a scan
        return text
    try:
        text.encode("utf-8")  # a fast C scan, where the pattern below is a slow one
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _without_surrogates(obj: Any) -> Any:
    """Replace lone surrogates in every string of a parsed document, in place.

    Iterative, since the document may be nested as deeply as the parser allowed.
    """
    stack: list[Any] = [obj]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, str):
                    node[index] = without_surrogates(value)
                elif isinstance(value, list | dict):
                    stack.append(value)
        elif isinstance(node, dict):
            items = list(node.items())
            node.clear()
            for key, value in items:
                if isinstance(value, str):
                    value = without_surrogates(value)
                elif isinstance(value, list | dict):
                    stack.append(value)
                node[without_surrogates(key)] = value
    return obj
