"""A really full disk (issue 22, item 1): a small tmpfs, filled, and a build into it.

The kernel does not always say ENOSPC: numpy's tofile (under np.save) reports a write cut short as
`OSError: N requested and M written` with no errno. Both are a full disk: status 8, one sentence.
Tests run as root (CI too); if mounting is not permitted this test fails, it does not skip."""
import os
import shutil
import subprocess
import sys

import pytest

from indexer.engine.faults import EXIT_STATUSES
from indexer.engine.search import Engine, Request

from ..conftest import CORPUS, ROOT, fill

FULL_SENTENCE = ("notices: The disk holding {index} is full; free some space and run again (the previous index is "
                 "unchanged, and nothing this build wrote was kept).")


def notices_cli(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "indexer.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=600)
    return done.returncode, done.stderr


def more_notices(corpus, copies: int):
    """Each seed again, made a different document by a line of its own."""
    for number in range(copies):
        for path in sorted(CORPUS.glob("*.txt")):
            text = path.read_text(encoding="utf-8") + f"\n附件{number + 1}：第{number + 1}份抄送名单\n"
            (corpus / f"copy{number}_{path.name}").write_text(text, encoding="utf-8")


def answers(index) -> list:
    engine = Engine(index)
    return [h["passage_id"] for h in engine.search(Request.from_params({"q": "整改"}))["hits"]]


@pytest.mark.parametrize("rebuild, leave_kb, jobs", [
    (True, 1500, 1),    # the segment's arrays cut short by the disk (numpy's short write)
    (False, 200, 2),    # an incremental build, in worker processes
    (True, 600, 2),
])
def test_a_real_full_disk_is_status_8_and_one_sentence(tmp_path, small_disk, rebuild, leave_kb, jobs):
    corpus, index = tmp_path / "corpus", small_disk / "index"
    corpus.mkdir()
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, corpus)
    assert notices_cli("index", corpus, "--index-dir", index, "--jobs", "1")[0] == 0
    before = answers(index)
    more_notices(corpus, 4)
    fill(small_disk, leave_kb)
    status, said = notices_cli("index", corpus, "--index-dir", index, "--jobs", jobs, *(["--rebuild"] * rebuild))
    assert (status, said.strip().splitlines()) == (EXIT_STATUSES["DiskFull"],
                                                   [FULL_SENTENCE.format(index=index)])
    assert answers(index) == before  # the previous index answers as it did
    (small_disk / "fill").unlink()
    status, said = notices_cli("index", corpus, "--index-dir", index, "--jobs", jobs, *(["--rebuild"] * rebuild))
    assert status == 0, said
    assert Engine(index).stats()["notices"] == 25
