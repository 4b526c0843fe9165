"""Faults of the disk and of the index files: one sentence and its own exit status, the previous
generation answering, nothing left behind, and a way back (issue: tracebacks and `Aborted!`).

Disk full and read-only disks are simulated by raising the OSError the kernel gives at the write
that would fail; damaged files are real files cut short or overwritten."""
import errno
import json
import os
import shutil
import socket
import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner

from indexer import cli
from indexer.engine import build, segment, store
from indexer.engine.faults import EXIT_STATUSES
from indexer.engine.search import Engine, Request
from webapp import create_app

from ..conftest import CORPUS, FIXTURES

QUERIES = ["食堂", "保密", "公务卡", "因私出国境证照"]


@pytest.fixture
def built(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(FIXTURES / "facets", corpus)
    build.run(corpus, index, jobs=1, progress=False)
    return corpus, index


def run(*args):
    result = CliRunner().invoke(cli.main, [str(a) for a in args])
    return result.exit_code, result.stderr if hasattr(result, "stderr") else result.output


def answers(index) -> dict:
    engine = Engine(index)
    return {q: [h["passage_id"] for h in engine.search(Request.from_params({"q": q}))["hits"]] for q in QUERIES}


def files_of(index) -> dict:
    return {str(p.relative_to(index)): p.stat().st_size for p in index.rglob("*")
            if p.is_file() and p.name != store.LOCK_FILE}


def fail_at(monkeypatch, target, name, code, after=0):
    """Make target.name raise OSError(code) from its (after+1)-th call on."""
    original = getattr(target, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) > after:
            raise OSError(code, os.strerror(code))
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)


def add_notices(corpus):
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, corpus / f"more_{path.name}")


# --- the disk ------------------------------------------------------------------------------------
@pytest.mark.parametrize("target, name, after", [
    (segment, "save", 5),                 # writing a segment's arrays
    (store.Commit, "finish", 0),          # writing the record's commit
])
def test_a_full_disk_during_a_rebuild_says_so_and_leaves_everything_as_it_was(built, monkeypatch, target, name,
                                                                              after):
    corpus, index = built
    add_notices(corpus)
    before, files = answers(index), files_of(index)
    fail_at(monkeypatch, target, name, errno.ENOSPC, after)
    status, said = run("index", corpus, "--index-dir", index, "--rebuild", "--jobs", "1")
    assert status == EXIT_STATUSES["DiskFull"] == 8
    assert said.strip().splitlines() == [f"notices: The disk holding {index} is full; free some space and run again "
                                         f"(the previous index is unchanged, and nothing this build wrote was kept)."]
    assert answers(index) == before
    assert files_of(index) == files  # the disk is no fuller than before
    monkeypatch.undo()
    status, _ = run("index", corpus, "--index-dir", index, "--rebuild", "--jobs", "1")
    assert status == 0 and Engine(index).stats()["notices"] == 9


def test_a_full_disk_in_an_incremental_build(built, monkeypatch):
    corpus, index = built
    add_notices(corpus)
    before, files = answers(index), files_of(index)
    fail_at(monkeypatch, segment, "save", errno.ENOSPC, 3)
    status, said = run("index", corpus, "--index-dir", index, "--jobs", "1")
    assert status == 8 and "is full" in said
    assert answers(index) == before and files_of(index) == files
    monkeypatch.undo()
    assert run("index", corpus, "--index-dir", index, "--jobs", "1")[0] == 0


@pytest.mark.parametrize("code, words", [(errno.EROFS, "is on a read-only disk"),
                                         (errno.EACCES, "may not be written by this user")])
def test_an_index_folder_that_cannot_be_written(built, monkeypatch, code, words):
    corpus, index = built
    add_notices(corpus)
    before = answers(index)
    fail_at(monkeypatch, segment.SegmentWriter, "write", code)
    status, said = run("index", corpus, "--index-dir", index, "--jobs", "1")
    assert status == EXIT_STATUSES["NotWritable"] == 9
    assert f"The index folder {index} {words}" in said and "Traceback" not in said
    assert answers(index) == before


