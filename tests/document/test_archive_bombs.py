"""A zip-bomb .docx (issue 22, item 4): 100 MB of XML packed into a few hundred kilobytes, made
here, refused from the archive's directory before anything is unpacked, by the /draft upload and
by the indexer alike; and the cap on text before it is parsed."""
import io
import re
import shutil
import time
import tracemalloc
import zipfile

import pytest

from indexer.document.errors import UnreadableDocument
from indexer.document.read import read_bytes
from indexer.engine import build
from indexer.engine.search import Engine
from webapp import create_app

from ..conftest import CORPUS
from .test_read import make_docx

UNPACKED_MB = 100


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A .docx whose document.xml unpacks to 100 MB (written in pieces: the test itself stays small)."""
    real = zipfile.ZipFile(io.BytesIO(make_docx(["关于巡察整改进展情况的通报"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member in real.infolist():
            if member.filename != "word/document.xml":
                archive.writestr(member, real.read(member))
        paragraph = b"<w:p><w:r><w:t>" + "整改落实情况".encode("utf-8") * 20 + b"</w:t></w:r></w:p>"
        with archive.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                      b'wordprocessingml/2006/main"><w:body>')
            chunk = paragraph * (1048576 // len(paragraph))
            for _ in range(UNPACKED_MB):
                xml.write(chunk)
            xml.write(b"</w:body></w:document>")
    return out.getvalue()


def test_the_bomb_is_what_the_issue_describes(bomb):
    unpacked = sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert len(bomb) < 1024 * 1024 and unpacked > 95 * 1048576


def test_a_zip_bomb_is_refused_in_one_sentence_quickly_and_with_little_memory(bomb):
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as refused:
        read_bytes(bomb, "bomb.docx")
    seconds = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert str(refused.value).startswith("bomb.docx unpacks to 101 MB, more than the 50 MB a .docx notice may hold")
    assert seconds < 2 and peak < 20 * 1048576  # before: 65 s and 2.3 GB


def test_a_member_packed_like_a_bomb_is_refused_under_the_total_limit(bomb, monkeypatch):
    monkeypatch.setenv("NOTICES_DOCX_MAX_UNPACKED_MB", "500")
    with pytest.raises(UnreadableDocument, match=r"^bomb\.docx holds a part packed [\d,]+ times, more than the 200"):
        read_bytes(bomb, "bomb.docx")


def test_a_real_docx_still_reads():
    assert "巡察" in read_bytes(make_docx(["关于巡察整改进展情况的通报", "一、食堂管理"]), "real.docx").text


def test_the_zip_bomb_uploaded_to_the_draft_page(bomb, seed_index):
    client = create_app({"INDEX_DIR": str(seed_index), "TESTING": True}).test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/draft").get_data(as_text=True)).group(1)
    started = time.monotonic()
    response = client.post("/draft", data={"csrf_token": token, "text": "",
                                           "file": (io.BytesIO(bomb), "bomb.docx")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and time.monotonic() - started < 5
    assert "bomb.docx unpacks to 101 MB" in response.get_data(as_text=True)


def test_the_zip_bomb_in_a_corpus_is_skipped_and_the_rest_indexed(bomb, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(CORPUS.glob("*.txt")), corpus)
    (corpus / "bomb.docx").write_bytes(bomb)
    report = build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    assert [source for source, _ in report.skipped] == ["bomb.docx"]
    assert "unpacks to 101 MB" in report.skipped[0][1] and Engine(tmp_path / "index").stats()["notices"] == 1


def test_text_over_the_cap_is_refused_before_it_is_parsed(monkeypatch):
    monkeypatch.setenv("NOTICES_TEXT_MAX_CHARS", "1000")
    with pytest.raises(UnreadableDocument, match=r"^long\.txt holds 3,000 characters of text, more than the 1,000"):
        read_bytes(("整改" * 1500).encode("utf-8"), "long.txt")
