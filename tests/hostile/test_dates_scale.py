"""Date tagging on text dense with date-like tokens stays linear in the number of tokens.

Keeping the longest of overlapping candidates once compared each candidate with every
one kept before it: 100,000 years in a row took minutes, and a long date-dense line
held up every article after it.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tripnews.extract.dates import tag_dates

TOKENS = 100_000
# Seconds on a slow shared core; the quadratic check took minutes on the same input.
LIMIT_SECONDS = 20.0


@pytest.mark.parametrize("token", ["2021 ", "two days ago "])
def test_a_hundred_thousand_date_tokens_are_tagged_in_seconds(token: str) -> None:
    text = token * TOKENS
    started = time.perf_counter()
    found = tag_dates(text, dt.date(2021, 3, 14))
    elapsed = time.perf_counter() - started
    assert len(found) == TOKENS
    assert found[-1].end == len(text) - 1
    assert elapsed < LIMIT_SECONDS, f"{elapsed:.1f} s"
