"""Which files a run reads: folders walked once each, globs expanded, counts for the
progress total, and names fit to show.

A folder that cannot be read, a symlink loop or a glob over a huge tree never ends a
run: each problem is an ``InputError`` in the stream, beside the files that could be read.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from tripnews.errors import InputError

# Large enough for any real article page (the biggest news pages are a few MB);
# small enough that a stray dump or log is refused at once rather than read.
# For JSONL the limit applies to each line, since those files are streamed.


# How much of a file is inspected to decide whether it is binary.
SNIFF_BYTES = 8192


JSON_EXTENSIONS = {".json"}


JSONL_EXTENSIONS = {".jsonl", ".ndjson"}


def display_name(path: str) -> str:
    """A path as printable UTF-8: undecodable bytes in a file name become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def expand_path(path: str) -> Iterator[str | InputError]:
    """Yield the article files a path names: itself, a directory's files, or a glob's matches.

    Directories and globs are walked with symlinks followed, each directory once (a
    symlink loop is walked one time round), so no file is named twice; hidden files and
    folders are skipped, and a folder that cannot be read is named in an error.
    """
    if not os.path.lexists(path):
        if glob.has_magic(path):
            yield from _expand_glob(path)
            return
        yield InputError(path, "no such file or directory")
        return
    if os.path.isdir(path):
        yield from _walk_directory(path)
        return
    yield path


def count_articles(paths: Iterable[str]) -> int | None:
    """About how many items ``read_inputs`` yields for ``paths`` (a file is one, a JSONL
    file one per line), for a progress bar's total; ``None`` when that cannot be told
    without reading it all (standard input, a JSON array).

    >>> count_articles(["seeds/"])  # doctest: +SKIP
    5
    """
    total = 0
    try:
        for path in paths:
            if path == "-":
                return None
            for target in expand_path(path):
                found = 1 if isinstance(target, InputError) else _articles_in(target)
                if found is None:
                    return None
                total += found
    except OSError:
        return None
    return total


def _articles_in(path: str) -> int | None:
    if not os.path.isfile(path):
        return 1  # reported as one error
    suffix = Path(path).suffix.lower()
    with open(path, "rb") as handle:
        if suffix in JSONL_EXTENSIONS:
            lines, last = 0, b"\n"
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
            return max(1, lines + (last != b"\n"))
        if suffix in JSON_EXTENSIONS and handle.read(SNIFF_BYTES).lstrip()[:1] == b"[":
            return None
    return 1


# One directory of a walk: its path, its parts below the walk's root, and its sorted
# subdirectory names (a list the caller may prune) and file names.
_Step = tuple[str, tuple[str, ...], list[str], list[str]]


def _walk(root: str, errors: list[OSError]) -> Iterator[_Step]:
    """Walk ``root`` top-down in sorted order, following symlinks but entering each
    directory once; directories that cannot be listed are appended to ``errors``."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=True):
        try:
            info = os.stat(dirpath)
        except OSError as exc:
            errors.append(exc)
            dirnames[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:  # a symlink loop: walk each directory once
            dirnames[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        relative = os.path.relpath(dirpath, root)
        parts = () if relative == os.curdir else tuple(relative.split(os.sep))
        yield dirpath, parts, dirnames, sorted(f for f in filenames if not f.startswith("."))


def _walk_errors(errors: list[OSError], root: str) -> Iterator[InputError]:
    """The folders a walk could not read, each as a failed input (then forgotten)."""
    for exc in errors:
        yield InputError(display_name(str(exc.filename or root)), os_reason(exc))
    errors.clear()


def _walk_directory(root: str) -> Iterator[str | InputError]:
    found = failed = False
    errors: list[OSError] = []
    for dirpath, _, _, filenames in _walk(root, errors):
        for error in _walk_errors(errors, root):
            failed = True
            yield error
        for name in filenames:
            found = True
            yield os.path.join(dirpath, name)
    for error in _walk_errors(errors, root):
        failed = True
        yield error
    if not found and not failed:
        yield InputError(root, "directory holds no article files")


def _expand_glob(pattern: str) -> Iterator[str | InputError]:
    """The files a glob pattern matches (``**`` for any depth), and every file under a
    directory it matches, walked once from the pattern's fixed leading folders.

    ``glob.glob`` follows a symlink loop round and round (one loop gives each file dozens
    of times, three loops run for ever); this walk shares the folders' loop guard.
    """
    parts = pattern.split(os.sep)
    fixed = 0
    while fixed < len(parts) - 1 and not glob.has_magic(parts[fixed]):
        fixed += 1
    prefix = os.sep.join(parts[:fixed]) or (os.sep if pattern.startswith(os.sep) else "")
    segments = tuple(p for p in parts[fixed:] if p)  # 'a//b' and a trailing '/' add nothing
    found = failed = False
    errors: list[OSError] = []
    whole: set[str] = set()  # directories matched by the pattern: all their files count
    if os.path.isdir(prefix or os.curdir):
        for dirpath, rel, dirnames, filenames in _walk(prefix or os.curdir, errors):
            for error in _walk_errors(errors, prefix):
                failed = True
                yield error
            inside = bool(rel) and (os.path.dirname(dirpath) in whole or _glob_match(rel, segments))
            if inside:
                whole.add(dirpath)
            for name in filenames:
                if inside or _glob_match((*rel, name), segments):
                    found = True
                    yield os.path.join(prefix, *rel, name)
            if not inside:
                dirnames[:] = [d for d in dirnames if _glob_may_match((*rel, d), segments)]
        for error in _walk_errors(errors, prefix):
            failed = True
            yield error
    if not found and not failed:
        yield InputError(pattern, "no file matches this pattern")


def _glob_states(parts: tuple[str, ...], segments: tuple[str, ...]) -> set[int]:
    """The pattern positions reachable after matching ``parts``, one folder or file name
    per segment (``**`` stands for any number of folders, none included)."""

    def closed(states: set[int]) -> set[int]:
        for index in sorted(states):
            while index < len(segments) and segments[index] == "**":
                index += 1
                states.add(index)
        return states

    states = closed({0})
    for part in parts:
        following: set[int] = set()
        for index in states:
            if index < len(segments):
                if segments[index] == "**":
                    following.add(index)
                elif fnmatch.fnmatchcase(part, segments[index]):
                    following.add(index + 1)
        states = closed(following)
        if not states:
            break
    return states


def _glob_match(parts: tuple[str, ...], segments: tuple[str, ...]) -> bool:
    return len(segments) in _glob_states(parts, segments)


def _glob_may_match(parts: tuple[str, ...], segments: tuple[str, ...]) -> bool:
    """True when ``parts`` (a folder) matches the pattern or may hold a match below it."""
    return bool(_glob_states(parts, segments))


def os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