def write_on_a_full_disk(task, report):
    """In a worker process: a write that meets a full disk (the kernel's ENOSPC, from /dev/full)."""
    with open("/dev/full", "w") as full:
        full.write("x" * 100000)
        full.flush()


def test_a_full_disk_met_in_a_worker_process_reaches_the_build_as_a_full_disk():
    from tqdm import tqdm

    with tqdm(disable=True) as bar, pytest.raises(OSError) as raised:
        list(build.in_workers(write_on_a_full_disk, [{}, {}], 2, bar, in_process=False))
    assert raised.value.errno == errno.ENOSPC  # and build.run says it as DiskFull, as above


# --- the index folder -----------------------------------------------------------------------------
def test_no_index_folder_and_a_file_in_its_place(tmp_path):
    status, said = run("search", "食堂", "--index-dir", tmp_path / "nothing")
    assert status == EXIT_STATUSES["IndexMissing"] == 5
    assert said == f"notices: There is no index at {tmp_path / 'nothing'}; build one with `notices index` first.\n"
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    status, said = run("search", "食堂", "--index-dir", tmp_path / "a-file")
    assert status == 5 and "is a file, not an index folder" in said
    status, said = run("index", FIXTURES / "facets", "--index-dir", tmp_path / "a-file")
    assert status == 5 and "is a file, not an index folder" in said


def test_an_index_from_another_version(built):
    corpus, index = built
    pointer = json.loads((index / store.POINTER).read_text(encoding="utf-8"))
    (index / store.POINTER).write_text(json.dumps({**pointer, "format": "1"}), encoding="utf-8")
    status, said = run("search", "食堂", "--index-dir", index)
    assert status == EXIT_STATUSES["IndexFromAnotherVersion"] == 6
    assert "built by another version" in said and "notices index --rebuild" in said
    assert run("index", corpus, "--index-dir", index, "--rebuild")[0] == 0
    assert run("search", "食堂", "--index-dir", index)[0] == 0


# --- damaged files ------------------------------------------------------------------------------
def segment_file(index, name) -> os.PathLike:
    return next((index / store.SEGMENTS).glob(f"seg-*/{name}"))


def test_a_segment_file_cut_short(built):
    corpus, index = built
    victim = segment_file(index, "body_bigrams_occurrences.npy")
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])
    status, said = run("search", "食堂", "--index-dir", index)
    assert status == EXIT_STATUSES["IndexDamaged"] == 7
    assert "is damaged" in said and "notices check" in said and "notices index --rebuild" in said
    status, said = run("check", "--index-dir", index)
    held = sorted(n["source"] for n in json.loads((victim.parent / "notices.json").read_text(encoding="utf-8"))["notices"])
    assert status == 7 and "body_bigrams_occurrences.npy" in said
    assert f"restores {len(held)} notices: {', '.join(held)}." in said  # those of the damaged segment
    status, said = run("index", corpus, "--index-dir", index)  # an update cannot read what is indexed
    assert status == 7 and "--rebuild" in said
    assert run("index", corpus, "--index-dir", index, "--rebuild")[0] == 0
    assert run("check", "--index-dir", index)[0] == 0
    assert answers(index)["食堂"]


def test_an_altered_segment_file_is_found_by_check(built):
    corpus, index = built
    victim = segment_file(index, "body_words_tf.npy")
    data = bytearray(victim.read_bytes())
    data[-2:] = b"\xff\xff"
    victim.write_bytes(bytes(data))
    status, said = run("check", "--index-dir", index)
    assert status == 7 and "body_words_tf.npy differ from their checksums" in said


@pytest.mark.parametrize("garbage", [b"\x00" * 64, os.urandom(300), b""])
def test_a_table_of_contents_overwritten(built, garbage):
    corpus, index = built
    record = json.loads((index / store.POINTER).read_text(encoding="utf-8"))["record"]
    toc = next((index / record).glob("*.toc"))
    toc.write_bytes(garbage)
    for command in (["search", "食堂"], ["stats"], ["index", corpus]):
        status, said = run(*command, "--index-dir", index)
        assert status == 7 and said.startswith("notices: The index at") and "notices index --rebuild" in said, command
        assert "Traceback" not in said
    assert run("index", corpus, "--index-dir", index, "--rebuild")[0] == 0
    assert answers(index)["食堂"]


