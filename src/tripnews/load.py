"""Inputs in, ``RawInput`` records out: path walking, kind sniffing and decoding.

This is the only stage that touches the file system. It never raises for a bad
input: each one becomes an ``InputError`` in the stream, so that one broken file
never stops the others.

>>> for item in read_inputs(["seeds/"]):
...     print(item.source, item.format)        # doctest: +SKIP
seeds/000_a8a58c5cf111a636.txt text
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from tripnews.errors import InputError
from tripnews.model import RawInput

# Large enough for any real article page (the biggest news pages are a few MB);
# small enough that a stray dump or log is refused at once rather than read.
# For JSONL the limit applies to each line, since those files are streamed.
from tripnews.paths import (
    JSON_EXTENSIONS,
    JSONL_EXTENSIONS,
    SNIFF_BYTES,
    display_name,
    expand_path,
    os_reason,
)
from tripnews.restore import is_record
from tripnews.safejson import NestedTooDeep, loads, without_surrogates

# Large enough for any real article page (the biggest news pages are a few MB);
# small enough that a stray dump or log is refused at once rather than read.
# For JSONL the limit applies to each line, since those files are streamed.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


_TEXT_FIELDS = ("text", "maintext", "content", "body", "article", "articleBody")


_HTML_FIELDS = ("html", "raw_html", "content_html")


_DATE_FIELDS = ("published", "date_publish", "date_published", "datePublished", "date")


_HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}


_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "media file"),
)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


Item = RawInput | InputError


def read_inputs(
    paths: Iterable[str],
    stdin: IO[bytes] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Yield a ``RawInput`` (or an ``InputError``) per article in files, dirs, globs and ``-``."""
    for item in _read_all(paths, stdin, max_bytes):
        yield _displayable(item)


def _read_all(paths: Iterable[str], stdin: IO[bytes] | None, max_bytes: int) -> Iterator[Item]:
    for path in paths:
        if path == "-":
            if stdin is None:
                yield InputError("-", "standard input is not available")
                continue
            yield from _read_stream(stdin, "-", max_bytes)
            continue
        yield from _read_path(path, max_bytes)


def _displayable(item: Item) -> Item:
    name = display_name(item.source)
    if name == item.source:
        return item
    if isinstance(item, InputError):
        return InputError(name, item.reason)
    return dataclasses.replace(item, source=name)


def _read_path(path: str, max_bytes: int) -> Iterator[Item]:
    for target in expand_path(path):
        if isinstance(target, InputError):
            yield target
            continue
        try:
            # a file found by walking a folder or a glob may be a report of an earlier run
            yield from _read_file(target, max_bytes, skip_own_output=target != path)
        except OSError as exc:
            yield InputError(target, os_reason(exc))


def _read_file(path: str, max_bytes: int, skip_own_output: bool = False) -> Iterator[Item]:
    if skip_own_output and _is_database_companion(path):
        return
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        # FIFOs, devices and sockets could block or never end: refuse them by name.
        yield InputError(path, "not a regular file")
        return
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_EXTENSIONS:
        with open(path, "rb") as handle:
            if not (skip_own_output and is_own_output(handle.peek(_OWN_OUTPUT_HEAD))):
                yield from _read_jsonl(handle, path, max_bytes)
        return
    if info.st_size > max_bytes:
        yield InputError(
            path, f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)"
        )
        return
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)  # the size may have changed since stat
    if len(data) > max_bytes:
        yield InputError(path, f"file is over the {max_bytes:,}-byte limit (--max-bytes)")
        return
    if skip_own_output and is_own_output(data[:_OWN_OUTPUT_HEAD]):
        return
    yield from _from_bytes(data, path, suffix)


# Every SQLite database file begins so (`ingest -f sqlite` writes one); beside it, while
# it is open or after a crash, stand its write-ahead log, shared-memory index or journal.
_SQLITE_HEADER = b"SQLite format 3\x00"


_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


# How tripnews' own outputs begin: a report written into the input folder must not come
# back as an article (or a story) on the next run. Records as `ingest -f jsonl` and
# `-f json` write them; the digest's JSON, Markdown and HTML reports.
_OWN_OUTPUT_STARTS = (
    b'{"schema":1,"id":"',
    b'[\n  {\n    "schema": 1,\n    "id": "',
    b'{\n  "stories": [',
    b"# tripnews digest\n",
    _SQLITE_HEADER,
)


_OWN_OUTPUT_MARK = b'<meta name="generator" content="tripnews'


_OWN_OUTPUT_HEAD = 2048  # the HTML report names its generator in its first lines


def _is_database_companion(path: str) -> bool:
    """True for the ``-wal``, ``-shm`` or ``-journal`` file of an SQLite database beside it
    (``news.db-wal`` next to ``news.db``): part of a database, never an article."""
    for suffix in _SQLITE_COMPANIONS:
        if path.endswith(suffix):
            try:
                with open(path.removesuffix(suffix), "rb") as base:
                    return base.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
            except OSError:
                return False
    return False


