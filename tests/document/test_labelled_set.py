"""The taxonomy keeps the quality measured on the hand-labelled problems (tests/document/measure_labels.py).

The thresholds are the measured levels, rounded down to leave room for one or two disagreements:
a change that loses more fails here. Each set was labelled before the keywords were widened for it,
so the training sets are in-sample now (their first, unseen measurements are in the files' headers);
the model is measured held out by k-fold over them, and the whole taxonomy on the held-out set, which
no keyword and no model was fitted to.
"""
import pytest

from indexer.document import taxonomy

from ..conftest import FIXTURES
from .measure_labels import BODY_KINDS, body_kind, k_fold, labelled_problems, measure, measure_each


@pytest.mark.parametrize("name, precision, recall, category_accuracy", [
    ("labelled_problems.toml", 0.97, 0.98, 0.97),
    ("labelled_problems_round2.toml", 0.95, 0.95, 0.89),
    ("labelled_problems_round3.toml", 0.94, 0.95, 0.84),  # 0.947: 群众反映强烈 names 信访 (second pass)
    ("labelled_problems_round4.toml", 0.90, 0.95, 0.90),  # 0.909: 挪用, 闲置土地, 校外培训 give one more type
    ("labelled_problems_round5.toml", 0.96, 0.96, 0.95),
    ("labelled_problems_round6.toml", 0.97, 0.96, 0.95),
    ("labelled_problems_round7.toml", 0.92, 0.98, 0.96),
    ("labelled_problems_round8.toml", 0.93, 0.98, 0.95),
    ("labelled_problems_round9.toml", 0.93, 0.98, 0.94),
    ("labelled_problems_round10.toml", 0.95, 0.98, 0.90),
    ("labelled_problems_round11.toml", 0.96, 0.98, 0.93),
])
def test_the_labelled_problems_keep_their_measured_quality(name, precision, recall, category_accuracy):
    score = measure(taxonomy.default(), labelled_problems(FIXTURES / name))
    assert score.precision >= precision, score.disagreements
    assert score.recall >= recall, score.disagreements
    assert score.category_accuracy >= category_accuracy, score.disagreements


def test_the_model_held_out_by_k_fold_keeps_its_measured_quality():
    from indexer.data.make_classifier import training_problems

    # 0.950 and 0.919 (round10, the first held-out set, joined the folds in the second pass and is harder)
    score = measure_each(k_fold(taxonomy.default(), training_problems(), 5))
    assert score.precision >= 0.94, score.disagreements
    assert score.recall >= 0.91, score.disagreements


def test_the_held_out_problems_keep_their_measured_quality():
    # labelled_problems_heldout2.toml, written before the second pass changed a rule, measured with
    # main before it (precision 0.891, recall 0.869) and once after the rules and the model were frozen
    # at 2eac1d2: precision 0.905, recall 0.934 (keywords alone 0.911, 0.918).
    score = measure(taxonomy.default(), labelled_problems(FIXTURES / "labelled_problems_heldout2.toml"))
    assert score.precision >= 0.89, score.disagreements
    assert score.recall >= 0.92, score.disagreements  # 114 of 122


def test_the_labelled_set_covers_many_kinds_of_bodies():
    problems = labelled_problems(FIXTURES / "labelled_problems.toml")
    assert len(problems) >= 80
    assert len({p["body"] for p in problems}) >= 8
    assert all(len(p["types"]) <= taxonomy.MAX_TYPES for p in problems)


def test_the_labelled_sets_hold_600_problems_from_every_kind_of_body():
    problems = [p for path in sorted(FIXTURES.glob("labelled_problems*.toml")) for p in labelled_problems(path)]
    assert len(problems) >= 600
    kinds = {body_kind(p["body"]) for p in problems}
    assert kinds == {kind for kind, _ in BODY_KINDS} | {"县直部门"}
    assert sum(len(p["types"]) > 1 for p in problems) >= 60   # several types in one title
    assert {t for p in problems for t in p["types"]} <= set(taxonomy.default().type_groups())
