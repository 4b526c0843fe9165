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

import numpy as np

NGRAMS = (1, 2, 3)
# Runs of letters and digits: quotes, commas and brackets end an n-gram ("“三会一课”流于形式").
RUN = re.compile(r"[\w]+")


def features(text: str) -> list:
    """The distinct character n-grams of text, n in NGRAMS, never across punctuation."""
    found = {}
    for run in RUN.findall(text):
        for n in NGRAMS:
            for start in range(len(run) - n + 1):
                found.setdefault(run[start:start + n], None)
    return list(found)


@dataclass(frozen=True)
class Classifier:
    types: tuple          # type names, one per row of coef
    vocabulary: dict      # n-gram → column
    idf: np.ndarray       # per column
    coef: np.ndarray      # types × columns
    intercept: np.ndarray  # per type

    def scores(self, text: str) -> tuple:
        """(columns, weights): the known n-grams of text and their tf-idf weights (l2-normalised)."""
        columns = np.fromiter((c for c in map(self.vocabulary.get, features(text)) if c is not None), dtype=np.int64)
        weights = self.idf[columns]
        norm = np.sqrt(weights @ weights)
        return columns, (weights / norm if norm else weights)

    def probabilities(self, text: str) -> dict:
        """type name → the model's probability that the problem titled text is of that type."""
        columns, weights = self.scores(text)
        logits = self.coef[:, columns] @ weights + self.intercept
        return dict(zip(self.types, 1 / (1 + np.exp(-logits))))

    def strongest(self, text: str, name: str, count: int = 3) -> tuple:
        """The n-grams of text that weigh most for type name, heaviest first: words of two characters or
        more, none inside another one given."""
        columns, weights = self.scores(text)
        row = self.coef[self.types.index(name), columns] * weights
        grams = self._grams[columns]
        chosen = []
        for i in sorted(range(len(grams)), key=lambda i: (-row[i], -len(grams[i]))):
            gram = grams[i]
            if row[i] <= 0 or len(chosen) == count:
                break
            if len(gram) > 1 and not any(gram in other or other in gram for other in chosen):
                chosen.append(gram)
        return tuple(chosen)

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
                   arrays["idf"].astype(np.float64), arrays["coef"].astype(np.float64),
                   arrays["intercept"].astype(np.float64))


def model_bytes(name: str) -> bytes:
    return (resources.files("indexer") / "data" / name).read_bytes()


@functools.cache
def load(name: str) -> Classifier:
    """The model stored as data/NAME (an .npz written by make_classifier.py)."""
    with resources.as_file(resources.files("indexer") / "data" / name) as path:
        with np.load(path, allow_pickle=False) as arrays:
            return Classifier.from_arrays(arrays)
