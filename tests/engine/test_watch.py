"""`notices index --watch`: builds of the touched files only, as right as a scan of the whole corpus."""
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from indexer.engine import build, stat_cache, store
from indexer.engine.build import BuildReport
from indexer.engine.search import Engine
from indexer.engine.watch import Watching
from indexer.errors import NoticesError

from ..conftest import CORPUS, FIXTURES, fill
from ..paused_build import CLI as PAUSED_CLI
from ..paused_build import PAUSE_ENV

FACETS = FIXTURES / "facets"
ROOT = Path(__file__).resolve().parents[2]
PATIENCE_S = 30   # how long a test waits for the watcher to have done something (not a measure of speed)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(FACETS, folder)
    return folder


def indexed(index) -> dict:
    """source → notice id, as the index answers (asked again when a notice listed was gone by the
    time it was read: the watcher committed in between)."""
    for _ in range(50):
        engine = Engine(index, background=False)
        try:
            notices = {notice_id: engine.notice(notice_id) for notice_id in engine.notice_ids()}
        finally:
            engine.release_thread()
        if None not in notices.values():
            return {notice["source"]: notice_id for notice_id, notice in notices.items()}
    raise AssertionError("a notice listed by the index could never be read")


def counts(report: BuildReport) -> tuple:
    return (sorted(report.added), sorted(report.updated), sorted(report.removed), report.unchanged,
            sorted(report.skipped))


def test_a_build_of_touched_files_commits_what_a_scan_of_all_would(corpus, tmp_path):
    touched_index, scanned_index = tmp_path / "touched", tmp_path / "scanned"
    for index in (touched_index, scanned_index):
        build.run(corpus, index, jobs=1)
    seed = sorted(CORPUS.glob("*.txt"))[0]
    shutil.copy(seed, corpus / "new.txt")                        # added
    (corpus / "a_jinjiang.txt").unlink()                         # removed
    shutil.copy(sorted(CORPUS.glob("*.txt"))[1], corpus / "b_nanan.txt")  # changed
    (corpus / ".new.txt.swp").write_text("an editor's file")
    touched = {"new.txt", "a_jinjiang.txt", "b_nanan.txt", ".new.txt.swp", "never_there.txt"}

    by_touch = build.run(corpus, touched_index, jobs=1, touched=touched)
    by_scan = build.run(corpus, scanned_index, jobs=1)

    assert counts(by_touch) == counts(by_scan) == (["new.txt"], ["b_nanan.txt"], ["a_jinjiang.txt"], 2, [])
    assert indexed(touched_index) == indexed(scanned_index)
    assert set(indexed(touched_index)) == {"new.txt", "b_nanan.txt", "c_zaozhuang.txt", "d_qingcheng.txt"}


def test_touched_files_that_change_nothing_make_no_new_generation(corpus, tmp_path):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1)
    generation = store.open_record(index)[0].latest_generation()
    (corpus / "a_jinjiang.txt").touch()      # saved again, unchanged
    (corpus / "notes.bin").write_bytes(b"")  # not a notice
    report = build.run(corpus, index, jobs=1, touched={"a_jinjiang.txt", "notes.bin"})
    assert (report.added, report.updated, report.removed, report.unchanged) == ([], [], [], 4)
    assert (report.notices, report.passages) == (Engine(index).stats()["notices"], Engine(index).stats()["passages"])
    assert store.open_record(index)[0].latest_generation() == generation


def test_a_touched_copy_of_an_indexed_notice_changes_nothing_and_comes_back_when_the_original_goes(corpus, tmp_path):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1)
    generation = store.open_record(index)[0].latest_generation()
    shutil.copy(corpus / "b_nanan.txt", corpus / "z_copy.txt")
    report = build.run(corpus, index, jobs=1, touched={"z_copy.txt"})
    assert [source for source, _ in report.skipped] == ["z_copy.txt"] and report.notices == 4
    assert store.open_record(index)[0].latest_generation() == generation  # nothing committed
    assert len(list((index / "segments").iterdir())) == 1  # the copy's segment removed again
    (corpus / "b_nanan.txt").unlink()
    report = build.run(corpus, index, jobs=1, touched={"b_nanan.txt"})
    assert (report.added, report.removed) == (["z_copy.txt"], ["b_nanan.txt"])


