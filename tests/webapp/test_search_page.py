"""The search page of issue 11: exact before related with both numbers and a switch, the divider
where related hits begin, the synonyms searched, year ranges, filters typed into the query as
chips, notice hits, type descriptions, and facet counts that add up in each mode."""
import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest


def page(client, **params) -> str:
    response = client.get("/", query_string=params)
    assert response.status_code == 200, response.data[:500]
    return response.get_data(as_text=True)


def state_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(unescape(url)).query).items()}


def hit_matches(body: str) -> list:
    return re.findall(r'<article class="hit" data-kind="\w+" data-match="(\w+)">', body)


def switch_links(body: str) -> dict:
    """data-match → (href, whether it is the current one)."""
    nav = re.search(r'<nav class="match-switch".*?</nav>', body, re.S).group()
    return {m: (href, bool(current)) for href, m, current in
            re.findall(r'<a href="([^"]*)" data-match="(\w+)"( aria-current="true")?', nav)}


def test_both_numbers_and_the_switch(client):
    body = page(client, q="食堂餐费")
    assert "共 <strong>3</strong> 段" in body and "（精确 1 段 · 相关 2 段）" in body
    links = switch_links(body)
    assert links["all"][1] and not links["exact"][1]
    assert state_of(links["exact"][0]) == {"q": "食堂餐费", "match": "exact"}

    exact = page(client, **state_of(links["exact"][0]))
    assert "共 <strong>1</strong> 段" in exact and "（精确 1 段 · 相关 2 段未显示）" in exact
    assert hit_matches(exact) == ["exact"]
    links = switch_links(exact)
    assert links["exact"][1] and not links["all"][1]
    assert state_of(links["all"][0]) == {"q": "食堂餐费"}


def test_no_switch_without_words_to_match(client):
    for params in ({}, {"q": "province:福建省"}):
        body = page(client, **params)
        assert 'class="match-switch"' not in body and "精确" not in re.sub(r"<(input|option)[^>]*>", "", body)


def test_exact_mode_without_exact_hits_offers_the_related_ones(client):
    body = page(client, q="公务卡管理", match="exact")
    assert "没有精确结果" in body and "有 4 段相关结果" in body
    assert 'href="/?q=%E5%85%AC%E5%8A%A1%E5%8D%A1%E7%AE%A1%E7%90%86">显示全部结果' in body


def divider_position(body: str) -> int | None:
    """How many hits stand before the related-results heading (None: no divider)."""
    at = body.find('class="related-divider"')
    return None if at < 0 else len(hit_matches(body[:at]))


@pytest.mark.parametrize("params, before, matches", [
    ({"q": "食堂餐费"}, 1, ["exact", "related", "related"]),
    ({"q": "食堂餐费", "limit": 1, "page": 2}, 0, ["related"]),  # a page of related hits begins with it
    ({"q": "食堂餐费", "limit": 1}, None, ["exact"]),
    ({"q": "食堂餐费", "match": "exact"}, None, ["exact"]),
    ({"q": "食堂"}, None, ["exact"] * 3),
    ({"q": "公务卡管理"}, 0, ["related"] * 4),
])
def test_the_divider_stands_before_the_first_related_hit(client, params, before, matches):
    body = page(client, **params)
    assert hit_matches(body) == matches
    assert divider_position(body) == before
    if before is not None:
        assert body.count('class="related-divider"') == 1
        assert "<h2>相关结果</h2>" in body and "含检索词的大部分词语" in body


def test_the_synonyms_searched_and_a_link_to_the_term_as_written(client):
    body = page(client, q="公务卡 食堂")
    line = re.search(r'<p class="expanded">.*?</p>', body, re.S).group()
    assert "也检索了：<strong>公务信用卡</strong>（“公务卡”的其他写法）" in line
    href = re.search(r'class="as-written" href="([^"]*)"', line).group(1)
    assert state_of(href) == {"q": '"公务卡" 食堂'}
    assert 'class="expanded"' not in page(client, **state_of(href))  # quoted: searched as written only
    assert 'class="expanded"' not in page(client, q="食堂")


def test_a_negated_term_says_its_synonyms_were_excluded_too(client):
    body = page(client, q="食堂 -公务卡")
    assert "也排除了：<strong>公务信用卡</strong>" in body
    href = re.search(r'class="as-written" href="([^"]*)"', body).group(1)
    assert state_of(href) == {"q": '食堂 -"公务卡"'}


def chips(body: str) -> list:
    """(text, URL state) of each chip."""
    return [(re.sub(r"<[^>]+>|\s+|×", "", text).replace("去掉条件", ""), state_of(href))
            for href, text in re.findall(r'<a class="chip[^"]*" href="([^"]*)"[^>]*>(.*?)</a>', body, re.S)]


