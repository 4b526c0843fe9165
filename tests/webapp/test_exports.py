"""Exports for the office (issue 21) and against hostile content (issue 22, items 8-10): Chinese
headers with the passage in full, names from the content, ticked rows alone, no formula cells, no
Host header in links, no .docx failing on characters XML cannot hold."""
import csv
import io
import re
import shutil
from urllib.parse import unquote

import pytest

from indexer.engine import build
from webapp import create_app

from ..conftest import FIXTURES

PUBLIC = "https://notices.example.org/base"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports-corpus")
    for path in (FIXTURES / "facets").glob("*.txt"):
        shutil.copy(path, folder / path.name)
    # A notice whose text starts cells with formula marks and holds characters XML cannot hold.
    (folder / "hostile.txt").write_text(
        "根据县委统一部署,县委巡察组对某县食药局开展了巡察。\n二、巡察反馈问题的整改进展情况\n"
        "1.针对食堂采购\x01验收不严的问题\n=HYPERLINK(\"http://evil.example/\",\"点击\")整改:食堂采购\ufffe一律验收。\n"
        "2.针对食堂账目公示不及时的问题\x0c\n+1+1 整改进展情况:\x0b食堂账目按月公示。\n某县食药局\n2025年3月4日\n",
        encoding="utf-8")
    (folder / "hostile.txt.meta.toml").write_text('source_url = "https://www.example.gov.cn/a/1.html"\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def index(corpus, tmp_path_factory):
    index = tmp_path_factory.mktemp("exports-index")
    build.run(corpus, index, jobs=1, progress=False)
    return index


@pytest.fixture(scope="module")
def client(index):
    return create_app({"INDEX_DIR": str(index), "TESTING": True, "PUBLIC_URL": PUBLIC}).test_client()


def rows_of(response) -> list:
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_csv_in_chinese_with_the_problem_in_full_its_path_link_and_source(client):
    response = client.get("/export.csv", query_string={"q": "食堂"}, headers={"Host": "attacker.example"})
    rows = rows_of(response)
    assert list(rows[0])[:3] == ["问题或段落", "整改情况（全文）", "层次"]
    canteen = next(r for r in rows if r["问题或段落"] == "针对机关食堂账目不清的问题")
    assert canteen["整改情况（全文）"] == "整改进展情况:建立餐费每月归集制度,账目按月公示。"  # whole, no …
    assert canteen["层次"] == "二、巡察反馈问题的整改进展情况 › (一)聚焦群众身边不正之风和腐败问题方面"
    assert canteen["通报链接"].startswith(PUBLIC + "/notice/") and canteen["通报链接"].endswith("#p1")
    assert canteen["发布日期"] == "2024年5月10日"
    hostile = next(r for r in rows if r["来源地址"])
    assert hostile["来源地址"] == "https://www.example.gov.cn/a/1.html"
    assert "attacker.example" not in response.get_data(as_text=True)


def test_no_cell_is_run_as_a_formula(client):
    rows = rows_of(client.get("/export.csv", query_string={"q": "验收"}))
    values = [value for row in rows for value in row.values()]
    assert values and not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in values)
    assert any(value.startswith("'=HYPERLINK") for value in values)


def test_file_names_from_the_content(client):
    header = client.get("/export.csv", query_string={"q": "食堂"}).headers["Content-Disposition"]
    assert re.search(r'filename="notices-search-\d{4}-\d{2}-\d{2}\.csv"', header)
    name = unquote(header.split("filename*=UTF-8''")[1])
    assert re.fullmatch(r"检索-食堂-\d{4}-\d{2}-\d{2}\.csv", name)
    header = client.get("/export.json", query_string={"q": "食堂"}).headers["Content-Disposition"]
    assert re.fullmatch(r"检索-食堂-\d{4}-\d{2}-\d{2}\.json", unquote(header.split("filename*=UTF-8''")[1]))


def test_ticked_results_are_exported_alone(client):
    everything = client.get("/export.json", query_string={"q": "食堂"}).get_json()["hits"]
    picked = [everything[0]["passage_id"], everything[-1]["passage_id"]]
    alone = client.get("/export.json", query_string={"q": "食堂", "pick": picked}).get_json()["hits"]
    assert [hit["passage_id"] for hit in alone] == picked
    rows = rows_of(client.get("/export.csv", query_string={"q": "食堂", "pick": picked}))
    assert [row["段落编号"] for row in rows] == picked