def test_a_build_of_touched_files_keeps_what_the_next_build_needs_to_read_nothing(corpus, tmp_path, monkeypatch):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1)
    shutil.copy(sorted(CORPUS.glob("*.txt"))[0], corpus / "new.txt")
    build.run(corpus, index, jobs=1, touched={"new.txt"})
    assert set(stat_cache.load(index, False).entries) == set(indexed(index))

    read, hash_file = [], build.file_content_id
    monkeypatch.setattr(build, "file_content_id", lambda path, *args: read.append(path.name) or hash_file(path, *args))
    report = build.run(corpus, index, jobs=1)
    # The untouched files' signatures were carried over; only the new file is read again, as after
    # any build that read a file written a moment before it (stat_cache: racy signatures).
    assert (report.unchanged, read) == (5, ["new.txt"])


@pytest.mark.parametrize("change", ["folder added", "folder removed", "folder moved", "folder replaced by a file",
                                    "sidecar", "archive"])
def test_what_events_cannot_tell_is_left_to_a_scan_of_the_whole_corpus(corpus, tmp_path, change):
    index = tmp_path / "index"
    (corpus / "sub").mkdir()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[0], corpus / "sub" / "in_folder.txt")
    build.run(corpus, index, jobs=1)
    seed = sorted(CORPUS.glob("*.txt"))[1]
    if change == "folder added":
        (corpus / "more").mkdir()
        shutil.copy(seed, corpus / "more" / "x.txt")
        touched, expected = {"more"}, {"sub/in_folder.txt", "more/x.txt"}
    elif change == "folder removed":
        shutil.rmtree(corpus / "sub")
        touched, expected = {"sub"}, set()
    elif change == "folder moved":
        (corpus / "sub").rename(corpus / "moved")
        touched, expected = {"sub", "moved"}, {"moved/in_folder.txt"}
    elif change == "folder replaced by a file":
        shutil.rmtree(corpus / "sub")
        shutil.copy(seed, corpus / "sub")
        touched, expected = {"sub"}, {"sub"}
    elif change == "sidecar":
        (corpus / "a_jinjiang.txt.meta.toml").write_text('url = "https://example.org/a.html"\n', encoding="utf-8")
        touched, expected = {"a_jinjiang.txt.meta.toml"}, {"sub/in_folder.txt"}
    else:
        import zipfile
        with zipfile.ZipFile(corpus / "more.zip", "w") as archive:
            archive.write(seed, "x.txt")
        touched, expected = {"more.zip"}, {"sub/in_folder.txt", "more.zip#x.txt"}
    commit = build.store.Commit(index, False)
    try:
        assert build.scan_touched(corpus, touched, build.read_plan(index, commit, corpus),
                                  stat_cache.load(index, False), BuildReport()) is None
    finally:
        commit.abandon()
    build.run(corpus, index, jobs=1, touched=touched)
    found = set(indexed(index)) - {"a_jinjiang.txt", "b_nanan.txt", "c_zaozhuang.txt", "d_qingcheng.txt"}
    assert {s.replace(os.sep, "/") for s in found} == expected


def test_a_copy_skipped_while_its_twin_was_indexed_comes_back_when_the_twin_goes(corpus, tmp_path):
    index = tmp_path / "index"
    shutil.copy(corpus / "a_jinjiang.txt", corpus / "z_twin.txt")
    first = build.run(corpus, index, jobs=1)
    assert [source for source, _ in first.skipped] == ["z_twin.txt"]  # the same content: indexed once
    (corpus / "a_jinjiang.txt").unlink()
    report = build.run(corpus, index, jobs=1, touched={"a_jinjiang.txt"})
    assert (report.added, report.removed) == (["z_twin.txt"], ["a_jinjiang.txt"])
    assert "z_twin.txt" in indexed(index)


def test_a_touched_file_that_cannot_be_read_is_said_once(corpus, tmp_path):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1)
    os.symlink(tmp_path / "nowhere.txt", corpus / "broken.txt")
    (corpus / "more").mkdir()  # a folder as well: the whole corpus is scanned
    report = build.run(corpus, index, jobs=1, touched={"broken.txt", "more"})
    assert report.skipped == [("broken.txt", "it is a broken or looping symbolic link.")]


