"""The ``tripnews`` command: a thin skin over the library.

It parses options into ``Settings``, calls ``tripnews.pipeline``, writes records
to stdout and everything else (progress, warnings, errors) to stderr, and turns
the per-input ``Report`` into the exit status: 0 all inputs gave records, 1 some
failed, 2 a usage error, 3 the output could not be written, 130 interrupted (Ctrl-C),
143 terminated (SIGTERM).
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from tripnews import __version__
from tripnews.errors import InputError
from tripnews.load import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from rich.console import Console

    from tripnews.digest import Digest
    from tripnews.model import Article, RawInput
    from tripnews.pipeline import Settings
    from tripnews.render.record import Rendered


class Exit(enum.IntEnum):
    OK = 0
    SOME_FAILED = 1
    USAGE = 2
    OUTPUT_FAILED = 3
    INTERRUPTED = 130  # 128 + SIGINT, as shells report it
    TERMINATED = 143  # 128 + SIGTERM


class OutputFormat(enum.StrEnum):
    pretty = "pretty"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"


class DigestFormat(enum.StrEnum):
    pretty = "pretty"
    json = "json"
    markdown = "markdown"
    html = "html"


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


app = typer.Typer(
    name="tripnews",
    help=(
        "Turn raw news articles into clean, structured facts: title, publisher, date, "
        "people, places, organizations, dates, quotes, trips and a summary.\n\n"
        "Example: tripnews ingest seeds/ --format jsonl | jq .title"
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tripnews {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn raw news articles into clean, structured facts."""


def _parse_reference_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Article files, directories (read recursively), glob patterns, or - for stdin.",
        show_default=False,
    ),
]
ReferenceDateOpt = Annotated[
    str | None,
    typer.Option(
        "--reference-date",
        metavar="YYYY-MM-DD",
        help="Anchor for relative dates ('on Monday') when an article states no date of its own.",
    ),
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar, warnings or closing summary.")
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Processes to run the pipeline in (default: the machine's cores; 1 runs in-process).",
        show_default=False,
    ),
]
MaxBytesOpt = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        help="Refuse input files (JSONL: lines) larger than this many bytes.",
    ),
]


def _settings(reference_date: str | None, summary_sentences: int, max_bytes: int) -> Settings:
    from tripnews.pipeline import Settings

    return Settings(_parse_reference_date(reference_date), summary_sentences, max_bytes)


# --max-bytes above this is refused as a size of one article (or JSONL line): no article
# is a gigabyte, and a number past a C size would overflow the reader.
MAX_MAX_BYTES = 1 << 30
# --workers above this many per core only make processes contend for the cores (and a
# huge number would fork until the machine stops); a few per core still help when a
# slow pipe feeds them.
WORKERS_PER_CORE = 4


def _bounded(option: str, value: int, bound: int, why: str, err: Console) -> int:
    """``value``, or ``bound`` with a warning when the value is larger (said even with
    --quiet: the run does not do what was asked)."""
    if value <= bound:
        return value
    err.print(
        f"tripnews: warning: {option} {value} is over the limit of {bound:,} ({why}); "
        f"using {bound:,}",
        markup=False,
        highlight=False,
    )
    return bound


def _max_bytes(value: int, err: Console) -> int:
    return _bounded("--max-bytes", value, MAX_MAX_BYTES, "1 GiB", err)


def _workers(value: int | None, err: Console) -> int:
    cores = os.cpu_count() or 1
    if value is None:
        return cores
    bound = WORKERS_PER_CORE * cores
    return _bounded("--workers", value, bound, f"{WORKERS_PER_CORE} per core", err)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  tripnews ingest seeds/\n\n"
        "  tripnews ingest seeds/ -f jsonl | jq -r '.people[].name'\n\n"
        "  cat article.txt | tripnews ingest - --reference-date 2021-03-14 -f json\n\n"
        "  tripnews ingest seeds/ -f sqlite -o news.db\n\n"
        "  tripnews ingest seeds/ -f csv -o news.csv"
    )
)
def ingest(
    paths: PathsArg,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="pretty panels, one JSON array, JSON lines, CSV rows, or an SQLite database "
            "(with -o FILE).",
        ),
    ] = OutputFormat.pretty,
    reference_date: ReferenceDateOpt = None,
    summary_sentences: Annotated[
        int, typer.Option("--summary-sentences", min=0, help="Sentences in each summary.")
    ] = 3,
    quiet: QuietOpt = False,
    workers: WorkersOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file instead of stdout (an SQLite database: required).",
        ),
    ] = None,
) -> None:
    """Read articles and print one structured record per article.

    Records go to stdout (or the file of -o); progress, warnings and errors to stderr.
    With -f sqlite, records go into a database file: running again over the same
    articles replaces their rows.
    """
    err = _stderr_console(quiet)
    settings = _settings(reference_date, summary_sentences, _max_bytes(max_bytes, err))
    workers = _workers(workers, err)
    report = Report()
    _refuse_output_among_inputs(output, paths)
    run = _Run(paths, settings, report, err, quiet, workers)
    if output_format is OutputFormat.sqlite:
        _ingest_into_database(run, output)
    else:
        _ingest_into_stream(run, output_format, output)
    _finish(report, err, quiet)


