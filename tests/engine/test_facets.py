"""Facet counting over the columns of one generation (tests/fixtures/facets, counted by hand)."""
import numpy as np
import pytest

from indexer.engine import build
from indexer.engine.facets import listing
from indexer.engine.search import Engine

from ..conftest import FIXTURES


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    index = tmp_path_factory.mktemp("facets-index")
    build.run(FIXTURES / "facets", index, jobs=1, progress=False)
    engine = Engine(index)
    yield engine.current()[1].facets
    engine.release_thread()


def counts(table, docnums, name):
    listed, _ = table.counts(docnums, {})
    return {row["value"]: row["count"] for row in listed[name]}


def test_every_passage_of_every_notice(table):
    problems = np.flatnonzero(table.mask({}, ("problem",)))
    assert len(problems) == 9
    assert counts(table, problems, "province") == {"福建省": 5, "广东省": 2, "山东省": 2}
    assert counts(table, problems, "doc_type") == {"整改通报": 9}


@pytest.mark.parametrize("filters, total", [
    ({"province": "福建省"}, 5),
    ({"province": "福建省", "county": "南安市"}, 2),
    ({"type": "食堂管理"}, 3),            # a multi-valued facet
    ({"type": "食堂管理", "province": "广东省"}, 1),
    ({"year": "2025"}, 4),
    ({"province": "西藏自治区"}, 0),      # a value no passage has
    ({"type": "不存在的类型"}, 0),
])
def test_filters_narrow_the_problems(table, filters, total):
    assert int(table.mask(filters, ("problem",)).sum()) == total


def test_a_problem_with_several_types_counts_once_in_each(table):
    problems = np.flatnonzero(table.mask({"type": "政府采购"}, ("problem",)))
    by_type = counts(table, problems, "type")
    assert by_type["政府采购"] == len(problems) and by_type.get("食堂管理") == 1


def test_years_list_newest_first_and_other_facets_most_first(table):
    listed, _ = table.counts(np.flatnonzero(table.mask({}, ("problem",))), {"province": "广东省"})
    assert [row["value"] for row in listed["year"]] == sorted((row["value"] for row in listed["year"]), reverse=True)
    provinces = listed["province"]
    assert [row["count"] for row in provinces] == sorted((row["count"] for row in provinces), reverse=True)
    assert [row["value"] for row in provinces if row["selected"]] == ["广东省"]


def test_a_long_list_is_cut_and_says_so_but_keeps_the_selected_value():
    values, ranks = ["", "a", "b", "c", "d"], np.arange(5)
    shown, truncated = listing(values, ranks, np.array([0, 9, 5, 3, 1]), "d", "count", 2)
    assert truncated and [r["value"] for r in shown] == ["a", "b", "d"]
    everything, truncated = listing(values, ranks, np.array([0, 9, 5, 3, 1]), "d", "count", 10)
    assert not truncated and [(r["value"], r["count"]) for r in everything] == [("a", 9), ("b", 5), ("c", 3), ("d", 1)]
    newest_first, _ = listing(["", "2023", "2025", "2024"], np.array([0, 1, 3, 2]), np.array([0, 1, 1, 1]), None,
                              "value", 10)
    assert [r["value"] for r in newest_first] == ["2025", "2024", "2023"]


def test_counts_of_equal_size_list_their_values_in_order(table):
    listed, _ = table.counts(np.flatnonzero(table.mask({}, ("problem",))), {})
    rows = listed["province"]
    assert rows == sorted(rows, key=lambda r: (-r["count"], r["value"]))


def test_crosstab_counts_pairs_of_values(table):
    problems = np.flatnonzero(table.mask({}, ("problem",)))
    grid = table.crosstab(problems, "province", "year")
    cell = dict(zip(grid["columns"], grid["counts"][grid["rows"].index("福建省")]))
    assert sum(cell.values()) == 5


def test_a_filtered_mask_leaves_the_next_query_unfiltered(table):
    """The live passages of a kind are kept between queries; a filter narrows a copy of them."""
    assert int(table.mask({"province": "西藏自治区"}, ("problem",)).sum()) == 0
    everything = table.mask({}, ("problem",))
    everything &= False
    assert int(table.mask({}, ("problem",)).sum()) == 9


