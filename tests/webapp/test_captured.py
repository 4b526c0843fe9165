"""The archived page as captured (/notice/<id>/captured): the record read again from its WARC, served
in a sandbox with its own content type; nothing when the container changed; the notice page links
to it only when there is one. And the notice page shows characters no repair could read as marked."""
import io
import zipfile

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer.engine import build
from webapp import create_app

from ..document.printing import print_pdf

SITE = "http://town.example.gov.cn/notice/"
# Written for these tests: a page published in GBK, a PDF, and a page kept as a plain corpus file.
PAGE = """<html><head><meta charset="gbk"><title>整改通报</title></head><body>
<h1>中共样例镇党委关于巡察整改进展情况的通报</h1>
<p>一、巡察反馈问题的整改进展情况</p><p>1.针对集体鱼塘承包费长期拖欠的问题</p>
<p>整改进展情况:逐户核对承包合同,追缴拖欠费用并公开账目。</p>
<p>中共样例镇党委</p><p>2025年6月3日</p></body></html>"""
PDF_LINES = ["中共样例镇卫生院党支部关于巡察整改进展情况的通报", "一、巡察反馈问题的整改进展情况",
             "1.针对药品出入库登记不全的问题", "整改进展情况:药房逐日盘点,出入库双人签字。"]
PLAIN_PAGE = PAGE.replace("集体鱼塘承包费长期拖欠", "村级公章保管混乱").replace("逐户核对承包合同", "公章集中保管")
# The text of a line that was decoded out of step: characters that are no words, with private-use debris.
GARBLED_RUN = "荒\ue365衤涫尸寏"
GARBLED_NOTICE = ("中共样例镇农业站党支部关于巡察整改进展情况的通报\n一、巡察反馈问题的整改进展情况\n"
                  f"1.针对农机补贴审核把关不严的问题\n整改进展情况:(一){GARBLED_RUN}。逐台核验补贴农机,建立审核台账。\n"
                  "中共样例镇农业站党支部\n2025年8月1日")
CAPTURE_DAY = "2025-06-05T08:00:00Z"


