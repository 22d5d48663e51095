"""The executors run per-text work in order, whatever the number of workers."""

from __future__ import annotations

import pytest

from edition.executor import SerialExecutor, batches, make_executor, map_in_order


def _square(n: int) -> int:
    return n * n


def _fail_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n


def test_batches_cover_every_item_once_in_order() -> None:
    items = list(range(103))
    cut = batches(items, 3)
    assert [i for batch in cut for i in batch] == items
    assert len(cut) <= 3 * 4 + 1


def test_no_work_makes_no_batches() -> None:
    assert batches([], 4) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_in_the_order_the_work_was_given(jobs: int) -> None:
    items = list(range(50))
    with make_executor(jobs) as executor:
        assert map_in_order(executor, _square, items) == [n * n for n in items]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_in_a_worker_is_raised_to_the_caller(jobs: int) -> None:
    with make_executor(jobs) as executor, pytest.raises(ValueError, match="seven"):
        map_in_order(executor, _fail_on_seven, list(range(20)))


def test_one_job_or_one_task_runs_in_this_process() -> None:
    with make_executor(1) as executor:
        assert isinstance(executor, SerialExecutor)
    with make_executor(8, work=1) as executor:
        assert isinstance(executor, SerialExecutor)
