"""Batching for the worker pool: bounded by count and by size, and read lazily."""

from __future__ import annotations

from collections.abc import Iterator

from tripnews.errors import InputError
from tripnews.model import RawInput
from tripnews.parallel import batched


def _article(chars: int, name: str = "a") -> RawInput:
    return RawInput(source=name, format="text", text="x" * chars)


def test_batches_close_at_the_count_or_at_the_size_whichever_comes_first() -> None:
    items = [_article(10) for _ in range(5)] + [_article(500), _article(10), _article(10)]
    sizes = [len(batch) for batch in batched(items, 3, max_chars=400)]
    # three small; two small and the large one (over 400 characters); the last two
    assert sizes == [3, 3, 2]


def test_a_failed_input_counts_as_an_item_of_no_size() -> None:
    items: list[RawInput | InputError] = [InputError("bad", "unreadable")] * 4
    assert [len(batch) for batch in batched(items, 3, max_chars=1)] == [3, 1]


def test_batches_are_read_lazily() -> None:
    read: list[int] = []

    def endless() -> Iterator[RawInput]:
        number = 0
        while True:
            read.append(number)
            yield _article(1, str(number))
            number += 1

    first = next(batched(endless(), 4, max_chars=10_000))
    assert [item.source for item in first] == ["0", "1", "2", "3"]
    assert len(read) == 4  # nothing read beyond the batch handed out


def test_the_pool_streams_results_in_order_and_passes_on_a_reading_failure() -> None:
    """Records come back in input order, rendered in the worker; an exception while
    reading the input reaches the consumer after the records read before it, instead
    of hanging the pool."""
    from functools import partial

    from tripnews.parallel import process_in_pool
    from tripnews.pipeline import DEFAULT_SETTINGS, _finished_item, warm_up
    from tripnews.render.record import render_line

    def inputs() -> Iterator[RawInput]:
        for number in range(5):
            yield _article_text(
                f"Officials met in Berlin on Monday, report {number} said.", str(number)
            )
        raise RuntimeError("the disk went away")

    got: list[str] = []
    try:
        work = partial(_finished_item, DEFAULT_SETTINGS, render_line)
        for record in process_in_pool(inputs(), work, 2, warm_up, batch_size=2):
            assert not isinstance(record, InputError)
            got.append(record.source)
    except RuntimeError as exc:
        assert "disk" in str(exc)
    else:
        raise AssertionError("the reading failure was swallowed")
    assert got == ["0", "1", "2", "3", "4"]


def _article_text(text: str, name: str) -> RawInput:
    return RawInput(source=name, format="text", text=text)
