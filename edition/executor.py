"""Where per-text work runs: in this process, or in a pool of worker processes.

The build hands per-text work (validate a file, render a text's pages) to a
`concurrent.futures.Executor`. Each task is a module-level function of picklable
arguments, so any executor will do: the serial one below (one core, easy to debug), a
`ProcessPoolExecutor` (all cores of this machine), or a Dask cluster's
``Client.get_executor()`` (many machines; see docs/scaling.md).

Results come back in the order the work was given, whatever the number of workers or
the order they finish in, so the output of a build does not depend on ``--jobs``.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

BATCHES_PER_WORKER = 4
"""Work is cut into about this many batches per worker: few enough that sending each
batch costs little, enough that a slow batch does not leave the other workers idle."""


class SerialExecutor(Executor):
    """Runs each task at once in the calling process (``--jobs 1``)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:  # noqa: ANN001 - Executor's signature
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed back through the future, as pools do
            future.set_exception(error)
        return future


def available_cores() -> int:
    """Cores this process may run on (respects CPU affinity and container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_setup(setup: list[tuple[Callable[..., object], tuple]]) -> None:
    for fn, args in setup:
        fn(*args)


class FreshProcessPool(Executor):
    """A pool of freshly started interpreters that share no memory with this process,
    as a cluster's workers do: what `broadcast` hands them is pickled and run in each
    worker as it starts (the pool is started again after each broadcast).

    Used where processes cannot be forked (Windows), and by the tests to prove that the
    build does not depend on workers inheriting its memory.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.setup: list[tuple[Callable[..., object], tuple]] = []
        self.pool: ProcessPoolExecutor | None = None

    def broadcast(self, fn: Callable[..., object], *args: object) -> None:
        self.setup.append((fn, args))
        self.shutdown()

    def submit(self, fn, /, *args, **kwargs) -> Future:  # noqa: ANN001 - Executor's signature
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers,
                                            mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_run_setup, initargs=(self.setup,))
        return self.pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait, cancel_futures=cancel_futures)
            self.pool = None

    @property
    def _max_workers(self) -> int:
        return self.workers


@contextmanager
def make_executor(jobs: int | None = None, work: int | None = None) -> Iterator[Executor]:
    """An executor for ``jobs`` workers (default: every core); serial for one job.

    ``work`` is the number of tasks, when known: no more workers are started than
    there are tasks, and a single task runs in this process.
    """
    workers = jobs if jobs is not None else available_cores()
    if work is not None:
        workers = min(workers, work)
    if workers <= 1:
        yield SerialExecutor()
        return
    if "fork" in multiprocessing.get_all_start_methods():
        # workers start in milliseconds and inherit what this process has loaded
        # (compiled schemas, the site being rendered)
        pool: Executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(
            "fork"))
    else:
        pool = FreshProcessPool(workers)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def executor_for(given: Executor | None, jobs: int | None, work: int | None
                 ) -> Iterator[Executor]:
    """``given`` when the caller brought an executor (it stays open), else a new one."""
    if given is not None:
        yield given
        return
    with make_executor(jobs, work) as made:
        yield made


def broadcast(executor: Executor, fn: Callable[..., object], *args: object) -> None:
    """Run ``fn(*args)`` in this process and in every worker of ``executor``.

    Used to hand the workers what every task needs (the site being rendered) once,
    rather than with every task. Workers forked from this process after the call
    inherit it; an executor whose workers live elsewhere (a Dask cluster) provides a
    ``broadcast(fn, *args)`` method of its own, which is called as well.
    """
    fn(*args)
    remote = getattr(executor, "broadcast", None)
    if remote is not None:
        remote(fn, *args)


def _apply_to_batch(fn: Callable[[Item], Result], batch: Sequence[Item]) -> list[Result]:
    return [fn(item) for item in batch]


def batches(items: Sequence[Item], workers: int) -> list[Sequence[Item]]:
    """Cut ``items`` into consecutive batches, about `BATCHES_PER_WORKER` per worker."""
    if not items:
        return []
    size = max(1, math.ceil(len(items) / (max(1, workers) * BATCHES_PER_WORKER)))
    return [items[i:i + size] for i in range(0, len(items), size)]


def executor_workers(executor: Executor) -> int:
    """How many tasks ``executor`` runs at once, as far as it can be told."""
    if isinstance(executor, SerialExecutor):
        return 1
    return getattr(executor, "_max_workers", None) or available_cores()


def results_in_order(executor: Executor, fn: Callable[[Item], Result],
                     items: Sequence[Item]) -> Iterator[Result]:
    """``fn(item)`` for each item, computed by ``executor`` in batches and yielded in
    order as soon as each batch is done (the caller need not hold them all at once).

    Only ``submit`` is used, so any `concurrent.futures.Executor` works; an exception
    raised by ``fn`` is raised here, after the other batches have been cancelled.
    """
    futures = [executor.submit(_apply_to_batch, fn, batch)
               for batch in batches(items, executor_workers(executor))]
    try:
        for future in futures:
            yield from future.result()
    except BaseException:
        for future in futures:
            future.cancel()
        raise


def map_in_order(executor: Executor, fn: Callable[[Item], Result],
                 items: Sequence[Item]) -> list[Result]:
    """``[fn(item) for item in items]``, computed by ``executor`` (`results_in_order`)."""
    return list(results_in_order(executor, fn, items))
