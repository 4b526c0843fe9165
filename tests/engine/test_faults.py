"""Faults: a build killed with SIGKILL at points its test hook chooses, two builds at once, a server
answering during a build."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bench.generate import generate
from indexer.engine import build
from indexer.engine.search import Engine, Request
from ..paused_build import CLI as PAUSED_CLI
from ..paused_build import PAUSE_ENV

from ..conftest import CORPUS

CLI = [sys.executable, "-m", "indexer.cli"]
ROOT = Path(__file__).resolve().parents[2]
QUERIES = ["食堂", "因私出国境证照", "三重一大", "财务管理", "保密"]


@pytest.fixture(scope="module")
def extra_notices(tmp_path_factory):
    """Enough synthetic notices that a build takes several seconds."""
    return generate(80, tmp_path_factory.mktemp("extra"), seed=11)


def answers(index) -> dict:
    engine = Engine(index)
    try:
        return {q: engine.search(Request.from_params({"q": q, "limit": 50}))["total"] for q in QUERIES}
    finally:
        engine.release_thread()


def seeded(tmp_path) -> tuple[Path, Path]:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    build.run(corpus, index, jobs=1, progress=False)
    return corpus, index


def start_build(corpus, index, *extra, pause=None):
    env = {**os.environ, PAUSE_ENV: pause} if pause else None
    return subprocess.Popen([*PAUSED_CLI, "index", str(corpus), "--index-dir", str(index), "--jobs", "1", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def start_paused(corpus, index, point):
    """A build stopped at point by tests.paused_build, still holding the index."""
    process = start_build(corpus, index, pause=point)
    for line in process.stderr:
        if f"paused at {point}" in line:
            return process
    raise AssertionError(f"the build ended before {point}: exit {process.wait()}")


def test_a_build_killed_at_several_points_leaves_the_previous_index(tmp_path, extra_notices):
    corpus, index = seeded(tmp_path)
    before = answers(index)
    for path in sorted(extra_notices.glob("*.txt")):
        shutil.copy(path, corpus / f"extra_{path.name}")
    (corpus / "001_4f90d436d6bfcb65.txt").unlink()
    for point in ("after:1", "after:30", "after:79", "commit"):
        process = start_paused(corpus, index, point)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert answers(index) == before, f"after a kill at {point}"
    done = start_build(corpus, index)
    assert done.wait(timeout=600) == 0, done.stderr.read()
    engine = Engine(index)
    assert engine.stats()["notices"] == 4 + 80
    sources = {engine.notice(i)["source"] for i in engine.notice_ids()}
    assert "001_4f90d436d6bfcb65.txt" not in sources and "extra_000079.txt" in sources


def test_two_builds_at_once(tmp_path, extra_notices):
    corpus, index = seeded(tmp_path)
    for path in sorted(extra_notices.glob("*.txt"))[:40]:
        shutil.copy(path, corpus / f"extra_{path.name}")
    first = start_paused(corpus, index, "after:1")
    busy = start_build(corpus, index, "--wait", "0")
    assert busy.wait(timeout=60) == 4
    assert "Another `notices index` is updating" in busy.stderr.read()
    waiting = start_build(corpus, index, "--wait", "600")
    with pytest.raises(subprocess.TimeoutExpired):
        waiting.wait(timeout=2)  # it waits while the first holds the index
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert waiting.wait(timeout=600) == 0
    assert "40 added, 0 updated, 0 removed, 5 unchanged" in waiting.stderr.read()
    assert Engine(index).stats()["notices"] == 45


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_server_answers_during_a_build_and_then_serves_the_new_index(tmp_path, extra_notices):
    corpus, index = seeded(tmp_path)
    port = free_port()
    server = subprocess.Popen([*CLI, "serve", "--port", str(port), "--index-dir", str(index)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/api/search?q=%E6%95%B4%E6%94%B9&limit=1"  # 整改
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                before = json.load(urllib.request.urlopen(url, timeout=5))["notices"]
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        for path in sorted(extra_notices.glob("*.txt"))[:40]:
            shutil.copy(path, corpus / f"extra_{path.name}")
        builder = start_build(corpus, index)
        statuses = []
        while builder.poll() is None:
            response = urllib.request.urlopen(url, timeout=10)
            statuses.append(response.status)
            time.sleep(0.1)
        assert builder.returncode == 0
        assert statuses and set(statuses) == {200}
        deadline = time.monotonic() + 30  # the new generation is loaded in the background
        while (after := json.load(urllib.request.urlopen(url, timeout=10))["notices"]) != 45:
            assert time.monotonic() < deadline, f"still {after} notices"
            time.sleep(0.2)
        assert before == 5
    finally:
        server.terminate()
        server.wait(timeout=10)
