"""Distinct values of integer arrays, by sorting.

numpy 2's np.unique (without counts or indices) hashes integers: on arrays of a query or a merge
(millions of passage numbers or keys) that is a hundred times slower than sorting them."""
import numpy as np


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending."""
    if not len(values):
        return values
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
