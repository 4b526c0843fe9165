"""A query's scores, kept as a sheet of contributions and added up only for the passages that
match in the end.

A common word's postings hold a good share of the generation; scoring all of them (BM25 over a
million postings, then scattered into a score per passage) costs more than the rest of the query,
and most of them are then left out by the other terms. So each term only notes what it would add
(its postings, field, weight and document frequency), and `of(docs)` adds it up for docs alone: by
looking each passage up in the postings when few matched, or over the postings when many did. The
sums are those a score per passage would hold (the same float32 additions, in the same order)."""
import numpy as np

LOOK_UP = 8   # a contribution is looked up passage by passage when its postings outnumber the passages this many times


class ScoreSheet:
    def __init__(self, evaluator):
        self.evaluator = evaluator
        self.contributions = []   # (field name, Postings, weight, document frequency or None)

    def fresh(self) -> "ScoreSheet":
        return ScoreSheet(self.evaluator)

    def add(self, field_name: str, postings, weight: float, df: int | None = None):
        if len(postings.docs):
            self.contributions.append((field_name, postings, weight, df))

    def of(self, docs: np.ndarray) -> np.ndarray:
        """The score of each of docs (sorted passage numbers)."""
        total = np.zeros(len(docs), dtype=np.float32)
        spread = None   # a score per passage of the generation, for contributions of a broad match
        for field_name, postings, weight, df in self.contributions:
            df = len(postings.docs) if df is None else df
            if len(docs) * LOOK_UP < len(postings.docs):
                at = np.minimum(np.searchsorted(postings.docs, docs), len(postings.docs) - 1)
                held = postings.docs[at] == docs
                subset = type(postings)(postings.docs[at[held]], postings.weights[at[held]])
                total[held] += weight * self.evaluator.bm25(field_name, subset, df)
            else:
                if spread is None:
                    spread = np.zeros(len(self.evaluator.live), dtype=np.float32)
                spread[postings.docs] = weight * self.evaluator.bm25(field_name, postings, df)
                total += spread[docs]
                spread[postings.docs] = 0
        return total
