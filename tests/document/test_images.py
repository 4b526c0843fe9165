"""Image files that cannot be pages get a reason before anything large is decoded; pictures of a
document's pages for the web page's view of the original."""
import io
import resource

import pytest

from indexer.document.preview import page_images
from indexer.document.read import UnreadableDocument, read_bytes

from ..conftest import seed
from .printing import image_file, png_header, print_file, scan
from .test_pdf import OWN_NOTICE, encrypted_pdf


def one_sentence(error) -> bool:
    return "\n" not in str(error.value) and str(error.value).endswith(".")


@pytest.mark.parametrize("width, height", [(20_000, 20_000), (200_000, 200_000)])
def test_an_image_too_large_to_be_a_page_is_refused_from_its_header(width, height):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(UnreadableDocument, match="too large to be a page") as error:
        read_bytes(png_header(width, height), "huge.png")
    assert one_sentence(error)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KiB: nothing was decoded


@pytest.fixture(scope="module")
def picture():
    return scan(print_file(OWN_NOTICE), dpi=50)[0]


@pytest.mark.parametrize("kind, name", [("PNG", "page.png"), ("JPEG", "page.jpg"), ("TIFF", "page.tif")])
def test_a_damaged_image_says_so(picture, kind, name):
    data = image_file([picture], kind)
    with pytest.raises(UnreadableDocument, match="image that cannot be decoded") as error:
        read_bytes(data[: len(data) // 2], name)
    assert one_sentence(error)


def test_a_file_named_as_an_image_that_is_not_one():
    with pytest.raises(UnreadableDocument, match="is a PNG image that cannot be decoded"):
        read_bytes("一、关于食堂的问题".encode() * 20, "notice.png")


def png_width(data: bytes) -> int:
    from PIL import Image

    return Image.open(io.BytesIO(data)).width


def test_page_images_of_a_pdf_and_of_a_multi_page_tiff(picture, tmp_path):
    printed = tmp_path / "notice.pdf"
    printed.write_bytes(print_file(seed("004")))
    pages = page_images(printed, max_pages=5, width=600)
    assert len(pages) == 2 and all(p.startswith(b"\x89PNG") and png_width(p) == 600 for p in pages)
    assert len(page_images(printed.read_bytes(), max_pages=1)) == 1
    tiff = image_file([picture] * 3, "TIFF")
    assert [png_width(p) for p in page_images(tiff, max_pages=2, width=300)] == [300, 300]


def test_page_images_of_documents_without_pages_and_of_unreadable_ones(tmp_path):
    assert page_images(OWN_NOTICE) == []
    with pytest.raises(UnreadableDocument, match="encrypted PDF"):
        page_images(encrypted_pdf("secret"))
    with pytest.raises(UnreadableDocument, match="too large to be a page"):
        page_images(png_header(20_000, 20_000))
