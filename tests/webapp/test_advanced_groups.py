"""Groups on the page (issue 24): the advanced form's group row writes `(a OR b)` and a search with
groups fills the form again meaning the same; the page's edits of a query keep its groups."""
import re
from html import unescape

import pytest

from indexer.engine.query import parse
from webapp.advanced import compose, take_apart
from webapp.querytext import negated_terms, quoting, tokens, tokens_written, written


@pytest.mark.parametrize("fields, q", [
    ({"anyof": "公务卡 现金"}, "(公务卡 OR 现金)"),
    ({"any": "食堂 餐费", "anyof": "公务卡 现金"}, "食堂 OR 餐费 (公务卡 OR 现金)"),
    ({"anyof": "公务卡"}, "公务卡"),                                    # one word needs no group
    ({"anyof": '"三重 一大" 集体决策 OR 决策'}, '("三重 一大" OR 集体决策 OR 决策)'),
    ({"anyof": "(公务卡 现金)"}, "(公务卡 OR 现金)"),                   # the form writes the group itself
    ({"all": "(食堂 OR 餐费) -(公务卡 OR 现金)"}, "(食堂 OR 餐费) -(公务卡 OR 现金)"),
    ({"all": "NOT (公务卡 OR 现金) 食堂"}, "-(公务卡 OR 现金) 食堂"),
    ({"all": "(食堂 OR 餐费)", "phrase": "公务卡"}, '(食堂 OR 餐费) "公务卡"'),  # its ) is not a dangling operator
    ({"all": "因私出国(境)证照"}, "因私出国(境)证照"),
])
def test_the_group_row_writes_a_group(fields, q):
    assert compose(fields)["q"] == q


@pytest.mark.parametrize("q, filled", [
    ("(公务卡 OR 现金) 食堂", {"anyof": "公务卡 现金", "all": "食堂"}),
    ("食堂 OR 餐费 (公务卡 OR 现金)", {"any": "食堂 餐费", "anyof": "公务卡 现金"}),
    ("(公务卡 OR 现金) (报销 OR 发票)", {"anyof": "公务卡 现金", "all": "(报销 OR 发票)"}),  # a second group: as typed
    ("(食堂 财务) OR 餐费", {"all": "(食堂 财务) OR 餐费"}),             # not words joined by OR
    ("-(公务卡 OR 现金) 食堂", {"all": "-(公务卡 OR 现金) 食堂"}),
    ("a NEAR/5 b c", {"all": "a NEAR/5 b c"}),
    ("(title:采购 OR 招标)", {"all": "(title:采购 OR 招标)"}),
    ("因私出国(境)证照", {"all": "因私出国(境)证照"}),
])
def test_a_search_with_groups_fills_the_form(q, filled):
    assert {k: v for k, v in take_apart({"q": q}).items() if v} == filled


@pytest.mark.parametrize("q", [
    "(公务卡 OR 现金) 食堂 -接待",
    "食堂 OR 餐费 (公务卡 OR 现金) title:采购",
    "(公务卡 OR 现金) (报销 OR 发票) -(接待 OR 宴请)",
    "((a OR b) c) OR d",
    "a NEAR/5 b (c OR d) 采购*",
    '("三重 一大" OR 决策) province:福建省',
    "(a OR b",                          # unbalanced: text, and still the same search
])
def test_a_search_with_groups_taken_apart_composes_to_the_same_search(q):
    again = compose(take_apart({"q": q}))
    before, after = parse(q), parse(again.get("q", ""))
    assert after.root.key() == before.root.key()
    assert {**after.filters, **{k: v for k, v in again.items() if k != "q"}} == before.filters


def test_the_page_opens_with_the_group_row_filled_in(client):
    body = client.get("/advanced", query_string={"q": "(公务卡 OR 现金) 食堂"}).get_data(as_text=True)
    tag = re.search(r'<input [^>]*name="anyof"[^>]*>', body).group()
    assert unescape(re.search(r'value="([^"]*)"', tag).group(1)) == "公务卡 现金"
    assert re.search(r'<label for="adv-anyof">[^<]+</label>', body)
    assert "<code>(食堂 OR 餐费) 公务卡</code>" in body   # the syntax table shows groups


def test_the_group_row_lands_on_the_search_page(client):
    response = client.get("/advanced", query_string={"all": "食堂", "anyof": "公务卡 现金", "go": "1"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="食堂 (公务卡 OR 现金)"' in page


@pytest.mark.parametrize("value, expected", [("(境)", '"(境)"'), ("因私出国(境)证照", "因私出国(境)证照"),
                                             ("NEAR/5", '"NEAR/5"'), ("采购*", "采购*"), ("a b", '"a b"'),
                                             ("因私出国（境）证照", "因私出国（境）证照")])
def test_a_term_that_would_read_as_a_group_or_an_operator_is_quoted(value, expected):
    assert written(value) == expected


def test_terms_of_a_group_left_out_count_as_left_out():
    assert negated_terms("食堂 -(公车 OR (私车 用车)) 报销") == {"公车", "私车", "用车"}
    assert negated_terms("(公车 OR 私车) -报销") == {"报销"}


def test_quoting_a_term_inside_a_group_keeps_the_group():
    assert quoting("(公车 OR 公务用车) 食堂", "公务用车") == '(公车 OR "公务用车") 食堂'
    assert tokens_written(tokens('-( a OR "b c" ) NOT (d)')) == '-(a OR "b c") -(d)'
