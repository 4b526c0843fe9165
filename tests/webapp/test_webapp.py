"""The web application through Flask's test client: every route, the JSON of CONTRACT.md,
filters, paging, bad parameters, escaping and security headers."""
import csv
import io
import re

import pytest

from indexer.engine import build
from webapp import create_app

from ..conftest import FIXTURES

FIXTURE = FIXTURES / "facets"
HIT_FIELDS = {"notice_id", "problem_id", "kind", "source", "title", "notice_title", "issuer", "province", "city",
              "county", "year", "doc_type", "category", "types", "snippet", "score"}
FACETS = {"province", "city", "county", "year", "type", "category", "doc_type", "status", "issuer_level"}
NOTICE_FIELDS = {"id", "source", "title", "title_derived", "issuer", "region", "year", "published", "inspection",
                 "doc_type", "script", "problems", "text", "original_text"}


def api(client, **params):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.data
    return response.get_json()


def test_api_search_has_the_contract_fields(client):
    result = api(client, q="食堂", province="福建省")
    assert set(result) >= {"query", "filters", "total", "page", "took_ms", "hits", "facets"}
    assert result["query"] == "食堂" and result["filters"] == {"province": "福建省"}
    assert result["total"] == 2 and result["page"] == 1 and result["took_ms"] >= 0
    assert set(result["facets"]) == FACETS
    hit = result["hits"][0]
    assert set(hit) >= HIT_FIELDS
    assert hit["kind"] == "problem" and hit["province"] == "福建省" and isinstance(hit["year"], int)
    assert hit["title"] in ("针对机关食堂账目不清的问题", "针对职工食堂餐费收取不规范的问题")
    assert all("<mark>餐费</mark>" in h["snippet"] for h in api(client, q="餐费")["hits"])
    assert all(set(row) >= {"value", "count"} for rows in result["facets"].values() for row in rows)


def test_api_filters_paging_and_sorting(client):
    first = api(client, q="问题", kind="problem", limit=4, sort="date")
    second = api(client, q="问题", kind="problem", limit=4, sort="date", page=2)
    assert first["total"] == second["total"] == 9
    assert len(first["hits"]) == 4 and len(second["hits"]) == 4
    assert not {h["problem_id"] for h in first["hits"]} & {h["problem_id"] for h in second["hits"]}
    assert api(client, q="食堂", year="2023")["total"] == 1
    assert api(client, type="食堂管理", kind="problem")["total"] == 3
    assert api(client, doc_type="讲话")["total"] == 0
    assert api(client, q="財務管理")["hits"][0]["title"] == "针对财务管理不规范的问题"


def test_api_notice_and_similar(client):
    hit = api(client, q="机关食堂账目不清")["hits"][0]
    notice = client.get(f"/api/notices/{hit['notice_id']}").get_json()
    assert set(notice) >= NOTICE_FIELDS
    assert notice["region"] == {"province": "福建省", "city": "泉州市", "county": "晋江市", "ambiguous": []}
    similar = client.get(f"/api/similar/{hit['problem_id']}").get_json()
    assert similar["hits"] and all(h["notice_id"] != hit["notice_id"] for h in similar["hits"])


