"""After a taxonomy edit, `notices index` relabels: types and categories change, nothing else."""
import json
import shutil

import pytest

from indexer.document import taxonomy
from indexer.engine import build, labels
from indexer.engine.search import Engine, Request

from ..conftest import FIXTURES, ROOT

DATA = ROOT / "indexer" / "data" / "taxonomy.toml"
NEW_TYPE = '''

[[type]]
name = "餐饮服务"
group = "群众身边不正之风和腐败问题"
description = "机关食堂和餐饮服务的管理"
keywords = ["食堂"]
'''


@pytest.fixture
def edited_taxonomy(tmp_path, monkeypatch):
    """Today's taxonomy with one type more, in effect for this process and the workers it starts."""
    path = tmp_path / "taxonomy.toml"

    def edit():
        path.write_text(DATA.read_text(encoding="utf-8") + NEW_TYPE, encoding="utf-8")
        monkeypatch.setenv("NOTICES_TAXONOMY", str(path))
        taxonomy.default.cache_clear()

    yield edit
    taxonomy.default.cache_clear()


def snapshot(index) -> dict:
    """Everything a user sees of each notice except its labels, and the labels apart."""
    engine = Engine(index)
    notices = {i: engine.notice(i) for i in engine.notice_ids()}
    labels = {p["id"]: (p["category"], p["types"]) for n in notices.values() for p in n["problems"]}
    for notice in notices.values():
        for problem in notice["problems"]:
            problem.pop("category"), problem.pop("types")
    return {"notices": notices, "labels": labels}


def test_a_taxonomy_edit_relabels_without_reading_or_segmenting_again(tmp_path, edited_taxonomy, monkeypatch):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(FIXTURES / "facets", corpus)
    build.run(corpus, index, jobs=1, progress=False)
    before = snapshot(index)
    postings = {p.relative_to(index): p.read_bytes() for p in (index / "segments").rglob("*.npy")}
    assert Engine(index).search(Request.from_params({"type": "餐饮服务"}))["total"] == 0

    edited_taxonomy()
    monkeypatch.setattr(build, "parse_file", lambda *a, **k: pytest.fail("a document was read again"))
    report = build.run(corpus, index, jobs=1, progress=False)
    assert report.relabelled == 4 and report.added == report.updated == [] and report.unchanged == 4

    after = snapshot(index)
    assert after["notices"] == before["notices"]  # every text, title, id and fact as it was
    changed = {pid for pid in before["labels"] if before["labels"][pid] != after["labels"][pid]}
    canteen = {pid for pid, (_, types) in after["labels"].items() if "餐饮服务" in types}
    assert canteen and changed == canteen
    assert {p.relative_to(index): p.read_bytes() for p in (index / "segments").rglob("*.npy")} == postings
    found = Engine(index).search(Request.from_params({"type": "餐饮服务", "kind": "problem"}))
    assert {hit["title"] for hit in found["hits"]} == {"针对机关食堂账目不清的问题", "针对职工食堂餐费收取不规范的问题",
                                                      "针对食堂采购台账缺失的问题"}
    assert found["type_groups"]["餐饮服务"] == "群众身边不正之风和腐败问题"

    again = build.run(corpus, index, jobs=1, progress=False)
    assert again.relabelled == 0  # labels are current now


def test_the_manifest_records_the_taxonomy_it_labelled_with(tmp_path):
    index = tmp_path / "index"
    build.run(FIXTURES / "facets", index, jobs=1, progress=False)
    stats = Engine(index).stats()
    assert stats["type_descriptions"]["食堂管理"]
    assert json.dumps(stats["type_groups"], ensure_ascii=False)


def test_a_worker_opens_a_segment_once_for_all_its_slices(tmp_path, edited_taxonomy, monkeypatch):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(FIXTURES / "facets", corpus)
    build.run(corpus, index, jobs=1, progress=False)
    edited_taxonomy()
    opened = []
    real_segment = labels.Segment
    monkeypatch.setattr(labels, "Segment", lambda folder: opened.append(str(folder)) or real_segment(folder))
    monkeypatch.setattr(labels, "RELABEL_SLICE", 3)  # several slices a segment
    report = build.run(corpus, index, jobs=1, progress=False)
    slices = sum(-(-real_segment(folder).passages // 3) for folder in set(opened))
    assert report.relabelled == 4 and slices > len(opened)
    assert len(opened) == len(set(opened))  # each segment opened once, whatever its slices
    found = Engine(index).search(Request.from_params({"type": "餐饮服务", "kind": "problem"}))
    assert found["total"] == 3
