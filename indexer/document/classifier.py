"""A linear model of problem types over a title's character n-grams, beside the keyword rules.

Published titles are terse and idiomatic ("“三会一课”流于形式", "整改事项挂账未销号"): the keyword
rules know plain wording, the model knows the words that go with each type in the labelled problems.
It is trained by indexer/data/make_classifier.py (scikit-learn) and stored as plain arrays in
data/classifier.npz: the n-grams, their idf weights, one row of coefficients per type. Scoring here
needs numpy alone, is the same on every machine, and can name the n-grams that weighed most.
"""
import functools
import re
from dataclasses import dataclass
from importlib import resources

import ahocorasick_rs
import numpy as np

NGRAMS = (1, 2, 3)
# Runs of letters and digits: quotes, commas and brackets end an n-gram ("“三会一课”流于形式").
RUN = re.compile(r"[\w]+")


# How problem titles are framed in notices ("关于…的问题"): the frame says nothing of the type.
FRAME = re.compile(r"^(?:关于|针对)|(?:的)?问题$")


def core(title: str) -> str:
    """A title without its frame: "关于“三会一课”流于形式的问题" → "“三会一课”流于形式"."""
    return FRAME.sub("", title.strip())


def title_features(title: str) -> list:
    """What the model reads of a problem's title: the n-grams of its core."""
    return features(core(title))


def features(text: str) -> list:
    """The distinct character n-grams of text, n in NGRAMS, never across punctuation."""
    return list(dict.fromkeys(run[start:start + n] for run in RUN.findall(text)
                              for n in NGRAMS for start in range(len(run) - n + 1)))


@dataclass(frozen=True)
class Classifier:
    types: tuple          # type names, one per column of weights
    vocabulary: dict      # n-gram → row of weights
    idf: np.ndarray       # per n-gram
    weights: np.ndarray   # n-grams × types: the coefficients, an n-gram's for every type side by side
    intercept: np.ndarray  # per type

    def scores(self, text: str) -> tuple:
        """(rows, values): the known n-grams of text and their tf-idf values (l2-normalised). The known
        n-grams are found in one pass (Aho-Corasick): the same as looking up each of features(text),
        since a known n-gram never holds punctuation."""
        found = self._automaton.find_matches_as_indexes(core(text), overlapping=True)
        rows = np.fromiter({row for row, _, _ in found}, dtype=np.intp)
        values = self.idf[rows]
        norm = np.sqrt(values @ values)
        return rows, (values / norm if norm else values)

    def logits(self, text: str) -> np.ndarray:
        """Per type: the model's log-odds for the problem titled text."""
        return self.logits_of([text])[0]

    def logits_of(self, texts: list) -> np.ndarray:
        """Per text (a row) and type (a column): the model's log-odds, for all texts in one pass.
        Labelling asks this of every title, so it takes the short way: the raw idf values weighed
        first and divided by their norm once. The sums run over each text's n-grams in order, row by
        row, so a text's log-odds are the same bits whatever other texts are asked with it."""
        rows, starts, asked = [], [], []  # a text with no known n-gram is not asked: the intercepts alone
        for at, text in enumerate(texts):
            if found := self._automaton.find_matches_as_indexes(core(text), overlapping=True):
                asked.append(at)
                starts.append(len(rows))
                rows.extend(sorted({row for row, _, _ in found}))
        out = np.empty((len(texts), len(self.intercept)))
        out[:] = self.intercept
        if rows:
            rows = np.array(rows, dtype=np.intp)
            values = self.idf[rows]
            sums = np.add.reduceat(values[:, None] * self.weights[rows], starts, axis=0)
            norms = np.sqrt(np.add.reduceat(values * values, starts))
            out[asked] += sums / norms[:, None]
        return out

    def strongest(self, text: str, name: str, count: int = 3) -> tuple:
        """The n-grams of text that weigh most for type name, heaviest first: of two characters or more,
        none inside another one given, none weighing less than half the heaviest."""
        rows, values = self.scores(text)
        row = self.weights[rows, self.types.index(name)] * values
        grams = self._grams[rows]
        chosen = []
        for i in sorted(range(len(grams)), key=lambda i: (-row[i], -len(grams[i]))):
            gram = grams[i]
            if row[i] <= 0 or len(chosen) == count or (chosen and row[i] < row.max() / 2):
                break  # what is left weighs little: fragments, not reasons
            if len(gram) > 1 and not any(gram in other or other in gram for other in chosen):
                chosen.append(gram)
        return tuple(chosen)

    @functools.cached_property
    def _automaton(self):
        return ahocorasick_rs.AhoCorasick(list(self._grams))

    @functools.cached_property
    def _grams(self) -> np.ndarray:
        grams = np.empty(len(self.vocabulary), dtype=object)
        for gram, column in self.vocabulary.items():
            grams[column] = gram
        return grams

    @classmethod
    def from_arrays(cls, arrays) -> "Classifier":
        grams = [str(g) for g in arrays["grams"]]
        return cls(tuple(str(t) for t in arrays["types"]), {g: i for i, g in enumerate(grams)},
                   arrays["idf"].astype(np.float64), np.ascontiguousarray(arrays["coef"].T, dtype=np.float64),
                   arrays["intercept"].astype(np.float64))


def model_bytes(name: str) -> bytes:
    return (resources.files("indexer") / "data" / name).read_bytes()


@functools.cache
def load(name: str) -> Classifier:
    """The model stored as data/NAME (an .npz written by make_classifier.py)."""
    with resources.as_file(resources.files("indexer") / "data" / name) as path:
        with np.load(path, allow_pickle=False) as arrays:
            return Classifier.from_arrays(arrays)
