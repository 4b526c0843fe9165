"""Scans read by OCR: pictures of printed notices (a PDF without a text layer, PNG, JPEG, TIFF) read
as the notices they show. Few and small pages: OCR takes seconds a page."""
import io

import pypdfium2
import pytest

from indexer.document.parse import parse_file
from indexer.document.read import UnreadableDocument, read_bytes

from ..conftest import seed
from .printing import image_file, image_pdf, print_file, print_pdf, scan
from .test_pdf import OWN_NOTICE

SMALL_PAGE = (300.0, 110.0)  # points: two lines of sixteen characters
LINES = ["二、关于食堂财务管理不严的问题", "整改进展情况：已完成。"]


def small_scan():
    return scan(print_pdf(LINES, chars_per_line=16, page=SMALL_PAGE, margin_y=30, page_numbers=False))


def test_a_scanned_notice_reads_with_its_region_year_and_every_problem(tmp_path):
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(image_pdf(scan(print_file(OWN_NOTICE))))
    calls = []
    notice = parse_file(scanned, progress=lambda done, total: calls.append((done, total)))
    text = parse_file(OWN_NOTICE)
    assert (notice.text_source, notice.file_kind, notice.pages, calls) == ("ocr", "pdf", 1, [(1, 1)])
    assert (notice.title, notice.issuer, notice.region, notice.year, notice.published) == \
        (text.title, text.issuer, text.region, text.year, text.published)
    assert [p.title for p in notice.problems] == [p.title for p in text.problems]


def test_a_seed_scanned_to_a_multi_page_tiff_reads_with_its_region_year_and_every_problem(tmp_path):
    pages = scan(print_file(seed("004")))
    assert len(pages) == 2
    scanned = tmp_path / "scan.tiff"
    scanned.write_bytes(image_file(pages, "TIFF"))
    notice, text = parse_file(scanned), parse_file(seed("004"))
    assert (notice.text_source, notice.file_kind, notice.pages) == ("ocr", "image", 2)
    assert (notice.region, notice.year) == (text.region, text.year)
    assert [(p.title, p.status) for p in notice.problems] == [(p.title, p.status) for p in text.problems]


@pytest.mark.parametrize("kind, name", [("PNG", "page.png"), ("JPEG", "page.jpg")])
def test_a_picture_of_a_page_reads(kind, name):
    raw = read_bytes(image_file(small_scan(), kind), name)
    assert (raw.kind, raw.source, raw.pages) == ("image", "ocr", 1)
    assert raw.text.replace("：", ":").split("\n") == [LINES[0], LINES[1].replace("：", ":")]


def test_a_pdf_with_one_page_scanned_reads_both_pages():
    printed = print_pdf(["一、关于巡察整改工作的组织情况"], chars_per_line=16, page=SMALL_PAGE, margin_y=30,
                        page_numbers=False)
    both = pypdfium2.PdfDocument(printed)
    both.import_pages(pypdfium2.PdfDocument(image_pdf(small_scan())))
    raw = read_bytes(save(both), "mixed.pdf")
    assert (raw.source, raw.pages) == ("ocr", 2)
    assert "一、关于巡察整改工作的组织情况" in raw.text and LINES[0] in raw.text


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_more_pages_to_read_by_ocr_than_the_limit_is_refused_before_reading(monkeypatch):
    monkeypatch.setenv("NOTICES_OCR_MAX_PAGES", "1")
    with pytest.raises(UnreadableDocument, match="has 2 pages to read by OCR, more than the limit of 1"):
        read_bytes(image_file(small_scan() * 2, "TIFF"), "two.tif")


def test_a_scan_over_the_time_budget_is_refused(monkeypatch):
    monkeypatch.setenv("NOTICES_OCR_SECONDS", "0")
    with pytest.raises(UnreadableDocument, match=r"more than the 0 s OCR budget.*\(1 of 2 pages read\)"):
        read_bytes(image_file(small_scan() * 2, "TIFF"), "slow.tif")


def test_a_blank_page_in_a_printed_pdf_does_not_make_its_text_ocr():
    document = pypdfium2.PdfDocument(print_pdf(LINES, chars_per_line=16, page=SMALL_PAGE, margin_y=30))
    document.new_page(*SMALL_PAGE)
    raw = read_bytes(save(document), "with a blank page.pdf")
    assert (raw.source, raw.pages) == ("text", 2)
