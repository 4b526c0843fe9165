"""A SIGKILLed build's files (issue 22, item 10) are removed by the next build, whatever kind it
is, as soon as it holds the lock: not at its commit only, and not by a rebuild only. A disk a killed
build filled must not fail the next build too."""
import os
import shutil
import signal
import subprocess
import sys

import pytest

from bench.generate import generate
from indexer.engine import build

from ..conftest import CORPUS, ROOT
from ..paused_build import CLI as PAUSED_CLI
from ..paused_build import PAUSE_ENV

CLI = [sys.executable, "-m", "indexer.cli"]


@pytest.fixture(scope="module")
def more(tmp_path_factory):
    return generate(30, tmp_path_factory.mktemp("more"), seed=13)


def disk_use(index) -> int:
    return sum(p.stat().st_size for p in index.rglob("*") if p.is_file())


def paused(corpus, index, point, *extra):
    process = subprocess.Popen([*PAUSED_CLI, "index", str(corpus), "--index-dir", str(index), "--jobs", "2", *extra],
                               stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, PAUSE_ENV: point})
    for line in process.stderr:
        if f"paused at {point}" in line:
            return process
    raise AssertionError(f"the build ended before {point}: exit {process.wait()}")


def test_the_next_build_removes_a_killed_builds_files_as_it_starts(tmp_path, more):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    build.run(corpus, index, jobs=2, progress=False)
    used = disk_use(index)
    for path in sorted(more.glob("*.txt")):
        shutil.copy(path, corpus / f"more_{path.name}")
    for extra in ([], ["--rebuild"]):  # an update and a rebuild, each killed just before its commit
        killed = paused(corpus, index, "commit", *extra)
        killed.send_signal(signal.SIGKILL)
        killed.wait()
    # a file half written by a killed build's OCR cache and report, as a kill leaves them
    (index / "recognised" / "ab").mkdir(parents=True)
    (index / "recognised" / "ab" / ".abcd.json.12345").write_text("{", encoding="utf-8")
    (index / "last_build.json.tmp12345").write_text("{", encoding="utf-8")
    left = disk_use(index)
    assert left > used + 500_000  # what the kills left: two builds' segments and a record
    following = paused(corpus, index, "scanned")  # an update, stopped before it reads or writes anything
    try:
        assert disk_use(index) <= used + 4096, (used, left, disk_use(index))
    finally:
        following.send_signal(signal.SIGKILL)
        following.wait()
    done = subprocess.run([*CLI, "index", str(corpus), "--index-dir", str(index), "--jobs", "2"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "30 added" in done.stderr, done.stderr
