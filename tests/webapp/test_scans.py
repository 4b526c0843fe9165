"""A notice read by OCR: the page says its text may be wrong, and its original view shows the pages."""
import pytest

from indexer.engine import build
from webapp import create_app

from ..document.printing import image_file
from ..document.test_ocr import small_scan


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("scan-corpus")
    (corpus / "scan.png").write_bytes(image_file(small_scan(), "PNG"))
    index = tmp_path_factory.mktemp("scan-index")
    build.run(corpus, index, jobs=1, progress=False)
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    notice_id = client.get("/api/search", query_string={"q": "食堂"}).get_json()["hits"][0]["notice_id"]
    return corpus, client, notice_id


def test_the_notice_page_says_its_text_was_recognised(scanned):
    _, client, notice_id = scanned
    page = client.get(f"/notice/{notice_id}").get_data(as_text=True)
    assert "识别文本，可能有误" in page


def test_the_original_view_shows_the_pages_as_pictures(scanned):
    _, client, notice_id = scanned
    page = client.get(f"/notice/{notice_id}", query_string={"view": "original"}).get_data(as_text=True)
    assert f'src="/notice/{notice_id}/page/1.png"' in page and 'alt="原件第 1 页"' in page
    picture = client.get(f"/notice/{notice_id}/page/1.png")
    assert picture.status_code == 200 and picture.mimetype == "image/png" and picture.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/notice/{notice_id}/page/2.png").status_code == 404


def test_a_changed_original_is_not_shown_as_the_notice_s_page(scanned, tmp_path):
    corpus, client, notice_id = scanned
    original = (corpus / "scan.png").read_bytes()
    try:
        (corpus / "scan.png").write_bytes(original + b"\x00")
        response = client.get(f"/notice/{notice_id}/page/1.png")
        assert response.status_code == 404 and "已改动" in response.get_data(as_text=True)
    finally:
        (corpus / "scan.png").write_bytes(original)
