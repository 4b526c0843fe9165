"""Evaluating parsed queries: which passages match exactly or by their words, and how they rank."""
import numpy as np
import pytest

from indexer.engine.query import parse
from indexer.engine.search import Engine

from .one_notice import index_of

NOTICE = """中共某某县民政局党组关于巡察整改进展情况的通报
一、巡察反馈问题的整改进展情况
1.针对公务用车管理不规范的问题
整改进展情况:建立用车登记台账,车辆统一停放。
2.针对食堂财务管理不严的问题
整改进展情况:食堂账目每月公示,食堂采购实行双人验收。
3.针对干部教育管理不到位的问题
整改进展情况:开展警示教育,车辆使用纳入考核。
4.针对会议费报销不规范的问题
整改进展情况:清理会议费报销凭证,公务用车费用另行核算,车辆登记表按月归档。
"""


@pytest.fixture(scope="module")
def generation(tmp_path_factory):
    engine = Engine(index_of(tmp_path_factory, "evaluate", NOTICE))
    _, generation = engine.current()
    yield generation
    engine.release_thread()


def matched_titles(generation, typed) -> list:
    docs, exact, sheet = generation.evaluator.run(parse(typed))
    order = np.lexsort((-sheet.of(docs), ~exact))
    return [generation.passage(int(docs[i]))["title"] for i in order]


CANTEEN, CAR, CADRE = "针对食堂财务管理不严的问题", "针对公务用车管理不规范的问题", "针对干部教育管理不到位的问题"
MEETING = "针对会议费报销不规范的问题"


@pytest.mark.parametrize("typed, expected", [
    ("食堂", [CANTEEN]),
    ("双人验收", [CANTEEN]),                     # an exact string of the text
    ("财务管理", [CANTEEN]),
    ('"车辆管理"', []),                           # quoted: exact only, and it never occurs
    ("食堂 OR 警示教育", [CANTEEN, CADRE]),
    ("管理 -食堂", [CAR, CADRE]),
    ("报销 凭证", [MEETING]),
    ("title:用车", [CAR]),
    ("title:台账", []),                           # in a text, not in a title
])
def test_which_passages_match(generation, typed, expected):
    assert sorted(t for t in matched_titles(generation, typed) if t) == sorted(expected)


def test_a_term_also_matches_passages_that_hold_most_of_its_words(generation):
    assert CAR in matched_titles(generation, "用车台账")      # 用车 and 台账 both occur, apart
    assert CAR not in matched_titles(generation, '"用车台账"')


def test_an_exact_occurrence_ranks_above_scattered_words(generation):
    assert matched_titles(generation, "车辆登记")[:2] == [MEETING, CAR]


def test_a_title_match_ranks_above_a_text_match(generation):
    assert matched_titles(generation, "公务用车")[:2] == [CAR, MEETING]


def test_a_one_character_query_finds_the_end_of_a_passage_too(generation):
    assert CAR in matched_titles(generation, "放")  # the last letter of the car problem's text


# --- the tree (issue 24): groups, NEAR/n, prefixes -------------------------------------------------
@pytest.mark.parametrize("typed, expected", [
    ("(食堂 OR 会议费) 凭证", [MEETING]),
    ("(食堂 OR 会议费) -凭证", [CANTEEN]),
    ("(食堂 双人) OR (警示 考核)", [CANTEEN, CADRE]),        # an OR of ANDs: what the flat syntax could not say
    ("(食堂 公示) OR (警示 报销)", [CANTEEN]),
    ("-(食堂 OR 车辆)", [NOTICE.splitlines()[0]]),             # every problem holds one of them
    ("管理 -(食堂 OR 会议)", [CAR, CADRE]),
    ("因私出国(境)证照 OR 食堂", [CANTEEN]),                   # glued parentheses are text, as ever
    ("账目 NEAR/2 公示", [CANTEEN]),                          # 账目每月公示: two letters between
    ("账目 NEAR/1 公示", []),
    ("验收 NEAR/6 采购", [CANTEEN]),                          # either order: 采购实行双人验收
    ("登记 NEAR/0 台账", [CAR]),                              # adjacent
    ("用车 NEAR/3 登记", [CAR]),                              # 用车登记台账, and not MEETING's 用车费用另行核算…登记
    ("车辆 NEAR/2 停放 NEAR/2 统一", [CAR]),                   # a chain: each next within 2 of the one before
    ("会议* 凭证", [MEETING]),
    ("报销凭*", [MEETING]),
    ("title:公务用* 车辆", [CAR]),
])
def test_which_passages_a_tree_matches(generation, typed, expected):
    assert sorted(t for t in matched_titles(generation, typed) if t) == sorted(expected)


