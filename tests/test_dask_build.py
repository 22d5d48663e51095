"""The build on a real Dask cluster on loopback: a scheduler and two workers started as
the ``dask`` command starts them, as on a cluster (`edition build --scheduler`)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.synth import generate  # the checkout is on the tests' path (pyproject.toml)

ROOT = Path(__file__).resolve().parent.parent

distributed = pytest.importorskip("distributed")
DASK = Path(sys.executable).with_name("dask")
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition, what: str, timeout: float = 60):  # noqa: ANN001, ANN202
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.05)
    return found


class Cluster:
    """``dask scheduler`` and two ``dask worker`` processes (each under its nanny)."""

    def __init__(self, folder: Path) -> None:
        port = _free_port()
        self.address = f"tcp://127.0.0.1:{port}"
        env = {**os.environ, **EPOCH}
        common = ["--no-dashboard"]
        self.processes = [subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), *common],
            stdout=subprocess.DEVNULL, stderr=open(folder / "scheduler.log", "wb"), env=env)]
        for n in range(2):
            self.processes.append(subprocess.Popen(
                [str(DASK), "worker", self.address, "--nthreads", "1", "--nworkers", "1",
                 "--memory-limit", "0", "--host", "127.0.0.1", *common],
                stdout=subprocess.DEVNULL, stderr=open(folder / f"worker{n}.log", "wb"),
                env=env, cwd=folder))
        self.client = distributed.Client(self.address, timeout=60)
        self.client.wait_for_workers(2, timeout=60)

    def worker_pids(self) -> dict[str, int]:
        return self.client.run(os.getpid)

    def close(self) -> None:
        self.client.close()
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    running = Cluster(tmp_path)
    try:
        yield running
    finally:
        running.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(source: Path, out: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "edition", "build", str(source), "--out", str(out),
         "--no-pdf", *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, **EPOCH}, text=True)


def _finished(process: subprocess.Popen) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=600)
    return process.returncode, stdout, stderr


def test_a_build_on_the_cluster_is_byte_identical_to_a_serial_one(
        cluster: Cluster, tmp_path: Path, mini_edition: Path) -> None:
    source = tmp_path / "edition"
    generate(mini_edition, source, 6)
    status, _, stderr = _finished(_build(source, tmp_path / "serial", "--jobs", "1"))
    assert status == 0, stderr
    status, stdout, stderr = _finished(
        _build(source, tmp_path / "dask", "--scheduler", cluster.address))
    assert status == 0, stderr
    assert "text pages rendered 6" in stdout
    serial, remote = _files(tmp_path / "serial" / "html"), _files(tmp_path / "dask" / "html")
    assert len(serial) > 20 and serial.keys() == remote.keys()
    assert [name for name in serial if serial[name] != remote[name]] == []
    # both workers took part, and what the build handed them was taken back
    assert cluster.client.run(lambda: __import__("edition.html.jobs").html.jobs._SITE.get("html")) \
        == dict.fromkeys(cluster.worker_pids())
    assert not [n for n in cluster.client.run_on_scheduler(
        lambda dask_scheduler: list(dask_scheduler.worker_plugins)) if n.startswith("edition")]


def _edit_every_text(source: Path) -> None:
    for path in sorted((source / "texts").glob("*.xml")):
        data = path.read_text(encoding="utf-8")
        at = data.find("</p>")
        path.write_text(data[:at] + " (revised)" + data[at:], encoding="utf-8")


def test_a_worker_killed_mid_build_leaves_a_complete_build_or_the_last_good_one(
        cluster: Cluster, tmp_path: Path, bundled_edition: Path) -> None:
    source, out, reference = tmp_path / "edition", tmp_path / "build", tmp_path / "reference"
    generate(bundled_edition, source, 8)
    status, _, stderr = _finished(_build(source, out, "--jobs", "1"))
    assert status == 0, stderr
    last_good = _files(out / "html")
    _edit_every_text(source)
    build = _build(source, out, "--scheduler", cluster.address)
    pids = cluster.worker_pids()

    def busy_worker() -> str | None:
        if build.poll() is not None:
            return None
        busy = [w for w, tasks in cluster.client.processing().items() if tasks]
        return busy[0] if busy else None

    victim = _wait_for(lambda: busy_worker() or build.poll() is not None, "a busy worker")
    assert build.poll() is None, "the build ended before a worker could be killed"
    os.kill(pids[victim], signal.SIGKILL)
    status, stdout, stderr = _finished(build)
    print(f"build after the kill: exit {status}; {stdout.strip()} {stderr.strip()}")
    if status == 0:
        status, _, stderr = _finished(_build(source, reference, "--jobs", "1"))
        assert status == 0, stderr
        built, expected = _files(out / "html"), _files(reference / "html")
        assert built.keys() == expected.keys()
        assert [name for name in built if built[name] != expected[name]] == []
    else:
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and "[dask]" in lines[0], stderr
        assert _files(out / "html") == last_good
    assert not list(tmp_path.glob(".build.staging-*")) or status != 0
    shutil.rmtree(reference, ignore_errors=True)