def test_a_rebuild_never_reads_the_old_files(built):
    corpus, index = built
    for path in index.rglob("*"):
        if path.is_file() and path.name != store.POINTER:
            path.write_bytes(b"garbage")
    assert run("index", corpus, "--index-dir", index, "--rebuild")[0] == 0
    assert answers(index)["食堂"] and run("check", "--index-dir", index)[0] == 0


# --- locks ------------------------------------------------------------------------------------------
def hold_lock(index, record: dict) -> subprocess.Popen:
    """Another process holding the lock file's flock, as a network filesystem does for a dead client,
    with the given holder written in it."""
    (index / store.LOCK_FILE).write_text(json.dumps(record), encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); "
        "print('held', flush=True); time.sleep(600)"), str(index / store.LOCK_FILE)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_lock_left_by_a_dead_build_never_blocks(built):
    corpus, index = built
    holder = hold_lock(index, {"pid": dead_pid(), "host": socket.gethostname(), "started": "1"})
    try:
        status, said = run("index", corpus, "--index-dir", index, "--wait", "0")
        assert status == 0, said
    finally:
        holder.kill()


def test_a_lock_held_from_another_machine_says_whose_it_is(built):
    corpus, index = built
    holder = hold_lock(index, {"pid": 4242, "host": "records-server-2", "since": "2026-11-20 09:00:00"})
    try:
        status, said = run("index", corpus, "--index-dir", index, "--wait", "0")
    finally:
        holder.kill()
    assert status == EXIT_STATUSES["StaleLock"] == 10
    assert "A build on another machine (records-server-2, pid 4242, since 2026-11-20 09:00:00) holds the lock" in said
    assert str(index / store.LOCK_FILE) in said


# --- the server -------------------------------------------------------------------------------------
def test_the_server_answers_503_with_a_sentence_and_logs_it_once(built, caplog):
    corpus, index = built
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    assert client.get("/api/search", query_string={"q": "食堂"}).status_code == 200
    for victim in (index / store.SEGMENTS).glob("seg-*/body_text.npy"):
        victim.write_bytes(victim.read_bytes()[:200])
    for _ in range(3):
        response = client.get("/api/search", query_string={"q": "公务卡"})
        assert response.status_code == 503
        assert "is damaged" in response.get_json()["error"]
    page = client.get("/", query_string={"q": "公务卡"})
    assert page.status_code == 503 and "索引暂时无法使用" in page.get_data(as_text=True)
    assert sum("is damaged" in r.getMessage() for r in caplog.records) == 1
    assert client.get("/api/search", query_string={"province": "福建省", "q": ""}).status_code in (200, 503)
    assert run("index", corpus, "--index-dir", index, "--rebuild")[0] == 0


def test_the_server_keeps_answering_from_memory_when_the_record_becomes_unreadable(built, caplog):
    corpus, index = built
    engine = Engine(index, background=False)
    before = engine.search(Request.from_params({"q": "食堂"}))["total"]
    record = json.loads((index / store.POINTER).read_text(encoding="utf-8"))["record"]
    next((index / record).glob("*.toc")).write_bytes(b"garbage")
    engine.generations._checked = 0  # look for a newer generation now
    assert engine.search(Request.from_params({"q": "食堂"}))["total"] == before
    assert engine.generations.fault and "is damaged" in engine.generations.fault


def test_exit_statuses_are_distinct():
    assert len(set(EXIT_STATUSES.values())) == len(EXIT_STATUSES)
    assert not {0, 1, 2, 3} & set(EXIT_STATUSES.values())  # success, usage errors, --strict
    assert np.all(np.array(list(EXIT_STATUSES.values())) < 128)  # not mistaken for a signal
