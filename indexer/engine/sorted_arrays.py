"""Sets of passages as sorted arrays of distinct passage numbers, and what the engine does with them.

A query's sets are as large as its postings, not as the generation: a rare term's few passages
cost microseconds however many passages the index holds. Everything here sorts or searches;
numpy 2's np.unique (without counts or indices) hashes integers, a hundred times slower on the
arrays of a query or a merge.
Sets are never changed in place: what a function returns may be one of the sets it was given (a
word's postings, kept in the evaluator's cache), not a copy."""
import numpy as np

NOTHING = np.zeros(0, dtype=np.int64)
NOTHING.flags.writeable = False   # shared by every empty answer, as the kept sets are (read-only)
MARK_SHARE = 4    # numbers more than 1/MARK_SHARE of the range they lie in are marked on an array, not sorted
                  # (measured: below a quarter, sorting the sorted runs is faster)
MARK_LOOKUPS = 64  # values looked up in a set are read off it marked on an array when they are more than
                   # 1/MARK_LOOKUPS of the range (measured: from a hundredth, marking is the faster)


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending."""
    if not len(values):
        return values
    ordered = np.sort(values, kind="stable")  # a concatenation of sorted runs: merged, not sorted anew
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct values, ascending; how many times each occurs)."""
    if not len(values):
        return values, np.zeros(0, dtype=np.int64)
    low, high = int(values.min()), int(values.max()) + 1
    if low >= 0 and dense(len(values), high):
        counts = np.bincount(values, minlength=high)
        found = np.flatnonzero(counts)
        return found.astype(values.dtype, copy=False), counts[found]
    ordered = np.sort(values, kind="stable")
    firsts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[firsts], np.diff(np.concatenate((firsts, [len(ordered)])))


def contains(sorted_set: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each value: is it in the set? Many values (for the range they span) are read off the set
    marked on an array of booleans (300,000 values, a set of 190,000, among 2.3 million passages:
    7 → 0.5 ms); a few are searched for."""
    if not len(sorted_set) or not len(values):
        return np.zeros(len(values), dtype=bool)
    low = min(int(sorted_set[0]), int(values.min()))
    high = max(int(sorted_set[-1]), int(values.max())) + 1
    if low >= 0 and len(values) * MARK_LOOKUPS > high:
        marked = np.zeros(high, dtype=bool)
        marked[sorted_set] = True
        return marked[values]
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


def members(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """For each of values (a set: sorted, distinct): is it in sorted_set? A set far smaller than the
    values is looked up in them (a few hundred exact matches among half a million matches: a few
    hundred searches); otherwise as contains() does it."""
    if len(sorted_set) * MARK_LOOKUPS >= len(values):
        return contains(sorted_set, values)
    at = np.searchsorted(values, sorted_set)
    inside = at < len(values)
    at = at[inside]
    mask = np.zeros(len(values), dtype=bool)
    mask[at[values[at] == sorted_set[inside]]] = True
    return mask


def union(*sets: np.ndarray) -> np.ndarray:
    present = [s for s in sets if len(s)]
    if len(present) <= 1:
        return present[0] if present else NOTHING
    marked = marked_densely(present)
    if marked is not None:
        return np.flatnonzero(marked).astype(np.result_type(*present), copy=False)
    return distinct(np.concatenate(present))


def union_size(*sets: np.ndarray) -> int:
    """len(union(*sets)), without making the union: dense sets are marked and the marks counted (a
    common word's two million passages in titles or texts: 16 → 5 ms)."""
    present = [s for s in sets if len(s)]
    if len(present) <= 1:
        return len(present[0]) if present else 0
    marked = marked_densely(present)
    return int(np.count_nonzero(marked)) if marked is not None else len(distinct(np.concatenate(present)))


def marked_densely(present: list) -> np.ndarray | None:
    """The sets (not empty) marked on an array of booleans as long as their highest number, if they
    are dense enough for marking to beat sorting (else None)."""
    high = max(int(s[-1]) for s in present) + 1
    if min(int(s[0]) for s in present) < 0 or not dense(sum(len(s) for s in present), high):
        return None
    marked = np.zeros(high, dtype=bool)
    for s in present:
        marked[s] = True
    return marked


def dense(count: int, high: int) -> bool:
    """Whether `count` numbers below `high` are better marked on an array of `high` than sorted
    (a common word's passages, or a broad term's)."""
    return count * MARK_SHARE > high


def intersection(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    return small[contains(large, small)]


def minus(kept: np.ndarray, removed: np.ndarray) -> np.ndarray:
    """kept (a set: sorted, distinct) without the numbers of removed."""
    return kept[~members(kept, removed)] if len(removed) else kept


def held_by_at_least(groups: list, need: int) -> np.ndarray:
    """The numbers held by at least `need` of the groups, ascending. A group is a few sorted sets of
    distinct numbers (a word's passages in titles and in texts): a number in several of one group's
    sets counts once for it. Dense ones are tallied on an array of bytes rather than sorted."""
    groups = [held for held in ([s for s in sets if len(s)] for sets in groups) if held]
    if need > len(groups):
        return NOTHING
    present = [s for sets in groups for s in sets]
    if need <= 1:   # held by any: the union, nothing to tally (one common word's half million alone: 36 → 0 ms)
        return union(*present)
    high = max(int(s[-1]) for s in present) + 1
    if min(int(s[0]) for s in present) < 0 or len(groups) > 255 or not dense(sum(map(len, present)), high):
        found, holding = runs(np.concatenate([union(*sets) for sets in groups]))
        return found[holding >= need]
    tally, marked = np.zeros(high, dtype=np.uint8), np.zeros(high, dtype=bool)
    for sets in groups:
        if len(sets) == 1:
            tally[sets[0]] += 1   # distinct numbers: each added once
        else:
            marked[:] = False
            for s in sets:
                marked[s] = True
            tally += marked
    return np.flatnonzero(tally >= need)


SAMPLED_FROM = 1 << 16   # values: from this many, the k-th smallest is looked for among a sample's smallest first
SAMPLE = 1 << 12


def kth_smallest(values: np.ndarray, k: int):
    """The k-th smallest of values (1 ≤ k ≤ len(values)): np.partition(values, k - 1)[k - 1]. A page
    wants the best tens of millions of scores hold: a strided sample's smallest bound them, and only
    the values within that bound are partitioned (all of them when the bound holds too few)."""
    n = len(values)
    if n >= SAMPLED_FROM and k * 64 <= n:
        sample = values[::n // SAMPLE]
        at = min(len(sample) - 1, 4 * (k * len(sample) // n) + 16)   # about 4k of the values lie below
        below = values[values <= np.partition(sample, at)[at]]
        if len(below) >= k:   # the k smallest are all among them
            return np.partition(below, k - 1)[k - 1]
    return np.partition(values, k - 1)[k - 1]