def test_the_year_range_boxes_write_one_year_parameter(client):
    cases = [
        ({"year_from": "2024", "year_to": "2025"}, {"q": "食堂", "year": "2024-2025"}),
        ({"year_from": "2025", "year_to": "2024"}, {"q": "食堂", "year": "2024-2025"}),  # either order
        ({"year_from": "2024", "year_to": "2024"}, {"q": "食堂", "year": "2024"}),
        ({"year_from": "2024", "year_to": ""}, {"q": "食堂", "year": "2024-"}),
        ({"year_from": "", "year_to": ""}, {"q": "食堂"}),
    ]
    for boxes, expected in cases:
        response = client.get("/", query_string={"q": "食堂", "year": "2023", "page": "2", **boxes})
        assert response.status_code == 302 and state_of(response.headers["Location"]) == expected, boxes


def test_a_year_range_filters_shows_as_a_chip_and_fills_the_boxes(client):
    body = page(client, q="食堂", year="2024-2025")
    assert "共 <strong>2</strong> 段" in body
    assert chips(body) == [("年份：2024—2025", {"q": "食堂"})]
    assert re.search(r'name="year_from"[^>]*value="2024"', body) and re.search(r'name="year_to"[^>]*value="2025"', body)
    assert chips(page(client, q="食堂", year="2024-"))[0][0] == "年份：2024年起"
    assert "共 <strong>1</strong> 段" in page(client, q="食堂", year="2024")


def test_filters_typed_into_the_query_are_chips_that_edit_the_query(client):
    body = page(client, q="食堂 -province:福建省")
    assert "共 <strong>1</strong> 段" in body
    assert chips(body) == [("不含省：福建省", {"q": "食堂"})]
    assert 'class="chip excluded typed"' in body

    body = page(client, q="NOT province:福建省 食堂 year:2023-2024", province="广东省")
    assert chips(body) == [
        ("省：广东省", {"q": "NOT province:福建省 食堂 year:2023-2024"}),
        ("年份：2023—2024", {"q": "NOT province:福建省 食堂", "province": "广东省"}),
        ("不含省：福建省", {"q": "食堂 year:2023-2024", "province": "广东省"}),
    ]


def facet_counts(body: str, name: str) -> list:
    section = re.search(rf'<section class="facet" data-facet="{name}".*?</section>', body, re.S)
    return [int(n) for n in re.findall(r'<span class="count">(\d+)</span>', section.group())] if section else []


@pytest.mark.parametrize("params", [{"q": "食堂餐费"}, {"q": "食堂餐费", "match": "exact"}, {"q": "公务卡管理"},
                                    {"q": "公务卡管理", "match": "exact"}, {"q": "问题", "kind": "problem"},
                                    {"q": "问题", "kind": "problem", "match": "exact"}])
def test_facet_counts_add_up_to_the_total_in_each_mode(client, params):
    body = page(client, **params)
    total = int(re.search(r"共 <strong>(\d+)</strong> 段", body).group(1))
    for name in ("province", "year", "doc_type"):  # every fixture passage has one of each
        assert sum(facet_counts(body, name)) == total, name
    assert sum(facet_counts(body, "type")) >= len(hit_matches(body)) > 0 or total == 0


def test_notice_hits_lead_to_the_notice_and_say_so(client):
    body = page(client, q="整改", kind="notice")
    hits = re.findall(r'<article class="hit" data-kind="notice".*?</article>', body, re.S)
    assert len(hits) == 4 and chips(body) == [("范围：整份通报", {"q": "整改"})]
    for hit in hits:
        assert '<span class="kind">整份通报</span>' in hit
        href = re.search(r'<a href="(/notice/[^"]*)"', hit).group(1)
        assert "#" not in href
    problem = re.search(r'<article class="hit" data-kind="problem".*?</article>', page(client, q="食堂"), re.S).group()
    assert "#p" in problem and 'class="kind"' not in problem


def test_type_descriptions_are_tooltips_in_facets_and_on_hits(client):
    body = page(client, q="食堂")
    assert re.search(r'<a href="[^"]*" title="机关、学校、医院食堂的[^"]*">食堂管理</a>', body)
    assert re.search(r'<span class="tag" title="机关、学校、医院食堂的[^"]*">食堂管理</span>', body)


def test_csv_export_is_plain_text_with_the_match_of_each_row(client):
    response = client.get("/export.csv", query_string={"q": "食堂餐费"})
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [r["匹配"] for r in rows] == ["精确", "相关", "相关"]
    assert all(not re.search(r"<[a-z/]|&[a-z]+;", value) for row in rows for value in row.values())
    assert any("餐费" in r["整改情况（全文）"] for r in rows) and all(r["问题或段落"].startswith("针对") for r in rows)
    exact = client.get("/export.csv", query_string={"q": "食堂餐费", "match": "exact"})
    assert len(list(csv.DictReader(io.StringIO(exact.data.decode("utf-8-sig"))))) == 1
