"""The draft page (起草参考), its JSON API and its exports through Flask's test client: the same
precedents as the engine, filters, uploads of any kind, a sentence for every bad input, CSRF, the
size limit, and nothing of the draft written to disk or logged."""
import datetime
import functools
import io
import logging
import os
import re
import sys
import tempfile
import urllib.parse
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import EnvironBuilder

from webapp import create_app

from ..conftest import FIXTURES
from ..document.test_read import make_docx

DRAFTS = FIXTURES / "drafts"
MIXED = (DRAFTS / "mixed_numbering.txt").read_text(encoding="utf-8")
MIXED_TITLES = ["单位食堂收支管理混乱", "个别干部因私出国(境)证件保管不严", "保密意识淡薄,涉密文件管理松散"]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
DISK_EVENTS = ("tempfile.mkstemp", "tempfile.mkdtemp", "os.mkdir", "os.rename", "os.remove", "shutil.copyfile")


@pytest.fixture(scope="module")
def index(mixed_index):
    return mixed_index


@pytest.fixture(scope="module")
def app(index):
    return create_app({"INDEX_DIR": str(index), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


def token(client) -> str:
    page = client.get("/draft").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def post(client, url="/draft", **fields):
    return client.post(url, data={"csrf_token": token(client), **fields}, content_type="multipart/form-data")


def page_text(response) -> str:
    return response.get_data(as_text=True)


def alert(response) -> str:
    found = re.search(r'<div class="draft-error" role="alert">.*?<p>(.*?)</p>', page_text(response), re.S)
    return found.group(1) if found else ""


def problem_sections(html: str) -> list:
    return re.findall(r'<section class="draft-problem".*?</section>', html, re.S)


def precedent_titles(section: str) -> list:
    return [re.sub(r"</?mark>", "", t) for t in re.findall(r'<h4 class="hit-title"><a href="[^"]+">(.*?)</a>', section)]


# --- the page -------------------------------------------------------------------------------------
def test_the_empty_page_has_a_labelled_form_with_a_token(client):
    response = client.get("/draft")
    html = page_text(response)
    assert response.status_code == 200 and "起草参考" in html
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    for control in ("draft-text", "draft-file", "filter-province", "filter-city", "filter-county", "filter-year",
                    "draft-limit"):
        assert f'<label for="{control}">' in html and f'id="{control}"' in html
    assert 'enctype="multipart/form-data"' in html and re.search(r'name="csrf_token" value="[^"]{20,}"', html)
    assert '<option value="福建省">福建省（' in html
    assert "<script>" not in html and "style=" not in html  # the CSP forbids inline script and style


def test_a_pasted_draft_shows_each_problem_with_the_engines_precedents(client, app):
    response = post(client, text=MIXED, limit="3")
    html = page_text(response)
    assert response.status_code == 200, alert(response)
    assert "按编号认出 3 个问题" in html
    sections = problem_sections(html)
    assert [re.search(r"<h3[^>]*>\d\. (.*?)</h3>", s).group(1) for s in sections] == MIXED_TITLES
    expected = app.extensions["notices"].precedents(MIXED, limit=3)["problems"]
    assert [precedent_titles(s) for s in sections] == [[h["title"] for h in p["hits"]] for p in expected]
    first = expected[0]["hits"][0]
    assert f'href="/notice/{first["notice_id"]}#p{first["seq"]}"' in sections[0]
    assert "整改进展情况:一是建立健全并严格实施食堂餐费每月定期归集制度" in sections[0]  # the whole rectification
    assert 'data-copy-target="copy-1-1"' in sections[0]
    citation = re.search(r'<textarea class="copy-source" id="copy-1-1" readonly hidden>(.*?)</textarea>', html, re.S)
    # the citation as a Chinese document writes it; no link made from the request's Host header
    assert citation and citation.group(1).endswith(f"——引自：{first['citation']}")
    assert "localhost" not in citation.group(1)
    assert 'formaction="/draft/export.docx"' in html and 'formaction="/draft/export.md"' in html
    assert MIXED.split("\n")[2] in html  # the draft stays in the text area for the exports and a new search


def test_filters_narrow_every_problem_and_stay_chosen(client):
    html = page_text(post(client, text=MIXED, province="福建省"))
    regions = re.findall(r'<span class="region">(.*?)</span>', html)
    assert regions and all(r.startswith("福建省") for r in regions)
    assert re.search(r'<option value="福建省" selected>', html)
    assert re.search(r'<option value="泉州市">泉州市（\d+）</option>', html)  # cities of the chosen province
    assert "只看：省份 福建省。" in html


def test_an_uploaded_docx_gives_the_same_problems_and_fills_the_text_area(client):
    upload = (io.BytesIO(make_docx(MIXED.split("\n"))), "整改方案.docx")
    html = page_text(post(client, text="", file=upload))
    sections = problem_sections(html)
    assert [re.search(r"<h3[^>]*>\d\. (.*?)</h3>", s).group(1) for s in sections] == MIXED_TITLES
    assert "已读取文件“整改方案.docx”" in html
    area = re.search(r'<textarea id="draft-text" name="text" rows="12">(.*?)</textarea>', html, re.S).group(1)
    assert "单位食堂收支管理混乱" in area and "个别干部" in area  # as read: simplified


def test_a_draft_without_a_recognisable_problem_is_said_to_be_one(client):
    html = page_text(post(client, text=(DRAFTS / "no_problem.txt").read_text(encoding="utf-8")))
    assert "整篇草稿作为一个问题来查找" in html and len(problem_sections(html)) == 1


# --- bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize("fields, sentence", [
    ({"text": ""}, "草稿是空的"),
    ({"text": " \n\u3000 "}, "草稿是空的"),
    ({"text": "", "file": (io.BytesIO(b""), "empty.txt")}, "empty.txt is empty."),
    ({"text": "", "file": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(300)), "scan.png")}, "scan.png is a PNG image"),
    ({"text": "", "file": (io.BytesIO(bytes((i * 7919 + 13) % 256 for i in range(4000))), "data.bin")},
     "data.bin (?:looks like binary data|is not text in any supported encoding)"),
    ({"text": "", "file": (io.BytesIO(b"PK\x03\x04 broken"), "draft.docx")}, "draft.docx is not a readable .docx"),
    ({"text": "", "file": (io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)), "old.doc")}, "save it as .docx"),
    ({"text": "食" * 200_001}, "characters long"),
    ({"text": MIXED, "limit": "500"}, "limit must be between 1 and 20"),
], ids=["empty", "blank", "empty-file", "image", "binary", "broken-docx", "legacy-doc", "too-long", "limit"])
def test_bad_input_gets_a_sentence_on_the_page(client, fields, sentence):
    response = post(client, **fields)
    assert response.status_code == 400 and re.search(sentence, alert(response)), alert(response)
    assert '<form class="draft-form"' in page_text(response)  # the form is there to try again


