"""A match holding most of the passages it was chosen from has its facets counted as the counts of
all of them (kept between requests) less those of the passages it leaves out. The counts a user
sees must be those of counting the match itself."""
import threading

import pytest

from indexer.engine import facets, search
from indexer.engine.search import Engine, Request

REQUESTS = [{}, {"q": "整改"}, {"q": "整改", "kind": "problem"}, {"q": "整改 -食堂"}, {"q": "巡察", "match": "exact"},
            {"province": "福建省"}, {"q": "整改", "year": "2023"}, {"q": "落实 整改 责任"}, {"kind": "notice"},
            {"q": "整改", "type": "形式主义"}]


@pytest.fixture(scope="module")
def engine(mixed_index):
    return Engine(mixed_index, background=False)


def counted(engine, monkeypatch, share: float, params: dict) -> dict:
    monkeypatch.setattr(facets, "COMPLEMENT", share)
    result = engine.search(Request.from_params(params))
    return {"facets": result["facets"], "truncated": result["facets_truncated"], "total": result["total"]}


@pytest.mark.parametrize("params", REQUESTS)
def test_facets_counted_from_what_a_match_leaves_out_are_those_of_the_match(engine, monkeypatch, params):
    by_match = counted(engine, monkeypatch, 0, params)                 # never from what is left out
    from_the_rest = counted(engine, monkeypatch, 10 ** 9, params)      # always
    again = counted(engine, monkeypatch, 10 ** 9, params)              # the whole set's counts kept
    assert from_the_rest == by_match == again
    assert any(row["count"] for rows in by_match["facets"].values() for row in rows) or not by_match["total"]


def test_the_whole_sets_kept_are_bounded(mixed_index, monkeypatch):
    monkeypatch.setattr(facets, "COMPLEMENT", 10 ** 9)
    monkeypatch.setattr(facets, "WHOLE_SETS_KEPT", 2)
    engine = Engine(mixed_index, background=False)
    for params in REQUESTS:
        engine.search(Request.from_params(params))
    _, generation = engine.current()
    assert len(generation.facets._whole_sets) == 2


@pytest.mark.parametrize("params", REQUESTS)
def test_facets_counted_beside_the_page_are_those_counted_after_it(engine, monkeypatch, params):
    """A broad match's facets are counted in another thread while the page is made: the same
    answer, counted in that thread."""
    threads = []
    counts = facets.FacetTable.counts

    def noted(self, *args, **kwargs):
        threads.append(threading.current_thread().name)
        return counts(self, *args, **kwargs)

    monkeypatch.setattr(facets.FacetTable, "counts", noted)
    monkeypatch.setattr(search, "COUNTED_BESIDE", 10 ** 9)
    inline = engine.search(Request.from_params(params))
    monkeypatch.setattr(search, "COUNTED_BESIDE", 0)
    beside = engine.search(Request.from_params(params))
    inline.pop("took_ms"), beside.pop("took_ms")
    assert beside == inline
    assert threads[0] == threading.current_thread().name and threads[1].startswith("facet-counts")


def test_a_fault_while_counting_beside_is_the_request_s(engine, monkeypatch):
    def failing(self, *args, **kwargs):
        raise RuntimeError("counting failed")

    monkeypatch.setattr(facets.FacetTable, "counts", failing)
    monkeypatch.setattr(search, "COUNTED_BESIDE", 0)
    with pytest.raises(RuntimeError, match="counting failed"):
        engine.search(Request.from_params({"q": "整改"}))
