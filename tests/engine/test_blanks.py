"""The score sheets' borrowed arrays of zeros (scoring.Blanks): a broad contribution's scores are
spread over an array as long as the generation; a fresh one costs a page fault per page, so one
is lent and handed back all zeros, and one left dirty by a fault is never lent again."""
import threading

import numpy as np
import pytest

from indexer.engine import scoring
from indexer.engine.scoring import Blanks


def test_a_lent_array_is_zeros_as_long_as_the_generation_and_is_lent_again():
    blanks = Blanks(1000)
    with blanks.lent() as first:
        assert first.shape == (1000,) and first.dtype == np.float32 and not first.any()
        first[[3, 500]] = 2.5
        first[[3, 500]] = 0
    with blanks.lent() as again:
        assert again is first and not again.any()


def test_a_fault_while_borrowed_drops_the_array():
    blanks = Blanks(10)
    with pytest.raises(RuntimeError), blanks.lent() as dirty:
        dirty[4] = 1.0
        raise RuntimeError("the postings could not be read")
    with blanks.lent() as next_one:
        assert next_one is not dirty and not next_one.any()


def test_two_borrowers_at_once_hold_different_arrays():
    blanks = Blanks(10)
    with blanks.lent(), blanks.lent():   # two arrays kept in the pool, to be lent again
        pass
    held, both_in = [], threading.Barrier(2)

    def borrow():
        with blanks.lent() as blank:
            held.append(blank)
            both_in.wait(timeout=10)

    threads = [threading.Thread(target=borrow) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(held) == 2 and held[0] is not held[1]


def test_few_arrays_are_kept():
    blanks = Blanks(10)
    with blanks.lent() as a, blanks.lent() as b, blanks.lent() as c:
        lent = [a, b, c]
    kept = []
    with blanks.lent() as x, blanks.lent() as y, blanks.lent() as z:
        kept = [x, y, z]
    assert sum(any(array is earlier for earlier in lent) for array in kept) == scoring.KEPT_BLANKS

