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
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from tripnews import __version__
from tripnews.errors import InputError
from tripnews.load import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from rich.console import Console

    from tripnews.digest import Story
    from tripnews.model import Article, RawInput
    from tripnews.pipeline import Settings


from tripnews.cli_output import (
    Exit,
    RecordT,
    Report,
    Sink,
    Terminated,
    console_for,
    finish_run,
    json_line_safe,
    on_sigterm,
    one_line_safe,
    open_output,
    output_guard,
    records_of,
    refuse_output_among_inputs,
    report_error,
    say,
    stderr_console,
    stdin_for,
    usage_error,
    write_csv,
    write_json,
    write_jsonl,
    write_pretty,
)


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

    # the command line knows the day it runs; the library is told it, never reads it
    return Settings(
        _parse_reference_date(reference_date), summary_sentences, max_bytes, today=dt.date.today()
    )


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
    err = stderr_console(quiet)
    settings = _settings(reference_date, summary_sentences, _max_bytes(max_bytes, err))
    workers = _workers(workers, err)
    report = Report()
    refuse_output_among_inputs(output, paths)
    run = _Run(paths, settings, report, err, quiet, workers)
    if output_format is OutputFormat.sqlite:
        _ingest_into_database(run, output)
    else:
        _ingest_into_stream(run, output_format, output)
    finish_run(report, err, quiet)


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
        self, finish: Callable[[Article], RecordT], running: list[Iterator[object]]
    ) -> Iterator[RecordT]:
        """The run's records, registered in ``running`` so that a run that ends early
        stops its worker pool (see ``output_guard``)."""
        stream = records_of(
            self.paths, self.settings, self.report, self.err, self.quiet, self.workers, finish
        )
        running.append(stream)
        return stream


def _ingest_into_stream(run: _Run, output_format: OutputFormat, output: str | None) -> None:
    """``ingest`` in a text form (pretty, JSON, JSONL, CSV), to stdout or a file."""
    with (
        output_guard(run.err, partial_json=output_format is OutputFormat.json) as running,
        open_output(output) as out,
    ):
        if output_format is OutputFormat.pretty:
            from tripnews.pipeline import as_article

            write_pretty(run.records(as_article, running), out)
        elif output_format is OutputFormat.csv:
            from tripnews.render.csv_row import render_csv

            write_csv(run.records(render_csv, running), out)
        else:
            from tripnews.render.record import render_indented, render_line

            # JSON is written out by the workers, in parallel, and only copied here
            finish = render_line if output_format is OutputFormat.jsonl else render_indented
            if output_format is OutputFormat.jsonl:
                write_jsonl(run.records(finish, running), out)
            else:
                write_json(run.records(finish, running), out)
        out.flush()


def _ingest_into_database(run: _Run, output: str | None) -> None:
    """``ingest -f sqlite``: the rows are made in the workers; this process writes them."""
    from tripnews.render.database import ArticleWriteError, Database, DatabaseError, render_rows

    if output is None or output == "-":
        usage_error("--format sqlite writes a database file: name it with -o FILE")
    try:
        # from a pipe, each article is committed as it is done (as JSONL lines are flushed)
        database = Database(output, batch=1) if "-" in run.paths else Database(output)
    except DatabaseError as exc:
        usage_error(str(exc))
    try:
        with output_guard(run.err, partial_json=False) as running, database:
            for record in run.records(render_rows, running):
                assert record.rows is not None
                try:
                    database.add_rows(record.rows)
                except ArticleWriteError as exc:  # that article alone is lost, not the run
                    run.report.done -= 1
                    report_error(InputError(record.source, str(exc)), run.report, run.err)
    except DatabaseError as exc:
        say(run.err, f"tripnews: error: {one_line_safe(str(exc))}")
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

    err = stderr_console(quiet)
    report = Report()
    out = Sink(sys.stdout, "standard output")
    limit = _max_bytes(max_bytes, err)
    with output_guard(err, partial_json=False) as running:
        # streamed: each input is read, cleaned and printed before the next is read
        items = read_inputs(paths, stdin=stdin_for(paths), max_bytes=limit)
        running.append(items)
        # a header names each input when there may be several (known before reading any:
        # the next input may be a pipe that has not ended)
        several = len(paths) > 1 or any(p != "-" and not os.path.isfile(p) for p in paths)
        for item in items:
            _clean_one(item, several or item.source not in paths, show_removed, report, err, out)
        out.flush()
    finish_run(report, err, quiet)


