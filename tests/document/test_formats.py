"""The registry of formats (indexer/document/formats): which format a file is, by its bytes first and
its name second; what derives from the entries; and .odt, the one entry read only here."""
import io
import zipfile

import pytest

from indexer.document import formats
from indexer.document.errors import UnreadableDocument
from indexer.document.read import read_bytes

from .ofd_files import notice_ofd
from .test_read import make_docx, make_pdf

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')


def make_odt(body: str, mimetype_first: bool = True) -> bytes:
    """An .odt whose office:text holds body (XML of our own), packed as ODF requires: mimetype first, unpacked."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}><office:body>'
               f"<office:text>{body}</office:text></office:body></office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if mimetype_first:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return out.getvalue()


ODT_BODY = ('<text:h text:outline-level="1">关于巡察整改进展情况的通报</text:h>'
            "<text:p>一、关于<text:span>公务用车</text:span>管理不严的问题</text:p>"
            '<text:list><text:list-item><text:p>整改情况：已完成。<text:note><text:note-body><text:p>脚注不算正文</text:p>'
            "</text:note-body></text:note>处理<text:s text:c=\"2\"/>2人。</text:p></text:list-item></text:list>"
            "<table:table><table:table-row><table:table-cell><text:p>问题</text:p></table:table-cell>"
            "<table:table-cell><text:p>进度</text:p></table:table-cell></table:table-row></table:table>"
            "<text:p>县委巡察办<text:line-break/>2025年3月1日</text:p>")


def test_an_odt_reads_headings_paragraphs_lists_and_rows_in_order():
    raw = read_bytes(make_odt(ODT_BODY), "通报.odt")
    assert raw.kind == "odt"
    assert raw.text.split("\n") == ["关于巡察整改进展情况的通报", "一、关于公务用车管理不严的问题",
                                    "整改情况：已完成。处理  2人。", "问题\t进度", "县委巡察办", "2025年3月1日"]


def test_an_odt_is_told_by_its_mimetype_or_its_name():
    assert read_bytes(make_odt(ODT_BODY), "download").kind == "odt"
    assert read_bytes(make_odt(ODT_BODY, mimetype_first=False), "通报.odt").kind == "odt"


def test_an_odt_without_text_or_content_is_one_sentence():
    with pytest.raises(UnreadableDocument, match=r"^empty\.odt is an \.odt with no text\.$"):
        read_bytes(make_odt("<text:p> </text:p>"), "empty.odt")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
    missing = r"^bare\.odt is not a readable \.odt: its part content\.xml is missing\.$"
    with pytest.raises(UnreadableDocument, match=missing):
        read_bytes(out.getvalue(), "bare.odt")


@pytest.mark.parametrize("data, name, kind", [
    (make_pdf(["关于巡察整改进展情况的通报"]), "通报.docx", "pdf"),     # the bytes come first
    (notice_ofd(), "通报.zip.docx", "ofd"),
    (make_docx(["通报"]), "通报.odt", "docx"),
    (make_odt(ODT_BODY), "通报.ofd", "odt"),
    (b"\x89PNG\r\n\x1a\n", "scan.txt", "image"),
    ("一、关于问题".encode("utf-8"), "通报.pdf", "pdf"),              # bytes leave it open: the name decides
    (b"PK\x03\x04 cut short", "draft.docx", "docx"),
    (b"PK\x03\x04 cut short", "draft.ofd", "ofd"),
    ("<html><body><p>通报</p></body></html>".encode("utf-8"), "page.txt", "html"),
    ("一、关于问题".encode("gbk"), "notes", "txt"),
])
def test_which_format_a_file_is(data, name, kind):
    assert formats.identify(formats.File(data, name)).name == kind


@pytest.mark.parametrize("data, what", [
    (b"GIF89a" + bytes(100), "is a GIF image, not a text document."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "save it as .docx"),
    (b"Rar!\x1a\x07" + bytes(100), "is a RAR archive"),
])
def test_what_is_certainly_no_document_is_one_sentence(data, what):
    with pytest.raises(UnreadableDocument, match=what):
        formats.identify(formats.File(data, "upload"))


def test_each_format_has_its_own_name_and_suffixes():
    names = [entry.name for entry in formats.FORMATS]
    suffixes = [suffix for entry in formats.FORMATS for suffix in entry.suffixes]
    assert len(set(names)) == len(names) and len(set(suffixes)) == len(suffixes)
    assert all(suffix.startswith(".") and suffix == suffix.lower() for suffix in suffixes)


def test_a_suffix_alone_finds_its_format_when_the_bytes_say_nothing():
    for entry in formats.FORMATS:
        for suffix in entry.suffixes:
            assert formats.identify(formats.File("一、关于问题".encode("utf-8"), "x" + suffix)) is entry, suffix


def test_what_derives_from_the_entries():
    assert formats.media_types()["application/ofd"] == ".ofd" and formats.media_types()["image/jpeg"] == ".jpg"
    assert {".ofd", ".odt", ".docx", ".pdf", ".html", ".txt", ".png"} <= formats.suffixes()
    accepted = formats.accept().split(",")
    assert all(suffix in accepted for suffix in formats.upload_suffixes()) and "application/ofd" in accepted
    assert [formats.has_pictures(kind) for kind in ("pdf", "image", "ofd", "docx", "txt", None)] == \
           [True, True, False, False, False, False]


def test_a_zip_too_damaged_to_tell_names_the_packages_it_could_have_been():
    with pytest.raises(UnreadableDocument) as refused:
        read_bytes(b"PK\x03\x04 cut short", "download")
    assert str(refused.value) == "download is not a readable .docx, .ofd or .odt (a ZIP archive, damaged or truncated)."
