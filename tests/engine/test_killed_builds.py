"""A killed build takes its workers with it (issue: orphaned workers held the lock for ever).

Only the build's own process is killed, as the out-of-memory killer or a closed session does, at
points the build's test hook chooses; then: within 2 s no process of the killed build remains, the
next build proceeds at once and completes, the previous generation answered throughout, and the
disk holds no more than before."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.generate import generate
from indexer.engine import build
from indexer.engine.search import Engine, Request
from ..paused_build import CLI as PAUSED_CLI
from ..paused_build import PAUSE_ENV

from ..conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "indexer.cli"]
QUERIES = ["食堂", "因私出国境证照", "三重一大", "财务管理"]


@pytest.fixture(scope="module")
def extra(tmp_path_factory):
    """Enough notices that the build reads them in worker processes."""
    return generate(40, tmp_path_factory.mktemp("extra"), seed=5)


@pytest.fixture
def corpus_and_index(tmp_path, extra):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    for path in sorted(extra.glob("*.txt")):
        shutil.copy(path, corpus / f"extra_{path.name}")
    build.run(corpus, index, jobs=2, progress=False)
    return corpus, index


def answers(index) -> dict:
    engine = Engine(index)
    return {q: engine.search(Request.from_params({"q": q, "limit": 50}))["total"] for q in QUERIES}


def disk_use(index) -> int:
    return sum(p.stat().st_size for p in index.rglob("*") if p.is_file())


def children_of(pid: int) -> set:
    """Every live descendant of a process, from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents.setdefault(int(fields[1]), set()).add(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), ()):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_paused(corpus, index, point: str) -> subprocess.Popen:
    process = subprocess.Popen([*PAUSED_CLI, "index", str(corpus), "--index-dir", str(index), "--rebuild", "--jobs", "2"],
                               stderr=subprocess.PIPE, text=True, cwd=ROOT,
                               env={**os.environ, PAUSE_ENV: point})
    for line in process.stderr:
        if f"paused at {point}" in line:
            return process
    raise AssertionError(f"the build ended before {point}: exit {process.wait()}")


@pytest.mark.parametrize("point", ["reading:1", "reading:5", "after:3", "commit"])
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killing_the_build_takes_its_workers_with_it(corpus_and_index, point, how):
    corpus, index = corpus_and_index
    before, used = answers(index), disk_use(index)
    process = start_paused(corpus, index, point)
    workers = children_of(process.pid)
    assert workers, "the build reads in worker processes"
    os.kill(process.pid, how)  # the build alone, not its process group
    process.wait()
    deadline = time.monotonic() + 2
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)], "workers outlived their build"
    assert answers(index) == before  # the previous generation answers
    started = time.monotonic()
    after = subprocess.run([*CLI, "index", str(corpus), "--index-dir", str(index), "--rebuild", "--jobs", "2",
                            "--wait", "0"], capture_output=True, text=True, cwd=ROOT)
    assert after.returncode == 0, after.stderr  # no lock left behind: it proceeds at once
    assert answers(index) == before
    assert disk_use(index) <= used + 4096  # the killed build's files are gone (the report's size may vary)
    assert time.monotonic() - started < 120


def test_ctrl_c_stops_the_build_and_its_workers(corpus_and_index):
    corpus, index = corpus_and_index
    before = answers(index)
    process = start_paused(corpus, index, "reading:2")
    workers = children_of(process.pid)
    os.kill(process.pid, signal.SIGINT)  # what Ctrl-C sends; the workers ignore it and are stopped by the build
    assert process.wait(timeout=30) == 130
    assert "Interrupted; the previous index is unchanged." in process.stderr.read()
    deadline = time.monotonic() + 2
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)]
    assert answers(index) == before
