"""The command line's side of a run: where records go, what stderr says, how it ends.

Output files are written whole (a temporary file beside the target, renamed at the end);
progress has a total and the time left; Ctrl-C, SIGTERM and a closed pipe end a run
cleanly; each input's failure is one line naming it; the counts give the exit status.
"""

from __future__ import annotations

import enum
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, NoReturn, TypeVar

import typer

from tripnews.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from tripnews.digest.corpus import Packed
    from tripnews.model import Article
    from tripnews.pipeline import Settings
    from tripnews.render.record import Rendered


class Exit(enum.IntEnum):
    OK = 0
    SOME_FAILED = 1
    USAGE = 2
    OUTPUT_FAILED = 3
    INTERRUPTED = 130  # 128 + SIGINT, as shells report it
    TERMINATED = 143  # 128 + SIGTERM


@dataclass
class Report:
    """Counts per-input outcomes; ``exit_status`` is computed from them at the end."""

    done: int = 0
    failed: int = 0

    @property
    def exit_status(self) -> Exit:
        return Exit.SOME_FAILED if self.failed else Exit.OK

    def summary(self) -> str:
        noun = "article" if self.done == 1 else "articles"
        tail = f", {self.failed} input(s) failed" if self.failed else ""
        return f"{self.done} {noun} processed{tail}"


class _OutputFailed(Exception):
    """Writing the output failed (a full disk, a missing folder): exit status 3."""

    def __init__(self, name: str, exc: OSError) -> None:
        super().__init__(name)
        self.name = name
        self.reason = (exc.strerror or str(exc)).lower()


class Sink:
    """Where the data goes (stdout or the -o file). A failed write becomes
    ``_OutputFailed``, named after the output; a closed pipe stays ``BrokenPipeError``,
    which ends the run quietly."""

    def __init__(self, stream: IO[str], name: str) -> None:
        self.stream = stream
        self.name = name

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _OutputFailed(self.name, exc) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _OutputFailed(self.name, exc) from None

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"


@contextmanager
def open_output(path: str | None) -> Iterator[Sink]:
    """The output for ``-o PATH``: a regular file is written to a temporary file beside it
    and renamed over it only once complete, so a failed or interrupted run leaves the old
    file as it was; a device or a pipe (``/dev/stdout``) is written directly."""
    if path is None or path == "-":
        yield Sink(sys.stdout, "standard output")
        return
    if os.path.isdir(path):
        raise _OutputFailed(path, IsADirectoryError(21, "is a directory"))
    if os.path.exists(path) and not os.path.isfile(path):
        with _opened(path, lambda: open(path, "w", encoding="utf-8")) as handle:
            sink = Sink(handle, path)
            yield sink
            sink.flush()  # here, where a failure is reported, not in the quiet close
        return
    folder, name = os.path.split(os.path.abspath(path))
    temp = ""

    def temporary() -> IO[str]:
        import tempfile  # here: it costs the start-up of every other run

        nonlocal temp
        # hidden, so that a folder being read meanwhile never takes it for an article
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
        return open(fd, "w", encoding="utf-8")

    with _opened(path, temporary) as handle:
        try:
            yield Sink(handle, path)
        except BaseException:
            _remove_quietly(temp)
            raise
        try:
            handle.flush()
            os.chmod(temp, _new_file_mode(path))
            os.replace(temp, path)
        except OSError as exc:
            _remove_quietly(temp)
            raise _OutputFailed(path, exc) from None


@contextmanager
def _opened(path: str, opener: Callable[[], IO[str]]) -> Iterator[IO[str]]:
    """A handle from ``opener``; failing to open or to close it is ``_OutputFailed``."""
    try:
        handle = opener()
    except OSError as exc:
        raise _OutputFailed(path, exc) from None
    try:
        yield handle
    finally:
        with suppress(OSError):  # the write that failed has been reported
            handle.close()


