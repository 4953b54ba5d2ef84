"""Process articles in a pool of worker processes, in input order, with bounded memory.

The parent reads inputs and writes records; workers run the function they are
given (the pipeline hands in its own, with the output's rendering): this module
knows nothing of the stages, so it imports nothing above it. Articles from files
travel in batches, so the parent handles an eighth of the messages; from a pipe,
one at a time, so that each record comes out as soon as its article has come in.
At most ``_BATCHES_IN_FLIGHT_PER_WORKER`` batches per worker are read ahead, so a
corpus of any size streams through in constant memory.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

from tripnews.errors import InputError
from tripnews.model import RawInput

# Enough queued work to keep every worker busy while the parent writes output,
# few enough that read-ahead memory stays small.
_BATCHES_IN_FLIGHT_PER_WORKER = 3
FILE_BATCH = 8
# A batch also closes at this many characters, so a folder of huge pages is never read
# ahead eight at a time.
_BATCH_CHARS = 1_000_000

T = TypeVar("T")

# What a worker runs on each item, and what it runs once when it starts (loading every
# table by processing a tiny article), set by the pool's initializer.
Work = Callable[[RawInput | InputError], Any]
_worker_work: Work | None = None


def _init_worker(work: Work, warm_up: Callable[[], object]) -> None:
    global _worker_work
    _worker_work = work
    # Ctrl-C is the parent's to handle: it stops the pool and reports once.
    # SIGTERM (the pool's way to stop a worker) ends it at once and silently, not through
    # the handler the parent may have installed, which a fork copies.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    warm_up()


def _run(batch: list[RawInput | InputError]) -> list[Any]:
    assert _worker_work is not None
    return [_worker_work(item) for item in batch]


def _context() -> multiprocessing.context.BaseContext:
    # fork lets workers share the parent's already-loaded rule data copy-on-write;
    # where fork is unavailable (Windows, macOS default) spawn re-loads it per worker.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def process_in_pool(
    items: Iterable[RawInput | InputError],
    work: Callable[[RawInput | InputError], T],
    workers: int,
    warm_up: Callable[[], object],
    batch_size: int = 1,
) -> Iterator[T]:
    """Yield ``work(item)`` for each item, in input order, computed by ``workers``
    processes that take ``batch_size`` items at a time. ``work`` must pickle (a
    module-level function, or a ``functools.partial`` of one) where processes are
    spawned; ``warm_up`` runs before forking and in each worker as it starts.

    A feeder thread reads the items and hands them to the pool while this generator
    yields each result as soon as it and those before it are done: a record never waits
    for the next article to be read, which on a pipe may take any time.
    """
    warm_up()  # loaded before forking, so the workers inherit it instead of loading again
    pool = _context().Pool(workers, initializer=_init_worker, initargs=(work, warm_up))
    # bounded: the feeder blocks when this much work is queued, so memory stays flat
    pending: queue.Queue[AsyncResult[list[T]] | _End] = queue.Queue(
        maxsize=workers * _BATCHES_IN_FLIGHT_PER_WORKER
    )
    stop = threading.Event()
    feeder = threading.Thread(
        target=_feed,
        args=(items, batch_size, pool, pending, stop),
        name="tripnews-feeder",
        daemon=True,
    )
    feeder.start()
    try:
        while not isinstance(head := pending.get(), _End):
            yield from head.get()
        if head.error is not None:
            raise head.error
        pool.close()
    finally:
        stop.set()  # a consumer that stops early (a closed pipe, Ctrl-C) stops the feeder
        _stop_pool(pool)


# How long stopping a pool may take before its workers are killed outright.
_STOP_SECONDS = 5.0


def _stop_pool(pool: multiprocessing.pool.Pool) -> None:
    """Terminate the pool, never waiting for ever.

    ``Pool.terminate`` first takes the task queue's lock, which an idle worker holds
    while it waits for work; a worker killed from outside (SIGTERM to the whole process
    group, as a service manager sends) may have died holding it, and then terminate
    waits for ever. So it runs in a thread that is given up after a few seconds, and
    the workers still alive are killed.
    """
    stopper = threading.Thread(target=pool.terminate, name="tripnews-stop", daemon=True)
    stopper.start()
    stopper.join(_STOP_SECONDS)
    if stopper.is_alive():
        for worker in getattr(pool, "_pool", ()):  # the pool's processes (no public name)
            if worker.is_alive():
                worker.kill()
        return
    pool.join()


class _End:
    """The feeder's last message: the input is exhausted, or reading it failed."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


def _feed(
    items: Iterable[RawInput | InputError],
    batch_size: int,
    pool: multiprocessing.pool.Pool,
    pending: queue.Queue[Any],
    stop: threading.Event,
) -> None:
    try:
        for batch in batched(items, max(1, batch_size), _BATCH_CHARS):
            if stop.is_set() or not _put(pending, pool.apply_async(_run, (batch,)), stop):
                return
    except BaseException as exc:  # handed to the consumer, which raises it
        _put(pending, _End(exc), stop)
    else:
        _put(pending, _End(), stop)


def _put(pending: queue.Queue[Any], message: object, stop: threading.Event) -> bool:
    """Queue ``message``, waiting while the queue is full, unless the consumer has stopped."""
    while not stop.is_set():
        try:
            pending.put(message, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


def batched(
    items: Iterable[RawInput | InputError], size: int, max_chars: int
) -> Iterator[list[RawInput | InputError]]:
    """Consecutive lists of at most ``size`` items, read lazily; a list closes early once
    its articles hold ``max_chars`` characters (one larger article goes alone)."""
    batch: list[RawInput | InputError] = []
    chars = 0
    try:
        for item in items:
            batch.append(item)
            if isinstance(item, RawInput):
                chars += len(item.text) + len(item.html or "")
            if len(batch) >= size or chars >= max_chars:
                yield batch
                batch, chars = [], 0
    except Exception:
        if batch:
            yield batch  # what was read before the input failed is still processed
        raise
    if batch:
        yield batch
