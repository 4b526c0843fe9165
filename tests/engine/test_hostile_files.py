"""Unlucky and hostile files in a corpus (issue 22, items 3, 6, 7 and 10): names that are not
UTF-8 or that hold line breaks, links out of the corpus, a file rewritten during a build, and
`notices check` where there is no index. Everything through the command line, as a user sees it."""
import json
import os
import shutil
import subprocess
import sys

from indexer.document.parse import content_id
from indexer.engine import build
from indexer.engine.faults import EXIT_STATUSES
from indexer.engine.search import Engine, Request

from ..conftest import CORPUS, ROOT
from ..paused_build import PAUSE_ENV, RESUME_ENV

SEEDS = sorted(CORPUS.glob("*.txt"))


def notices_cli(*args, env=None, wait=True, module="indexer.cli"):
    command = [sys.executable, "-m", module, *map(str, args)]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
    return done.returncode, done.stderr


def corpus_of(tmp_path, *seeds):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in seeds:
        shutil.copy(path, corpus)
    return corpus


def sources(index) -> set:
    engine = Engine(index)
    return {engine.notice(i)["source"] for i in engine.notice_ids()}


def test_a_gbk_file_name_is_skipped_with_its_reason_not_a_traceback(tmp_path):
    corpus = corpus_of(tmp_path, SEEDS[0])
    gbk_name = "整改通报.txt".encode("gbk")  # as unzipping an archive made on Windows leaves it
    with open(os.path.join(os.fsencode(corpus), gbk_name), "wb") as f:
        f.write(SEEDS[1].read_bytes())
    index = tmp_path / "index"
    status, said = notices_cli("index", corpus, "--index-dir", index, "--jobs", "1")
    assert status == 0 and "Traceback" not in said
    # d5 fb b8 c4 cd a8 b1 a8: the bytes that are not UTF-8 escaped (cd a8 happens to be U+0368)
    escaped = "\\xd5\\xfb\\xb8\\xc4\u0368\\xb1\\xa8.txt"
    assert f"  skipped {escaped}: its name is not UTF-8" in said
    assert "in GB18030 it reads 整改通报.txt" in said
    assert "1 added" in said and sources(index) == {SEEDS[0].name}
    report = json.loads((index / "last_build.json").read_text(encoding="utf-8"))
    assert report["skipped"][0]["source"] == escaped
    # and the next build says the same, rather than failing
    status, said = notices_cli("index", corpus, "--index-dir", index, "--jobs", "1")
    assert status == 0 and "1 unchanged, 1 skipped" in said


def test_a_file_name_with_a_line_break_cannot_forge_lines_of_the_summary(tmp_path):
    corpus = corpus_of(tmp_path, SEEDS[0])
    forged = "x.txt\nindexed everything: 0 skipped\n  skipped y.txt"
    (corpus / forged).write_bytes(b"")  # empty: skipped, its name in the summary and in its reason
    (corpus / "evil\u202etxt.pdf").write_bytes(b"")  # a right-to-left override
    status, said = notices_cli("index", corpus, "--index-dir", tmp_path / "index", "--jobs", "1")
    lines = said.strip().splitlines()
    assert status == 0 and len(lines) == 4, said  # indexed …, 分词：…, and one line a skipped file
    assert lines[1].startswith("分词：")
    assert lines[2] == ("  skipped evil\\u202etxt.pdf: evil\\u202etxt.pdf is empty.")
    assert lines[3] == ("  skipped x.txt\\x0aindexed everything: 0 skipped\\x0a  skipped y.txt: "
                        "x.txt\\x0aindexed everything: 0 skipped\\x0a  skipped y.txt is empty.")


def test_links_out_of_the_corpus_are_skipped_with_their_reason(tmp_path):
    corpus = corpus_of(tmp_path, SEEDS[0])
    outside = tmp_path / "private"
    outside.mkdir()
    shutil.copy(SEEDS[1], outside / "secret.txt")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "folder").symlink_to(outside, target_is_directory=True)  # a linked folder is not walked
    (corpus / "inside.txt").symlink_to(corpus / SEEDS[0].name)  # inside the corpus: the same notice, once
    index = tmp_path / "index"
    status, said = notices_cli("index", corpus, "--index-dir", index, "--jobs", "1")
    assert status == 0
    reason = "it is a link to a file outside the corpus folder, which is not indexed."
    assert f"  skipped passwd.txt: {reason}" in said and f"  skipped secret.txt: {reason}" in said
    assert sources(index) == {SEEDS[0].name}
    assert Engine(index).search(Request.from_params({"q": "root"}))["total"] == 0


def test_a_file_rewritten_during_a_build_is_indexed_as_read_and_read_again_next_time(tmp_path):
    corpus = corpus_of(tmp_path, *SEEDS[:2])
    index, resume = tmp_path / "index", tmp_path / "resume"
    victim = corpus / SEEDS[1].name
    full = victim.read_bytes()
    process = notices_cli("index", corpus, "--index-dir", index, "--jobs", "1", wait=False, module="tests.paused_build",
                          env={PAUSE_ENV: "scanned", RESUME_ENV: str(resume)})
    for line in process.stderr:
        if "paused at scanned" in line:
            break
    # hashed whole at the scan; now cut short, as an editor saving it or a copy still running does
    cut = full[: len(full) // 3].decode("utf-8", errors="ignore").encode("utf-8")
    victim.write_bytes(cut)
    resume.touch()
    assert process.wait(timeout=300) == 0, process.stderr.read()
    engine = Engine(index)
    held = {engine.notice(i)["source"]: i for i in engine.notice_ids()}
    # the notice read is filed under the bytes read: its id is what the next build compares with
    assert held[victim.name] == content_id(cut)
    assert content_id(full) not in held.values()
    victim.write_bytes(full)
    status, said = notices_cli("index", corpus, "--index-dir", index, "--jobs", "1")
    assert status == 0 and "0 added, 1 updated, 0 removed, 1 unchanged" in said
    engine = Engine(index)
    assert {engine.notice(i)["source"]: i for i in engine.notice_ids()}[victim.name] == content_id(full)


def test_check_where_there_is_no_index_is_status_5_as_the_readme_says(tmp_path):
    status, said = notices_cli("check", "--index-dir", tmp_path / "nothing")
    assert status == EXIT_STATUSES["IndexMissing"] == 5
    assert said == f"notices: There is no index at {tmp_path / 'nothing'}; build one with `notices index` first.\n"


def test_a_document_over_its_time_budget_is_skipped_with_its_reason(tmp_path, monkeypatch):
    """A document whose reading never ends (as a quadratic rule over a long run did) is skipped;
    the build goes on with the others and lets go of the index."""
    import time

    corpus = corpus_of(tmp_path, *SEEDS[:3])
    parse = build.parse_file

    def endless_for_one(path, *args, **kwargs):
        if str(path).endswith(SEEDS[1].name):
            time.sleep(3600)
        return parse(path, *args, **kwargs)

    monkeypatch.setattr(build, "parse_file", endless_for_one)
    monkeypatch.setenv("NOTICES_DOCUMENT_SECONDS", "1")
    started = time.monotonic()
    report = build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    assert time.monotonic() - started < 60
    assert report.skipped == [(SEEDS[1].name, "it took more than the 1 s one document may take to read, and was "
                                              "skipped; raise NOTICES_DOCUMENT_SECONDS if it is a real notice.")]
    assert sorted(report.added) == [SEEDS[0].name, SEEDS[2].name]
