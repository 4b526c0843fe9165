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


# --- the tree: groups, NEAR/n, prefixes (issue 24) ---------------------------------------------------
# When a parenthesis groups: where a token starts (`(`) or ends (`)`), a term's own parentheses first;
# glued to letters on both sides it is text, and one without a partner is text too.
PARENTHESES = [
    # typed                               the tree, written back
    ("(食堂 OR 餐费) 公务卡 -接待",          "食堂 OR 餐费 公务卡 -接待"),
    ("（食堂 OR 餐费） 公务卡",              "食堂 OR 餐费 公务卡"),            # full-width, as a phone types them
    ("因私出国(境)证照管理",                 "因私出国(境)证照管理"),           # glued on both sides: text
    ("因私出国(境) 证照",                    "因私出国(境) 证照"),              # the term's own ( takes its )
    ("(因私出国(境)) 证照",                  "因私出国(境) 证照"),              # …and the last ) closes the group
    ("(食堂 财务",                           "(食堂 财务"),                    # no partner: text of the term
    ("食堂 财务)",                           "食堂 财务)"),
    ("( 食堂",                               "食堂"),                          # alone, no partner: punctuation
    ("食堂 ()",                              "食堂"),                          # an empty group looks for nothing
    ("(a b) OR c",                           "(a b) OR c"),                    # AND inside OR: the group matters
    ("((a OR b) c) OR d",                    "(a OR b c) OR d"),
    ("-(a OR b) c",                          "c -(a OR b)"),                   # a group left out
    ("NOT (a OR b) c",                       "c -(a OR b)"),
    ("(a -b) OR c",                          "(a -b) OR c"),
    ("(a)",                                  "a"),
    ('("三重 一大" OR 集体)',                '"三重 一大" OR 集体'),
    ("(province:福建省 食堂)",               "食堂"),                          # a filter narrows the whole query
]


@pytest.mark.parametrize("typed, tree", PARENTHESES)
def test_when_parentheses_group(typed, tree):
    assert parse(typed).root.written() == tree


def test_a_filter_in_a_group_still_filters():
    assert parse("(province:福建省 食堂) OR 餐费").filters == {"province": "福建省"}


OPERATORS = [
    # typed                        tree                        terms                     excluded       quoted
    ("食堂 NEAR/5 财务",            "食堂 NEAR/5 财务",          ["食堂", "财务"],          [],            {"食堂", "财务"}),
    ("a OR b NEAR/3 c",            "a OR b NEAR/3 c",          ["a", "b", "c"],          [],            {"b", "c"}),
    ("a NEAR/3 b NEAR/3 c",        "a NEAR/3 b NEAR/3 c",      ["a", "b", "c"],          [],            {"a", "b", "c"}),
    ("a NEAR/3 b NEAR/4 c",        "a NEAR/3 b c",             ["a", "b", "c"],          [],            {"a", "b"}),  # another n: AND
    ("(a b) NEAR/3 c",             "(a b) c",                  ["a", "b", "c"],          [],            set()),  # not a term: ignored
    ("NEAR/3 a",                   "a",                        ["a"],                    [],            set()),
    ('"NEAR/3" a',                 '"NEAR/3" a',               ["NEAR/3", "a"],          [],            {"NEAR/3"}),
    ("near/3 a",                   "near/3 a",                 ["near/3", "a"],          [],            set()),  # capitals, as OR
    ("采购*",                       "采购*",                     ["采购"],                 [],            {"采购"}),
    ("-采购*",                      "-采购*",                    [],                       ["采购"],      {"采购"}),
    ("title:采购*",                 "title:采购*",               ["采购"],                 [],            {"采购"}),
    ("采*",                         "采*",                       ["采*"],                  [],            set()),  # one letter: text
    ("*",                          "",                         [],                       [],            set()),
    ("-(公车 OR 私车) 食堂",         "食堂 -(公车 OR 私车)",       ["食堂"],                 ["公车", "私车"], set()),
]


@pytest.mark.parametrize("typed, tree, terms, excluded, quoted", OPERATORS)
def test_near_prefix_and_groups_list_their_terms(typed, tree, terms, excluded, quoted):
    parsed = parse(typed)
    assert (parsed.root.written(), parsed.terms, parsed.excluded, parsed.quoted) == (tree, terms, excluded, quoted)


@pytest.mark.parametrize("typed", [q for q, *_ in CASES] + [q for q, _ in PARENTHESES] + [q for q, *_ in OPERATORS])
def test_a_tree_written_back_parses_to_the_same_tree(typed):
    tree = parse(typed).root
    assert parse(tree.written()).root.key() == tree.key()


@pytest.mark.parametrize("typed", ["(((", ")))", "(a OR (b", "a) OR (b", '("a)', "-(", "NOT (", "( OR )", "(-)",
                                   "NEAR/5", "a NEAR/999 b", "**", "(*)", "title:(a OR b)"])
def test_odd_input_never_raises(typed):
    parsed = parse(typed)
    assert isinstance(parsed.terms, list) and isinstance(parsed.root.written(), str)


def test_what_snippets_mark_for_a_group():
    assert highlight_terms(parse("(食堂 OR 意识形态工作责任制) 公务卡 -接待")) == [
        "食堂", "意识形态工作责任制", "意识形态", "工作", "责任制", "公务卡"]
    assert highlight_terms(parse("食堂 NEAR/5 意识形态工作责任制 采购*")) == ["食堂", "意识形态工作责任制", "采购"]
