"""Reading every supported kind of file, with the encodings detected rather than assumed."""
import io
import zipfile

import pytest

from indexer.document.read import UnreadableDocument, read_bytes, read_document

from ..conftest import seed_text

SIMPLIFIED = seed_text("000")[:3000]
TRADITIONAL = "根據市委統一部署，市委第二交叉巡察組對清城區政協機關開展了巡察。堅持以習近平新時代中國特色社會主義思想為指導，認真貫徹落實巡察整改要求。" * 5


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb18030"])
def test_simplified_text_in_every_encoding_reads_back_exactly(encoding):
    raw = read_bytes(SIMPLIFIED.encode(encoding), "notice.txt")
    assert raw.text == SIMPLIFIED
    assert raw.kind == "txt"


def test_big5_text_reads_back_exactly():
    raw = read_bytes(TRADITIONAL.encode("big5"), "notice.txt")
    assert raw.text == TRADITIONAL
    assert raw.encoding == "big5"


def test_short_gbk_and_big5_are_told_apart():
    assert read_bytes("关于巡察整改进展情况的通报".encode("gbk"), "a.txt").text == "关于巡察整改进展情况的通报"
    assert read_bytes("關於巡察整改進展情況的通報".encode("big5"), "a.txt").text == "關於巡察整改進展情況的通報"


def test_utf8_with_a_broken_byte_keeps_the_rest():
    data = SIMPLIFIED.encode("utf-8")
    broken = data[:600] + b"\xff\xfe" + data[600:]
    raw = read_bytes(broken, "damaged.txt")
    assert SIMPLIFIED[:150] in raw.text and SIMPLIFIED[-150:] in raw.text


def test_html_keeps_the_article_and_drops_page_furniture():
    page = f"""<!DOCTYPE html><html><head><title>通报</title><style>p {{color: red}}</style>
    <script>var tracking = "脚本内容";</script></head><body>
    <div class="nav">首页 | 政协概况 | 新闻中心</div>
    <div class="article"><h1>关于巡察整改进展情况的通报</h1><p>{SIMPLIFIED[:200]}</p><p>二、问题整改</p></div>
    <footer>版权所有 政协某市委员会</footer></body></html>"""
    raw = read_bytes(page.encode("utf-8"), "page.html")
    assert raw.kind == "html"
    assert "关于巡察整改进展情况的通报" in raw.text and SIMPLIFIED[:200] in raw.text
    for furniture in ("脚本内容", "color", "政协概况", "版权所有"):
        assert furniture not in raw.text


def test_html_in_gbk_with_a_meta_charset():
    page = f'<html><head><meta charset="gbk"></head><body><p>{SIMPLIFIED[:300]}</p></body></html>'
    assert SIMPLIFIED[:300] in read_bytes(page.encode("gbk"), "page.htm").text


def test_deeply_nested_html_is_read_without_recursion_errors():
    page = "<html><body>" + "<div>" * 5000 + "巡察整改进展情况" + "</div>" * 5000 + "</body></html>"
    assert "巡察整改进展情况" in read_bytes(page.encode("utf-8"), "deep.html").text


def make_docx(paragraphs) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_become_lines():
    lines = SIMPLIFIED.split("\n")[:8]
    raw = read_bytes(make_docx(lines), "notice.docx")
    assert raw.kind == "docx"
    assert raw.text.split("\n")[:8] == lines


def test_truncated_docx_is_a_clear_error():
    data = make_docx(["一、关于问题"])
    with pytest.raises(UnreadableDocument, match="not a readable .docx"):
        read_bytes(data[: len(data) // 2], "broken.docx")


def make_pdf(lines, with_text=True) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    if with_text:
        page.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            page.drawString(40, 800 - 20 * i, line)
    else:
        page.rect(40, 400, 300, 300, fill=1)  # a picture of a page, no text layer
    page.save()
    return out.getvalue()


def test_pdf_with_a_text_layer():
    lines = ["关于巡察整改进展情况的通报", "一、关于食堂财务管理不严的问题", "整改进展情况：已完成。"]
    raw = read_bytes(make_pdf(lines), "notice.pdf")
    assert raw.kind == "pdf"
    for line in lines:
        assert line in raw.text


def test_pdf_without_a_text_layer_says_so():
    with pytest.raises(UnreadableDocument, match="without a text layer"):
        read_bytes(make_pdf([], with_text=False), "scan.pdf")


@pytest.mark.parametrize("data, message", [
    (b"", "is empty"),
    (b"   \n\t \r\n", "is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "PNG image"),
    (bytes(range(256)) * 40, "binary|not text"),
])
def test_unreadable_bytes_get_one_sentence(data, message):
    with pytest.raises(UnreadableDocument, match=message) as error:
        read_bytes(data, "bad.txt")
    assert str(error.value).count("\n") == 0 and str(error.value).endswith(".")


def test_nul_bytes_inside_text_are_dropped():
    raw = read_bytes(SIMPLIFIED[:100].encode("utf-8") + b"\x00" + SIMPLIFIED[100:200].encode("utf-8"), "nul.txt")
    assert raw.text == SIMPLIFIED[:200]


def test_missing_and_oversized_files(tmp_path, monkeypatch):
    with pytest.raises(UnreadableDocument, match="cannot be read"):
        read_document(tmp_path / "missing.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    monkeypatch.setenv("NOTICES_MAX_MB", "1")
    with pytest.raises(UnreadableDocument, match="more than the 1 MB limit"):
        read_document(big)


def test_a_zip_that_is_not_a_docx(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnreadableDocument, match="docx"):
        read_bytes(out.getvalue(), "archive.docx")