@dataclass(frozen=True)
class _Run:
    """What one run reads and where it reports, for the writers that pull its records."""

    paths: list[str]
    settings: Settings
    report: Report
    err: Console
    quiet: bool
    workers: int

    def records(
        self, finish: Callable[[Article], _Record], running: list[Iterator[object]]
    ) -> Iterator[_Record]:
        """The run's records, registered in ``running`` so that a run that ends early
        stops its worker pool (see ``_output_guard``)."""
        stream = _records(
            self.paths, self.settings, self.report, self.err, self.quiet, self.workers, finish
        )
        running.append(stream)
        return stream


def _ingest_into_stream(run: _Run, output_format: OutputFormat, output: str | None) -> None:
    """``ingest`` in a text form (pretty, JSON, JSONL, CSV), to stdout or a file."""
    with (
        _output_guard(run.err, partial_json=output_format is OutputFormat.json) as running,
        _open_output(output) as out,
    ):
        if output_format is OutputFormat.pretty:
            from tripnews.pipeline import as_article

            _write_pretty(run.records(as_article, running), out)
        elif output_format is OutputFormat.csv:
            from tripnews.render.csv_row import render_csv

            _write_csv(run.records(render_csv, running), out)
        else:
            from tripnews.render.record import render_indented, render_line

            # JSON is written out by the workers, in parallel, and only copied here
            finish = render_line if output_format is OutputFormat.jsonl else render_indented
            if output_format is OutputFormat.jsonl:
                _write_jsonl(run.records(finish, running), out)
            else:
                _write_json(run.records(finish, running), out)
        out.flush()


def _ingest_into_database(run: _Run, output: str | None) -> None:
    """``ingest -f sqlite``: the rows are made in the workers; this process writes them."""
    from tripnews.render.database import ArticleWriteError, Database, DatabaseError, render_rows

    if output is None or output == "-":
        _usage_error("--format sqlite writes a database file: name it with -o FILE")
    try:
        # from a pipe, each article is committed as it is done (as JSONL lines are flushed)
        database = Database(output, batch=1) if "-" in run.paths else Database(output)
    except DatabaseError as exc:
        _usage_error(str(exc))
    try:
        with _output_guard(run.err, partial_json=False) as running, database:
            for record in run.records(render_rows, running):
                assert record.rows is not None
                try:
                    database.add_rows(record.rows)
                except ArticleWriteError as exc:  # that article alone is lost, not the run
                    run.report.done -= 1
                    _report_error(InputError(record.source, str(exc)), run.report, run.err)
    except DatabaseError as exc:
        _say(run.err, f"tripnews: error: {_one_line(str(exc))}")
        raise SystemExit(Exit.SOME_FAILED) from None


@app.command(
    epilog=(
        "Examples:\n\n"
        "  tripnews clean seeds/002_20ca1ab23c72d2da.txt\n\n"
        "  tripnews clean page.html --show-removed"
    )
)
def clean(
    paths: PathsArg,
    show_removed: Annotated[
        bool, typer.Option("--show-removed", help="Also list every removed block and its kind.")
    ] = False,
    quiet: QuietOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
) -> None:
    """Print only the cleaned article text, to check what the cleaner keeps and drops."""
    from tripnews.load import read_inputs

    err = _stderr_console(quiet)
    report = Report()
    out = _Sink(sys.stdout, "standard output")
    limit = _max_bytes(max_bytes, err)
    with _output_guard(err, partial_json=False) as running:
        # streamed: each input is read, cleaned and printed before the next is read
        items = read_inputs(paths, stdin=_stdin_for(paths), max_bytes=limit)
        running.append(items)
        # a header names each input when there may be several (known before reading any:
        # the next input may be a pipe that has not ended)
        several = len(paths) > 1 or any(p != "-" and not os.path.isfile(p) for p in paths)
        for item in items:
            _clean_one(item, several or item.source not in paths, show_removed, report, err, out)
        out.flush()
    _finish(report, err, quiet)


