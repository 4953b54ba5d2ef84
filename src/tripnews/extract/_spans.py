"""Mention tables: (start, end, name) rows sorted by start, searched by bisection.

>>> rows_within([(0, 5, "Tokyo"), (10, 15, "Seoul"), (12, 30, "Korean Peninsula")], 8, 20)
[(10, 15, 'Seoul')]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

Row = tuple[int, int, str]


def rows_within(table: Sequence[Row], start: int, end: int) -> list[Row]:
    """The rows lying wholly within ``start:end``, without scanning the whole table."""
    rows = table[bisect.bisect_left(table, (start,)) : bisect.bisect_left(table, (end,))]
    return [row for row in rows if row[1] <= end]
