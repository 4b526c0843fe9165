"""The status facet counts states, however each notice words them; hits keep the notice's own words."""
import pytest

from indexer.engine import build
from indexer.engine.search import Engine, Request

NOTICE = ("中共{unit}委员会关于巡察整改进展情况的通报\n"
          "一、巡察反馈问题的整改情况\n"
          "（一）关于学习制度落实不到位的问题\n整改进度：{first}\n建立学习台账，按月检查学习记录。\n"
          "（二）关于公务接待审批不严的问题\n整改进度：{second}\n修订接待管理办法，明确审批权限。\n"
          "中共{unit}委员会\n2025年5月6日\n")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("status-corpus")
    wordings = [("甲县教育局", "已完成", "阶段性完成"), ("乙县卫生局", "已完成并长期坚持", "正在推进中"),
                ("丙县水利局", "完成", "尚未完成")]
    for n, (unit, first, second) in enumerate(wordings):
        (corpus / f"{n}.txt").write_text(NOTICE.format(unit=unit, first=first, second=second), encoding="utf-8")
    index = tmp_path_factory.mktemp("status-index")
    build.run(corpus, index, jobs=1, progress=False)
    return Engine(index, background=False)


def facet(result, name):
    return {row["value"]: row["count"] for row in result["facets"][name]}


def test_one_state_is_counted_once_however_it_is_worded(engine):
    result = engine.search(Request.from_params({"kind": "problem"}))
    assert facet(result, "status") == {"已完成": 3, "基本完成": 1, "持续推进": 1, "未完成": 1}


def test_filtering_by_a_state_finds_every_wording_of_it_and_shows_the_words(engine):
    result = engine.search(Request.from_params({"status": "已完成", "kind": "problem"}))
    assert result["total"] == 3
    assert sorted(h["status_text"] for h in result["hits"]) == ["完成", "已完成", "已完成并长期坚持"]
    assert {h["status"] for h in result["hits"]} == {"已完成"}


def test_oldest_first_reverses_the_date_order(tmp_path):
    from indexer.engine.search import Request as R

    corpus = tmp_path / "c"
    corpus.mkdir()
    for n, day in enumerate(("2023年3月1日", "2025年3月1日", "2024年3月1日")):
        text = NOTICE.format(unit=f"第{n}县教育局", first="已完成", second="已完成").replace("2025年5月6日", day)
        (corpus / f"{n}.txt").write_text(text, encoding="utf-8")
    build.run(corpus, tmp_path / "i", jobs=1, progress=False)
    engine = Engine(tmp_path / "i", background=False)
    newest = engine.search(R(kinds=("notice",), sort="date"))
    oldest = engine.search(R(kinds=("notice",), sort="oldest"))
    dates = [h["published"] for h in newest["hits"]]
    assert dates == sorted(dates, reverse=True) and [h["published"] for h in oldest["hits"]] == sorted(dates)


def test_undated_notices_come_last_in_either_date_order(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, signed in enumerate(("2023年3月1日", "2025年6月2日", "")):
        (corpus / f"{n}.txt").write_text(f"中共某某县委巡察办公室关于巡察整改进展情况的通报\n一、关于食堂账目不清的问题\n"
                                         f"整改进展情况：已完成。\n中共某某县委巡察办公室\n{signed}\n", encoding="utf-8")
    build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    engine = Engine(tmp_path / "index", background=False)

    def dates(order):
        return [h["published"] for h in engine.search(Request.from_params({"kind": "notice", "sort": order}))["hits"]]

    assert dates("date") == ["2025-06-02", "2023-03-01", None]
    assert dates("oldest") == ["2023-03-01", "2025-06-02", None]
