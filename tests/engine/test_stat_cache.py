"""An incremental build reads only the files that changed (engine/stat_cache.py): a file whose
size, mtime and inode, and its sidecar's, are those the last build remembered is not read again;
anything else is, and a cache that cannot be trusted or read costs time, never a wrong notice.

Real files, real stat data: the corpus's files are dated an hour back, as files copied in long
before the build are (a file written within 2 s of a build is read again by the next one)."""
import os
import shutil
import time
from pathlib import Path

import pytest

from indexer.engine import build, stat_cache
from indexer.engine.search import Engine, Request

from ..conftest import FIXTURES

HOUR_NS = 3600 * 10**9
TITLE = "中共枣庄市政协机关党组关于巡察整改进展情况的通报"
RETITLED = "中共枣庄市政协机关党组关于巡察整改落实情况的通报"  # the same number of bytes
VICTIM = "c_zaozhuang.txt"


def dated(path: Path, mtime_ns: int):
    os.utime(path, ns=(mtime_ns, mtime_ns))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "facets", folder)
    for path in folder.iterdir():
        dated(path, time.time_ns() - HOUR_NS)
    return folder


@pytest.fixture
def reads(monkeypatch) -> list:
    """The names of the files the build reads to find their content ids."""
    read = []
    original = build.file_content_id

    def counting(path, *args, **kwargs):
        read.append(Path(path).name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(build, "file_content_id", counting)
    return read


def index_again(corpus, index, reads, **options) -> build.BuildReport:
    reads.clear()
    return build.run(corpus, index, jobs=1, progress=False, **options)


def counts(report) -> tuple:
    return len(report.added), report.updated, len(report.removed), report.unchanged


def notice_titles(index) -> dict:
    engine = Engine(index)
    try:
        hits = engine.search(Request.from_params({"q": "巡察", "group": "notice", "limit": 100}))["hits"]
        return {hit["source"]: hit["notice_title"] for hit in hits}
    finally:
        engine.release_thread()


def test_an_unchanged_corpus_is_indexed_again_without_reading_a_file(corpus, tmp_path, reads):
    index = tmp_path / "index"
    assert counts(index_again(corpus, index, reads)) == (4, [], 0, 0)
    assert sorted(reads) == sorted(p.name for p in corpus.iterdir())
    assert counts(index_again(corpus, index, reads)) == (0, [], 0, 4)
    assert reads == []


def test_a_rewritten_file_is_read_again_and_its_notice_updated(corpus, tmp_path, reads):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    victim = corpus / VICTIM
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace(TITLE, RETITLED), encoding="utf-8")  # as an editor saves it: same size
    assert counts(index_again(corpus, index, reads)) == (0, [VICTIM], 0, 3)
    assert reads == [VICTIM]
    assert notice_titles(index)[VICTIM] == RETITLED


@pytest.mark.parametrize("sidecar_name", [f"{VICTIM}.meta.toml", "c_zaozhuang.meta.toml"])
def test_a_sidecar_added_changed_or_removed_makes_its_file_read_again(corpus, tmp_path, reads, sidecar_name):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    sidecar = corpus / sidecar_name
    for step, title in enumerate(["某某党组巡察整改通报", "某某机关巡察整改通报", None], 1):
        if title:
            sidecar.write_text(f'title = "{title}"\n', encoding="utf-8")
            dated(sidecar, time.time_ns() - HOUR_NS + step * 10**9)  # old enough to be trusted: no racy read
        else:
            sidecar.unlink()
        assert counts(index_again(corpus, index, reads)) == (0, [VICTIM], 0, 3), step
        assert reads == [VICTIM], step
        assert notice_titles(index)[VICTIM] == (title or TITLE), step
        assert counts(index_again(corpus, index, reads)) == (0, [], 0, 4) and reads == [], step


def test_a_file_modified_within_2_s_of_the_caches_writing_is_read_again(corpus, tmp_path, reads):
    """The racy rule: a file written again in the instant the cache was written could keep its
    mtime with other content. The victim is dated later than the others; the cache is dated the
    victim's mtime, as if it had been written in the same instant."""
    index = tmp_path / "index"
    victim = corpus / VICTIM
    dated(victim, time.time_ns() - HOUR_NS // 2)
    build.run(corpus, index, jobs=1, progress=False)
    dated(index / stat_cache.CACHE_FILE, victim.stat().st_mtime_ns + 10**9)
    assert counts(index_again(corpus, index, reads)) == (0, [], 0, 4)
    assert reads == [VICTIM]


def test_a_file_dated_after_the_build_began_is_read_again(corpus, tmp_path, reads):
    """A file whose mtime is in the future of the build (a clock set wrong, or a write in the
    same tick) is never trusted by the next build, however its signature compares."""
    index = tmp_path / "index"
    dated(corpus / VICTIM, time.time_ns() + HOUR_NS)
    build.run(corpus, index, jobs=1, progress=False)
    assert counts(index_again(corpus, index, reads)) == (0, [], 0, 4)
    assert reads == [VICTIM]


@pytest.mark.parametrize("garbage", [os.urandom(300), b"", b"[]", b'{"version": 1, "began_ns": 0, "files": []}',
                                     b'{"version": 1, "began_ns": 0, "files": {"c_zaozhuang.txt": "x"}}'])
def test_a_damaged_cache_means_every_file_is_read_and_the_build_is_right(corpus, tmp_path, reads, garbage):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    (index / stat_cache.CACHE_FILE).write_bytes(garbage)
    victim = corpus / VICTIM
    victim.write_text(victim.read_text(encoding="utf-8").replace(TITLE, RETITLED), encoding="utf-8")
    assert counts(index_again(corpus, index, reads)) == (0, [VICTIM], 0, 3)
    assert sorted(reads) == sorted(p.name for p in corpus.iterdir())
    assert notice_titles(index)[VICTIM] == RETITLED
    # and it is written anew: only the file written a moment ago (racy) is read next time
    assert counts(index_again(corpus, index, reads)) == (0, [], 0, 4) and reads == [VICTIM]


def test_a_rebuild_reads_every_file_and_leaves_a_cache_for_the_next_build(corpus, tmp_path, reads):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    assert len(index_again(corpus, index, reads, rebuild=True).added) == 4
    assert len(reads) == 4
    assert counts(index_again(corpus, index, reads)) == (0, [], 0, 4) and reads == []
