"""A query's scores, kept as a sheet of contributions and added up only for the passages that
need one.

A common word's postings hold a good share of the generation; scoring all of them (BM25 over a
million postings, then scattered into a score per passage) costs more than the rest of the query,
and most of them are then left out by the other terms. So each term only notes what it would add
(its postings, field, weight and document frequency), and `of(docs)` adds it up for docs alone: by
looking each passage up in the postings when few matched, or over the postings when many did. The
sums are those a score per passage would hold (the same float32 additions, in the same order).

A page needs the best few of the matches, not every score: `best(docs, count)` adds the
contributions largest bound first and drops, after each, the passages that could no longer reach
the best `count` even with every remaining contribution at its bound (MaxScore pruning, as Lucene's
top-k search does with its per-block bounds; here the bound is the contribution's own)."""
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from .sorted_arrays import kth_smallest

LOOK_UP = 8   # a contribution is looked up passage by passage when its postings outnumber the passages this many times
PRUNE_FROM = 4   # best() scores everything at once when the passages are fewer than this many times `count`,
PRUNE_ABOVE = 20_000   # or than this many: each pruning step costs more than adding up a few thousand scores
PRUNE_TERMS = 3        # or its contributions fewer: with two, the first is added for all, the second saves
                       # little more than choosing the survivors costs
SLACK = 1e-4     # bounds are widened by this share: float32 sums in another order differ in their last bits
DENSE_SHARE = 8  # a contribution whose postings hold more than 1/DENSE_SHARE of the passages, spread over
                 # the passages for many docs, is kept as a score per passage (Evaluator.dense_scores): a
                 # later query with the same common word reads its docs' scores off it
KEPT_BLANKS = 2  # blank score arrays kept for reuse: one per query scored at once on two cores


class Blanks:
    """Arrays of zeros, a score per passage of one generation, lent to one contribution at a time and
    handed back all zeros. A fresh one costs a page fault at each page's first touch: at 100,000
    notices 9 MB, and on this machine up to 20 ms for a contribution that takes 2."""

    def __init__(self, length: int):
        self.length = length
        self._free = []
        self._lock = threading.Lock()

    @contextmanager
    def lent(self) -> Iterator[np.ndarray]:
        """An array of zeros; the borrower leaves it all zeros again (one left otherwise, by a fault
        on the way, is dropped: the exception skips the return)."""
        with self._lock:
            blank = self._free.pop() if self._free else None
        if blank is None:
            blank = np.zeros(self.length, dtype=np.float32)
        yield blank
        with self._lock:
            if len(self._free) < KEPT_BLANKS:
                self._free.append(blank)


class ScoreSheet:
    def __init__(self, evaluator):
        self.evaluator = evaluator
        self.contributions = []   # (field name, Postings, weight, document frequency or None, key or None)

    def fresh(self) -> "ScoreSheet":
        return ScoreSheet(self.evaluator)

    def add(self, field_name: str, postings, weight: float, df: int | None = None, key=None):
        """key: what the postings are (the evaluator's cache key), for a common one's kept scores."""
        if len(postings.docs):
            self.contributions.append((field_name, postings, weight, df, key))

    def of(self, docs: np.ndarray) -> np.ndarray:
        """The score of each of docs (sorted passage numbers)."""
        total = np.zeros(len(docs), dtype=np.float32)
        for contribution in self.contributions:
            self._add(total, docs, contribution)
        return total

    def best(self, docs: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        """(positions in docs, their scores) of the passages scoring highest: every passage whose
        score is at least the count-th highest (ties included), in the order of docs. Scores as
        of() gives them."""
        alive = np.arange(len(docs))
        if len(docs) > max(count * PRUNE_FROM, PRUNE_ABOVE) and len(self.contributions) >= PRUNE_TERMS:
            alive = alive[self.reaching(docs, count)]
        scores = self.of(docs[alive])   # the survivors' sums in the sheet's own order
        threshold = kth_largest(scores, count) if len(scores) > count else -np.inf
        kept = scores >= threshold
        return alive[kept], scores[kept]

    def reaching(self, docs: np.ndarray, count: int) -> np.ndarray:
        """Positions in docs of the passages that can still reach the best `count` once the
        contributions are added largest bound first, the hopeless dropped after each."""
        bounds = [self.bound(contribution) for contribution in self.contributions]
        order = np.argsort(bounds, kind="stable")[::-1]
        remaining = float(sum(bounds))
        alive, partial = np.arange(len(docs)), np.zeros(len(docs), dtype=np.float32)
        for i in order:
            self._add(partial, docs[alive] if len(alive) < len(docs) else docs, self.contributions[i])
            remaining -= bounds[i]
            # Nothing can drop while the lowest sum, with all that remains, still reaches the highest:
            # then the count-th highest need not be found.
            if len(alive) > count and float(partial.min()) + remaining * (1 + SLACK) < float(partial.max()) * (1 - SLACK):
                threshold = float(kth_largest(partial, count))
                keep = partial + max(remaining, 0.0) * (1 + SLACK) >= threshold * (1 - SLACK)
                alive, partial = alive[keep], partial[keep]
        return alive

    def bound(self, contribution) -> float:
        """The most the contribution adds to any passage: its most frequent occurrence in the
        shortest field (BM25 grows with the count and shrinks with the length)."""
        field_name, postings, weight, df, _ = contribution
        return weight * self.evaluator.bm25_bound(field_name, postings, df)

    def _add(self, total: np.ndarray, docs: np.ndarray, contribution):
        """Adds one contribution's scores of docs to total."""
        field_name, postings, weight, df, key = contribution
        df = len(postings.docs) if df is None else df
        common = key is not None and len(postings.docs) * DENSE_SHARE > len(self.evaluator.live)
        looked_up = len(docs) * LOOK_UP < len(postings.docs)
        # A common word's scores per passage are made where its postings would be spread anyway
        # (many docs), and read off wherever they are kept; a few docs alone are looked up.
        kept = self.evaluator.dense_scores(key, field_name, postings, weight, df, make=not looked_up) if common else None
        if kept is not None:
            total += kept[docs]
        elif looked_up:
            at = np.minimum(np.searchsorted(postings.docs, docs), len(postings.docs) - 1)
            held = postings.docs[at] == docs
            subset = type(postings)(postings.docs[at[held]], postings.weights[at[held]])
            total[held] += self.evaluator.bm25(field_name, subset, df, weight)
        else:
            with self.evaluator.blanks.lent() as spread:
                spread[postings.docs] = self.evaluator.bm25(field_name, postings, df, weight)
                total += spread[docs]
                spread[postings.docs] = 0   # handed back all zeros


def kth_largest(scores: np.ndarray, k: int) -> float:
    """The k-th highest of scores (negated exactly: float32 negation loses nothing)."""
    return -kth_smallest(-scores, k)
