"""Train the problem-type model (indexer/document/classifier.py) and write data/classifier.npz.

    python -m indexer.data.make_classifier            # after editing a labelled set or the n-grams

Trained on the hand-labelled problems in tests/fixtures/labelled_problems*.toml, all written in our
own words, except the held-out set (labelled_problems_heldout2.toml), which measures it. Needs
scikit-learn (pinned in pyproject.toml); the result is deterministic (liblinear, no randomness), and
its bytes are part of the taxonomy's fingerprint, so an index built with another model is relabelled.
"""
import tomllib
from pathlib import Path

import numpy as np

from indexer.document.classifier import title_features

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "tests" / "fixtures"
HELD_OUT = ("labelled_problems_heldout2.toml",)
OUTPUT = Path(__file__).resolve().parent / "classifier.npz"
C = 32.0       # inverse regularisation of each type's logistic regression (k-fold: 8 to 100 differ little)
MIN_DF = 1     # n-grams seen in fewer problems are left out


def training_problems() -> list:
    problems = []
    for path in sorted(LABELLED.glob("labelled_problems*.toml")):
        if path.name not in HELD_OUT:
            problems += tomllib.loads(path.read_text(encoding="utf-8"))["problem"]
    return problems


def train(problems: list, type_names: list) -> dict:
    """The model's arrays (as stored in the .npz) trained on problems, one row per type name."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(analyzer=title_features, min_df=MIN_DF, norm="l2", use_idf=True, smooth_idf=True)
    x = vectorizer.fit_transform([p["title"] for p in problems])
    grams = vectorizer.get_feature_names_out()
    coef = np.zeros((len(type_names), len(grams)), dtype=np.float32)
    intercept = np.full(len(type_names), -10.0, dtype=np.float32)  # a type nobody labelled: never
    for row, name in enumerate(type_names):
        y = np.array([name in p["types"] for p in problems])
        if y.any():
            model = LogisticRegression(C=C, solver="liblinear").fit(x, y)
            coef[row], intercept[row] = model.coef_[0], model.intercept_[0]
    return {"types": np.array(type_names), "grams": np.array(grams, dtype=str),
            "idf": vectorizer.idf_.astype(np.float32), "coef": coef, "intercept": intercept}


def main():
    from indexer.document import taxonomy

    names = [label.name for label in taxonomy.load().types]
    problems = training_problems()
    unknown = {t for p in problems for t in p["types"]} - set(names)
    if unknown:
        raise SystemExit(f"The labelled problems name types the taxonomy lacks: {sorted(unknown)}")
    np.savez_compressed(OUTPUT, **train(problems, names))
    print(f"{OUTPUT}: {len(problems)} problems, {len(names)} types")


if __name__ == "__main__":
    main()
