"""Advanced search: its fields compose a query in the search box's syntax plus URL filters; a search
taken apart fills the fields again and means the same; the page is a GET form."""
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest

from indexer.engine.query import parse
from webapp.advanced import compose, take_apart

# fields → (q, the rest of the search page's URL)
COMPOSED = [
    ({"all": "食堂"}, "食堂", {}),
    ({"all": "食堂", "phrase": "餐费", "any": "公车 公务用车", "none": "公务卡", "title": "采购"},
     '食堂 "餐费" 公车 OR 公务用车 -公务卡 title:采购', {}),
    ({"all": "  食堂   财务 "}, "食堂 财务", {}),
    ({"phrase": "三重 一大"}, '"三重 一大"', {}),
    ({"phrase": '说"明'}, '"说明"', {}),  # the syntax has no escapes: quotes inside are dropped
    ({"any": "公车"}, "公车", {}),
    ({"any": "公车 OR 公务用车 | 私车"}, "公车 OR 公务用车 OR 私车", {}),
    ({"any": '"三重 一大" 集体决策'}, '"三重 一大" OR 集体决策', {}),
    ({"none": "公务卡 -现金 NOT 报销"}, "-公务卡 -现金 -报销", {}),
    ({"title": "采购 title:招标"}, "title:采购 title:招标", {}),
    ({"any": "OR"}, "", {}),
    ({"none": "province:福建省"}, "-福建省", {}),  # the form writes the syntax: a field's words only
    ({"title": "-采购"}, "title:采购", {}),
    ({"all": "食堂 OR", "phrase": "餐费"}, '食堂 "餐费"', {}),  # a dangling OR would swallow the phrase
    ({"all": 'NOT 公务卡 "三重 一大'}, '-公务卡 "三重 一大"', {}),  # an unclosed quote is closed
    ({"all": "食堂 -province:福建省"}, "食堂 -province:福建省", {}),  # the syntax is welcome in all-words
    ({"all": "食堂", "province": "福建省", "city": "泉州市", "county": "晋江市"}, "食堂",
     {"province": "福建省", "city": "泉州市", "county": "晋江市"}),
    ({"all": "食堂", "year_from": "2020", "year_to": "2023"}, "食堂", {"year": "2020-2023"}),
    ({"year_from": "2023", "year_to": "2020"}, "", {"year": "2020-2023"}),
    ({"year_from": "2021", "year_to": ""}, "", {"year": "2021-"}),
    ({"year_from": "2021", "year_to": "2021"}, "", {"year": "2021"}),
    ({"type": "食堂管理", "doc_type": "整改通报", "match": "exact"}, "",
     {"type": "食堂管理", "doc_type": "整改通报", "match": "exact"}),
    ({"all": "食堂", "match": "all", "sort": "date", "group": "notice"}, "食堂", {"sort": "date", "group": "notice"}),
]


@pytest.mark.parametrize("fields, q, rest", COMPOSED)
def test_fields_compose_a_query_and_filters(fields, q, rest):
    assert compose(fields) == ({"q": q} if q else {}) | rest


@pytest.mark.parametrize("fields, q, rest", COMPOSED)
def test_the_form_lands_on_the_search_page_with_it_in_the_url(client, fields, q, rest):
    response = client.get("/advanced", query_string={**{k: "" for k in ("all", "phrase", "any", "none", "title")},
                                                     **fields, "go": "1"})
    assert response.status_code == 302
    location = urlparse(response.headers["Location"])
    assert location.path == "/"
    assert {k: v[0] for k, v in parse_qs(location.query).items()} == ({"q": q} if q else {}) | rest
    if q:
        assert f'value="{escaped(q)}"' in client.get(response.headers["Location"]).get_data(as_text=True)  # in the box


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&#34;")


@pytest.mark.parametrize("q", [
    '食堂 "餐费" 公车 OR 公务用车 -公务卡 title:采购',
    "a OR b c \"d e\" \"f\" g OR h -x NOT y title:t",
    "食堂 -province:福建省 category:群众身边不正之风和腐败问题 NOT city:泉州市",
    "食堂 province:福建省 year:2024-2025 type:食堂管理",
    "a -x OR b",  # OR after an exclusion joins the clause before it
    "OR a OR",
    '“三重一大” 公车',
    "",
])
def test_a_search_taken_apart_composes_to_the_same_search(q):
    fields = take_apart({"q": q})
    again = compose(fields)
    before, after = parse(q), parse(again.get("q", ""))
    filters = {k: v for k, v in again.items() if k not in ("q", "year")}
    if "year" in again:
        filters["year"] = again["year"]
    assert sorted(map(sorted, after.clauses)) == sorted(map(sorted, before.clauses))
    assert sorted(after.excluded) == sorted(before.excluded)
    assert sorted(after.title_terms) == sorted(before.title_terms)
    assert after.quoted == before.quoted
    assert after.excluded_filters == before.excluded_filters
    assert {**after.filters, **filters} == before.filters