@pytest.mark.parametrize("url", ["/api/notices/nope", "/api/similar/nope-p1"])
def test_unknown_ids_are_404_json(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "error" in response.get_json()


def test_unknown_notice_page_is_a_404_page(client):
    response = client.get("/notice/nope")
    assert response.status_code == 404
    assert "没有编号为 nope 的通报" in response.get_data(as_text=True)


@pytest.mark.parametrize("params, message, sentence", [
    ({"limit": "0"}, "limit must be between", "每页条数要写成 1 到 100 之间的整数"),
    ({"limit": "101"}, "limit must be between", "每页条数要写成 1 到 100 之间的整数"),
    ({"page": "99999"}, "page must be between", "页码要写成 1 到 1000 之间的整数"),
    ({"page": "-1"}, "page must be between", "页码要写成 1 到 1000 之间的整数"),
    ({"page": "two"}, "page must be a whole number", "页码要写成 1 到 1000 之间的整数"),
    ({"q": "长" * 501}, "at most 500", "检索词太长（501 个字），最多 500 个字"),
    ({"sort": "x"}, "sort must be one of", "排序只能按相关度或日期"),
])
def test_bad_parameters_are_400_from_the_api_and_a_chinese_sentence_on_the_page(client, params, message, sentence):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 400 and message in response.get_json()["error"]
    page = client.get("/", query_string=params)
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and sentence in body and "must be" not in body


def test_a_script_in_the_query_comes_back_inert(client):
    attack = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'
    for url in ("/", "/advanced", "/compare", "/charts"):
        body = client.get(url, query_string={"q": attack}).get_data(as_text=True)
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;" in body
    result = api(client, q=attack)
    assert all("<script>" not in h["snippet"] for h in result["hits"])


def test_security_headers(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_and_nothing_from_outside(client):
    notice = api(client, q="食堂")["hits"][0]
    for url in ("/", "/?q=食堂", "/?q=公务卡 -province:福建省&year=2023-2025", "/advanced", "/advanced?q=食堂",
                "/compare?q=食堂", "/charts?q=食堂", f"/notice/{notice['notice_id']}?q=食堂",
                f"/similar/{notice['problem_id']}", "/nope"):
        body = client.get(url).get_data(as_text=True)
        assert '<html lang="zh-CN">' in body
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), url
        assert not re.search(r'(src|href)="(https?:)?//', body), url
        assert " style=" not in body and "onclick" not in body


def test_search_page_shows_hits_facets_chips_and_the_url_state(client):
    body = client.get("/", query_string={"q": "食堂", "province": "福建省"}).get_data(as_text=True)
    assert "共 <strong>2</strong> 段" in body
    assert "针对机关<mark>食堂</mark>账目不清的问题" in body and "针对职工<mark>食堂</mark>餐费收取不规范的问题" in body
    assert 'class="chip" href="/?q=%E9%A3%9F%E5%A0%82"' in body  # removing the province keeps the query
    assert 'data-facet="city"' in body and 'data-facet="county"' not in body  # drill-down: city next


def test_no_results_suggests_removing_a_filter(client):
    body = client.get("/", query_string={"q": "食堂", "province": "山东省"}).get_data(as_text=True)
    assert "没有找到结果" in body and "去掉“省：山东省”" in body


def test_notice_page_outline_highlight_and_original(client):
    hit = api(client, q="采购台账")["hits"][0]
    body = client.get(f"/notice/{hit['notice_id']}", query_string={"q": "采购台账"}).get_data(as_text=True)
    assert 'id="p2"' in body and 'href="#p2"' in body
    assert "<mark>采购台账</mark>" in body
    assert "政协清远市清城区委员会办公室" in body
    original = client.get(f"/notice/{hit['notice_id']}", query_string={"view": "original"}).get_data(as_text=True)
    assert "根據市委統一部署" in original  # as published, in traditional script


def test_similar_page(client):
    hit = api(client, q="机关食堂账目不清")["hits"][0]
    body = client.get(f"/similar/{hit['problem_id']}").get_data(as_text=True)
    assert "其他单位的同类问题" in body and "针对职工食堂餐费收取不规范的问题" in re.sub("</?mark>", "", body)


def test_compare_page_has_one_column_per_region(client):
    body = client.get("/compare", query_string={"q": "食堂"}).get_data(as_text=True)
    assert body.count('class="column"') == 2
    assert 'data-region="福建省"' in body and 'data-region="广东省"' in body
    chosen = client.get("/compare", query_string={"type": "食堂管理", "level": "county", "region": ["晋江市", "清城区"]})
    text = chosen.get_data(as_text=True)
    assert text.count('class="column"') == 2 and 'data-region="晋江市"' in text


def test_charts_page_draws_svg(client):
    body = client.get("/charts", query_string={"q": "食堂"}).get_data(as_text=True)
    assert body.count("<svg") == 2
    assert ">食堂管理</text>" in body and ">福建省</text>" in body
    # Each chart is named and has its data as a table, for those who cannot see it.
    assert len(re.findall(r'<svg [^>]*role="(?:img|group)" aria-label=', body)) == 2 and body.count("<figcaption") == 2
    assert body.count("<table>") == 2 and '<th scope="row">福建省</th><td>2</td>' in body


def test_csv_export_is_utf8_with_bom(client):
    response = client.get("/export.csv", query_string={"q": "食堂", "province": "福建省"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == 2 and {r["省份"] for r in rows} == {"福建省"}
    assert all("<mark>" not in r["整改情况（全文）"] and r["整改情况（全文）"] for r in rows)


def test_json_export(client):
    data = client.get("/export.json", query_string={"q": "食堂"}).get_json()
    assert len(data["hits"]) >= 3


def test_the_app_reopens_the_index_after_a_build(tmp_path):
    import shutil
    import time

    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE, corpus)
    index = tmp_path / "index"
    build.run(corpus, index, jobs=1, progress=False)
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    assert client.get("/api/search", query_string={"q": "保密"}).get_json()["total"] >= 1
    (corpus / "c_zaozhuang.txt").unlink()
    build.run(corpus, index, jobs=1, progress=False)
    deadline = time.monotonic() + 30  # it looks once a second, and loads the new one in the background
    while client.get("/api/search", query_string={"q": "保密"}).get_json()["total"] != 0:
        assert time.monotonic() < deadline, "the app still serves the old index"
        time.sleep(0.2)


def test_without_an_index_pages_say_so(tmp_path):
    client = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client()
    response = client.get("/")
    assert response.status_code == 503 and "notices index" in response.get_data(as_text=True)