def record(writer, url, body: bytes, media: str):
    headers = StatusAndHeaders("200 OK", [("Content-Type", media)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": CAPTURE_DAY}))


def write_crawl(path, page: bytes, pdf: bytes):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        record(writer, SITE + "fishpond.html", page, "text/html; charset=gbk")
        record(writer, SITE + "clinic.pdf", pdf, "application/pdf")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("captured-corpus")
    pdf = print_pdf(PDF_LINES)
    write_crawl(corpus / "crawl.warc.gz", PAGE.encode("gbk"), pdf)
    (corpus / "seal.html").write_bytes(PLAIN_PAGE.encode("gbk"))
    (corpus / "farm.txt").write_text(GARBLED_NOTICE, encoding="utf-8")
    with zipfile.ZipFile(corpus / "handover.zip", "w") as archive:
        archive.writestr("clinic-copy.pdf", pdf + b"\n%% a second copy, handed over\n")
    index = tmp_path_factory.mktemp("captured-index")
    build.run(corpus, index, jobs=1, progress=False)
    client = create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()
    return corpus, index, client, pdf


def notice_id(client, query: str) -> str:
    return client.get("/api/search", query_string={"q": query}).get_json()["hits"][0]["notice_id"]


def assert_served_as_captured(answer, content_type: str):
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == content_type
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Content-Disposition"].startswith("inline;")
    if content_type == "application/pdf":
        # Browsers refuse to show a PDF in a sandbox: shown as a PDF only, by its type and nosniff.
        assert "Content-Security-Policy" not in answer.headers
    else:
        assert answer.headers["Content-Security-Policy"].startswith("sandbox;")
        assert "script-src" not in answer.headers["Content-Security-Policy"]  # default-src 'none': no script at all


def test_a_page_of_a_crawl_is_served_as_captured_in_a_sandbox(site):
    _, _, client, _ = site
    answer = client.get(f"/notice/{notice_id(client, '鱼塘承包费')}/captured")
    assert_served_as_captured(answer, "text/html; charset=gbk")
    assert answer.data == PAGE.encode("gbk")


def clinic_ids(client) -> dict:
    """The clinic's PDF is in the crawl and, a copy, in the ZIP: each source → its notice id."""
    return {hit["source"]: hit["notice_id"] for hit in
            client.get("/api/search", query_string={"q": "出入库双人签字"}).get_json()["hits"]}


def test_a_pdf_of_a_crawl_is_served_as_captured(site):
    _, _, client, pdf = site
    answer = client.get(f"/notice/{clinic_ids(client)['crawl.warc.gz#' + SITE + 'clinic.pdf']}/captured")
    assert_served_as_captured(answer, "application/pdf")
    assert answer.data == pdf


def test_the_notice_page_links_the_capture_beside_the_address(site):
    _, _, client, _ = site
    found = notice_id(client, "鱼塘承包费")
    page = client.get(f"/notice/{found}").get_data(as_text=True)
    assert f'href="{SITE}fishpond.html"' in page and "原文链接" in page
    assert f'href="/notice/{found}/captured"' in page and "查看存档页面（2025-06-05 抓取）" in page


def test_a_plain_page_of_the_corpus_is_served_as_its_original_file(site):
    _, _, client, _ = site
    found = notice_id(client, "公章集中保管")
    answer = client.get(f"/notice/{found}/captured")
    assert answer.headers["Content-Type"].startswith("text/html")
    assert_served_as_captured(answer, answer.headers["Content-Type"])
    assert answer.data == PLAIN_PAGE.encode("gbk")
    assert "查看原始文件" in client.get(f"/notice/{found}").get_data(as_text=True)


def test_a_text_file_has_no_captured_page(site):
    _, _, client, _ = site
    found = notice_id(client, "补贴农机")
    assert client.get(f"/notice/{found}/captured").status_code == 404
    page = client.get(f"/notice/{found}").get_data(as_text=True)
    assert "/captured" not in page and "查看存档页面" not in page


def test_a_member_of_a_zip_is_served_from_it(site):
    _, _, client, pdf = site
    answer = client.get(f"/notice/{clinic_ids(client)['handover.zip#clinic-copy.pdf']}/captured")
    assert_served_as_captured(answer, "application/pdf")
    assert answer.data.startswith(pdf)


def test_an_unknown_notice_has_no_capture(site):
    _, _, client, _ = site
    answer = client.get("/notice/0123456789abcdef/captured")
    assert answer.status_code == 404 and "没有可显示的存档页面" in answer.get_data(as_text=True)


def test_without_the_build_s_list_of_records_the_record_is_still_found(site):
    corpus, index, client, _ = site
    remembered = index / "containers.json"
    kept = remembered.read_bytes()
    try:
        remembered.unlink()
        assert client.get(f"/notice/{notice_id(client, '鱼塘承包费')}/captured").data == PAGE.encode("gbk")
    finally:
        remembered.write_bytes(kept)


def test_a_changed_crawl_gives_no_capture_and_no_link(site):
    corpus, _, client, pdf = site
    found = notice_id(client, "鱼塘承包费")
    crawl = corpus / "crawl.warc.gz"
    kept = crawl.read_bytes()
    try:
        write_crawl(crawl, PAGE.replace("追缴拖欠费用", "减免部分费用").encode("gbk"), pdf)
        answer = client.get(f"/notice/{found}/captured")
        assert answer.status_code == 404 and "没有可显示的存档页面" in answer.get_data(as_text=True)
        assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'")  # the site's error page
        assert f"/notice/{found}/captured" not in client.get(f"/notice/{found}").get_data(as_text=True)
    finally:
        crawl.write_bytes(kept)


def test_characters_no_repair_could_read_are_marked_on_the_notice_page(site):
    _, _, client, _ = site
    page = client.get(f"/notice/{notice_id(client, '补贴农机')}").get_data(as_text=True)
    assert '(一)' + '<span class="lost">□</span>' * len(GARBLED_RUN) + '。逐台核验补贴农机' in page
    assert 'role="note"' in page and "无法辨认的字" in page  # the mark is explained in words
    assert "<summary>乱码原样（1 处）</summary>" in page and f"<li>{GARBLED_RUN}</li>" in page
    assert GARBLED_RUN not in page.split("<details>")[0]  # shown only on demand


def test_a_notice_without_lost_characters_has_no_note(site):
    _, _, client, _ = site
    page = client.get(f"/notice/{notice_id(client, '鱼塘承包费')}").get_data(as_text=True)
    assert "lost-note" not in page and 'class="lost"' not in page


def test_characters_no_repair_could_read_are_not_searchable(site):
    _, _, client, _ = site
    assert client.get("/api/search", query_string={"q": GARBLED_RUN[2:4]}).get_json()["total"] == 0
    assert client.get("/api/search", query_string={"q": "补贴农机"}).get_json()["total"] >= 1