def test_taking_apart_puts_each_piece_in_its_field():
    fields = take_apart({"q": '食堂 "餐费" 公车 OR 公务用车 -公务卡 title:采购 province:山东省 year:2020-2023',
                         "province": "福建省", "match": "exact", "sort": "date"})
    assert {k: v for k, v in fields.items() if v} == {
        "all": "食堂", "phrase": "餐费", "any": "公车 公务用车", "none": "公务卡", "title": "采购",
        "province": "福建省",  # the URL's filter wins over the one typed
        "year_from": "2020", "year_to": "2023", "match": "exact", "sort": "date",
    }


def field_value(body: str, name: str) -> str | None:
    tag = re.search(rf'<input [^>]*name="{name}"[^>]*>', body)
    m = tag and re.search(r'value="([^"]*)"', tag.group())
    return unescape(m.group(1)) if m else None


def selected(body: str, name: str) -> str | None:
    select = re.search(rf'<select [^>]*name="{name}"[^>]*>.*?</select>', body, re.S).group()
    m = re.search(r'<option value="([^"]*)" selected', select)
    return m.group(1) if m else None


def test_the_page_opens_filled_in_from_the_current_search(client):
    body = client.get("/advanced", query_string={"q": '食堂 "餐费" 公车 OR 公务用车 -公务卡 title:采购',
                                                 "province": "福建省", "year": "2024-2025", "type": "食堂管理"}
                      ).get_data(as_text=True)
    assert field_value(body, "all") == "食堂" and field_value(body, "phrase") == "餐费"
    assert field_value(body, "any") == "公车 公务用车" and field_value(body, "none") == "公务卡"
    assert field_value(body, "title") == "采购"
    assert field_value(body, "year_from") == "2024" and field_value(body, "year_to") == "2025"
    assert selected(body, "province") == "福建省" and selected(body, "type") == "食堂管理"
    assert '<code class="query">食堂 &#34;餐费&#34; 公车 OR 公务用车 -公务卡 title:采购</code>' in body


def test_the_header_links_to_it_with_the_current_search(client):
    body = client.get("/", query_string={"q": "食堂", "province": "福建省"}).get_data(as_text=True)
    href = unescape(re.search(r'<a href="(/advanced[^"]*)">高级检索</a>', body).group(1))
    assert {k: v[0] for k, v in parse_qs(urlparse(href).query).items()} == {"q": "食堂", "province": "福建省"}


def test_its_own_fields_stay_in_the_url_and_preview_the_query(client):
    body = client.get("/advanced", query_string={"all": "食堂", "phrase": "", "any": "", "none": "公务卡", "title": "",
                                                 "city": "泉州市", "preview": "1"}).get_data(as_text=True)
    assert 'method="get"' in body
    assert field_value(body, "all") == "食堂" and field_value(body, "none") == "公务卡"
    assert field_value(body, "city") == "泉州市"
    assert '<code class="query">食堂 -公务卡</code>' in body and "市：泉州市" in body
    assert 'value="食堂 -公务卡"' in body  # the header's search box shows it too


def test_the_choices_come_from_the_index(client):
    body = client.get("/advanced").get_data(as_text=True)
    provinces = re.search(r'<select id="adv-province".*?</select>', body, re.S).group()
    assert set(re.findall(r'<option value="([^"]+)"', provinces)) == {"福建省", "山东省", "广东省"}
    types = re.search(r'<select id="adv-type".*?</select>', body, re.S).group()
    assert '<optgroup label="群众身边不正之风和腐败问题">' in types
    assert re.search(r'<option value="食堂管理"\s+title="机关、学校、医院食堂的', types)
    assert "索引中的通报从 2023 年到 2025 年" in body
    cities = client.get("/advanced", query_string={"province": "福建省"}).get_data(as_text=True)
    listed = re.search(r'<datalist id="adv-cities"[^>]*>.*?</datalist>', cities, re.S).group()
    assert set(re.findall(r'<option value="([^"]+)"', listed)) == {"泉州市"}
