"""The query language, as a table: what a user types → terms, exclusions, filters, title terms."""
import pytest

from indexer.engine.query import highlight_terms, parse

CASES = [
    # typed                           clauses                    excluded     filters                  title     quoted
    ("食堂 财务",                       [["食堂"], ["财务"]],       [],          {},                      [],       set()),
    ("食堂 OR 餐费",                    [["食堂", "餐费"]],         [],          {},                      [],       set()),
    ("食堂 -公务卡",                    [["食堂"]],                 ["公务卡"],  {},                      [],       set()),
    ("食堂 NOT 公务卡",                 [["食堂"]],                 ["公务卡"],  {},                      [],       set()),
    ('"三重一大"',                      [["三重一大"]],             [],          {},                      [],       {"三重一大"}),
    ("“三重一大” 决策",                 [["三重一大"], ["决策"]],   [],          {},                      [],       {"三重一大"}),
    ("province:福建省 食堂",            [["食堂"]],                 [],          {"province": "福建省"},  [],       set()),
    ("type:食堂管理 year:2025",         [],                         [],          {"type": "食堂管理", "year": "2025"}, [], set()),
    ("doc_type:整改通报 保密",          [["保密"]],                 [],          {"doc_type": "整改通报"}, [],      set()),
    ("title:采购",                      [],                         [],          {},                      ["采购"], set()),
    ("財務管理",                        [["财务管理"]],             [],          {},                      [],       set()),  # traditional → simplified
    ("因私出国（境）证照",              [["因私出国(境)证照"]],     [],          {},                      [],       set()),  # widths unified
    ("食堂 AND 财务",                   [["食堂"], ["财务"]],       [],          {},                      [],       set()),
    ("，。！",                          [],                         [],          {},                      [],       set()),  # nothing searchable
    ("unknown:值 食堂",                 [["unknown:值"], ["食堂"]], [],          {},                      [],       set()),  # not a facet: a term
    ("year:2020-2023 食堂",             [["食堂"]],                 [],          {"year": "2020-2023"},   [],       set()),  # a range
    ('county:"某某 新区" 食堂',          [["食堂"]],                 [],          {"county": "某某 新区"}, [],       set()),  # spaces, quoted
    ("OR 食堂 OR",                      [["食堂"]],                 [],          {},                      [],       set()),  # OR at the ends
    ("食堂 OR OR 餐费",                 [["食堂", "餐费"]],         [],          {},                      [],       set()),
    ('"三重一大 决策',                  [["三重一大 决策"]],        [],          {},                      [],       {"三重一大 决策"}),  # unclosed
    ('食堂"',                           [["食堂"]],                 [],          {},                      [],       set()),  # a stray quote
    ("title: 食堂",                     [["食堂"]],                 [],          {},                      [],       set()),  # empty title:
    ("- 食堂",                          [["食堂"]],                 [],          {},                      [],       set()),  # a lone minus
    ('title:"公务 用车"',               [],                         [],          {},                      ["公务 用车"], {"公务 用车"}),
    ("省：福建省",                      [["省:福建省"]],            [],          {},                      [],       set()),  # not a field name
]


@pytest.mark.parametrize("typed, clauses, excluded, filters, title_terms, quoted", CASES)
def test_the_query_language(typed, clauses, excluded, filters, title_terms, quoted):
    parsed = parse(typed)
    assert (parsed.clauses, parsed.excluded, parsed.filters, parsed.title_terms, parsed.quoted) == (
        clauses, excluded, filters, title_terms, quoted)
    assert parsed.excluded_filters == {}


@pytest.mark.parametrize("typed, clauses, excluded_filters", [
    ("-province:福建省 食堂", [["食堂"]], {"province": ["福建省"]}),  # the negation stays with the filter
    ("NOT province:福建省 食堂", [["食堂"]], {"province": ["福建省"]}),
    ("食堂 -type:食堂管理 -type:政府采购", [["食堂"]], {"type": ["食堂管理", "政府采购"]}),
    ('-county:"某某 新区"', [], {"county": ["某某 新区"]}),
])
def test_negated_filters_exclude_their_value_and_nothing_else(typed, clauses, excluded_filters):
    parsed = parse(typed)
    assert (parsed.clauses, parsed.excluded, parsed.excluded_filters) == (clauses, [], excluded_filters)


# "-食堂" is not empty: it narrows the list to passages without the word (issue 22: it listed them all).
@pytest.mark.parametrize("typed, empty", [("", True), ("province:福建省", True), ("-食堂", False), ("食堂", False),
                                          ("title:采购", False), ("-province:福建省", True)])
def test_a_query_without_terms_is_empty(typed, empty):
    assert parse(typed).is_empty() is empty


@pytest.mark.parametrize("typed, marked", [
    ("食堂", ["食堂"]),
    ("意识形态工作责任制", ["意识形态工作责任制", "意识形态", "工作", "责任制"]),  # its words too: they may match alone
    ("title:公务卡 保密", ["保密", "公务卡"]),
    ('"意识形态工作责任制"', ["意识形态工作责任制"]),  # quoted: only the whole, exactly
])
def test_what_snippets_mark(typed, marked):
    assert highlight_terms(parse(typed)) == marked
