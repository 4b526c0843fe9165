"""Uploads of scans to /draft never take the server's request threads (issue 22, item 2): a real
waitress server (`notices serve`) on loopback, eight uploads of a 50-blank-page PDF at once, and
searches timed while they are in flight."""
import io
import re
import statistics
import threading
import time

import pypdfium2
import pytest
import requests

from ..live_server import live_server


def blank_pdf(pages: int) -> bytes:
    """A PDF of blank A4 pages: no text layer, so every page is one for OCR."""
    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def server(seed_index):
    with live_server(seed_index) as url:
        yield url


def upload(url: str, data: bytes, name: str) -> tuple:
    """(status, the page's alert sentence) of an upload to /draft, as a browser sends it."""
    session = requests.Session()
    page = session.get(url + "/draft", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = session.post(url + "/draft", data={"csrf_token": token, "text": ""}, files={"file": (name, data)},
                          timeout=300)
    said = re.search(r'role="alert">.*?<p>(.*?)</p>', answer.text, re.S)
    return answer.status_code, said.group(1) if said else ""


def searched_while(url: str, uploads: list) -> tuple[list, list]:
    """Start the uploads at once; time searches until every one is answered. (answers, seconds)."""
    answers = [None] * len(uploads)

    def send(i, data, name):
        answers[i] = upload(url, data, name)

    threads = [threading.Thread(target=send, args=(i, *u)) for i, u in enumerate(uploads)]
    for thread in threads:
        thread.start()
    latencies = []
    while any(thread.is_alive() for thread in threads) or len(latencies) < 5:
        started = time.monotonic()
        response = requests.get(url + "/api/search", params={"q": "整改"}, timeout=120)
        latencies.append(time.monotonic() - started)
        assert response.status_code == 200 and response.json()["total"] > 0
    for thread in threads:
        thread.join()
    return answers, latencies


def test_eight_uploads_of_a_50_page_scan_and_the_search_keeps_answering(server):
    answers, latencies = searched_while(server, [(blank_pdf(50), f"scan{i}.pdf") for i in range(8)])
    too_long = re.compile(r"scan\d\.pdf has 50 pages to read by OCR, more than the limit of 3; an upload is read "
                          r"by OCR for a few pages only: upload the pages that list the problems, or paste their "
                          r"text\.")
    busy = re.compile(r"scan\d\.pdf was not read: other uploaded scans are being read by OCR now; send it again in "
                      r"a few seconds, or paste its text\.")
    assert all(status == 400 for status, _ in answers)
    assert all(too_long.fullmatch(said) or busy.fullmatch(said) for _, said in answers), answers
    assert any(too_long.fullmatch(said) for _, said in answers)
    assert max(latencies) < 5, latencies  # before: every server thread held for three minutes


def test_eight_uploads_read_by_ocr_one_at_a_time_and_the_search_keeps_answering(server):
    answers, latencies = searched_while(server, [(blank_pdf(2), f"scan{i}.pdf") for i in range(8)])
    # what was read, and what was not: a blank page holds no text, and pages past the budget are named
    read = [said for _, said in answers if "OCR found no text on its pages" in said
            or re.search(r"takes more than the 10 s OCR budget of one file \(1 of 2 pages read\); pages 2–2 were not read", said)]
    busy = [said for _, said in answers if "other uploaded scans are being read by OCR now" in said]
    assert all(status == 400 for status, _ in answers)
    assert read and len(read) + len(busy) == 8, answers
    assert max(latencies) < 5 and statistics.median(latencies) < 1, latencies
