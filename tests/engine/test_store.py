"""Building the index: incremental by content, atomic when interrupted, one writer at a time."""
import json
import shutil
import subprocess
import sys
import threading

import pytest

from indexer.engine import build, store
from indexer.engine.search import Engine, Request

from ..conftest import CORPUS, FIXTURES

FIXTURE = FIXTURES / "facets"
CLI = [sys.executable, "-m", "indexer.cli"]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURE, folder)
    return folder


def total(index, q):
    engine = Engine(index)
    try:
        return engine.search(Request.from_params({"q": q, "kind": "problem"}))["total"]
    finally:
        engine.release_thread()


def sources(index, q):
    engine = Engine(index)
    try:
        return {hit["source"] for hit in engine.search(Request.from_params({"q": q, "limit": 100}))["hits"]}
    finally:
        engine.release_thread()


def test_incremental_add_change_remove(corpus, tmp_path):
    index = tmp_path / "index"
    first = build.run(corpus, index, jobs=1, progress=False)
    assert (len(first.added), first.unchanged, first.notices) == (4, 0, 4)

    again = build.run(corpus, index, jobs=1, progress=False)
    assert (again.added, again.updated, again.removed, again.unchanged) == ([], [], [], 4)

    shutil.copy(CORPUS / "000_8c9e588d959afea0.txt", corpus / "e_new.txt")
    (corpus / "c_zaozhuang.txt").write_text(
        (corpus / "c_zaozhuang.txt").read_text(encoding="utf-8").replace("保密", "档案"), encoding="utf-8")
    (corpus / "b_nanan.txt").unlink()
    report = build.run(corpus, index, jobs=1, progress=False)
    assert report.added == ["e_new.txt"]
    assert report.updated == ["c_zaozhuang.txt"]
    assert report.removed == ["b_nanan.txt"]
    assert report.unchanged == 2 and report.notices == 4

    again = build.run(corpus, index, jobs=1, progress=False)  # what was removed stays removed
    assert (again.added, again.updated, again.removed, again.unchanged) == ([], [], [], 4)
    from indexer.engine.search import check_index
    assert check_index(index)["notices"] == 4  # the record holds the live notices only

    assert "c_zaozhuang.txt" in sources(index, "档案自查") and total(index, "保密") == 0
    assert "b_nanan.txt" not in sources(index, "职工食堂餐费")
    assert "e_new.txt" in sources(index, "食堂财务管理不严")


def test_rebuild_reads_everything_again(corpus, tmp_path):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    report = build.run(corpus, index, rebuild=True, jobs=1, progress=False)
    assert len(report.added) == 4 and report.notices == 4


