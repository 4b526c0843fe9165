"""Counting facets through the combinations of their values gives the counts a plain count gives."""
import numpy as np
import pytest

from indexer.engine import build, combinations, facets
from indexer.engine.combinations import Combinations
from indexer.engine.search import Engine

from ..conftest import CORPUS, FIXTURES


def plain_counts(rows, single: dict, held: dict) -> dict:
    out = {name: np.bincount(codes[rows], minlength=size) for name, (codes, size) in single.items()}
    out.update({name: matrix[rows].sum(axis=0) for name, matrix in held.items()})
    return out


@pytest.mark.parametrize("dense", [combinations.DENSE, 1])   # 1: every key numbered by a sort
def test_any_set_of_rows_is_counted_as_a_plain_count_counts_it(dense, monkeypatch):
    monkeypatch.setattr(combinations, "DENSE", dense)
    rng = np.random.default_rng(7)
    rows = 2000
    single = {"wide": (rng.integers(0, 3000, rows).astype(np.int32), 3000),   # wider than any product kept dense
              "few": (rng.integers(0, 4, rows).astype(np.int32), 4),
              "one": (np.zeros(rows, dtype=np.int32), 1)}
    held = np.zeros((rows, 40), dtype=bool)   # a multi-valued facet: up to three values a row, as slots
    slots = np.zeros((rows, 3), dtype=np.uint8)
    for row in range(rows):
        values = np.sort(rng.choice(40, rng.integers(0, 4), replace=False))
        held[row, values] = True
        slots[row, :len(values)] = values + 1
    counted = Combinations.of(single, {"types": (slots, 40)})
    assert counted.count < rows   # "one" and "few" repeat: some rows share a combination
    for size in (0, 1, 30, 999, rows):
        chosen = np.sort(rng.choice(rows, size, replace=False))
        expected = plain_counts(chosen, single, {"types": held})
        assert {name: tally.tolist() for name, tally in counted.tally(chosen).items()} == \
            {name: tally.tolist() for name, tally in expected.items()}


def test_notices_counted_through_their_combinations_count_each_passage():
    notice_of_passage = np.array([0, 0, 0, 1, 2, 2])
    provinces = (np.array([1, 2, 1], dtype=np.int32), 3)   # notices 0 and 2 in the same province
    counted = Combinations.of({"province": provinces}, {}).spread(notice_of_passage)
    assert counted.count == 2
    assert counted.tally(np.array([0, 1, 3, 5]))["province"].tolist() == [0, 3, 1]


def test_nothing_to_count():
    counted = Combinations.of({"province": (np.zeros(0, dtype=np.int32), 1)},
                              {"types": (np.zeros((0, 0), dtype=np.uint8), 4)})
    assert counted.count == 0
    assert {name: t.tolist() for name, t in counted.tally(np.zeros(0, dtype=np.int64)).items()} == \
        {"province": [0], "types": [0, 0, 0, 0]}


def test_a_generation_counts_the_same_through_combinations_as_facet_by_facet(tmp_path, monkeypatch):
    """Of the seeds and the facet fixtures together: every facet of every set, small or broad."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in [*CORPUS.glob("*.txt"), *(FIXTURES / "facets").iterdir()]:
        (corpus / source.name).write_bytes(source.read_bytes())
    build.run(corpus, tmp_path / "index", jobs=1, progress=False)
    engine = Engine(tmp_path / "index", background=False)
    table = engine.current()[1].facets
    everything = np.flatnonzero(table.live)
    rng = np.random.default_rng(3)
    monkeypatch.setattr(facets, "COMBINED", 10 ** 9)   # every set through the combinations, one passage too
    for size in (1, len(everything) // 3, len(everything)):
        chosen = np.sort(rng.choice(everything, size, replace=False))
        assert {name: t.tolist() for name, t in table.tallies(chosen).items()} == \
            {name: t.tolist() for name, t in table.tallies_facet_by_facet(chosen).items()}