def _clean_one(
    item: RawInput | InputError,
    several: bool,
    show_removed: bool,
    report: Report,
    err: Console,
    out: _Sink,
) -> None:
    """Clean one input and print its text (sanitised: it goes to a terminal)."""
    from tripnews.clean import clean as clean_input
    from tripnews.render.terminal import safe

    if isinstance(item, InputError):
        _report_error(item, report, err)
        return
    try:
        cleaned = clean_input(item)
    except Exception as exc:  # one odd input must not stop the others
        reason = f"internal error ({type(exc).__name__})"
        _report_error(InputError(item.source, reason), report, err)
        return
    report.done += 1
    if several:
        out.write(f"==> {_one_line(item.source)} <==\n")
    if cleaned.title:
        out.write(f"# {_one_line(cleaned.title)}\n\n")
    out.write(safe(cleaned.text.rstrip("\n")) + "\n")
    if show_removed:
        for block in cleaned.removed:
            out.write(f"--- removed ({block.kind}): {_one_line(block.text)}\n")
    if several:
        out.write("\n")
    out.flush()  # each input's text is out before the next input is read


@app.command()
def schema() -> None:
    """Print the JSON Schema of one record, as 'ingest --format jsonl' writes it.

    Example: tripnews schema > record.schema.json
    """
    from importlib import resources

    text = resources.files("tripnews").joinpath("data", "record.schema.json").read_text("utf-8")
    sys.stdout.write(text)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  tripnews digest seeds/\n\n"
        "  tripnews digest seeds/ --format markdown > story.md\n\n"
        "  tripnews digest seeds/ --format html -o report.html"
    )
)
def digest(
    paths: PathsArg,
    output_format: Annotated[
        DigestFormat,
        typer.Option(
            "--format", "-f", help="pretty tables, JSON, Markdown, or a self-contained HTML page."
        ),
    ] = DigestFormat.pretty,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    reference_date: ReferenceDateOpt = None,
    quiet: QuietOpt = False,
    workers: WorkersOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    person: Annotated[
        str | None, typer.Option(help="Only stories naming this person (any spelling).")
    ] = None,
    place: Annotated[str | None, typer.Option(help="Only stories naming this place.")] = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Only stories published on or after this day."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Only stories published on or before this day."),
    ] = None,
    min_articles: Annotated[
        int, typer.Option(min=1, help="Only stories told by at least this many articles.")
    ] = 1,
) -> None:
    """Group articles into stories and merge their people, places and trip legs.

    Articles about the same story (from several outlets) become one story with one
    trip timeline; every fact lists the articles it came from. tripnews' own JSON or
    JSONL records are read as they are, so a corpus ingested once can be digested many
    times: tripnews ingest corpus/ -f jsonl > r.jsonl && tripnews digest r.jsonl
    """
    import dataclasses

    from tripnews.digest import build_digest, for_digest, select_stories

    first, last = _parse_reference_date(since), _parse_reference_date(until)
    err = _stderr_console(quiet)
    settings = _settings(reference_date, 3, _max_bytes(max_bytes, err))
    settings = dataclasses.replace(settings, records_as_records=True)
    workers = _workers(workers, err)
    report = Report()
    _refuse_output_among_inputs(output, paths)
    # the output is opened (or refused) before any article is read, not after them all
    with (
        _output_guard(err, partial_json=False) as running,
        _open_output(output) as out,
        _phases(err, quiet) as on_progress,
    ):
        stream = _records(paths, settings, report, err, quiet, workers, for_digest)
        running.append(stream)
        result = build_digest(list(stream), on_progress)
        result = select_stories(result, person, place, first, last, min_articles)
        on_progress("rendering", 0, 1)
        _write_digest(result, output_format, out)
        on_progress("rendering", 1, 1)
    _finish(report, err, quiet)


