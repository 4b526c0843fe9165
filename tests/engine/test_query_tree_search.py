"""Groups through the facade (issue 24): exact hits before related ones and the counts keep their
meaning; a passage of a group matches exactly when the group, read with every term as written,
matches it."""
import pytest

from indexer.engine.search import Engine, Request

from .one_notice import index_of

NOTICE = """中共某某县水务局党组关于巡察整改进展情况的通报
一、巡察反馈问题的整改进展情况
1.针对工程款拨付审核不严的问题
整改进展情况:修订工程款拨付办法,拨付前由两名财务人员复核。
2.针对水费收缴台账缺失的问题
整改进展情况:建立水费收缴台账,每月对账一次。
3.针对工程结算拖延的问题
整改进展情况:清理未结算项目,工程款按合同节点拨付到位。
"""
PAYMENT, WATER_FEE, SETTLEMENT = "针对工程款拨付审核不严的问题", "针对水费收缴台账缺失的问题", "针对工程结算拖延的问题"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = Engine(index_of(tmp_path_factory, "tree", NOTICE), background=False)
    yield engine
    engine.release_thread()


def found(engine, q, **settings) -> tuple:
    result = engine.search(Request(q=q, **settings))
    return [(hit["title"], hit["match"]) for hit in result["hits"] if hit["kind"] == "problem"], result


def test_exact_hits_of_a_group_come_first_and_are_counted(engine):
    # 工程款: exactly in the payment and settlement problems; 收缴对账 only by its words (收缴, 对账).
    hits, result = found(engine, "(工程款 OR 收缴对账) -结算")
    assert hits == [(PAYMENT, "exact"), (WATER_FEE, "related")]
    assert (result["total_exact"], result["total_all"]) == (1, 2)


def test_exact_only_keeps_the_passages_a_group_matches_as_written(engine):
    hits, result = found(engine, "(工程款 OR 收缴对账) -结算", exact_only=True)
    assert hits == [(PAYMENT, "exact")]
    assert (result["total"], result["total_exact"], result["total_all"]) == (1, 1, 2)


def test_the_terms_of_a_group_are_marked_and_those_left_out_are_not(engine):
    hits = engine.search(Request(q="(拨付 OR 对账) -结算"))["hits"]
    marked = {hit["title"]: hit["snippet"] for hit in hits if hit["kind"] == "problem"}
    assert "<mark>拨付</mark>" in marked[PAYMENT] and "<mark>对账</mark>" in marked[WATER_FEE]
    assert SETTLEMENT not in marked


@pytest.mark.parametrize("q, expected", [
    ("工程款 NEAR/4 拨付", [PAYMENT]),               # 工程款拨付; the settlement's 工程款按合同节点拨付 has 5 between
    ("工程款 NEAR/5 拨付", [PAYMENT, SETTLEMENT]),
    ("拨付 NEAR/5 工程款", [PAYMENT, SETTLEMENT]),   # either order
])
def test_near_through_the_facade(engine, q, expected):
    hits, _ = found(engine, q)
    assert sorted(title for title, _ in hits) == sorted(expected) and {match for _, match in hits} == {"exact"}
