"""distinct() gives what np.unique gives (the engine uses it in queries and merges for speed)."""
import numpy as np

from indexer.engine.sorted_arrays import distinct


def test_distinct_values_ascending_as_np_unique_gives_them():
    values = np.array([7, 3, 3, 9, -2, 7, 0, 9], dtype=np.int64)
    assert distinct(values).tolist() == [-2, 0, 3, 7, 9] == np.unique(values).tolist()
    assert distinct(values).dtype == np.int64


def test_distinct_of_nothing_is_nothing():
    assert distinct(np.zeros(0, dtype=np.int32)).tolist() == []