@contextmanager
def _phases(err: Console, quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """One progress line per digest phase (clustering, stories, rendering) with its
    total, on stderr, only when stderr is a terminal."""
    if quiet or not err.is_terminal:
        yield lambda phase, done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), console=err
    )
    tasks: dict[str, Any] = {}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = progress.add_task(phase, total=total)
        progress.update(tasks[phase], completed=done, total=total)

    with progress:
        yield update


def _write_digest(result: Digest, output_format: DigestFormat, out: _Sink) -> None:
    import json

    from tripnews.render import digest as render_digest

    if output_format is DigestFormat.json:
        body = json.dumps(render_digest.digest_to_dict(result), ensure_ascii=False, indent=2)
        out.write(_json_line_safe(body) + "\n")
    elif output_format is DigestFormat.markdown:
        out.write(render_digest.digest_to_markdown(result))
    elif output_format is DigestFormat.html:
        from tripnews.render import report_html

        out.write(report_html.digest_to_html(result))
    else:
        console = _console(out)
        for renderable in render_digest.digest_renderables(result):
            console.print(renderable)


# ---------------------------------------------------------------------------
# the output: stdout or -o FILE, written so that a failure never loses or corrupts it


class _OutputFailed(Exception):
    """Writing the output failed (a full disk, a missing folder): exit status 3."""

    def __init__(self, name: str, exc: OSError) -> None:
        super().__init__(name)
        self.name = name
        self.reason = (exc.strerror or str(exc)).lower()


class _Sink:
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
def _open_output(path: str | None) -> Iterator[_Sink]:
    """The output for ``-o PATH``: a regular file is written to a temporary file beside it
    and renamed over it only once complete, so a failed or interrupted run leaves the old
    file as it was; a device or a pipe (``/dev/stdout``) is written directly."""
    if path is None or path == "-":
        yield _Sink(sys.stdout, "standard output")
        return
    if os.path.isdir(path):
        raise _OutputFailed(path, IsADirectoryError(21, "is a directory"))
    if os.path.exists(path) and not os.path.isfile(path):
        with _opened(path, lambda: open(path, "w", encoding="utf-8")) as handle:
            sink = _Sink(handle, path)
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
            yield _Sink(handle, path)
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


def _refuse_output_among_inputs(output: str | None, paths: Iterable[str]) -> None:
    """A usage error when ``-o`` names a file that is also read as an input: writing it
    would destroy an article (a report of an earlier run in a folder is skipped when
    the folder is read, so that case needs no refusal)."""
    if output is None or output == "-" or not os.path.isfile(output):
        return
    for path in paths:
        if path != "-" and os.path.exists(path) and os.path.samefile(path, output):
            _usage_error(f"the output {_one_line(output)} is also an input; choose another file")


# ---------------------------------------------------------------------------
# running and reporting


# What a run yields per article: the article itself, or its JSON as a worker wrote it.
_Record = TypeVar("_Record", "Article", "Rendered")


def _records(
    paths: list[str],
    settings: Settings,
    report: Report,
    err: Console,
    quiet: bool,
    workers: int,
    finish: Callable[[Article], _Record],
) -> Iterator[_Record]:
    """Yield good records (passed through ``finish`` where they are made), reporting each
    failed input on stderr as one line."""
    from tripnews.pipeline import NO_TEXT, ingest_finished, language_note

    def warn(message: str) -> None:
        if not quiet:
            err.print(f"tripnews: warning: {_one_line(message)}", markup=False, highlight=False)

    results = ingest_finished(
        paths,
        finish,
        settings,
        stdin=_stdin_for(paths),
        on_warning=warn,
        workers=workers,
    )
    try:
        with _progress(err, quiet, paths) as tick:
            for result in results:
                if isinstance(result, InputError):
                    _report_error(result, report, err)
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


def _has_text(result: Article | Rendered) -> bool:
    from tripnews.render.record import Rendered

    return result.has_text if isinstance(result, Rendered) else bool(result.text.strip())


def _report_error(error: InputError, report: Report, err: Console) -> None:
    report.failed += 1
    err.print(
        f"tripnews: error: {_one_line(error.source)}: {_one_line(error.reason)}",
        markup=False,
        highlight=False,
    )


def _one_line(text: str) -> str:
    """A name or message made safe for one terminal line (no newlines, no escapes)."""
    from tripnews.render.terminal import one_line

    return one_line(text)


