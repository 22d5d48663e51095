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

import gc
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


def submit_batches(executor: Executor, fn: Callable[[Item], Result],
                   items: Sequence[Item]) -> list[Future]:
    """Hand ``fn(item)`` for every item to ``executor`` in batches; `gathered` collects
    the results. In between, this process is free for other work."""
    return [executor.submit(_apply_to_batch, fn, batch)
            for batch in batches(items, executor_workers(executor))]


def gathered(futures: list[Future]) -> Iterator:
    """The results of `submit_batches`, in order, as each batch is done; an exception of
    a batch is raised here, after the other batches have been cancelled."""
    try:
        for future in futures:
            yield from future.result()
    except BaseException:
        for future in futures:
            future.cancel()
        raise


def results_in_order(executor: Executor, fn: Callable[[Item], Result],
                     items: Sequence[Item]) -> Iterator[Result]:
    """``fn(item)`` for each item, computed by ``executor`` in batches and yielded in
    order as soon as each batch is done (the caller need not hold them all at once).

    Only ``submit`` is used, so any `concurrent.futures.Executor` works; an exception
    raised by ``fn`` is raised here, after the other batches have been cancelled.
    """
    yield from gathered(submit_batches(executor, fn, items))


def map_in_order(executor: Executor, fn: Callable[[Item], Result],
                 items: Sequence[Item]) -> list[Result]:
    """``[fn(item) for item in items]``, computed by ``executor`` (`results_in_order`)."""
    return list(results_in_order(executor, fn, items))


# ------------------------------------------------------------------ Dask

SCHEDULER_HELP = "tcp://HOST:PORT of a running Dask scheduler, or local:N for N local workers"


class _RemoteFuture(Future):
    """A future of this process that follows one of a cluster's, with the cluster's
    failures told in one line (`_explained`)."""

    def __init__(self, inner: Future, task: str) -> None:
        super().__init__()
        self.inner = inner
        self.task = task
        inner.add_done_callback(self._follow)

    def cancel(self) -> bool:
        self.inner.cancel()
        return super().cancel()

    def _follow(self, inner: Future) -> None:
        if self.done():
            return
        if inner.cancelled():
            super().cancel()
            return
        error = inner.exception()
        if error is None:
            self.set_result(inner.result())
        else:
            self.set_exception(_explained(error, self.task))


def _explained(error: BaseException, task: str) -> BaseException:
    """The cluster's own failures (a worker died, the scheduler went away) as an
    `EditionError`; a failure of the task itself as it was raised."""
    from distributed import KilledWorker
    from distributed.comm.core import CommClosedError

    from edition.problems import EditionError

    if isinstance(error, KilledWorker):
        return EditionError(f"the Dask workers running {task} died each time it was "
                            "tried; the previous build is left as it was", rule="dask")
    if isinstance(error, CommClosedError | OSError | TimeoutError):
        return EditionError(f"lost the Dask cluster while running {task} ({error}); the "
                            "previous build is left as it was", rule="dask")
    return error


def _set_build_epoch(epoch: str) -> None:
    """Pin a worker's notion of "now" to the building process's (`edition.clock`)."""
    os.environ["SOURCE_DATE_EPOCH"] = epoch


class _Broadcast:
    """A Dask worker plugin that runs ``fn(*args)`` on every worker, including workers
    that join later (a worker restarted by its nanny after it died)."""

    def __init__(self, fn: Callable[..., object], args: tuple) -> None:
        self.fn = fn
        self.args = args

    def setup(self, worker: object) -> None:  # noqa: ARG002 - WorkerPlugin's signature
        self.fn(*self.args)
        # what is handed out lives as long as the build (the model of every text):
        # kept out of the collector's reach, as the building process keeps it
        gc.collect()
        gc.freeze()


class DaskExecutor(Executor):
    """The workers of a Dask cluster as an executor (`broadcast` included).

    Every worker must see the edition folder and the output folder at the same paths as
    the building process (a shared file system): tasks receive paths, read the TEI files
    and write pages there. See docs/scaling.md.
    """

    def __init__(self, client: object) -> None:
        from distributed.diagnostics.plugin import WorkerPlugin

        self.client = client
        self.plugins: list[str] = []
        self._plugin_type = type("EditionBroadcast", (_Broadcast, WorkerPlugin), {})
        from edition.clock import build_time

        self.broadcast(_set_build_epoch, str(int(build_time().timestamp())))

    def submit(self, fn, /, *args, **kwargs) -> Future:  # noqa: ANN001 - Executor's signature
        inner = self.client.get_executor(pure=False).submit(fn, *args, **kwargs)
        return _RemoteFuture(inner, getattr(fn, "__name__", "a task"))

    def broadcast(self, fn: Callable[..., object], *args: object) -> None:
        name = f"edition:{fn.__module__}.{fn.__qualname__}:{args[:1]!r}"
        try:
            self.client.register_plugin(self._plugin_type(fn, args), name=name)
        except Exception as error:  # noqa: BLE001 - told as the cluster's failure
            raise _explained(error, fn.__name__) from None
        if name not in self.plugins:
            self.plugins.append(name)

    @property
    def _max_workers(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Take back what was handed to the workers (they may serve other builds)."""
        for name in self.plugins:
            try:
                self.client.unregister_worker_plugin(name)
            except Exception:  # noqa: BLE001, S110 - a worker that went away has nothing to drop
                pass
        self.plugins.clear()


def _local_workers(scheduler: str) -> int:
    from edition.problems import EditionError

    count = scheduler.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise EditionError(f"--scheduler {scheduler}: N in local:N must be a whole number "
                           "of workers, at least 1", rule="usage")
    return int(count)


@contextmanager
def dask_executor(scheduler: str, timeout: float = 20) -> Iterator[DaskExecutor]:
    """An executor on the Dask cluster whose scheduler is at ``scheduler``
    (``tcp://host:port``), or on a `LocalCluster` of N worker processes (``local:N``)."""
    from edition.problems import EditionError

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EditionError("--scheduler needs the dask and distributed packages "
                           "(pip install dask distributed)", rule="dask") from None
    cluster = None
    if scheduler.startswith("local:"):
        cluster = LocalCluster(n_workers=_local_workers(scheduler), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        address: object = cluster
    elif "://" in scheduler:
        address = scheduler
    else:
        raise EditionError(f"--scheduler {scheduler}: give tcp://HOST:PORT or local:N",
                           rule="usage")
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise EditionError(f"cannot reach the Dask scheduler at {scheduler}: {error}",
                           rule="dask") from None
    executor = DaskExecutor(client)
    try:
        yield executor
    finally:
        executor.shutdown()
        client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a block allocates many long-lived objects
    and leaves few cycles (one file's checks; unpickling the models of every text, where
    it would traverse them again and again: 300 texts take 1.0 s with it, 0.4 s without).
    What garbage there is gets collected after the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