def test_a_post_larger_than_the_limit_is_refused_with_413(client, app):
    too_big = app.config["MAX_CONTENT_LENGTH"] + 1
    response = post(client, text="", file=(io.BytesIO(b"a" * too_big), "big.txt"))
    assert response.status_code == 413 and "草稿太大了：一次最多提交 5 MB" in alert(response)
    response = client.post("/api/precedents", json={"text": "食" * (too_big // 3 + 1)})
    assert response.status_code == 413 and "5 MB" in response.get_json()["error"]


# --- cross-site request forgery -------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/draft", "/draft/export.docx", "/draft/export.md"])
def test_a_post_without_the_token_is_refused_with_a_sentence(client, url):
    response = client.post(url, data={"text": MIXED})
    assert response.status_code == 400
    assert "这个表单已过期或不是从本页提交的" in alert(response) and "draft-problem" not in page_text(response)
    assert MIXED.split("\n")[2] in page_text(response)  # nothing typed is lost


def test_a_token_from_another_session_is_refused(app):
    theirs, ours = app.test_client(), app.test_client()
    response = ours.post("/draft", data={"text": MIXED, "csrf_token": token(theirs)})
    assert response.status_code == 400 and "不是从本页提交的" in alert(response)


def test_the_secret_key_is_made_at_start_up_when_none_is_configured(index, monkeypatch):
    monkeypatch.delenv("NOTICES_SECRET_KEY", raising=False)
    first, second = (create_app({"INDEX_DIR": str(index)}) for _ in range(2))
    assert len(first.secret_key) >= 32 and first.secret_key != second.secret_key
    assert create_app({"INDEX_DIR": str(index), "SECRET_KEY": "given"}).secret_key == "given"
    monkeypatch.setenv("NOTICES_SECRET_KEY", "from the environment")
    assert create_app({"INDEX_DIR": str(index)}).secret_key == "from the environment"


# --- the JSON API ---------------------------------------------------------------------------------
def test_the_api_takes_a_whole_number_written_as_json_writes_it(client):
    """JSON has one kind of number: 2.0 is the limit 2 (as JSON Schema counts it), 2.5 is refused."""
    assert client.post("/api/precedents", json={"text": MIXED, "limit": 2.0}).get_json()["limit"] == 2
    refused = client.post("/api/precedents", json={"text": MIXED, "limit": 2.5})
    assert refused.status_code == 400 and "whole number" in refused.get_json()["error"]


def test_the_api_gives_the_same_precedents(client, app):
    response = client.post("/api/precedents", json={"text": MIXED, "limit": 2, "province": "山东省"})
    assert response.status_code == 200
    result = response.get_json()
    assert [p["title"] for p in result["problems"]] == MIXED_TITLES
    assert all(set(p) >= {"title", "text", "hits"} for p in result["problems"])
    expected = app.extensions["notices"].precedents(MIXED, limit=2, filters={"province": "山东省"})
    assert [[h["problem_id"] for h in p["hits"]] for p in result["problems"]] == \
           [[h["problem_id"] for h in p["hits"]] for p in expected["problems"]]
    hit = result["problems"][2]["hits"][0]
    assert hit["province"] == "山东省" and set(hit) >= {"notice_id", "title", "issuer", "published", "text", "link"}


@pytest.mark.parametrize("send, status, sentence", [
    ({"json": {"text": ""}}, 400, "The draft is empty"),
    ({"json": {"limit": 5}}, 400, 'whose "text" is the draft'),
    ({"json": ["text"]}, 400, 'whose "text" is the draft'),
    ({"json": {"text": 5}}, 400, 'whose "text" is the draft'),
    ({"json": {"text": MIXED, "limit": 0}}, 400, "limit must be between 1 and 20"),
    ({"data": "not json", "content_type": "application/json"}, 400, 'whose "text" is the draft'),
    ({"data": {"text": MIXED}}, 415, "Content-Type: application/json"),
], ids=["empty", "no-text", "array", "number", "limit", "broken-json", "form"])
def test_bad_api_input_gets_a_json_sentence(client, send, status, sentence):
    response = client.post("/api/precedents", **send)
    assert response.status_code == status and sentence in response.get_json()["error"]


# --- exports --------------------------------------------------------------------------------------
PUBLIC = "https://notices.example.org"


@pytest.fixture
def public_app(app):
    """The app with a public address (NOTICES_PUBLIC_URL), as a deployment gives it."""
    app.config["PUBLIC_URL"] = PUBLIC
    yield app
    del app.config["PUBLIC_URL"]


def test_the_docx_export_holds_every_problem_and_citation(client, public_app):
    app = public_app
    response = post(client, "/draft/export.docx", text=MIXED, limit="3")
    assert response.status_code == 200 and response.mimetype == DOCX_TYPE
    disposition = response.headers["Content-Disposition"]
    today = datetime.date.today().isoformat()
    # named after the draft's first problem, with an ASCII name for clients that read only filename
    assert disposition.startswith(f'attachment; filename="precedents-{today}.docx"; filename*=UTF-8\'\'')
    name = urllib.parse.unquote(disposition.split("filename*=UTF-8''")[1])
    assert name.startswith("整改先例-") and name.endswith(f"-{today}.docx") and len(name) > len(f"整改先例--{today}.docx")
    assert response.headers["Cache-Control"] == "no-store"
    document = docx.Document(io.BytesIO(response.data))
    headings = {p.style.name: [] for p in document.paragraphs}
    for paragraph in document.paragraphs:
        headings[paragraph.style.name].append(paragraph.text)
    assert headings["Heading 1"] == [f"{n}. {title}" for n, title in enumerate(MIXED_TITLES, 1)]
    expected = app.extensions["notices"].precedents(MIXED, limit=3)["problems"]
    hits = [hit for problem in expected for hit in problem["hits"]]
    assert headings["Heading 2"] == [f"先例 {n}：{h['title']}" for p in expected for n, h in enumerate(p["hits"], 1)]
    assert headings["Intense Quote"] == [f"引自：{h['citation']}；本库：{PUBLIC}/notice/{h['notice_id']}#p{h['seq']}"
                                         for h in hits]
    assert all(h["closeness"] in ("strong", "partial") for h in hits)
    assert headings["Normal"].count("相近 · 共同的词：" + "、".join(hits[0]["shared_words"]) + " · 同类："
                                    + "、".join(hits[0]["shared_types"])) >= 1
    text = "\n".join(p.text for p in document.paragraphs)
    assert "伙食费收取没有统一标准" in text and "整改进展情况:建立餐费每月归集制度,账目按月公示。" in text


def test_the_markdown_export_holds_every_problem_and_citation(client, app):
    response = post(client, "/draft/export.md", text=MIXED, province="山东省")
    assert response.status_code == 200 and response.mimetype == "text/markdown"
    markdown = response.get_data(as_text=True)
    assert re.findall(r"^## (.*)$", markdown, re.M) == [f"{n}. {t}" for n, t in enumerate(MIXED_TITLES, 1)]
    assert "只看：省份 山东省" in markdown
    expected = app.extensions["notices"].precedents(MIXED, filters={"province": "山东省"})["problems"]
    for problem in expected:
        for hit in problem["hits"]:
            assert f"> 引自：{hit['citation']}\n" in markdown
    assert "localhost" not in markdown and "/notice/" not in markdown  # no public address: no link, never the Host


def test_an_export_of_a_bad_draft_says_why(client):
    response = post(client, "/draft/export.md", text="")
    assert response.status_code == 400 and "草稿是空的" in alert(response)


# --- nothing kept ---------------------------------------------------------------------------------
class DiskWatch:
    """Every file opened for writing, and every temporary file or folder made, while watching
    (an audit hook sees them all, including unnamed temporary files that a folder listing misses)."""

    def __init__(self):
        self.watching, self.seen = False, []
        sys.addaudithook(self.hook)

    def hook(self, event, args):
        if not self.watching:
            return
        if event == "open" and isinstance(args[2], int) and args[2] & WRITE_FLAGS:
            self.seen.append((event, args[0]))
        elif event in DISK_EVENTS:
            self.seen.append((event, args[0] if args else None))


@functools.cache
def disk_watch() -> DiskWatch:
    """Made by the first test that needs it: an audit hook stays for the whole session."""
    return DiskWatch()


def listing(folder: Path) -> dict:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*")}


def encoded(url: str, **request) -> dict:
    """A POST's WSGI environ with its body in memory, made before watching: the test client itself
    spools a large multipart body to a temporary file."""
    environ = EnvironBuilder(path=url, method="POST", **request).get_environ()
    environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read())
    return environ


def test_nothing_of_the_draft_is_written_to_disk_or_logged(client, index, caplog, tmp_path, monkeypatch):
    client.post("/draft", data={"csrf_token": token(client), "text": MIXED})  # models and dictionaries loaded
    fresh = token(client)
    big_upload = (MIXED + "\n" + "附:" + "说明文字," * 60_000).encode("utf-8")  # > 500 KB: spooled by default
    requests = [
        encoded("/draft", data={"csrf_token": fresh, "text": MIXED}),
        encoded("/draft", data={"csrf_token": fresh, "text": "", "file": (io.BytesIO(make_docx(MIXED.split("\n"))), "a.docx")}),
        encoded("/draft", data={"csrf_token": fresh, "text": "", "file": (io.BytesIO(big_upload), "big.txt")}),
        encoded("/draft/export.docx", data={"csrf_token": fresh, "text": MIXED}),
        encoded("/draft/export.md", data={"csrf_token": fresh, "text": MIXED}),
        encoded("/api/precedents", json={"text": MIXED}),
    ]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where any temporary file would go (/tmp is shared)
    folders = {folder: listing(folder) for folder in (tmp_path, index)}
    caplog.set_level(logging.DEBUG)
    watch = disk_watch()
    watch.watching = True
    try:
        statuses = [client.open(environ).status_code for environ in requests]
    finally:
        watch.watching = False
    assert statuses == [200, 200, 400, 200, 200, 200]  # the big upload is too long a draft, once read
    assert watch.seen == []
    assert {folder: listing(folder) for folder in folders} == folders
    assert not any("伙食费收取没有统一标准" in record.getMessage() for record in caplog.records)


# --- hostile input --------------------------------------------------------------------------------
SENTINEL = "<zq\"'>"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200).map(lambda t: t + SENTINEL), province=st.text(max_size=30),
       limit=st.sampled_from(["", "0", "3", "-1", "1e9", "abc", SENTINEL]))
def test_any_text_and_fields_never_fail_the_server_nor_come_back_raw(app, text, province, limit):
    client = app.test_client()
    response = post(client, text=text, province=province + SENTINEL, limit=limit)
    assert response.status_code in (200, 400) and SENTINEL not in page_text(response)
    answer = client.post("/api/precedents", json={"text": text, "limit": limit or None, "city": province})
    assert answer.status_code in (200, 400)


def test_each_precedent_shows_how_close_it_is_and_the_list_is_not_padded(client, app):
    response = post(client, text="涉密文件随意存放，保密自查走过场", limit="10")
    html = page_text(response)
    expected = app.extensions["notices"].precedents("涉密文件随意存放，保密自查走过场", limit=10)["problems"][0]
    count = len(expected["hits"])
    assert 0 < count < 10
    assert f"只找到 {count} 条相近做法" in html
    assert html.count('<p class="closeness ') == count
    first = expected["hits"][0]
    assert first["closeness"] == "strong" and "保密工作" in first["shared_types"]
    assert re.search(r'<p class="closeness strong"><span class="strength">相近</span>\s*共同的词：'
                     + "、".join(first["shared_words"]), html)