def _stdin_for(paths: Iterable[str]) -> IO[bytes] | None:
    if "-" not in paths or sys.stdin is None:
        return None
    return sys.stdin.buffer


def _stderr_console(quiet: bool) -> Console:
    from tripnews.render.terminal import SafeConsole

    return SafeConsole(stderr=True, highlight=False, soft_wrap=True)


def _console(out: _Sink) -> Console:
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

    from tripnews.load import count_articles

    def run() -> None:
        done(count_articles(paths))

    threading.Thread(target=run, name="tripnews-count", daemon=True).start()


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that the run ends as cleanly as on Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


@contextmanager
def _output_guard(err: Console, partial_json: bool) -> Iterator[list[Iterator[object]]]:
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
        _say(err, f"tripnews: error: cannot write {_one_line(exc.name)}: {exc.reason}")
        raise SystemExit(Exit.OUTPUT_FAILED) from None
    except (KeyboardInterrupt, _Terminated) as exc:
        # a second Ctrl-C must not cut the clean-up short and leave workers behind
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_IGN)
        _stop(running)
        terminated = isinstance(exc, _Terminated)
        message = "tripnews: terminated" if terminated else "tripnews: interrupted"
        if partial_json:
            message += "; the JSON output is incomplete"
        _say(err, message)
        raise SystemExit(Exit.TERMINATED if terminated else Exit.INTERRUPTED) from None


def _stop(running: list[Iterator[object]]) -> None:
    """Close the record streams (generators), which ends their worker pools."""
    for stream in running:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _say(err: Console, message: str) -> None:
    with suppress(OSError):  # stderr may be gone too: the exit status still tells
        err.print(message, markup=False, highlight=False)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _finish(report: Report, err: Console, quiet: bool) -> None:
    if report.done == 0 and report.failed == 0:
        _usage_error("no input found")
    if not quiet and (report.failed or err.is_terminal):
        err.print(f"tripnews: {report.summary()}", markup=False, highlight=False)
    raise typer.Exit(int(report.exit_status))


def _usage_error(message: str) -> NoReturn:
    sys.stderr.write(f"tripnews: error: {message}\n")
    raise SystemExit(Exit.USAGE)


# ---------------------------------------------------------------------------
# writers


def _write_jsonl(records: Iterable[Rendered], out: _Sink) -> None:
    for record in records:
        out.write(_json_line_safe(record.body) + "\n")
        out.flush()  # each record is usable downstream as soon as it is done


def _write_json(records: Iterable[Rendered], out: _Sink) -> None:
    from tripnews.render.record import stream_json_array

    for piece in stream_json_array(_json_line_safe(record.body) for record in records):
        out.write(piece)


def _write_csv(records: Iterable[Rendered], out: _Sink) -> None:
    from tripnews.render.csv_row import csv_header

    out.write(csv_header())
    for record in records:
        out.write(record.body)
        out.flush()


def _json_line_safe(text: str) -> str:
    """JSON with U+2028, U+2029 and U+0085 escaped: valid JSON leaves them raw inside
    strings, but line readers (``str.splitlines``, JavaScript) break lines at them, so
    raw they would cut a JSONL record in two. (They occur only inside strings, where
    the escape means the same character.)"""
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


def _write_pretty(records: Iterable[Article], out: _Sink) -> None:
    from tripnews.render.pretty import article_panel

    console = _console(out)
    for article in records:
        console.print(article_panel(article))


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        app()
    except KeyboardInterrupt:
        _say_and_exit("tripnews: interrupted", Exit.INTERRUPTED)
    except _Terminated:
        _say_and_exit("tripnews: terminated", Exit.TERMINATED)
    except SystemExit as exc:
        _exit(exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1))


def _say_and_exit(message: str, status: Exit) -> NoReturn:
    with suppress(OSError):
        sys.stderr.write(message + "\n")
    _exit(int(status))


def _exit(status: int) -> NoReturn:
    """Exit with ``status``. When a reader thread is still blocked on a pipe (stdin left
    open on Ctrl-C), the interpreter's shutdown would abort ("Fatal Python error") on
    the lock that thread holds, so the process ends at once, its output flushed."""
    import threading

    if (multiprocessing := sys.modules.get("multiprocessing")) is not None:
        for child in multiprocessing.active_children():  # a worker a pool left behind
            child.kill()
    if threading.active_count() > 1:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        os._exit(status)
    raise SystemExit(status)