def test_a_group_matches_exactly_when_it_matches_with_terms_as_written(generation):
    titles = dict(zip(*matched(generation, "(用车台账 OR 警示教育) 车辆")))
    assert titles == {CAR: False, CADRE: True}   # 用车台账 only by its words: related; 警示教育 as written: exact


def test_a_group_left_out_leaves_out_only_what_occurs_as_written(generation):
    assert CAR in matched_titles(generation, "车辆 -(用车台账 OR 食堂)")   # 用车台账 is not written there


def test_near_and_prefix_match_as_written_only(generation):
    assert matched(generation, "用车台账 NEAR/5 车辆") == ([], [])   # no related match by words
    assert set(zip(*matched(generation, "公务用*"))) == {(CAR, True), (MEETING, True)}


def test_near_ranks_what_stands_closer_in_a_title_first(generation):
    assert matched_titles(generation, "公务 NEAR/3 管理")[:1] == [CAR]   # 针对公务用车管理: in the title


def matched(generation, typed) -> tuple:
    docs, exact, _ = generation.evaluator.run(parse(typed))
    passages = [generation.passage(int(d))["title"] for d in docs]
    kept = [(t, bool(e)) for t, e in zip(passages, exact) if t]
    return [t for t, _ in kept], [e for _, e in kept]


@pytest.mark.parametrize("typed", ["公务用车", "食堂 管理", "车辆 -食堂", "会议费报销不规范 OR 食堂财务"])
def test_scores_are_the_same_looked_up_passage_by_passage_or_spread_over_the_generation(generation, typed,
                                                                                       monkeypatch):
    """The score sheet adds a term's score for the matched passages alone, by either route."""
    from indexer.engine import scoring
    monkeypatch.setattr(scoring, "LOOK_UP", 10 ** 9)    # always over the postings
    docs, _, sheet = generation.evaluator.run(parse(typed))
    spread = sheet.of(docs)
    monkeypatch.setattr(scoring, "LOOK_UP", 0)          # always passage by passage
    same_docs, _, sheet = generation.evaluator.run(parse(typed))
    looked_up = sheet.of(same_docs)
    assert len(docs) and docs.tolist() == same_docs.tolist()
    assert spread.tolist() == looked_up.tolist() and (spread > 0).all()


def test_scores_spread_over_a_borrowed_array_are_those_of_a_fresh_one(generation, monkeypatch):
    """Query after query, the spread route gives what it gives on fresh arrays: each was left zeros."""
    from indexer.engine import scoring
    from indexer.engine.scoring import Blanks
    monkeypatch.setattr(scoring, "LOOK_UP", 10 ** 9)   # never looked up passage by passage: spread
    monkeypatch.setattr(scoring, "DENSE_SHARE", 0)     # no word common enough for kept scores
    typed = ["公务用车", "食堂 管理", "车辆 -食堂", "会议费报销不规范 OR 食堂财务"]
    reused = []
    for query in typed * 2:
        docs, _, sheet = generation.evaluator.run(parse(query))
        reused.append(sheet.of(docs).tolist())
    fresh = []
    for query in typed:
        monkeypatch.setattr(generation.evaluator, "blanks", Blanks(len(generation.evaluator.live)))
        docs, _, sheet = generation.evaluator.run(parse(query))
        fresh.append(sheet.of(docs).tolist())
    assert reused == fresh * 2 and all(scores for scores in fresh)
