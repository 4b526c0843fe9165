"""The page's edits of a query's text: cutting a filter out, quoting a term; the engine reads the
result as intended."""
import pytest

from indexer.engine.query import parse
from webapp.querytext import has_terms, quoting, token_written, tokens, without_filter, written


@pytest.mark.parametrize("q, field, value, negated, expected", [
    ("食堂 -province:福建省", "province", "福建省", True, "食堂"),
    ("-province:福建省 食堂", "province", "福建省", True, "食堂"),
    ("食堂 NOT province:福建省 财务", "province", "福建省", True, "食堂 财务"),
    ('食堂 -county:"某 某区"', "county", "某 某区", True, "食堂"),
    ("食堂 -province:福建省", "province", "福建省", False, "食堂 -province:福建省"),  # not that chip
    ("食堂 province:福建省 -province:广东省", "province", "福建省", False, "食堂 -province:广东省"),
    ("year:2020-2023 食堂", "year", "2020-2023", False, "食堂"),
    ("食堂 -province：福建省", "province", "福建省", True, "食堂"),  # a full-width colon, as typed on a phone
])
def test_a_filter_cut_out_of_the_query(q, field, value, negated, expected):
    assert without_filter(q, field, value, negated) == expected


@pytest.mark.parametrize("q, term, expected", [
    ("公务用车", "公务用车", '"公务用车"'),
    ("公务用车 食堂", "公务用车", '"公务用车" 食堂'),
    ("食堂 -公务卡", "公务卡", '食堂 -"公务卡"'),
    ("title:公车 公车", "公车", 'title:"公车" "公车"'),
    ("公務用車", "公务用车", '公務用車 "公务用车"'),  # typed in another script: the term as searched is added
    ("公车 OR 公务用车", "公务用车", '公车 OR "公务用车"'),
])
def test_a_term_quoted(q, term, expected):
    quoted = quoting(q, term)
    assert quoted == expected
    assert term in parse(quoted).quoted


def test_tokens_keep_their_place_and_fold_not_into_the_next():
    found = tokens('食堂 NOT city:"泉州 市" a OR b foo:bar -')
    assert [(t.value, t.field, t.negated, t.quoted) for t in found] == [
        ("食堂", None, False, False), ("泉州 市", "city", True, True), ("a", None, False, False),
        ("OR", None, False, False), ("b", None, False, False), ("foo:bar", None, False, False),
    ]
    assert found[1].start == 3 and token_written(found[1]) == '-city:"泉州 市"' and found[3].operator


@pytest.mark.parametrize("value, expected", [("食堂", "食堂"), ("三重 一大", '"三重 一大"'), ("OR", '"OR"'),
                                             ("-x", '"-x"'), ("title:x", '"title:x"'), ("a:b", "a:b"),
                                             ('说"明', "说明")])
def test_a_term_written_so_it_stays_one_term(value, expected):
    assert written(value) == expected


@pytest.mark.parametrize("q, expected", [("", False), ("province:福建省 year:2025", False), ("食堂", True),
                                         ("-公务卡", True), ("title:采购", True), ("OR", False)])
def test_whether_a_query_has_words_to_match(q, expected):
    assert has_terms(q) is expected
