"""Process articles in a pool of worker processes, in input order, with bounded memory.

The parent reads inputs and writes records; workers only run the pure pipeline.
At most ``_IN_FLIGHT_PER_WORKER`` articles per worker are read ahead, so a
corpus of any size streams through in constant memory.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from tripnews.errors import InputError
from tripnews.model import Article, RawInput

# Enough queued work to keep every worker busy while the parent writes output,
# few enough that read-ahead memory stays small.
_IN_FLIGHT_PER_WORKER = 8

_worker_settings: object = None


def warm_up() -> None:
    """Load every gazetteer and pattern table once, by processing a tiny article."""
    from tripnews.pipeline import process_text

    process_text("President Joe Biden met Kim Jong Un in Hanoi on Monday, March 4, 2019.")


def _init_worker(settings: object) -> None:
    global _worker_settings
    _worker_settings = settings
    # Ctrl-C is the parent's to handle: it stops the pool and reports once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def _run(item: RawInput | InputError) -> Article | InputError:
    from tripnews.pipeline import Settings, process_item

    assert isinstance(_worker_settings, Settings)
    return process_item(item, _worker_settings)


def _context() -> multiprocessing.context.BaseContext:
    # fork lets workers share the parent's already-loaded rule data copy-on-write;
    # where fork is unavailable (Windows, macOS default) spawn re-loads it per worker.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def process_in_pool(
    items: Iterable[RawInput | InputError], settings: object, workers: int
) -> Iterator[Article | InputError]:
    """Yield each item's record in input order, computed by ``workers`` processes."""
    warm_up()  # loaded before forking, so the workers inherit it instead of loading again
    pending: deque[AsyncResult[Article | InputError]] = deque()
    limit = workers * _IN_FLIGHT_PER_WORKER
    pool = _context().Pool(workers, initializer=_init_worker, initargs=(settings,))
    try:
        for item in items:
            pending.append(pool.apply_async(_run, (item,)))
            if len(pending) >= limit:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