def test_the_watcher_leaves_out_hidden_files_the_desktop_s_and_the_index_s_own(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    watching = Watching(corpus, corpus / "index")
    try:
        changes = {(1, str(corpus / name)) for name in
                   (".a.txt.swp", "sub/.git/HEAD", "Thumbs.db", "index/CURRENT.json", "index", "a.txt", "sub/b.txt")}
        assert watching.sources(changes) == {"a.txt", os.path.join("sub", "b.txt")}
    finally:
        watching.close()


def test_a_corpus_with_links_is_scanned_whole_so_a_link_follows_its_target(corpus, tmp_path):
    index = tmp_path / "index"
    seeds = sorted(CORPUS.glob("*.txt"))
    shutil.copy(seeds[0], corpus / "z_target.txt")
    os.symlink("z_target.txt", corpus / "a_link.txt")  # indexed under the link's name: it sorts first
    running = Watched(corpus, index)
    try:
        before = indexed(index)
        assert "a_link.txt" in before and "z_target.txt" not in before
        shutil.copy(seeds[1], corpus / "z_target.txt")
        running.until(lambda: indexed(index).get("a_link.txt") not in (None, before["a_link.txt"]),
                      "the link's new content")
        assert "z_target.txt" not in indexed(index)
    finally:
        running.close()


class Watched:
    """A Watching run in a thread, and what it said."""

    def __init__(self, corpus, index):
        self.watching = Watching(corpus, index, jobs=1)
        self.reports, self.faults = [], []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.watching.run, args=(self.reports.append, self.faults.append, self.stop))
        self.thread.start()
        self.until(lambda: self.reports, "the first build")

    def until(self, condition, what: str):
        deadline = time.monotonic() + PATIENCE_S
        while not condition():
            assert time.monotonic() < deadline, f"the watcher did not get to {what}"
            time.sleep(0.05)

    def close(self):
        self.stop.set()
        self.thread.join(PATIENCE_S)
        self.watching.close()


@pytest.fixture
def watched(corpus, tmp_path):
    running = Watched(corpus, tmp_path / "index")
    yield running
    running.close()


def test_files_dropped_into_the_folder_are_served_and_gone_when_removed(corpus, tmp_path, watched):
    index = tmp_path / "index"
    assert len(indexed(index)) == 4
    for number, seed in enumerate(sorted(CORPUS.glob("*.txt"))[:3]):
        shutil.copy(seed, corpus / f"dropped_{number}.txt")
    watched.until(lambda: len(indexed(index)) == 7, "the three dropped files")
    (corpus / "dropped_1.txt").unlink()
    watched.until(lambda: "dropped_1.txt" not in indexed(index), "the removed file")
    assert set(indexed(index)) == {"a_jinjiang.txt", "b_nanan.txt", "c_zaozhuang.txt", "d_qingcheng.txt",
                                   "dropped_0.txt", "dropped_2.txt"}
    assert watched.faults == []
    assert all(r.unchanged >= 4 for r in watched.reports[1:])  # the notices already there, not read again


def test_a_file_named_in_gbk_is_said_skipped_and_the_watcher_goes_on(corpus, tmp_path, watched):
    index = tmp_path / "index"
    seed = sorted(CORPUS.glob("*.txt"))[0]
    shutil.copy(seed, os.fsencode(corpus) + b"/" + "巡察整改通报.txt".encode("gbk"))
    watched.until(lambda: any(r.skipped for r in watched.reports), "the GBK name")
    said = [reason for r in watched.reports for _, reason in r.skipped]
    assert any("its name is not UTF-8" in reason for reason in said)
    shutil.copy(seed, corpus / "after.txt")
    watched.until(lambda: "after.txt" in indexed(index), "a file after the GBK name")


def test_a_build_that_fails_on_a_real_full_disk_is_tried_again(tmp_path, small_disk):
    corpus, index = tmp_path / "corpus", small_disk / "index"
    shutil.copytree(FACETS, corpus)
    running = Watched(corpus, index)
    try:
        fill(small_disk, 8)
        for number, seed in enumerate(sorted(CORPUS.glob("*.txt"))):
            shutil.copy(seed, corpus / f"more_{number}.txt")
        running.until(lambda: running.faults, "a fault")
        assert "disk" in str(running.faults[0]) and len(indexed(index)) == 4  # the previous index serves
        (small_disk / "fill").unlink()
        running.until(lambda: len(indexed(index)) == 4 + len(list(CORPUS.glob("*.txt"))), "the retry")
    finally:
        running.close()