def is_own_output(head: bytes) -> bool:
    """True when a file starting with ``head`` is a record, report or database tripnews
    wrote."""
    head = head[:_OWN_OUTPUT_HEAD]
    return head.startswith(_OWN_OUTPUT_STARTS) or _OWN_OUTPUT_MARK in head


def _read_stream(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[Item]:
    first = stream.readline(max_bytes + 1)
    if _is_json_object_line(first):
        # JSONL on a pipe: records go out as lines come in, however long the stream runs
        yield from _read_jsonl(_Prepended(first, stream), source, max_bytes)
        return
    data = first + stream.read(max_bytes + 1 - len(first))
    if len(data) > max_bytes:
        yield InputError(source, f"input is over the {max_bytes:,}-byte limit (--max-bytes)")
        return
    yield from _from_bytes(data, source, "")


def _from_bytes(data: bytes, source: str, suffix: str) -> Iterator[Item]:
    try:
        text, warnings = decode(data, source)
    except InputError as exc:
        yield exc
        return
    if not text.strip():
        yield InputError(source, "file is empty" if not text else "file holds only white space")
        return
    kind, parsed = _sniff(text, suffix)
    if kind == "jsonl":
        yield from _records_from_lines(text.split("\n"), source, warnings)
    elif kind == "json":
        yield from _records_from_json(text, source, warnings, parsed)
    else:
        yield RawInput(source=source, format=kind, text=text, warnings=warnings)


def decode(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """Return the text of ``data`` with line ends normalised, and any warning about it.

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 decode silently; other
    encodings are detected with charset-normalizer and named in a warning.
    Binary data raises ``InputError``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise_newlines(data.decode(encoding, errors="replace")), ()
    head = data[:SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(source, f"binary file ({what}), not an article")
    if b"\x00" in head:
        raise InputError(source, "binary file (holds NUL bytes), not an article")
    try:
        return _normalise_newlines(data.decode("utf-8")), ()
    except UnicodeDecodeError:
        pass
    return _decode_guessing(data, source)


def _decode_guessing(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(source, "binary or undecodable file, not an article")
    encoding = best.encoding
    # Single-byte Latin codepages often tie on short texts; windows-1252 is by far the
    # commonest legacy encoding of news pages (the web's default for "latin1"), so it
    # wins a tie.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    if any("cp1252" in m.could_be_from_charset for m in tied):
        encoding = "cp1252"
    text = data.decode(encoding, errors="replace")
    return _normalise_newlines(text), (f"{source}: not UTF-8; decoded as {encoding}",)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_kind(text: str, suffix: str = "") -> str:
    """Name the input's kind (text, html, json or jsonl) from its extension and content.

    Content is taken for JSON only when it parses as JSON (or as JSON lines): a scrape
    that opens with a bracket ("[Updated 14:05] ...", "[VIDEO] ...") is prose.
    """
    return _sniff(text, suffix)[0]


# _sniff's "nothing parsed yet": the JSON reader parses the text itself.
_UNPARSED: Any = object()


def _sniff(text: str, suffix: str) -> tuple[str, Any]:
    """The input's kind and, for JSON recognised by parsing it, the parsed document (or
    the ``NestedTooDeep`` it raised), so that it is parsed once."""
    if suffix in _HTML_EXTENSIONS:
        return "html", _UNPARSED
    if suffix in JSONL_EXTENSIONS:
        return "jsonl", _UNPARSED
    if suffix in JSON_EXTENSIONS:
        return ("jsonl" if _looks_like_jsonl(text) else "json"), _UNPARSED
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and any(tag in head for tag in ("<head", "<body", "<p>", "<div"))
    ):
        return "html", _UNPARSED
    if head.startswith("{") and _looks_like_jsonl(text):
        return "jsonl", _UNPARSED
    if head.startswith(("[", "{")):
        try:
            return "json", loads(text)
        except NestedTooDeep as exc:
            return "json", exc  # JSON all the same: refused by name, not read as prose
        except ValueError:
            pass
    return "text", _UNPARSED


def _looks_like_jsonl(text: str) -> bool:
    """True when the text is several lines that each open a JSON object.

    Lines end at ``\n`` only: U+2028, U+2029 and U+0085 are characters inside a
    JSON string, not line ends, though ``str.splitlines`` splits on them.
    """
    lines = [line for line in text.strip().split("\n", 3)[:3] if line.strip()]
    if len(lines) < 2 or not all(line.lstrip().startswith("{") for line in lines):
        return False
    try:
        loads(lines[0])
    except ValueError:
        return False
    return True


def _read_jsonl(handle: IO[bytes] | _Prepended, path: str, max_bytes: int) -> Iterator[Item]:
    """Stream a JSONL file line by line, so its size never has to fit in memory."""
    found = False
    number = 0
    while raw_line := handle.readline(max_bytes + 1):
        number += 1
        if len(raw_line) > max_bytes and not raw_line.endswith(b"\n"):
            _skip_rest_of_line(handle)
            yield InputError(f"{path}:{number}", f"line is over the {max_bytes:,}-byte limit")
            continue
        if not raw_line.strip():
            continue
        found = True
        line = raw_line.decode("utf-8", errors="replace").lstrip("\ufeff")
        yield _record_from_line(line, f"{path}:{number}", ())
    if not found:
        yield InputError(path, "file is empty")


def _is_json_object_line(line: bytes) -> bool:
    text = line.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
    if not (text.startswith("{") and text.endswith("}")):
        return False
    try:
        return isinstance(loads(text), dict)
    except NestedTooDeep:
        return True  # a JSONL line all the same, refused by its line number
    except ValueError:
        return False


class _Prepended:
    """A stream with a line already read put back in front, for ``readline`` callers."""

    def __init__(self, first: bytes, rest: IO[bytes]) -> None:
        self._first: bytes | None = first
        self._rest = rest

    def readline(self, size: int = -1) -> bytes:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        return self._rest.readline(size)


def _skip_rest_of_line(handle: IO[bytes] | _Prepended, chunk: int = 1 << 20) -> None:
    while piece := handle.readline(chunk):
        if piece.endswith(b"\n"):
            return


def _records_from_lines(lines: list[str], source: str, warnings: tuple[str, ...]) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _record_from_line(line, f"{source}:{number}", warnings)


def _record_from_line(line: str, source: str, warnings: tuple[str, ...]) -> Item:
    try:
        obj = loads(line)
    except ValueError as exc:
        return _json_error(exc, source)
    return record_to_raw(obj, source, warnings)


def _json_error(exc: ValueError, source: str) -> InputError:
    if isinstance(exc, NestedTooDeep):
        return InputError(source, str(exc))
    return InputError(source, f"malformed JSON ({exc.args[0] if exc.args else exc})")


def _records_from_json(
    text: str, source: str, warnings: tuple[str, ...], parsed: Any = _UNPARSED
) -> Iterator[Item]:
    try:
        obj = loads(text) if parsed is _UNPARSED else parsed
        if isinstance(obj, NestedTooDeep):
            raise obj
    except ValueError as exc:
        yield _json_error(exc, source)
        return
    if isinstance(obj, list):
        if not obj:
            yield InputError(source, "JSON array is empty")
        for index, item in enumerate(obj, start=1):
            yield record_to_raw(item, f"{source}:{index}", warnings)
        return
    yield record_to_raw(obj, source, warnings)


def record_to_raw(obj: Any, source: str, warnings: tuple[str, ...] = ()) -> Item:
    """Turn one JSON object from another tool into a ``RawInput`` (text or HTML article)."""
    if not isinstance(obj, dict):
        return InputError(source, f"JSON record is a {type(obj).__name__}, not an object")
    text = _first_string(obj, _TEXT_FIELDS)
    markup = _first_string(obj, _HTML_FIELDS)
    # tripnews' own record of a page that gave no text (kept for its title and date) is
    # still a record: it reads back whole, as it was written
    if not (text and text.strip()) and not (markup and markup.strip()) and not is_record(obj):
        names = "/".join(_TEXT_FIELDS[:3] + _HTML_FIELDS[:1])
        return InputError(source, f"JSON record has no article text ({names})")
    meta: dict[str, Any] = {
        key: value
        for key, value in (
            ("title", _first_string(obj, ("title", "headline"))),
            ("url", _first_string(obj, ("url", "link"))),
            ("date", _first_string(obj, _DATE_FIELDS)),
            ("id", source_id(obj)),
        )
        if value
    }
    if is_record(obj):
        meta["record"] = obj  # tripnews' own record: read as such when the caller asks
    return RawInput(
        source=source,
        format="json",
        text=_normalise_newlines(text or ""),
        meta=meta,
        html=markup if not (text and text.strip()) else None,
        warnings=warnings,
    )


_ID_FIELDS = ("id", "_id", "guid")


def source_id(obj: dict[str, Any]) -> str | None:
    """The record's own identifier in the system it came from, as a string, so a record
    can be joined back to it: ``id``, ``_id`` or ``guid``, a number or a string, or a
    MongoDB export's ``{"$oid": ...}``.

    >>> source_id({"_id": {"$oid": "5f1d"}, "text": "..."})
    '5f1d'
    >>> source_id({"id": 42}), source_id({"id": True}), source_id({"text": "..."})
    ('42', None, None)
    """
    for key in _ID_FIELDS:
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("$oid")
        if isinstance(value, bool):  # a flag, not an identifier
            continue
        if isinstance(value, int | str) and str(value).strip():
            return str(value).strip()
    return None


def _first_string(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            # a caller's object may hold lone surrogates (JSON read elsewhere): as U+FFFD
            # they print and hash like any character
            return without_surrogates(value)
    return None
