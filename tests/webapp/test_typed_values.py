"""Places typed short and bad values, in the URL and in the query: understood or said, in Chinese,
with the query kept in the box (the app over tests/fixtures/facets: 福建 泉州 晋江/南安, 山东, 广东)."""
import re
from html import unescape

import pytest


def text(body):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body))


def box(body):
    return unescape(re.search(r'name="q" value="([^"]*)"', body).group(1))


def hits(body):
    return len(re.findall(r'<article class="hit"', body))


@pytest.mark.parametrize("url, typed, full", [
    ("/?q=食堂&province=福建", "福建", "福建省"),
    ("/?q=食堂 province:福建", "福建", "福建省"),
    ("/?q=食堂 city:泉州", "泉州", "泉州市"),
    ("/?q=食堂 city:泉州市", None, "泉州市"),
    ("/?q=整改 county:晋江", "晋江", "晋江市"),
])
def test_a_place_typed_short_finds_what_its_full_name_finds(client, url, typed, full):
    body = client.get(url).get_data(as_text=True)
    key = re.search(r"(province|city|county)[:=]", url).group(1)
    said = text(body)
    if typed:
        assert f"已理解为：“{typed}” → {full}" in said
    else:
        assert "已理解为" not in said
    assert re.search(rf"(省|市|县区)：{full}", said)  # the chip names the place in full
    as_full = client.get(url.replace(f"{key}:{typed}", f"{key}:{full}").replace(f"{key}={typed}", f"{key}={full}"))
    assert hits(body) == hits(as_full.get_data(as_text=True)) > 0


def test_removing_a_typed_short_place_removes_what_was_typed(client):
    body = client.get("/?q=食堂 province:福建").get_data(as_text=True)
    remove = unescape(re.search(r'<a class="chip typed" href="([^"]+)" data-key="province"', body).group(1))
    after = client.get(remove).get_data(as_text=True)
    assert box(after) == "食堂" and "已理解为" not in text(after)


def test_an_excluded_short_place_is_excluded_under_its_full_name(client):
    body = client.get("/?q=食堂 -province:福建").get_data(as_text=True)
    assert "不含省：福建省" in text(body)
    assert hits(body) == hits(client.get("/?q=食堂").get_data(as_text=True)) - hits(
        client.get("/?q=食堂&province=福建省").get_data(as_text=True))


@pytest.mark.parametrize("url, sentence, kept", [
    ("/?q=食堂&year=lately", "“lately”不是年份", "食堂"),
    ("/?q=year:lately 食堂", "检索词里的“year:lately”不是年份", "year:lately 食堂"),
    ("/?q=食堂&page=abc", "页码要写成", "食堂"),
    ("/?q=食堂&limit=0", "每页条数要写成", "食堂"),
    ("/?q=食堂&sort=sideways", "排序只能按相关度或日期", "食堂"),
])
def test_a_bad_value_is_a_chinese_sentence_on_the_search_page_with_the_query_kept(client, url, sentence, kept):
    response = client.get(url)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert sentence in text(body) and box(body) == kept
    assert hits(body) == hits(client.get("/?q=食堂").get_data(as_text=True))  # the search ran without it
    assert "must be" not in body and "年以前" not in text(body)


def test_the_api_reports_what_it_understood(client):
    data = client.get("/api/search?q=食堂&city=泉州").get_json()
    assert data["filters"]["city"] == "泉州市"
    assert data["understood"] == [{"key": "city", "as_typed": "泉州", "understood": "泉州市", "negated": False}]