@pytest.mark.parametrize("kinds", [("problem",), ("notice", "problem", "section")])
def test_a_broad_match_counted_value_by_value_counts_as_passage_by_passage(table, kinds, monkeypatch):
    """Counted facet by facet (not through combinations of values), a problem's types are counted
    value by value when a query matches a large share; the counts are the same."""
    from indexer.engine import facets
    docnums = np.flatnonzero(table.mask({}, kinds))
    monkeypatch.setattr(facets, "COMBINED", 0)   # facet by facet, whatever the size
    monkeypatch.setattr(facets, "BY_VALUE", 0)   # each passage's own slots gathered
    by_passage, _ = table.counts(docnums, {})
    monkeypatch.setattr(facets, "BY_VALUE", 10 ** 9)   # value by value
    by_notice, _ = table.counts(docnums, {})
    assert by_notice == by_passage and by_passage["province"] and by_passage["type"]


def test_a_generation_that_only_added_segments_extends_the_types_column_as_making_it_would(tmp_path):
    """A reload after a build that added notices extends the previous generation's column of
    types rather than making it again; the column is the same, new types (met only in the new
    notices) included."""
    import shutil

    from indexer.engine import store
    from indexer.engine.generation import Generation, kept_parts

    from ..conftest import CORPUS

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(FIXTURES / "facets", corpus)
    build.run(corpus, index, jobs=1, progress=False)
    previous = Engine(index, background=False).current()[1]
    for seed in sorted(CORPUS.glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    build.run(corpus, index, jobs=1, progress=False)
    ix, record = store.open_record(index)
    newer = Generation.load(index, ix, record, previous)
    assert kept_parts(previous, newer.manifest).count == 1  # the first segment kept, the seeds' added
    extended = newer.facets.facets["type"]
    made = Generation.load(index, ix, record).facets.facets["type"]

    assert set(made.values) > set(previous.facets.facets["type"].values)  # the seeds bring new types
    assert extended.values == made.values
    assert np.array_equal(extended.slots, made.slots) and extended.slots.dtype == made.slots.dtype
    assert [p.tolist() for p in extended.postings] == [p.tolist() for p in made.postings]
    everything = np.arange(made.passages)
    assert extended.tally(everything).tolist() == made.tally(everything).tolist()
    assert np.array_equal(extended.indicator(everything), made.indicator(everything))


@pytest.mark.parametrize("values", [5, 300])
def test_a_multi_valued_column_counts_and_marks_as_its_entries_say(values, monkeypatch):
    """Slots (each passage's codes) and posting lists (each value's passages) give the counts a
    plain count of the entries gives, for any set of passages, duplicates counted once; 300 values
    need wider slots than a byte."""
    from indexer.engine import facets
    from indexer.engine.schema import FACETS

    rng = np.random.default_rng(values)
    passages = 500
    rows, codes = rng.integers(0, passages, 1500), rng.integers(0, values, 1500)
    column = facets.MultiValued(next(f for f in FACETS if f.multi), [str(v) for v in range(values)], rows, codes,
                                passages)
    held = np.zeros((passages, values), dtype=bool)
    held[rows, codes] = True
    for size in (0, 1, 37, 250, passages):
        docnums = np.sort(rng.choice(passages, size, replace=False))
        expected = held[docnums].sum(axis=0)
        for by_value in (0, 10 ** 9):
            monkeypatch.setattr(facets, "BY_VALUE", by_value)
            assert column.tally(docnums).tolist() == expected.tolist()
        assert np.array_equal(column.indicator(docnums), held[docnums])


def test_the_notices_of_any_passages_are_counted_once_each(table):
    everything = np.flatnonzero(table.live)
    rng = np.random.default_rng(11)
    for size in (0, 1, 2, 7, len(everything)):
        chosen = np.sort(rng.choice(everything, size, replace=False))
        assert table.distinct_notices(chosen) == len(set(table.notice[chosen].tolist()))


def test_codes_are_as_narrow_as_the_values_allow():
    from indexer.engine.facets import SingleValued
    from indexer.engine.schema import FACETS

    province = next(f for f in FACETS if f.name == "province")
    for values, dtype in ((3, np.uint8), (256, np.uint8), (257, np.uint16), (70_000, np.int32)):
        codes = np.array([0, values - 1], dtype=np.int64)
        column = SingleValued(province, [str(v) for v in range(values)], codes)
        assert column.codes.dtype == dtype and column.codes.tolist() == [0, values - 1]
        assert column.tally(np.array([1]))[values - 1] == 1
