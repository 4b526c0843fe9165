"""Sets of passages as sorted arrays: what numpy's set functions give, by sorting and searching."""
import numpy as np
import pytest

from indexer.engine.sorted_arrays import contains, distinct, intersection, minus, runs, union


def test_distinct_values_ascending_as_np_unique_gives_them():
    values = np.array([7, 3, 3, 9, -2, 7, 0, 9], dtype=np.int64)
    assert distinct(values).tolist() == [-2, 0, 3, 7, 9] == np.unique(values).tolist()
    assert distinct(values).dtype == np.int64


def test_distinct_of_nothing_is_nothing():
    assert distinct(np.zeros(0, dtype=np.int32)).tolist() == []


def test_runs_count_each_value():
    values, counts = runs(np.array([4, 1, 4, 4, 2, 1]))
    assert (values.tolist(), counts.tolist()) == ([1, 2, 4], [2, 1, 3])


@pytest.mark.parametrize("seed", range(5))
def test_set_operations_agree_with_numpy(seed):
    rng = np.random.default_rng(seed)
    a, b, c = (np.unique(rng.integers(0, 200, size)) for size in (rng.integers(0, 90), 60, 5))
    assert union(a, b, c).tolist() == np.union1d(np.union1d(a, b), c).tolist()
    assert intersection(a, b).tolist() == np.intersect1d(a, b).tolist()
    assert minus(a, b).tolist() == np.setdiff1d(a, b).tolist()
    assert contains(b, a).tolist() == np.isin(a, b).tolist()


def test_empty_sets():
    empty, some = np.zeros(0, dtype=np.int64), np.array([1, 5])
    assert union().tolist() == union(empty, empty).tolist() == []
    assert union(empty, some).tolist() == [1, 5]
    assert intersection(some, empty).tolist() == [] and minus(some, empty).tolist() == [1, 5]
    assert contains(empty, some).tolist() == [False, False]
