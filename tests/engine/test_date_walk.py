"""A broad match's page by date is read off the generation's date order (kept), not sorted: the
page a user sees must be the sorted one, exact matches first, newest (or oldest) first, undated
last, ties by passage number."""
import pytest

from indexer.engine import search as search_module
from indexer.engine.search import Engine, Request

REQUESTS = [{}, {"sort": "oldest"}, {"kind": "problem"}, {"q": "整改", "sort": "date"}, {"q": "整改", "sort": "oldest"},
            {"q": "针对财务管理不规范的问题", "sort": "date"}, {"q": "落实 整改 责任", "sort": "oldest"},
            {"province": "福建省"}, {"q": "巡察", "match": "exact", "sort": "date"}]
PAGES = [{"limit": "3"}, {"limit": "4", "page": "2"}, {"limit": "5", "page": "3"}, {"limit": "50"}]


@pytest.fixture(scope="module")
def engine(mixed_index):
    return Engine(mixed_index, background=False)


def page(engine, params: dict) -> list:
    result = engine.search(Request.from_params(params))
    return [(hit["passage_id"], hit["match"], hit["published"]) for hit in result["hits"]]


@pytest.mark.parametrize("params", REQUESTS)
@pytest.mark.parametrize("paging", PAGES)
def test_a_page_read_off_the_date_order_is_the_sorted_page(engine, monkeypatch, params, paging):
    monkeypatch.setattr(search_module, "DATE_WALK", 0)        # always sorted
    sorted_page = page(engine, {**params, **paging})
    monkeypatch.setattr(search_module, "DATE_WALK", 10 ** 9)  # always walked, a few passages at a time
    monkeypatch.setattr(search_module, "WALK_CHUNK", 3)
    assert page(engine, {**params, **paging}) == sorted_page
    assert sorted_page or int(paging.get("page", 1)) > 1


def test_the_newest_come_first_and_the_undated_last(engine, monkeypatch):
    monkeypatch.setattr(search_module, "DATE_WALK", 10 ** 9)
    dates = [published for _, _, published in page(engine, {"limit": "100"})]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates == dated + [None] * (len(dates) - len(dated))
