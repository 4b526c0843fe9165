"""A process opening the index while a build commits: the first load may read the table of contents
just before the commit removes a file it names. That is tried again, not called damage; an index
that stays unreadable is still said damaged."""
import pytest

from indexer.engine import analysis, build, generation, store
from indexer.engine.faults import IndexDamaged, damaged
from indexer.engine.search import Engine, Request

from ..conftest import CORPUS


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    path = tmp_path_factory.mktemp("first-load") / "index"
    build.run(CORPUS, path, jobs=1)
    return path


def failing_first(times: int, monkeypatch) -> list:
    """store.open_record failing as a commit's clean-up makes it fail, the first `times` calls."""
    calls, real = [], store.open_record

    def open_record(path):
        calls.append(path)
        if len(calls) <= times:
            raise damaged(path, "its folder record-2 is missing")
        return real(path)
    monkeypatch.setattr(store, "open_record", open_record)
    monkeypatch.setattr(generation, "FIRST_LOAD_PAUSE_S", 0.0)
    return calls


def test_a_first_load_that_meets_a_commit_is_tried_again(index, monkeypatch):
    calls = failing_first(generation.FIRST_LOAD_TRIES - 1, monkeypatch)
    engine = Engine(index, background=False)
    try:
        assert engine.search(Request.from_params({"q": "整改"}))["total"] > 0
    finally:
        engine.release_thread()
    assert len(calls) == generation.FIRST_LOAD_TRIES


def test_an_index_that_stays_unreadable_is_said_damaged(index, monkeypatch):
    calls = failing_first(10 ** 6, monkeypatch)
    engine = Engine(index, background=False)
    with pytest.raises(IndexDamaged, match="is damaged"):
        engine.search(Request.from_params({"q": "整改"}))
    assert len(calls) == generation.FIRST_LOAD_TRIES


def test_what_a_process_makes_once_is_made_by_the_load_not_by_a_query(index):
    # The letters' table (22 ms) was made by whichever query first read a long text: a user's.
    analysis.is_letter_table.cache_clear()
    engine = Engine(index, background=False)
    try:
        engine.current()
        assert analysis.is_letter_table.cache_info().currsize == 1
    finally:
        engine.release_thread()