def watch_command(corpus, index, pause=None):
    """`notices index --watch` through tests.paused_build: Ctrl-C reaches it even in a suite run in
    the background, and a build can be stopped at a named point."""
    env = {**os.environ, PAUSE_ENV: pause} if pause else None
    return subprocess.Popen([*PAUSED_CLI, "index", str(corpus), "--index-dir", str(index), "--watch", "--jobs", "1"],
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def test_notices_index_watch_says_what_it_does_and_stops_on_ctrl_c(corpus, tmp_path):
    index = tmp_path / "index"
    process = watch_command(corpus, index)
    try:
        assert process.stderr.readline().startswith(f"watching {corpus}")
        assert process.stderr.readline().startswith(f"indexed {index}: 4 added")
        assert process.stderr.readline().startswith("分词：")
        shutil.copy(sorted(CORPUS.glob("*.txt"))[0], corpus / "new.txt")
        assert process.stderr.readline().startswith(f"indexed {index}: 1 added, 0 updated, 0 removed, 4 unchanged")
    finally:
        process.send_signal(signal.SIGINT)
        said = process.communicate(timeout=PATIENCE_S)[1]
    assert (process.returncode, said.strip().splitlines()[-1]) == (0, f"stopped watching {corpus}.")


def test_a_corpus_folder_that_goes_away_ends_the_watch_with_a_sentence(corpus, tmp_path):
    index = tmp_path / "index"
    process = watch_command(corpus, index)
    try:
        for _ in range(3):  # watching, the first build's summary, the segmenter
            process.stderr.readline()
        shutil.rmtree(corpus)
        said = process.communicate(timeout=PATIENCE_S)[1]
    finally:
        process.kill()
    assert (process.returncode, said.strip()) == (1, f"notices: The corpus folder {corpus} is gone; stopped watching it.")
    assert len(indexed(index)) == 4  # what was built is still there


def test_ctrl_c_during_a_build_abandons_it_and_says_so(corpus, tmp_path):
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1)
    before = indexed(index)
    process = watch_command(corpus, index, pause="after:1")  # stops in the first build that adds a notice
    try:
        assert process.stderr.readline().startswith(f"watching {corpus}")
        assert process.stderr.readline().startswith(f"indexed {index}: 0 added, 0 updated, 0 removed, 4 unchanged")
        process.stderr.readline()  # the segmenter
        shutil.copy(sorted(CORPUS.glob("*.txt"))[0], corpus / "new.txt")
        assert process.stderr.readline().strip() == "notices: paused at after:1"
    finally:
        process.send_signal(signal.SIGINT)
        said = process.communicate(timeout=PATIENCE_S)[1]
    assert (process.returncode, said.strip()) == (130, "notices: Interrupted during a build; the index holds what "
                                                       "was committed before.")
    assert indexed(index) == before


def test_no_watcher_left_in_the_system_is_one_sentence(corpus, tmp_path):
    """inotify's instances of the user used up for real (fs.inotify.max_user_instances)."""
    from watchfiles._rust_notify import RustNotify

    held = []
    try:
        with pytest.raises(Exception):
            while len(held) < 100_000:
                held.append(RustNotify([str(tmp_path)], False, False, 300, False, True))
        with pytest.raises(NoticesError) as said:
            Watching(corpus, tmp_path / "index")
    finally:
        for notify in held:
            notify.close()
    assert str(said.value) == (f"The operating system would not watch {corpus} (Error creating recommended watcher: "
                               f"Too many open files (os error 24)); run `notices index` without --watch, or raise "
                               f"fs.inotify.max_user_instances and max_user_watches.")


def test_strict_and_watch_do_not_go_together(corpus, tmp_path):
    done = subprocess.run([*PAUSED_CLI, "index", str(corpus), "--index-dir", str(tmp_path / "index"), "--watch",
                           "--strict"], capture_output=True, text=True, cwd=ROOT, timeout=PATIENCE_S)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == ("Error: --strict ends a build's command with its status; a watch "
                                                    "does not end: drop one.")
    assert not (tmp_path / "index").exists()
