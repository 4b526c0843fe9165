"""The index's metadata as types: they read and write exactly the JSON an earlier build wrote,
so an index built before them opens as it was; and what they say is what the build commits."""
import json

import pytest

from indexer.engine import build, check, store
from indexer.engine.meta import IndexMeta, SegmentEntry, SegmentMeta, components
from indexer.engine.search import Engine, Request

from ..conftest import FIXTURES, SEEDS

# Written by the build before these types (format 11): the manifest of a two-segment index, and a segment's meta.json.
OLD_MANIFEST = (FIXTURES / "meta" / "manifest-format-11.json").read_text(encoding="utf-8")
OLD_SEGMENT_META = (FIXTURES / "meta" / "segment-meta.json").read_text(encoding="utf-8")


def test_an_earlier_manifest_reads_and_writes_back_to_the_same_json():
    meta = IndexMeta.from_json(json.loads(OLD_MANIFEST))
    assert json.dumps(meta.to_json(), ensure_ascii=False) == OLD_MANIFEST
    assert meta.format == "11" and len(meta.segments) == 2  # the format of the build that wrote the fixture
    assert all(isinstance(entry, SegmentEntry) and entry.deleted is None for entry in meta.segments)


def test_an_earlier_segment_meta_reads_and_writes_back_to_the_same_json():
    meta = SegmentMeta.from_json(json.loads(OLD_SEGMENT_META))
    assert json.dumps(meta.to_json(), ensure_ascii=False) == OLD_SEGMENT_META
    assert meta.missing() == [] and set(meta.files) == set(components())


def test_a_manifest_without_a_list_of_segments_is_an_error_not_a_guess():
    for data in ({}, {"segments": "seg-1"}, []):
        with pytest.raises(ValueError):
            IndexMeta.from_json(data)


def test_a_new_build_commits_a_manifest_in_the_earlier_shape(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS[:5]:  # segments of three and two: one of three deleted leaves its segment as it is
        (corpus / path.name).write_bytes(path.read_bytes())
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    (corpus / SEEDS[0].name).unlink()
    build.run(corpus, index, jobs=1, progress=False)  # a deletion: a side file the manifest names
    ix, _ = store.open_record(index)
    with ix.searcher() as searcher:
        written = json.loads(searcher.stored_fields(searcher.document_number(id=store.MANIFEST_ID))["notice_json"])
    old = json.loads(OLD_MANIFEST)
    assert list(written) == list(old) and [list(e) for e in written["segments"]] == [list(old["segments"][0])] * len(
        written["segments"])
    assert list(written["taxonomy"]) == list(old["taxonomy"])
    assert written["corpus"] == str(corpus.resolve())
    with_deletions = [entry for entry in written["segments"] if entry["deleted"]]
    assert len(with_deletions) == 1
    assert (index / store.SEGMENTS / with_deletions[0]["name"] / with_deletions[0]["deleted"]).is_file()
    assert Engine(index).search(Request.from_params({"q": "整改"}))["total"] > 0
    assert check.check(index)["sound"]


def test_check_names_a_segment_whose_meta_lists_too_few_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / SEEDS[0].name).write_bytes(SEEDS[0].read_bytes())
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    folder = next((index / store.SEGMENTS).iterdir())
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    del meta["files"]["body_words_tf.npy"]
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    found = check.check(index)
    assert not found["sound"] and "body_words_tf.npy" in found["problems"][0]
    assert found["restore"] == [SEEDS[0].name]