def _new_file_mode(path: str) -> int:
    """The mode of the file being replaced, or what a new file gets under the umask
    (a temporary file is created private)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_quietly(path: str) -> None:
    with suppress(OSError):
        os.unlink(path)


def refuse_output_among_inputs(output: str | None, paths: Iterable[str]) -> None:
    """A usage error when ``-o`` names a file that is also read as an input: writing it
    would destroy an article (a report of an earlier run in a folder is skipped when
    the folder is read, so that case needs no refusal)."""
    if output is None or output == "-" or not os.path.isfile(output):
        return
    for path in paths:
        if path != "-" and os.path.exists(path) and os.path.samefile(path, output):
            usage_error(f"the output {one_line_safe(output)} is also an input; choose another file")


# What a run yields per article: the article itself, or its JSON as a worker wrote it.
RecordT = TypeVar("RecordT", "Article", "Rendered", "Packed")


def records_of(
    paths: list[str],
    settings: Settings,
    report: Report,
    err: Console,
    quiet: bool,
    workers: int,
    finish: Callable[[Article], RecordT],
) -> Iterator[RecordT]:
    """Yield good records (passed through ``finish`` where they are made), reporting each
    failed input on stderr as one line."""
    from tripnews.pipeline import NO_TEXT, ingest_finished, language_note

    def warn(message: str) -> None:
        if not quiet:
            err.print(f"tripnews: warning: {one_line_safe(message)}", markup=False, highlight=False)

    results = ingest_finished(
        paths,
        finish,
        settings,
        stdin=stdin_for(paths),
        on_warning=warn,
        workers=workers,
    )
    try:
        with _progress(err, quiet, paths) as tick:
            for result in results:
                if isinstance(result, InputError):
                    report_error(result, report, err)
                else:
                    report.done += 1
                    if not _has_text(result):
                        warn(f"{result.source}: {NO_TEXT}; title and date kept")
                    if (note := language_note(result.language)) is not None:
                        warn(f"{result.source}: {note}")
                    yield result
                tick()
    finally:
        _stop([results])  # a run that stops early stops its worker pool at once


def _has_text(result: Article | Rendered | Packed) -> bool:
    from tripnews.model import Article

    return bool(result.text.strip()) if isinstance(result, Article) else result.has_text


def report_error(error: InputError, report: Report, err: Console) -> None:
    report.failed += 1
    err.print(
        f"tripnews: error: {one_line_safe(error.source)}: {one_line_safe(error.reason)}",
        markup=False,
        highlight=False,
    )


def one_line_safe(text: str) -> str:
    """A name or message made safe for one terminal line (no newlines, no escapes)."""
    from tripnews.render.terminal import one_line

    return one_line(text)


def stdin_for(paths: Iterable[str]) -> IO[bytes] | None:
    if "-" not in paths or sys.stdin is None:
        return None
    return sys.stdin.buffer


def stderr_console(quiet: bool) -> Console:
    from tripnews.render.terminal import SafeConsole

    return SafeConsole(stderr=True, highlight=False, soft_wrap=True)


def console_for(out: Sink) -> Console:
    """The console for pretty output: every text it prints passes the terminal sanitiser."""
    from typing import cast

    from tripnews.render.terminal import SafeConsole

    return SafeConsole(file=cast("IO[str]", out), highlight=False)


# The bar appears only after this many inputs, so short runs stay quiet.
_PROGRESS_AFTER = 20


@contextmanager
def _progress(err: Console, quiet: bool, paths: list[str]) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr, only when stderr is a terminal and the run is long: with
    a total and the time left once the inputs are counted, a plain count for stdin."""
    if quiet or not err.is_terminal:
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        SpinnerColumn(),
        TextColumn("articles"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    task = progress.add_task("ingest", total=None)
    count = 0
    total: int | None = None

    def counted(found: int | None) -> None:
        nonlocal total
        total = found
        progress.update(task, total=found)

    if "-" not in paths:
        _count_in_background(paths, counted)

    def tick() -> None:
        nonlocal count
        count += 1
        if count == _PROGRESS_AFTER:
            progress.start()
        if total is not None and count > total:  # the count was an estimate: drop it
            counted(None)
        progress.advance(task)

    try:
        yield tick
    finally:
        progress.stop()


def _count_in_background(paths: list[str], done: Callable[[int | None], None]) -> None:
    """Count the articles under ``paths`` in a thread, so the first records are not held
    back while a large folder is walked; ``done`` gets the count (None: not countable)."""
    import threading

    from tripnews.paths import count_articles

    def run() -> None:
        done(count_articles(paths))

    threading.Thread(target=run, name="tripnews-count", daemon=True).start()


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that the run ends as cleanly as on Ctrl-C."""


def on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


@contextmanager
def output_guard(err: Console, partial_json: bool) -> Iterator[list[Iterator[object]]]:
    """End a run that cannot go on with one line and its exit status: quietly (0) on a
    closed pipe, 3 when the output cannot be written, 130 on Ctrl-C and 143 on SIGTERM
    (saying when the JSON array is cut short).

    Yields a list for the record streams the run starts: they are closed before the
    run ends, so no worker process outlives it.
    """
    running: list[Iterator[object]] = []
    try:
        yield running
    except BrokenPipeError:
        _stop(running)
        _silence_stdout()
        raise SystemExit(Exit.OK) from None
    except _OutputFailed as exc:
        _stop(running)
        _silence_stdout()  # what stays buffered for stdout can never be written either
        say(err, f"tripnews: error: cannot write {one_line_safe(exc.name)}: {exc.reason}")
        raise SystemExit(Exit.OUTPUT_FAILED) from None
    except (KeyboardInterrupt, Terminated) as exc:
        # a second Ctrl-C must not cut the clean-up short and leave workers behind
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_IGN)
        _stop(running)
        terminated = isinstance(exc, Terminated)
        message = "tripnews: terminated" if terminated else "tripnews: interrupted"
        if partial_json:
            message += "; the JSON output is incomplete"
        say(err, message)
        raise SystemExit(Exit.TERMINATED if terminated else Exit.INTERRUPTED) from None


def _stop(running: list[Iterator[object]]) -> None:
    """Close the record streams (generators), which ends their worker pools."""
    for stream in running:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def say(err: Console, message: str) -> None:
    with suppress(OSError):  # stderr may be gone too: the exit status still tells
        err.print(message, markup=False, highlight=False)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def finish_run(report: Report, err: Console, quiet: bool) -> None:
    if report.done == 0 and report.failed == 0:
        usage_error("no input found")
    if not quiet and (report.failed or err.is_terminal):
        err.print(f"tripnews: {report.summary()}", markup=False, highlight=False)
    raise typer.Exit(int(report.exit_status))


def usage_error(message: str) -> NoReturn:
    sys.stderr.write(f"tripnews: error: {message}\n")
    raise SystemExit(Exit.USAGE)


def write_jsonl(records: Iterable[Rendered], out: Sink) -> None:
    for record in records:
        out.write(json_line_safe(record.body) + "\n")
        out.flush()  # each record is usable downstream as soon as it is done


def write_json(records: Iterable[Rendered], out: Sink) -> None:
    from tripnews.render.record import stream_json_array

    for piece in stream_json_array(json_line_safe(record.body) for record in records):
        out.write(piece)


def write_csv(records: Iterable[Rendered], out: Sink) -> None:
    from tripnews.render.csv_row import csv_header

    out.write(csv_header())
    for record in records:
        out.write(record.body)
        out.flush()


def json_line_safe(text: str) -> str:
    """JSON with U+2028, U+2029 and U+0085 escaped: valid JSON leaves them raw inside
    strings, but line readers (``str.splitlines``, JavaScript) break lines at them, so
    raw they would cut a JSONL record in two. (They occur only inside strings, where
    the escape means the same character.)"""
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


def write_pretty(records: Iterable[Article], out: Sink) -> None:
    from tripnews.render.pretty import article_panel

    console = console_for(out)
    for article in records:
        console.print(article_panel(article))
