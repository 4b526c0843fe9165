"""Bad input: every kind gets a clear reason in the `notices index` summary, and every other file
is still indexed."""
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.engine import build

from ..conftest import CORPUS
from .ofd_files import NOTICE, make_ofd
from .printing import image_file, png_header, print_pdf, scan
from .test_pdf import encrypted_pdf
from .test_read import make_docx, make_pdf

CLI = [sys.executable, "-m", "indexer.cli"]
GOOD = CORPUS / "004_f0a67881e370c186.txt"


def pages_pdf(count: int) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for number in range(1, count + 1):
        pdf.drawString(72, 720, f"Page {number}: rectification of inspection findings.")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    text = GOOD.read_text(encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_bytes(b"  \n\t\r\n   ")
    (folder / "random.bin").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(20000)))
    (folder / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 10)
    (folder / "nul bytes.txt").write_bytes(text[:300].encode() + b"\x00\x00" + text[300:].encode())
    (folder / "bad utf8.txt").write_bytes(text[:500].encode() + b"\xc3\x28\xa0\xa1" + text[500:].encode())
    with open(folder / "huge.txt", "wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # 50 MB (sparse: nothing is read before the size check)
    docx = make_docx(text.split("\n"))
    (folder / "truncated.docx").write_bytes(docx[: len(docx) // 3])
    (folder / "missing page.ofd").write_bytes(make_ofd([NOTICE[:4], NOTICE[4:]],
                                                       parts={"Doc_0/Pages/Page_1/Content.xml": None}))
    (folder / "pictures only.ofd").write_bytes(make_ofd([[]]))
    (folder / "scan.pdf").write_bytes(make_pdf([], with_text=False))
    (folder / "locked.pdf").write_bytes(encrypted_pdf("secret"))
    (folder / "2000 pages.pdf").write_bytes(pages_pdf(2000))
    (folder / "huge.png").write_bytes(png_header(20_000, 20_000))
    page = image_file(scan(print_pdf(["二、关于食堂财务管理不严的问题"], chars_per_line=16, page=(300, 80),
                                     margin_y=30, page_numbers=False)), "PNG")
    (folder / "truncated.png").write_bytes(page[: len(page) // 2])
    (folder / "small scan.png").write_bytes(page)
    (folder / "nested.html").write_text("<html><body>" + "<div><span>" * 3000 + "巡察整改进展情况的通报" + "</body>",
                                        encoding="utf-8")
    (folder / "broken.html").write_text("<html><body><p>一、关于食堂问题<p>整改情况:已完成<table><tr><td>无结尾",
                                        encoding="utf-8")
    (folder / "with spaces 和中文.txt").write_text(text.replace("永州", "郴州"), encoding="utf-8")
    (folder / "line\nbreak.txt").write_text(text.replace("永州", "岳阳"), encoding="utf-8")
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink(".", folder / "folder-loop")
    (folder / "sidecar-bad.txt").write_text(text.replace("永州", "娄底"), encoding="utf-8")
    (folder / "sidecar-bad.txt.meta.toml").write_text("title = [1,\n", encoding="utf-8")
    (folder / "sidecar-type.txt").write_text(text.replace("永州", "衡阳"), encoding="utf-8")
    (folder / "sidecar-type.txt.meta.toml").write_text("published = 2021\n", encoding="utf-8")
    (folder / "good.txt").write_bytes(GOOD.read_bytes())
    return folder


@pytest.fixture(scope="module")
def summary(bad_corpus, tmp_path_factory):
    index = tmp_path_factory.mktemp("bad-index")
    out = subprocess.run([*CLI, "index", str(bad_corpus), "--index-dir", str(index)], capture_output=True, text=True)
    return out, index


def reason(summary, name):
    lines = [line for line in summary[0].stderr.splitlines() if line.startswith(f"  skipped {name}:")]
    assert len(lines) == 1, summary[0].stderr
    return lines[0]


def test_the_build_finishes_and_exits_zero_by_default(summary):
    out, _ = summary
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("name, words", [
    ("empty.txt", "is empty"),
    ("whitespace.txt", "is empty"),
    ("random.bin", "not text|binary"),
    ("photo.txt", "is a JPEG image"),
    ("huge.txt", "50.0 MB, more than the 20 MB limit"),
    ("truncated.docx", "not a readable .docx"),
    ("missing page.ofd", r"not a readable \.ofd: its part Doc_0/Pages/Page_1/Content\.xml is missing\.$"),
    ("pictures only.ofd", "an .ofd without a text layer"),
    ("scan.pdf", "without a text layer, and OCR found no text"),
    ("locked.pdf", "encrypted PDF that needs a password"),
    ("2000 pages.pdf", "has 2000 pages, more than the 300 pages of one notice"),
    ("huge.png", "PNG image.*too large to be a page"),
    ("truncated.png", "PNG image that cannot be decoded"),
    ("loop-a.txt", "broken or looping symbolic link"),
    ("loop-b.txt", "broken or looping symbolic link"),
    ("sidecar-bad.txt.meta.toml", "not valid TOML.*indexed without it"),
    ("sidecar-type.txt.meta.toml", "'published' must be a str.*indexed without it"),
])
def test_each_bad_file_has_its_reason(summary, name, words):
    import re

    assert re.search(words, reason(summary, name))


def test_every_other_file_is_indexed(summary):
    from indexer.engine.search import Engine, Request

    engine = Engine(summary[1])
    sources = {notice_source for notice_source in (engine.notice(i)["source"] for i in engine.notice_ids())}
    assert sources == {"good.txt", "nul bytes.txt", "bad utf8.txt", "nested.html", "broken.html",
                       "with spaces 和中文.txt", "line\nbreak.txt", "sidecar-bad.txt", "sidecar-type.txt", "small scan.png"}
    assert engine.search(Request.from_params({"q": "选人用人", "kind": "problem"}))["total"] >= 6
    line_break = engine.search(Request.from_params({"q": "岳阳"}))
    assert {h["source"] for h in line_break["hits"]} == {"line\nbreak.txt"}


def test_the_summary_prints_one_line_per_file(summary):
    assert "  skipped line" not in summary[0].stderr  # the file with a newline in its name was indexed
    assert all(line.startswith(("indexed ", "分词：", "  skipped ")) for line in summary[0].stderr.splitlines())


def test_strict_exits_non_zero_when_a_file_was_skipped(bad_corpus, tmp_path):
    out = subprocess.run([*CLI, "index", str(bad_corpus), "--index-dir", str(tmp_path / "ix"), "--strict"],
                         capture_output=True, text=True)
    assert out.returncode == 3


def test_an_unreadable_file_is_skipped_with_its_reason(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_bytes(GOOD.read_bytes())
    locked = corpus / "locked.txt"
    locked.write_bytes(GOOD.read_bytes())
    locked.chmod(0)
    if os.geteuid() == 0:
        # root reads any file whatever its mode: give the error the kernel gives everyone else
        real = Path.read_bytes

        def read_bytes(self):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    assert dict(report.skipped) == {"locked.txt": "it cannot be read (Permission denied)."}
    assert report.added == ["good.txt"]
