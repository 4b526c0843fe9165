"""Precedents on substance (issue 21): stock words are no evidence, synonyms count, each precedent
says how close it is and why, and nothing below the floor pads the list."""
import shutil
import tomllib

import pytest

from indexer.engine.likeness import stock_words
from indexer.engine.search import Engine

from ..conftest import CORPUS, FIXTURES

JUDGED = tomllib.loads((FIXTURES / "drafts" / "judged.toml").read_text(encoding="utf-8"))["draft"]
CARS = "针对车辆使用审批随意的问题"


SOURCE = "https://www.example.gov.cn/xcgz/2025/0620/cars.html"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from indexer.engine import build

    corpus = tmp_path_factory.mktemp("likeness-corpus")
    for path in [*CORPUS.glob("*.txt"), *(FIXTURES / "precedents").glob("*.txt")]:
        shutil.copy(path, corpus / path.name)
    (corpus / "cars.txt.meta.toml").write_text(f'source_url = "{SOURCE}"\n', encoding="utf-8")
    index = tmp_path_factory.mktemp("likeness-index")
    build.run(corpus, index, jobs=2, progress=False)
    engine = Engine(index)
    yield engine
    engine.release_thread()


def problem_of(engine, draft, limit=5):
    return engine.precedents(draft, limit=limit)["problems"][0]


@pytest.mark.parametrize("draft", JUDGED, ids=lambda d: d["problem"][:8])
def test_the_precedent_a_drafter_wants_comes_first(engine, draft):
    hits = problem_of(engine, draft["problem"])["hits"]
    assert hits and hits[0]["title"] in draft["wanted"]
    assert hits[0]["closeness"] == "strong"


def test_a_synonym_in_the_rectification_finds_the_precedent_and_stock_words_find_nothing(engine):
    hits = problem_of(engine, "公务用车管理不严，存在公车私用风险")["hits"]
    assert hits[0]["title"] == CARS  # its title says 车辆, its rectification 公车: the draft says 公务用车
    assert "公车" in hits[0]["shared_words"] or "公车私用" in hits[0]["shared_words"]
    assert hits[0]["source_url"] == SOURCE and hits[0]["citation"].endswith("2025年6月20日，" + SOURCE)
    titles = [hit["title"] for hit in hits]
    # problems that share only the genre's words (管理不严, 存在…风险) are no precedent
    assert "针对食堂财务管理不严的问题" not in titles
    assert "针对“因私出国境证照管理有漏洞,存在风险隐患”问题" not in titles


def test_stock_words_are_never_shown_as_shared(engine):
    stock = stock_words()
    assert {"针对", "问题", "方面", "存在", "不严", "不到位", "不够", "不规范", "风险", "加强"} <= stock
    for draft in JUDGED:
        for hit in problem_of(engine, draft["problem"], 10)["hits"]:
            assert not stock & set(hit["shared_words"]), hit
            assert "<mark>针对</mark>" not in hit["title_html"]


def test_each_precedent_says_how_close_it_is_and_why(engine):
    hits = problem_of(engine, "个别干部出国（境）证件未交由组织统一保管", 10)["hits"]
    assert hits[0]["closeness"] == "strong"
    assert {"出国", "证件"} <= set(hits[0]["shared_words"]) and hits[0]["shared_types"] == ["因私出国(境)证照"]
    assert all(hit["closeness"] in ("strong", "partial") and hit["shared_words"] for hit in hits)
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_no_padding_below_the_floor(engine):
    hits = problem_of(engine, "涉密文件管理不严，存在失泄密风险", 20)["hits"]
    assert 1 <= len(hits) < 20
    assert hits[0]["title"] == "针对“保密工作抓得不严不实”问题"
    nothing = problem_of(engine, "存在管理不严、落实不到位的问题", 20)["hits"]
    assert nothing == []  # stock words alone: nothing is a precedent


def test_more_like_this_on_a_notice_uses_the_same_evidence(engine):
    notice_id = next(i for i in engine.notice_ids() if engine.notice(i)["source"] == "cars.txt")
    problem_id = engine.notice(notice_id)["problems"][0]["id"]
    similar = engine.similar(problem_id, limit=10)
    assert all(hit["notice_id"] != notice_id for hit in similar["hits"])
    assert all(hit["closeness"] in ("strong", "partial") for hit in similar["hits"])
