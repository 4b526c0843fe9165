"""Web archives and ZIP files in the corpus: every response record or member is a notice with its
address and capture day; revisits, error answers and duplicates are skipped with a reason; an
unchanged container is not read again, a changed one updates only what changed."""
import io
import zipfile

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer.engine import build
from indexer.engine.search import Engine, Request

from ..document.ofd_files import notice_ofd
from ..document.printing import print_pdf
from ..document.test_read import make_docx

# Three notices written for these tests, each in its own format.
HTML_NOTICE = """<html><head><meta charset="utf-8"><title>关于巡察整改进展情况的通报</title></head><body>
<h1>中共示范县水利局党组关于巡察整改进展情况的通报</h1>
<p>根据县委统一部署,县委第三巡察组于2025年3月对县水利局党组开展了巡察。</p>
<p>一、巡察反馈问题的整改进展情况</p><p>1.针对河道采砂监管缺位的问题</p>
<p>整改进展情况:建立采砂巡查台账,每周巡河两次。</p>
<p>中共示范县水利局党组</p><p>2025年7月8日</p></body></html>"""
PDF_LINES = ["中共示范县林业局党组关于巡察整改进展情况的通报", "一、巡察反馈问题的整改进展情况",
             "1.针对护林员考勤流于形式的问题", "整改进展情况:护林员巡护轨迹每日上传,逐月核对。"]
DOCX_LINES = ["中共示范县医保局党组关于巡察整改进展情况的通报", "一、巡察反馈问题的整改进展情况",
              "1.针对定点药店串换药品的问题", "整改进展情况:开展药店飞行检查,追回基金并约谈负责人。",
              "中共示范县医保局党组", "2025年9月2日"]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SITE = "http://county.example.gov.cn/xczg/"


@pytest.fixture(scope="module", autouse=True)
def documents():
    """The PDF and .docx made once: each making stamps its own time, and a rewritten crawl must
    hold the same bytes for the records that did not change."""
    made = {"pdf": print_pdf(PDF_LINES), "docx": make_docx(DOCX_LINES)}
    DOCUMENTS.update(made)
    return made


DOCUMENTS = {}


