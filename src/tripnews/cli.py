"""The ``tripnews`` command: a thin skin over the library.

It parses options into ``Settings``, calls ``tripnews.pipeline``, writes records
to stdout and everything else (progress, warnings, errors) to stderr, and turns
the per-input ``Report`` into the exit status: 0 all inputs gave records, 1 some
failed, 2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, TypeVar

import typer

from tripnews import __version__
from tripnews.errors import InputError
from tripnews.load import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from rich.console import Console

    from tripnews.digest import Digest
    from tripnews.model import Article
    from tripnews.pipeline import Settings
    from tripnews.render.record import Rendered


class Exit(enum.IntEnum):
    OK = 0
    SOME_FAILED = 1
    USAGE = 2
    INTERRUPTED = 130


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
    settings = _settings(reference_date, summary_sentences, max_bytes)
    err = _stderr_console(quiet)
    report = Report()
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
    workers: int | None

    def records(self, finish: Callable[[Article], _Record]) -> Iterator[_Record]:
        return _records(
            self.paths, self.settings, self.report, self.err, self.quiet, self.workers, finish
        )


def _ingest_into_stream(run: _Run, output_format: OutputFormat, output: str | None) -> None:
    """``ingest`` in a text form (pretty, JSON, JSONL, CSV), to stdout or a file."""
    with (
        _output_guard(run.err, partial_json=output_format is OutputFormat.json),
        _open_output(output) as out,
    ):
        if output_format is OutputFormat.pretty:
            from tripnews.pipeline import as_article

            _write_pretty(run.records(as_article), out)
        elif output_format is OutputFormat.csv:
            from tripnews.render.csv_row import render_csv

            _write_csv(run.records(render_csv), out)
        else:
            from tripnews.render.record import render_indented, render_line

            # JSON is written out by the workers, in parallel, and only copied here
            finish = render_line if output_format is OutputFormat.jsonl else render_indented
            if output_format is OutputFormat.jsonl:
                _write_jsonl(run.records(finish), out)
            else:
                _write_json(run.records(finish), out)


def _ingest_into_database(run: _Run, output: str | None) -> None:
    """``ingest -f sqlite``: the rows are made in the workers; this process writes them."""
    from tripnews.render.database import Database, DatabaseError, render_rows

    if output is None or output == "-":
        _usage_error("--format sqlite writes a database file: name it with -o FILE")
    try:
        # from a pipe, each article is committed as it is done (as JSONL lines are flushed)
        database = Database(output, batch=1) if "-" in run.paths else Database(output)
    except DatabaseError as exc:
        _usage_error(str(exc))
    try:
        with _output_guard(run.err, partial_json=False), database:
            for record in run.records(render_rows):
                assert record.rows is not None
                database.add_rows(record.rows)
    except DatabaseError as exc:
        run.err.print(f"tripnews: error: {_one_line(str(exc))}", markup=False, highlight=False)
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
    from tripnews.clean import clean as clean_input
    from tripnews.load import read_inputs

    err = _stderr_console(quiet)
    report = Report()
    items = list(read_inputs(paths, stdin=_stdin_for(paths), max_bytes=max_bytes))
    several = len(items) > 1
    with _output_guard(err, partial_json=False):
        for item in items:
            if isinstance(item, InputError):
                _report_error(item, report, err)
                continue
            cleaned = clean_input(item)
            report.done += 1
            if several:
                sys.stdout.write(f"==> {_one_line(item.source)} <==\n")
            if cleaned.title:
                sys.stdout.write(f"# {cleaned.title}\n\n")
            sys.stdout.write(cleaned.text.rstrip("\n") + "\n")
            if show_removed:
                for block in cleaned.removed:
                    sys.stdout.write(f"--- removed ({block.kind}): {_one_line(block.text)}\n")
            if several:
                sys.stdout.write("\n")
    _finish(report, err, quiet)


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
    settings = dataclasses.replace(_settings(reference_date, 3, max_bytes), records_as_records=True)
    err = _stderr_console(quiet)
    report = Report()
    articles = list(_records(paths, settings, report, err, quiet, workers, for_digest))
    with _phases(err, quiet) as on_progress:
        result = build_digest(articles, on_progress)
        result = select_stories(result, person, place, first, last, min_articles)
        on_progress("rendering", 0, 1)
        with _output_guard(err, partial_json=False), _open_output(output) as out:
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


def _write_digest(result: Digest, output_format: DigestFormat, out: TextIO) -> None:
    import json

    from tripnews.render import digest as render_digest

    if output_format is DigestFormat.json:
        out.write(
            json.dumps(render_digest.digest_to_dict(result), ensure_ascii=False, indent=2) + "\n"
        )
    elif output_format is DigestFormat.markdown:
        out.write(render_digest.digest_to_markdown(result))
    elif output_format is DigestFormat.html:
        from tripnews.render import report_html

        out.write(report_html.digest_to_html(result))
    else:
        from rich.console import Console

        console = Console(file=out, highlight=False)
        for renderable in render_digest.digest_renderables(result):
            console.print(renderable)


@contextmanager
def _open_output(path: str | None) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        _usage_error(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}")
    with handle:
        yield handle


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
    workers: int | None,
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
        workers=workers or os.cpu_count() or 1,
    )
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
    from tripnews.render.pretty import safe

    return safe(text.replace("\n", "\\n").replace("\r", "\\r"))


def _stdin_for(paths: Iterable[str]) -> IO[bytes] | None:
    if "-" not in paths or sys.stdin is None:
        return None
    return sys.stdin.buffer


def _stderr_console(quiet: bool) -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


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


@contextmanager
def _output_guard(err: Console, partial_json: bool) -> Iterator[None]:
    """End quietly on a closed pipe; on Ctrl-C say so (and that JSON is cut short)."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise SystemExit(Exit.OK) from None
    except KeyboardInterrupt:
        message = "tripnews: interrupted"
        if partial_json:
            message += "; the JSON output is incomplete"
        err.print(message, markup=False, highlight=False)
        raise SystemExit(Exit.INTERRUPTED) from None


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


def _write_jsonl(records: Iterable[Rendered], out: TextIO) -> None:
    for record in records:
        out.write(record.body + "\n")
        out.flush()  # each record is usable downstream as soon as it is done


def _write_json(records: Iterable[Rendered], out: TextIO) -> None:
    from tripnews.render.record import stream_json_array

    for piece in stream_json_array(record.body for record in records):
        out.write(piece)


def _write_csv(records: Iterable[Rendered], out: TextIO) -> None:
    from tripnews.render.csv_row import csv_header

    out.write(csv_header())
    for record in records:
        out.write(record.body)
        out.flush()


def _write_pretty(records: Iterable[Article], out: TextIO) -> None:
    from rich.console import Console

    from tripnews.render.pretty import article_panel

    console = Console(highlight=False, file=None if out is sys.stdout else out)
    for article in records:
        console.print(article_panel(article))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("tripnews: interrupted\n")
        raise SystemExit(Exit.INTERRUPTED) from None
