"""PDFs with a text layer: a printed notice reads as the notice it prints; a bad PDF gets its reason."""
import io

import pytest

from indexer.document.notice import Notice
from indexer.document.parse import parse_file
from indexer.document.read import UnreadableDocument, read_bytes

from ..conftest import FIXTURES, SEEDS
from .printing import print_file, print_pdf

OWN_NOTICE = FIXTURES / "printed" / "linqu_notice.txt"


def facts(notice) -> dict:
    return {"title": notice.title, "issuer": notice.issuer, "region": notice.region, "year": notice.year,
            "published": notice.published, "doc_type": notice.doc_type,
            "problems": [(p.title, p.status) for p in notice.problems]}


@pytest.mark.parametrize("text_file", [*SEEDS, OWN_NOTICE], ids=lambda p: p.name[:12])
def test_a_printed_notice_reads_as_its_text_file(text_file, tmp_path):
    printed = tmp_path / (text_file.stem + ".pdf")
    printed.write_bytes(print_file(text_file, chars_per_line=36))
    notice = parse_file(printed)
    assert facts(notice) == facts(parse_file(text_file))
    assert (notice.file_kind, notice.text_source) == ("pdf", "text")
    assert notice.pages >= 2 or text_file == OWN_NOTICE


HALF_A4 = (595.27, 421.0)


def test_page_numbers_are_not_text_and_paragraphs_are_whole_across_pages(tmp_path):
    printed = tmp_path / "own.pdf"
    printed.write_bytes(print_file(OWN_NOTICE, page=HALF_A4))
    notice = parse_file(printed)
    assert notice.pages >= 2 and "- 1 -" not in notice.text
    assert notice.text.split("\n") == parse_file(OWN_NOTICE).text.split("\n")


def test_progress_counts_the_pages(tmp_path):
    printed = tmp_path / "own.pdf"
    printed.write_bytes(print_file(OWN_NOTICE, page=HALF_A4))
    calls = []
    notice = parse_file(printed, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, notice.pages) for n in range(1, notice.pages + 1)]
    calls.clear()
    parse_file(OWN_NOTICE, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 1)]  # a text file is one page


def test_an_old_notice_without_the_new_fields_still_loads(parsed_seeds):
    data = parsed_seeds["004"].to_json()
    assert (data["text_source"], data["pages"]) == ("text", None)
    del data["text_source"], data["pages"]
    assert Notice.from_json(data).text_source == "text"


def encrypted_pdf(user_password: str) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=StandardEncryption(user_password, ownerPassword="owner", canPrint=0))
    page.drawString(72, 720, "Rectification of inspection findings: progress report.")
    page.save()
    return out.getvalue()


def test_an_encrypted_pdf_that_needs_a_password_says_so():
    with pytest.raises(UnreadableDocument, match="encrypted PDF that needs a password") as error:
        read_bytes(encrypted_pdf("secret"), "locked.pdf")
    assert "\n" not in str(error.value) and str(error.value).endswith(".")


def test_a_pdf_with_only_an_owner_password_is_read():
    assert "progress report" in read_bytes(encrypted_pdf(""), "restricted.pdf").text


def test_a_damaged_pdf_says_so():
    with pytest.raises(UnreadableDocument, match="not a readable PDF"):
        read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8, "damaged.pdf")


def test_a_pdf_of_more_pages_than_a_notice_is_refused_without_reading_them(monkeypatch):
    monkeypatch.setenv("NOTICES_MAX_PAGES", "3")
    with pytest.raises(UnreadableDocument, match=r"has \d+ pages, more than the 3 pages of one notice"):
        read_bytes(print_pdf(["一、关于食堂管理的问题。"] * 4, chars_per_line=4, page=(200, 100)), "long.pdf")