def test_an_interrupted_build_leaves_the_previous_index_whole(corpus, tmp_path, monkeypatch):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    before = total(index, "食堂")
    (corpus / "f_more.txt").write_bytes((CORPUS / "000_8c9e588d959afea0.txt").read_bytes())
    (corpus / "a_jinjiang.txt").unlink()

    calls = []
    segments_before = sorted(p.name for p in (index / "segments").iterdir())

    def interrupted(commit, notice, content_id):
        calls.append(notice["source"])
        raise KeyboardInterrupt

    monkeypatch.setattr(store.Commit, "add_notice", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build.run(corpus, index, jobs=1, progress=False)
    assert calls == ["f_more.txt"]
    assert total(index, "食堂") == before  # the old index, whole: the removal was not committed either
    assert sorted(p.name for p in (index / "segments").iterdir()) == segments_before  # nothing left behind
    monkeypatch.undo()

    report = build.run(corpus, index, jobs=1, progress=False)
    assert report.added == ["f_more.txt"] and report.removed == ["a_jinjiang.txt"]


def test_a_second_build_waits_or_says_the_index_is_busy(corpus, tmp_path):
    index = tmp_path / "index"
    with store.build_lock(index):
        with pytest.raises(store.IndexBusy, match="Another `notices index` is updating"):
            build.run(corpus, index, jobs=1, progress=False, wait_seconds=0.3)
    assert build.run(corpus, index, jobs=1, progress=False).notices == 4


def test_broken_files_are_skipped_with_reasons_and_the_rest_indexed(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    report = build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    reasons = dict(report.skipped)
    assert reasons == {"empty.txt": "empty.txt is empty.", "picture.txt": "picture.txt is a PNG image that cannot be decoded (damaged or truncated)."}
    assert report.notices == 4


def run_cli(*args, env=None):
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env)


def test_the_cli_index_search_show_stats(corpus, tmp_path):
    index = str(tmp_path / "index")
    built = run_cli("index", str(corpus), "--index-dir", index)
    assert built.returncode == 0, built.stderr
    assert "4 added, 0 updated, 0 removed, 0 unchanged, 0 skipped" in built.stderr

    result = json.loads(run_cli("search", "食堂", "--province", "福建省", "--json", "--index-dir", index).stdout)
    assert result["total"] == 2 and result["filters"] == {"province": "福建省"}

    notice_id = result["hits"][0]["notice_id"]
    shown = json.loads(run_cli("show", notice_id, "--json", "--index-dir", index).stdout)
    assert shown["id"] == notice_id and shown["problems"]

    stats = json.loads(run_cli("stats", "--json", "--index-dir", index).stdout)
    assert stats["notices"] == 4 and stats["problems"] == 9 and stats["built_at"]
    assert {row["value"]: row["count"] for row in stats["facets"]["province"]}["福建省"] == 2


def test_batch_search_answers_line_by_line(corpus, tmp_path):
    index = str(tmp_path / "index")
    run_cli("index", str(corpus), "--index-dir", index)
    batch = tmp_path / "queries.jsonl"
    batch.write_text('{"q": "食堂", "province": "广东省"}\n{"q": "保密", "limit": 1}\nnot json\n{"q": "x", "limit": 0}\n',
                     encoding="utf-8")
    lines = run_cli("search", "--batch", str(batch), "--json", "--index-dir", index).stdout.splitlines()
    results = [json.loads(line) for line in lines]
    assert results[0]["total"] == 1 and results[1]["hits"][0]["title"] == "针对保密工作抓得不严的问题"
    assert "line 3" in results[2]["error"] and "limit must be between" in results[3]["error"]


def test_a_missing_index_says_to_run_notices_index(tmp_path):
    out = run_cli("search", "食堂", "--index-dir", str(tmp_path / "nothing"))
    assert out.returncode != 0
    assert "notices index" in out.stderr and "Traceback" not in out.stderr


def test_the_index_dir_comes_from_the_environment(corpus, tmp_path):
    import os

    env = {**os.environ, "NOTICES_INDEX": str(tmp_path / "env-index")}
    assert run_cli("index", str(corpus), env=env).returncode == 0
    assert (tmp_path / "env-index").is_dir()
    assert json.loads(run_cli("search", "保密", "--json", env=env).stdout)["total"] >= 1


def test_identical_files_are_indexed_once_and_the_copy_takes_over(corpus, tmp_path):
    index = tmp_path / "index"
    shutil.copy(corpus / "b_nanan.txt", corpus / "b_nanan_copy.txt")
    report = build.run(corpus, index, jobs=1, progress=False)
    assert dict(report.skipped) == {"b_nanan_copy.txt": "it has the same content as b_nanan.txt; indexed once."}
    assert sources(index, '"收取不规范"') == {"b_nanan.txt"}
    (corpus / "b_nanan.txt").unlink()
    report = build.run(corpus, index, jobs=1, progress=False)
    assert report.removed == ["b_nanan.txt"] and report.added == ["b_nanan_copy.txt"]
    assert sources(index, '"收取不规范"') == {"b_nanan_copy.txt"}


def test_many_small_builds_are_merged_and_deletions_compacted(corpus, tmp_path, monkeypatch):
    from indexer.engine import merge

    monkeypatch.setattr(merge, "MAX_SEGMENTS", 3)
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    for i, seed in enumerate(sorted(CORPUS.glob("*.txt"))):
        shutil.copy(seed, corpus / f"seed_{i}.txt")
        build.run(corpus, index, jobs=1, progress=False)
        assert Engine(index).stats()["segments"] <= 3
    for name in ("a_jinjiang.txt", "b_nanan.txt", "c_zaozhuang.txt"):
        (corpus / name).unlink()
    report = build.run(corpus, index, jobs=1, progress=False)
    assert report.notices == 6
    stats = Engine(index).stats()
    assert stats["notices"] == 6 and stats["segments"] <= 3
    assert sources(index, "因私出国境证照") >= {"seed_0.txt", "seed_1.txt"}
    assert "a_jinjiang.txt" not in sources(index, "食堂")
    folders = {p.name for p in (index / "segments").iterdir()}
    assert len(folders) == stats["segments"]  # merged-away segments are gone from the disk


def test_a_build_commits_its_batches_as_one_segment(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(build, "BATCH_MAX", 1)  # a batch (and a segment written) a file
    index = tmp_path / "index"
    first = build.run(corpus, index, jobs=1, progress=False)
    assert len(first.added) >= 3
    stats = Engine(index).stats()
    assert stats["segments"] == 1 and stats["notices"] == len(first.added)
    for i, seed in enumerate(sorted(CORPUS.glob("*.txt"))[:2]):
        shutil.copy(seed, corpus / f"seed_{i}.txt")
    second = build.run(corpus, index, jobs=1, progress=False)
    assert second.added == ["seed_0.txt", "seed_1.txt"]
    stats = Engine(index).stats()
    assert stats["segments"] == 2 and stats["notices"] == len(first.added) + 2
    assert sources(index, "因私出国境证照") >= {"seed_0.txt", "seed_1.txt"}
    assert len(list((index / "segments").iterdir())) == 2  # the batches merged away are gone from the disk


def test_stats_while_builds_commit_never_say_the_index_is_damaged(corpus, tmp_path):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1)
    errors, done = [], threading.Event()

    def ask():
        try:
            engine = Engine(index)
        except Exception as e:
            errors.append(str(e))
            return
        while not done.is_set():
            try:
                engine.stats()
            except Exception as e:  # what a user asking for the stats would be told
                errors.append(str(e))

    asking = threading.Thread(target=ask)
    asking.start()
    try:
        seed = sorted(CORPUS.glob("*.txt"))[0]
        for _ in range(10):
            shutil.copy(seed, corpus / "coming_and_going.txt")
            build.run(corpus, index, jobs=1)
            (corpus / "coming_and_going.txt").unlink()
            build.run(corpus, index, jobs=1)
    finally:
        done.set()
        asking.join()
    assert errors == []