def _clean_one(
    item: RawInput | InputError,
    several: bool,
    show_removed: bool,
    report: Report,
    err: Console,
    out: Sink,
) -> None:
    """Clean one input and print its text (sanitised: it goes to a terminal)."""
    from tripnews.clean import clean as clean_input
    from tripnews.render.terminal import safe

    if isinstance(item, InputError):
        report_error(item, report, err)
        return
    try:
        cleaned = clean_input(item)
    except Exception as exc:  # one odd input must not stop the others
        reason = f"internal error ({type(exc).__name__})"
        report_error(InputError(item.source, reason), report, err)
        return
    report.done += 1
    if several:
        out.write(f"==> {one_line_safe(item.source)} <==\n")
    if cleaned.title:
        out.write(f"# {one_line_safe(cleaned.title)}\n\n")
    out.write(safe(cleaned.text.rstrip("\n")) + "\n")
    if show_removed:
        for block in cleaned.removed:
            out.write(f"--- removed ({block.kind}): {one_line_safe(block.text)}\n")
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

    from tripnews.digest import Corpus, digest_stories, pack, story_filter

    first, last = _parse_reference_date(since), _parse_reference_date(until)
    err = stderr_console(quiet)
    settings = _settings(reference_date, 3, _max_bytes(max_bytes, err))
    settings = dataclasses.replace(settings, records_as_records=True)
    workers = _workers(workers, err)
    report = Report()
    refuse_output_among_inputs(output, paths)
    # the output is opened (or refused) before any article is read, not after them all
    with (
        output_guard(err, partial_json=output_format is DigestFormat.json) as running,
        open_output(output) as out,
        _phases(err, quiet) as on_progress,
        Corpus() as corpus,  # the articles wait on disk while they are grouped
    ):
        # each article's terms are counted and the article pickled in the workers
        stream = records_of(paths, settings, report, err, quiet, workers, pack)
        running.append(stream)
        for article in stream:
            corpus.add(article)
        keep = story_filter(person, place, first, last, min_articles)
        stories = (s for s in digest_stories(corpus, on_progress) if keep(s))
        on_progress("rendering", 0, 1)
        _write_digest(stories, output_format, out)
        on_progress("rendering", 1, 1)
    finish_run(report, err, quiet)


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


def _write_digest(stories: Iterable[Story], output_format: DigestFormat, out: Sink) -> None:
    """Write the digest of ``stories``: JSON a story at a time as each is built (none
    is held), the other formats once every story is in."""
    from tripnews.digest import Digest
    from tripnews.digest.names import name_index
    from tripnews.render import digest as render_digest

    if output_format is DigestFormat.json:
        for piece in render_digest.stream_digest_json(stories):
            out.write(json_line_safe(piece))
        out.write("\n")
        return
    kept = tuple(stories)
    result = Digest(stories=kept, names=name_index(kept))
    if output_format is DigestFormat.markdown:
        out.write(render_digest.digest_to_markdown(result))
    elif output_format is DigestFormat.html:
        from tripnews.render import report_html

        out.write(report_html.digest_to_html(result))
    else:
        console = console_for(out)
        for renderable in render_digest.digest_renderables(result):
            console.print(renderable)


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        app()
    except KeyboardInterrupt:
        _say_and_exit("tripnews: interrupted", Exit.INTERRUPTED)
    except Terminated:
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
