"""Coverage-guided fuzzing of the whole pipeline with atheris (longer runs than the test suite).

    pip install atheris
    python scripts/fuzz.py -max_total_time=600          # ten minutes
    python scripts/fuzz.py crash-<hash>                 # replay a finding
    python scripts/fuzz.py --random 2000                # without atheris: random inputs

Each input is tried as a plain-text article, an HTML page and a JSON record, with
and without a reference date. Each is also shaped, by its first byte, into the
inputs that broke the reader before: a JSON record or an HTML page's JSON-LD whose
strings carry lone surrogate escapes, JSON nested thousands deep, and JSON lines
holding U+2028, U+2029 and U+0085; those go through the reader (``read_inputs``
on a stream) and out through the JSONL writer. Any exception, a mention whose
offsets do not slice the text, a record that cannot be written as UTF-8 or whose
JSONL line a line reader would split, is a finding.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

try:
    import atheris
except ImportError:  # the --random mode needs no fuzzer
    atheris = None


def _instrumented() -> AbstractContextManager[object]:
    return atheris.instrument_imports() if atheris is not None else nullcontext()


with _instrumented():
    from tripnews.cli_output import json_line_safe  # the JSONL writer's escaping
    from tripnews.errors import InputError
    from tripnews.load import decode, read_inputs, record_to_raw
    from tripnews.model import Article, RawInput
    from tripnews.pipeline import Settings, process_item, process_raw
    from tripnews.render.record import render_line

ANCHOR = Settings(reference_date=dt.date(2021, 3, 14))
_SEPARATORS = ("\u2028", "\u2029", "\x85")


def check(article: Article) -> None:
    for group in (article.people, article.places, article.organizations):
        for entity in group:
            for m in entity.mentions:
                assert article.text[m.start : m.end] == m.text, m
    for d in article.dates:
        assert article.text[d.start : d.end] == d.text, d
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.text, q


def check_written(article: Article) -> None:
    """The record writes as UTF-8 and its JSONL line is one line for any line reader."""
    line = json_line_safe(render_line(article).body)
    line.encode("utf-8")  # a lone surrogate would raise here
    assert len(line.splitlines()) == 1, "a JSONL line that a line reader splits"
    assert json.loads(line)["text"] == article.text


# ---------------------------------------------------------------------------
# shapes: the fuzz bytes as a hostile JSON, JSONL or HTML input


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _surrogate_json(data: bytes) -> bytes:
    """A JSON record whose title and body hold lone surrogate escapes."""
    words = _text(data)
    cut = len(words) // 2
    record = json.dumps({"title": words[:cut], "text": words[cut:] + " in Paris on Monday."})
    return (
        record.replace('"title": "', '"title": "\\ud83d', 1)
        .replace('"text": "', '"text": "\\udc00', 1)
        .encode()
    )


def _deep_json(data: bytes) -> bytes:
    """A record, a bare array, or a JSONL line, nested as deep as the first bytes say."""
    depth = int.from_bytes(data[:2] or b"\x00", "big") % 6000
    inner = json.dumps(_text(data[2:]))
    nested = "[" * depth + inner + "]" * depth
    return [nested, '{"text": ' + nested + "}", '{"text": "a"}\n{"x": ' + nested + "}\n"][
        depth % 3
    ].encode()


def _separated_jsonl(data: bytes) -> bytes:
    """JSON lines whose strings hold the characters str.splitlines breaks lines at."""
    words = _text(data)
    pieces = [words[i : i + 40] for i in range(0, max(len(words), 1), 40)] or [""]
    lines = [
        json.dumps({"text": piece + _SEPARATORS[n % 3] + "Officials met."}, ensure_ascii=False)
        for n, piece in enumerate(pieces[:8])
    ]
    return ("\n".join(lines) + "\n").encode()


def _json_ld_page(data: bytes) -> bytes:
    """An HTML page whose JSON-LD headline and metadata come from the fuzz bytes."""
    words = _text(data).replace("<", " ")
    ld = json.dumps({"@type": "NewsArticle", "headline": words[:80], "datePublished": words[80:]})
    ld = ld.replace('"headline": "', '"headline": "\\ud83d', 1)
    return (
        f'<html><head><script type="application/ld+json">{ld}</script>'
        f'<meta property="og:title" content="{words[:40]}"></head>'
        f"<body><p>{words} Officials met in Berlin on Monday.</p></body></html>"
    ).encode()


SHAPES: tuple[Callable[[bytes], bytes], ...] = (
    _surrogate_json,
    _deep_json,
    _separated_jsonl,
    _json_ld_page,
)


def read_and_write(data: bytes) -> None:
    """Read ``data`` as the CLI reads standard input, then process and write each record."""
    for item in read_inputs(["-"], stdin=io.BytesIO(data)):
        result = process_item(item, ANCHOR)
        if isinstance(result, InputError):
            assert result.reason and "internal error" not in result.reason, result
            continue
        check(result)
        check_written(result)


def one_input(data: bytes) -> None:
    if data:
        read_and_write(SHAPES[data[0] % len(SHAPES)](data[1:]))
    try:
        text, _ = decode(data, "fuzz")
    except InputError:
        return
    for raw in (RawInput("fuzz.txt", "text", text), RawInput("fuzz.html", "html", text)):
        check(process_raw(raw))
        check(process_raw(raw, ANCHOR))
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return
    item = record_to_raw(obj, "fuzz.json")
    if isinstance(item, RawInput):
        check(process_raw(item))


def random_inputs(count: int, seed: int = 0) -> None:
    """Without atheris: ``count`` random inputs in every shape (no coverage guidance)."""
    rng = random.Random(seed)
    alphabet = "AaBbMmSsTt ,.;:'\"“”‘’-—()[]{}<>\n0123456789\u2028\ud83d\x85é" + "Mr said May "
    for number in range(count):
        size = rng.randrange(0, 400)
        text = "".join(rng.choice(alphabet) for _ in range(size))
        data = bytes([number % 256]) + text.encode("utf-8", "surrogatepass")
        try:
            one_input(data)
        except Exception:
            print(f"finding on input {number}: {data!r}", file=sys.stderr)
            raise


if __name__ == "__main__":
    if sys.argv[1:2] == ["--random"]:
        random_inputs(int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    elif atheris is None:
        sys.exit("atheris is not installed: pip install atheris, or run with --random N")
    else:
        atheris.Setup(sys.argv, one_input)
        atheris.Fuzz()
