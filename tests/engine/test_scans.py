"""Scans in the index: read by OCR in the build, found by search, and read by OCR once only."""
import pytest

from indexer.document import ocr
from indexer.engine import build
from indexer.engine.build import FilePages
from indexer.engine.search import Engine, Request

from ..document.printing import image_file
from ..document.test_ocr import small_scan


@pytest.fixture
def scanned_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "scan.png").write_bytes(image_file(small_scan(), "PNG"))
    return corpus


def test_a_scan_is_found_by_search_and_says_its_text_came_from_ocr(scanned_corpus, tmp_path):
    index = tmp_path / "index"
    report = build.run(scanned_corpus, index, jobs=1, progress=False)
    assert report.added == ["scan.png"]
    engine = Engine(index)
    hits = engine.search(Request.from_params({"q": "食堂财务管理", "kind": "problem"}))["hits"]
    assert [hit["source"] for hit in hits] == ["scan.png"]
    notice = engine.notice(hits[0]["notice_id"])
    assert notice["text_source"] == "ocr" and notice["file_kind"] == "image"


def test_a_rebuild_never_reads_a_scan_by_ocr_again(scanned_corpus, tmp_path, monkeypatch):
    index = tmp_path / "index"
    build.run(scanned_corpus, index, jobs=1, progress=False)
    before = Engine(index).search(Request.from_params({"q": "已完成"}))["total"]
    monkeypatch.setattr(ocr, "recognise", lambda picture: pytest.fail("the scan was read by OCR again"))
    report = build.run(scanned_corpus, index, rebuild=True, jobs=1, progress=False)
    assert report.added == ["scan.png"]
    assert Engine(index).search(Request.from_params({"q": "已完成"}))["total"] == before


def test_the_progress_bar_counts_pages():
    said = []
    pages = FilePages(said.append)
    for done in (1, 2, 3):
        pages(done, 3)
    pages.finish()
    assert said == [("more", 2), 1, 1, 1]  # a file counts one page until it says it has three
    said.clear()
    text = FilePages(said.append)
    text.finish()
    assert said == [1]