def response(writer, url, body: bytes, media: str, status="200 OK", day="2025-07-10T02:00:00Z"):
    headers = StatusAndHeaders(status, [("Content-Type", media)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": day}))


def write_warc(path, extra=()):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=str(path).endswith(".gz"))
        response(writer, SITE + "a.html", HTML_NOTICE.encode("utf-8"), "text/html; charset=utf-8")
        response(writer, SITE + "b.pdf", DOCUMENTS["pdf"], "application/pdf", day="2025-10-21T09:30:00Z")
        response(writer, SITE + "c.docx", DOCUMENTS["docx"], DOCX_TYPE)
        response(writer, SITE + "gone.html", b"<html><body>Not Found</body></html>", "text/html", "404 Not Found")
        writer.write_record(writer.create_revisit_record(SITE + "a-again.html", "sha1:AAAA", SITE + "a.html",
                                                         "2025-07-10T02:00:00Z"))
        for url, body, media in extra:
            response(writer, url, body, media)


def hits(index, query):
    return Engine(index, background=False).search(Request.from_params({"q": query}))["hits"]


def notice_of(index, query):
    engine = Engine(index, background=False)
    return engine.notice(engine.search(Request.from_params({"q": query}))["hits"][0]["notice_id"])


@pytest.fixture(params=["crawl.warc.gz", "crawl.warc"])
def crawl(tmp_path, request):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_warc(corpus / request.param)
    return corpus, tmp_path / "index", request.param


def test_each_response_record_is_a_searchable_notice_with_its_url_and_date(crawl):
    corpus, index, name = crawl
    report = build.run(corpus, index, jobs=1, progress=False)
    assert sorted(report.added) == [f"{name}#{SITE}{page}" for page in ("a.html", "b.pdf", "c.docx")]
    html = notice_of(index, "采砂巡查台账")
    assert html["source_url"] == SITE + "a.html"
    assert html["published"] == "2025-07-08"           # the notice's own date comes first
    pdf = notice_of(index, "护林员巡护轨迹")
    assert pdf["source_url"] == SITE + "b.pdf"
    assert pdf["published"] == "2025-10-21"            # no date of its own: the day it was captured
    docx = notice_of(index, "药店飞行检查")
    assert docx["source_url"] == SITE + "c.docx" and docx["published"] == "2025-09-02"


def test_revisits_and_error_answers_are_skipped_with_a_reason(crawl):
    corpus, index, name = crawl
    skipped = dict(build.run(corpus, index, jobs=1, progress=False).skipped)
    assert "HTTP 404" in skipped[f"{name}#{SITE}gone.html"]
    assert "revisit" in skipped[f"{name}#{SITE}a-again.html"]


def test_an_unchanged_container_is_not_read_again(crawl, monkeypatch):
    corpus, index, _ = crawl
    build.run(corpus, index, jobs=1, progress=False)
    from indexer.engine import archives

    def must_not_list(path):
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(archives, "members", must_not_list)
    report = build.run(corpus, index, jobs=1, progress=False)
    assert (report.added, report.updated, report.removed, report.unchanged) == ([], [], [], 3)


def test_a_changed_container_updates_only_the_records_that_changed(crawl):
    corpus, index, name = crawl
    build.run(corpus, index, jobs=1, progress=False)
    added = HTML_NOTICE.replace("河道采砂监管缺位", "水库安全鉴定滞后").replace("采砂巡查台账", "水库鉴定清单")
    write_warc(corpus / name, extra=[(SITE + "d.html", added.encode("utf-8"), "text/html")])
    report = build.run(corpus, index, jobs=1, progress=False)
    assert report.added == [f"{name}#{SITE}d.html"] and report.unchanged == 3 and report.updated == []
    assert hits(index, "水库鉴定清单")


def test_a_zip_of_notices_is_indexed_member_by_member(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with zipfile.ZipFile(corpus / "2025年通报.zip", "w") as archive:
        archive.writestr("水利局.html", HTML_NOTICE)
        archive.writestr("医保局.docx", DOCUMENTS["docx"])
        archive.writestr("副本/医保局.docx", DOCUMENTS["docx"])   # the same bytes twice
        archive.writestr("说明.css", "body{}")
    report = build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    assert sorted(report.added) == ["2025年通报.zip#医保局.docx", "2025年通报.zip#水利局.html"]
    skipped = dict(report.skipped)
    assert "same content" in skipped["2025年通报.zip#副本/医保局.docx"]
    assert "not a document" in skipped["2025年通报.zip#说明.css"]
    assert notice_of(tmp_path / "index", "药店飞行检查")["published"] == "2025-09-02"


def test_a_zip_bomb_member_is_refused_and_the_rest_indexed(tmp_path, monkeypatch):
    monkeypatch.setenv("NOTICES_MAX_MB", "1")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with zipfile.ZipFile(corpus / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", b"0" * (20 * 1024 * 1024))   # 20 MB of zeros packs to about 20 KB
        archive.writestr("水利局.html", HTML_NOTICE)
    report = build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    assert report.added == ["bomb.zip#水利局.html"]
    assert "more than the 1 MB limit" in dict(report.skipped)["bomb.zip#big.txt"]


def test_a_broken_archive_is_skipped_and_the_rest_indexed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cut.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"not a crawl at all" * 50)
    (corpus / "fake.zip").write_bytes(b"PK\x03\x04 but nothing after")
    (corpus / "notice.html").write_text(HTML_NOTICE, encoding="utf-8")
    report = build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    assert report.added == ["notice.html"]
    assert set(dict(report.skipped)) >= {"fake.zip", "cut.warc.gz"}


def test_an_ofd_in_a_zip_is_read_as_an_ofd(tmp_path):
    """Containers take the suffixes they keep from the formats registry: a new format is kept too."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with zipfile.ZipFile(corpus / "通报.zip", "w") as archive:
        archive.writestr("青田/整改通报.ofd", notice_ofd())
    report = build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    assert report.added == ["通报.zip#青田/整改通报.ofd"]
    found = hits(tmp_path / "index", "惠农补贴")
    assert found and found[0]["county"] == "青田县"