def test_json_keeps_english_keys(client):
    hit = client.get("/export.json", query_string={"q": "食堂"}).get_json()["hits"][0]
    assert {"title", "text", "path", "link", "source_url", "citation", "notice_id"} <= set(hit)


def test_the_search_page_lets_results_be_ticked(client):
    body = client.get("/", query_string={"q": "食堂"}).get_data(as_text=True)
    assert 'id="export-picked"' in body
    assert re.search(r'<input type="checkbox" name="pick" value="[^"]+" form="export-picked"', body)


def test_no_link_without_a_public_address_whatever_the_host_header(index):
    client = create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()
    response = client.get("/export.csv", query_string={"q": "食堂"}, headers={"Host": "attacker.example"})
    rows = rows_of(response)
    assert rows and all(row["通报链接"] == "" for row in rows)
    assert "attacker.example" not in response.get_data(as_text=True)


def test_control_characters_never_reach_the_index_or_an_export(client):
    data = client.get("/export.json", query_string={"q": "食堂"}).get_data(as_text=True)
    assert not re.search(r"\\u000[0-8bcef]|\\u001[0-9a-f]|\\ufff[ef]|\\ud[89a-f]", data, re.IGNORECASE)
    for hit in client.get("/export.json", query_string={"q": "食堂"}).get_json()["hits"]:
        text = hit["title"] + hit["text"]
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", text)


# --- the draft page and its exports --------------------------------------------------------------
def test_a_lone_surrogate_in_the_json_of_api_precedents_is_no_500(client):
    # JSON escapes of lone surrogates, as a client may send them (the body itself is valid UTF-8)
    body = '{"text": "1.\\ud800食堂账目不清\\udfff\\n2.食堂采购验收不严", "province": "\\ud83d福建省", "limit": 3}'
    response = client.post("/api/precedents", data=body.encode("utf-8"), content_type="application/json")
    assert response.status_code == 200
    data = response.get_json()
    assert data["problems"][0]["title"] == "食堂账目不清" and data["filters"] == {"province": "福建省"}


def test_a_docx_export_of_precedents_from_a_notice_that_held_control_characters(client, index):
    import docx

    from webapp import draft_export

    app = create_app({"INDEX_DIR": str(index), "TESTING": True, "PUBLIC_URL": PUBLIC})
    with app.test_request_context():
        result = app.extensions["notices"].precedents("1.食堂采购验收不严\n2.食堂账目公示不及时")
        hits = [hit for problem in result["problems"] for hit in problem["hits"]]
        assert any(hit["source"] == "hostile.txt" for hit in hits)
        document = docx.Document(io.BytesIO(draft_export.docx_of(result, {})))
        name = draft_export.export_name(result, "docx")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "食堂采购一律验收" in text and "https://www.example.gov.cn/a/1.html" in text
    assert re.fullmatch(r"整改先例-食堂管理-\d{4}-\d{2}-\d{2}\.docx", name)


def test_a_notice_citation_for_the_notice_page(index):
    from webapp.views import notice_citation

    app = create_app({"INDEX_DIR": str(index), "TESTING": True, "PUBLIC_URL": PUBLIC})
    engine = app.extensions["notices"]
    notice_id = next(i for i in engine.notice_ids() if engine.notice(i)["source"] == "hostile.txt")
    with app.test_request_context(headers={"Host": "attacker.example"}):
        cited = notice_citation(engine.notice(notice_id), 2)
    assert cited.startswith("《某县食药局关于") and "2025年3月4日，https://www.example.gov.cn/a/1.html" in cited
    assert cited.endswith(f"；本库：{PUBLIC}/notice/{notice_id}#p2") and "attacker" not in cited


def test_a_docx_export_survives_a_title_cleaning_never_saw(index):
    from webapp import draft_export

    app = create_app({"INDEX_DIR": str(index), "TESTING": True})
    with app.test_request_context():
        result = app.extensions["notices"].precedents("1.食堂采购验收不严")
        hit = result["problems"][0]["hits"][0]
        hit["title"] += "\x01\ufffe"  # as a sidecar's "\u0001" would give
        hit["citation"] += "\x0b"
        data = draft_export.docx_of(result, {})
    assert data.startswith(b"PK")
