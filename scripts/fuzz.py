"""Coverage-guided fuzzing of the whole pipeline with atheris (longer runs than the test suite).

    pip install atheris
    python scripts/fuzz.py -max_total_time=600          # ten minutes
    python scripts/fuzz.py crash-<hash>                 # replay a finding

Each input is tried as a plain-text article, an HTML page and a JSON record, with
and without a reference date. Any exception, or a mention whose offsets do not
slice the text to the mention, is a finding.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import atheris

with atheris.instrument_imports():
    from tripnews.errors import InputError
    from tripnews.load import decode, record_to_raw
    from tripnews.model import Article, RawInput
    from tripnews.pipeline import Settings, process_raw

ANCHOR = Settings(reference_date=dt.date(2021, 3, 14))


def check(article: Article) -> None:
    for group in (article.people, article.places, article.organizations):
        for entity in group:
            for m in entity.mentions:
                assert article.text[m.start : m.end] == m.text, m
    for d in article.dates:
        assert article.text[d.start : d.end] == d.text, d
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.text, q


def one_input(data: bytes) -> None:
    try:
        text, _ = decode(data, "fuzz")
    except InputError:
        return
    for raw in (RawInput("fuzz.txt", "text", text), RawInput("fuzz.html", "html", text)):
        check(process_raw(raw))
        check(process_raw(raw, ANCHOR))
    try:
        obj = json.loads(text)
    except ValueError:
        return
    item = record_to_raw(obj, "fuzz.json")
    if isinstance(item, RawInput):
        check(process_raw(item))


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
