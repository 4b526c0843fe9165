"""Sets of passages as sorted arrays: what numpy's set functions give, by sorting and searching."""
import numpy as np
import pytest

from indexer.engine import sorted_arrays
from indexer.engine.sorted_arrays import contains, distinct, intersection, members, minus, runs, union, union_size


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


def random_sets(rng, high: int, most: int) -> list:
    """1 to `most` sets of distinct numbers below high, sorted, each of any size up to high."""
    return [np.unique(rng.integers(0, high, size=int(rng.integers(0, high)))) for _ in range(int(rng.integers(1, most + 1)))]


@pytest.fixture(params=[1, sorted_arrays.MARK_SHARE, 10 ** 9])
def mark_share(request, monkeypatch):
    """1: sorted unless the numbers fill their range; 10**9: always marked on an array (or counted)."""
    monkeypatch.setattr(sorted_arrays, "MARK_SHARE", request.param)


def test_unions_and_runs_are_the_same_sorted_or_marked(mark_share):
    rng = np.random.default_rng(11)
    for _ in range(300):
        high = int(rng.integers(1, 5000))
        sets = random_sets(rng, high, 3)
        merged = union(*sets)
        assert merged.tolist() == sorted(set().union(*(s.tolist() for s in sets))) and merged.dtype == np.int64
        values = np.concatenate(sets)
        distinct_values, counts = runs(values)
        expected, expected_counts = np.unique(values, return_counts=True)
        assert distinct_values.tolist() == expected.tolist() and counts.tolist() == expected_counts.tolist()
    assert union(np.array([-3, 5]), np.array([-3, 0])).tolist() == [-3, 0, 5]   # negative: sorted
    assert runs(np.array([-1, 4, -1]))[1].tolist() == [2, 1]


def test_the_size_of_a_union_is_the_length_of_the_union(mark_share):
    rng = np.random.default_rng(13)
    for _ in range(300):
        sets = random_sets(rng, int(rng.integers(1, 5000)), 3)
        assert union_size(*sets) == len(set().union(*(s.tolist() for s in sets)))
    assert union_size() == union_size(np.zeros(0, dtype=np.int64)) == 0
    assert union_size(np.array([-3, 5]), np.array([-3, 0])) == 3   # negative: sorted


@pytest.mark.parametrize("mark_lookups", [0, sorted_arrays.MARK_LOOKUPS, 10 ** 9])
def test_membership_is_the_same_searched_either_way_or_marked(monkeypatch, mark_lookups):
    """0: values always searched for (and a set far smaller than the values looked up in them);
    10**9: always read off the set marked on an array."""
    monkeypatch.setattr(sorted_arrays, "MARK_LOOKUPS", mark_lookups)
    rng = np.random.default_rng(17)
    for _ in range(300):
        high = int(rng.integers(1, 5000))
        values, a_set = random_sets(rng, high, 1)[0], random_sets(rng, int(rng.integers(1, 2 * high + 1)), 1)[0]
        if rng.random() < 0.3:   # a set far smaller than the values (a few exact matches among many)
            a_set = a_set[: int(rng.integers(0, 4))]
        expected = np.isin(values, a_set)
        assert contains(a_set, values).tolist() == expected.tolist()
        assert members(values, a_set).tolist() == expected.tolist()
        assert minus(values, a_set).tolist() == values[~expected].tolist()
        assert intersection(values, a_set).tolist() == values[expected].tolist()
    unsorted = np.array([9, 2, 9, 7])
    assert contains(np.array([2, 9]), unsorted).tolist() == [True, True, True, False]
    assert contains(np.array([-4, 2]), np.array([-4, 0])).tolist() == [True, False]   # negative: searched


def test_numbers_held_by_enough_groups_are_the_same_sorted_or_tallied(mark_share):
    rng = np.random.default_rng(5)
    for _ in range(300):
        high = int(rng.integers(1, 3000))
        groups = [random_sets(rng, high, 2) for _ in range(int(rng.integers(1, 6)))]
        need = int(rng.integers(1, len(groups) + 1))
        holders: dict = {}
        for sets in groups:
            for number in set().union(*(s.tolist() for s in sets)):   # once per group
                holders[number] = holders.get(number, 0) + 1
        expected = sorted(number for number, count in holders.items() if count >= need)
        assert sorted_arrays.held_by_at_least(groups, need).tolist() == expected


@pytest.mark.parametrize("sampled_from", [1, sorted_arrays.SAMPLED_FROM, 10 ** 12])
def test_the_kth_smallest_is_np_partitions_however_it_is_found(monkeypatch, sampled_from):
    monkeypatch.setattr(sorted_arrays, "SAMPLED_FROM", sampled_from)
    monkeypatch.setattr(sorted_arrays, "SAMPLE", 64)
    rng = np.random.default_rng(9)
    for _ in range(300):
        n = int(rng.integers(1, 20000))
        distinct_values = int(rng.integers(1, 50)) if rng.random() < 0.5 else n   # ties, many or few
        values = rng.integers(0, distinct_values, size=n).astype(np.float32) * np.float32(0.37)
        if rng.random() < 0.3:
            values = np.sort(values)[::-1].copy()   # descending: a strided sample's worst case
        k = int(rng.integers(1, max(2, n // 64 + 2)))
        k = min(k, n)
        assert sorted_arrays.kth_smallest(values, k) == np.partition(values, k - 1)[k - 1]


def test_the_kth_smallest_when_the_sample_holds_all_the_small_values(monkeypatch):
    monkeypatch.setattr(sorted_arrays, "SAMPLED_FROM", 1)
    monkeypatch.setattr(sorted_arrays, "SAMPLE", 64)
    values = np.full(64 * 100, 1000.0)
    values[::100] = np.arange(64)   # exactly the strided sample: its smallest bound too few values
    for k in (1, 21, 40, 64, 65, 100):
        assert sorted_arrays.kth_smallest(values, k) == np.partition(values, k - 1)[k - 1]
