"""A page ranked by relevance needs the best few scores, not every one: the score sheet drops the
passages that can no longer reach them (scoring.ScoreSheet.best). What the user sees must be what
scoring every match gives: the same hits in the same order with the same scores, counts and facets."""
import numpy as np
import pytest

from indexer.engine import evaluate, scoring, search as search_module
from indexer.engine.query import parse
from indexer.engine.search import Engine, Request

# Each matches several passages of the seeds and facet fixtures, exactly, by words, or both.
QUERIES = ["整改", "整改 -食堂", "巡察整改 落实", "针对财务管理不规范的问题", "会议费 OR 公务接待", "落实 整改 责任",
           "加强 管理", "制度 落实", "针对党建工作不到位的问题"]


@pytest.fixture(scope="module")
def engine(mixed_index):
    return Engine(mixed_index, background=False)


def prune_however_few(monkeypatch):
    monkeypatch.setattr(scoring, "PRUNE_FROM", 0)
    monkeypatch.setattr(scoring, "PRUNE_ABOVE", 0)
    monkeypatch.setattr(scoring, "PRUNE_TERMS", 2)


def every_score_at_least_the_best(scores: np.ndarray, count: int) -> np.ndarray:
    if len(scores) <= count:
        return np.arange(len(scores))
    return np.flatnonzero(scores >= np.sort(scores)[-count])


@pytest.mark.parametrize("typed", QUERIES)
@pytest.mark.parametrize("count", [1, 3, 10, 50])
def test_the_best_scores_are_the_best_of_every_score(engine, monkeypatch, typed, count):
    prune_however_few(monkeypatch)
    _, generation = engine.current()
    docs, _, sheet = generation.evaluator.run(parse(typed))
    every = sheet.of(docs)
    positions, scores = sheet.best(docs, count)
    expected = every_score_at_least_the_best(every, count)
    assert positions.tolist() == expected.tolist()
    assert scores.tolist() == every[expected].tolist()


def test_passages_that_cannot_reach_the_best_are_not_scored_to_the_end(engine, monkeypatch):
    prune_however_few(monkeypatch)
    _, generation = engine.current()
    docs, _, sheet = generation.evaluator.run(parse("针对财务管理不规范的问题"))
    assert len(sheet.contributions) >= 4 and len(docs) > 20
    scored = []
    add = scoring.ScoreSheet._add

    def counting(self, total, passages, contribution):
        scored.append(len(passages))
        return add(self, total, passages, contribution)

    monkeypatch.setattr(scoring.ScoreSheet, "_add", counting)
    sheet.best(docs, 1)
    pruned = scored[:len(sheet.contributions)]  # the pruning pass, before the survivors' sums
    assert pruned[0] == len(docs) and pruned[-1] < len(docs)


def shown(result: dict) -> dict:
    return {"hits": [(h["passage_id"], h["match"], h["score"]) for h in result["hits"]],
            "totals": (result["total"], result["total_exact"], result["total_all"], result["notices"]),
            "facets": result["facets"]}


def every_passage_scored(sheet, docnums, exact, request):
    return np.arange(len(docnums)), sheet.of(docnums)


@pytest.mark.parametrize("typed", QUERIES)
@pytest.mark.parametrize("params", [{"limit": "2"}, {"limit": "3", "page": "2"}, {"limit": "2", "match": "exact"},
                                    {"limit": "4", "kind": "problem"}, {"limit": "2", "group": "1"}])
def test_a_ranked_page_is_the_page_of_every_passage_scored(engine, monkeypatch, typed, params):
    # Proximity looks at the best 3: pages of 2 to 6 reach past it into pruned ground.
    monkeypatch.setattr(search_module, "RERANK", 3)
    monkeypatch.setattr(evaluate, "RERANK", 3)
    prune_however_few(monkeypatch)
    request = Request.from_params({"q": typed, **params})
    pruned = shown(engine.search(request))
    monkeypatch.setattr(search_module, "contenders", every_passage_scored)
    assert pruned == shown(engine.search(request))
    before_page = (request.page - 1) * request.limit
    assert len(pruned["hits"]) == min(request.limit, max(0, pruned["totals"][0] - before_page)) or request.group


@pytest.mark.parametrize("typed", QUERIES)
def test_a_common_words_kept_scores_add_up_to_the_same_floats(engine, monkeypatch, typed):
    """Scores read off a common word's kept score per passage are those looked up or spread from its
    postings, to the last bit, for the first query that keeps them and the next that reads them."""
    _, generation = engine.current()
    monkeypatch.setattr(scoring, "DENSE_SHARE", 0)   # nothing is common: scored from the postings
    docs, _, sheet = generation.evaluator.run(parse(typed))
    from_postings = [sheet.of(docs), sheet.of(docs[::3])]
    monkeypatch.setattr(scoring, "DENSE_SHARE", 10 ** 9)   # everything is common
    for look_up in (10 ** 9, 0):   # first spread, so kept; then read off where they would be looked up
        monkeypatch.setattr(scoring, "LOOK_UP", look_up)
        assert sheet.of(docs).tobytes() == from_postings[0].tobytes()
        assert sheet.of(docs[::3]).tobytes() == from_postings[1].tobytes()
    kept = [("dense", key, weight, len(postings.docs) if df is None else df)
            for _, postings, weight, df, key in sheet.contributions if key is not None]
    assert kept and all(generation.evaluator.peek(each) is not None for each in kept)   # the scores were kept


@pytest.mark.parametrize("sampled_from", [1, 10 ** 12])
def test_the_best_ranked_are_the_head_of_the_whole_rank_order(monkeypatch, sampled_from):
    """Proximity looks at the first passages in rank order: found without sorting every match, they
    are the head of the full sort, ties in order of position."""
    from indexer.engine import sorted_arrays
    monkeypatch.setattr(sorted_arrays, "SAMPLED_FROM", sampled_from)
    monkeypatch.setattr(sorted_arrays, "SAMPLE", 32)
    rng = np.random.default_rng(4)
    for _ in range(200):
        n = int(rng.integers(1, 5000))
        scores = (rng.integers(0, int(rng.integers(1, 40)), size=n) * 0.37).astype(np.float32)   # many ties
        exact = rng.random(n) < rng.random()
        count = int(rng.integers(1, 80))
        assert evaluate.best_ranked(scores, exact, count).tolist() == np.lexsort((-scores, ~exact))[:count].tolist()
