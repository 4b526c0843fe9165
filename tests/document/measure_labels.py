"""How well a taxonomy labels the hand-labelled problems (tests/fixtures/labelled_problems.toml).

    python -m tests.document.measure_labels                      # the taxonomy of this checkout
    python -m tests.document.measure_labels --code OLD.py --data OLD.toml --list
                                             # another version, e.g. from `git show REV:path`
    python -m tests.document.measure_labels --labelled tests/fixtures/labelled_problems_round2.toml
    python -m tests.document.measure_labels --folds 5      # the model held out: k-fold over the training sets
    python -m tests.document.measure_labels --labelled tests/fixtures/labelled_problems_heldout.toml --by-body
    python -m tests.document.measure_labels --cost         # µs to label one problem, as a build does

Types are scored micro-averaged over all problems: precision = right types given / types given,
recall = right types given / types expected. Category accuracy = problems whose category is the one
expected (a null expected and given counts as right).
"""
import argparse
import collections
import dataclasses
import importlib.util
import random
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "labelled_problems.toml"
FOCUSES = {
    0: None,
    1: "党的理论和路线方针政策、党中央决策部署",
    2: "群众身边不正之风和腐败问题",
    3: "基层党组织领导班子和干部队伍建设",
    4: "巡视巡察、审计等监督发现问题整改",
}


@dataclass
class Score:
    given: int = 0
    expected: int = 0
    right: int = 0
    categories_right: int = 0
    problems: int = 0
    disagreements: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.given if self.given else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def category_accuracy(self) -> float:
        return self.categories_right / self.problems if self.problems else 1.0


def labelled_problems(path: Path = LABELLED) -> list:
    return tomllib.loads(path.read_text(encoding="utf-8"))["problem"]


def measure(labels, problems: list) -> Score:
    """labels: anything with category(path, title, text) and types_of(path, title, text)."""
    score = Score()
    for problem in problems:
        path, title, text = problem.get("path", []), problem["title"], problem["text"]
        given, expected = set(labels.types_of(path, title, text)), set(problem["types"])
        category, expected_category = labels.category(path, title, text), FOCUSES[problem["focus"]]
        score.problems += 1
        score.given += len(given)
        score.expected += len(expected)
        score.right += len(given & expected)
        score.categories_right += category == expected_category
        if given != expected or category != expected_category:
            score.disagreements.append((problem["body"], title, sorted(given - expected), sorted(expected - given),
                                        category, expected_category))
    return score


# Kinds of inspected body, for the table by kind.
BODY_KINDS = (("乡镇、街道", ("乡镇", "街道")), ("村、社区", ("村", "社区")), ("学校", ("学校", "高校", "教育")),
              ("医院", ("医院", "卫健", "医保")), ("国有企业", ("国有企业",)), ("人大、政协", ("政协", "人大")),
              ("政法", ("法院", "检察", "公安", "司法")))


def body_kind(body: str) -> str:
    return next((kind for kind, words in BODY_KINDS if any(w in body for w in words)), "县直部门")


def by_body(labels, problems: list) -> dict:
    """kind of body → its Score."""
    kinds = collections.defaultdict(list)
    for problem in problems:
        kinds[body_kind(problem["body"])].append(problem)
    return {kind: measure(labels, group) for kind, group in sorted(kinds.items())}


def confusion_pairs(score: Score) -> collections.Counter:
    """(expected type or "-", given type or "-") → how often a problem had the one and was given the other."""
    pairs = collections.Counter()
    for _, _, extra, missing, _, _ in score.disagreements:
        for expected in missing or ["-"]:
            for given in extra or ["-"]:
                if (expected, given) != ("-", "-"):
                    pairs[expected, given] += 1
    return pairs


def k_fold(labels, problems: list, folds: int, seed: int = 20) -> tuple:
    """(Score, [(problem, labels trained without it)]): each fold measured with a model trained on the
    others, the keyword rules unchanged."""
    from indexer.data.make_classifier import train
    from indexer.document.classifier import Classifier

    order = list(range(len(problems)))
    random.Random(seed).shuffle(order)
    names = [label.name for label in labels.types]
    scored = []
    for fold in range(folds):
        held = {i for n, i in enumerate(order) if n % folds == fold}
        model = Classifier.from_arrays(train([p for i, p in enumerate(problems) if i not in held], names))
        fold_labels = dataclasses.replace(labels, model=model)
        scored += [(problems[i], fold_labels) for i in sorted(held)]
    return scored


def measure_each(scored: list) -> Score:
    """One Score over problems each measured with its own labels."""
    total = Score()
    for problem, labels in scored:
        one = measure(labels, [problem])
        for name in ("given", "expected", "right", "categories_right", "problems"):
            setattr(total, name, getattr(total, name) + getattr(one, name))
        total.disagreements += one.disagreements
    return total


def report(score: Score, kinds: dict):
    print(f"{'kind of body':<10} problems  precision  recall  category")
    for kind, one in kinds.items():
        print(f"{kind:<10} {one.problems:>8}  {one.precision:9.3f}  {one.recall:6.3f}  {one.category_accuracy:8.3f}")
    print("confusion pairs (expected → given, '-' = none):")
    for (expected, given), count in confusion_pairs(score).most_common(25):
        print(f"  {count:>3}  {expected} → {given}")


def labelling_cost(load, problems: list, rounds: int = 5, per_notice: int = 20) -> float:
    """Microseconds to label one problem (category and types), as a build labels every problem once,
    a notice's problems at a time (assign_all, where the taxonomy measured has it; per_notice to a
    notice): each round with a freshly loaded taxonomy (no title cached yet), the fastest round
    kept, in the process's CPU time (what else runs on the machine aside)."""
    import time

    asked = [(problem.get("path", []), problem["title"], problem["text"]) for problem in problems]
    notices = [asked[i:i + per_notice] for i in range(0, len(asked), per_notice)]
    best = float("inf")
    for _ in range(rounds):
        labels = load()
        labels.assign([], "预热", "")  # build the automata and load the model outside the timing
        label_all = getattr(labels, "assign_all", None) or (lambda notice: [labels.assign(*p) for p in notice])
        start = time.process_time()
        for notice in notices:
            label_all(notice)
        best = min(best, time.process_time() - start)
    return best / len(problems) * 1e6


def load_code(path: Path):
    spec = importlib.util.spec_from_file_location("taxonomy_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, help="a taxonomy.py to measure (default: indexer.document.taxonomy)")
    parser.add_argument("--data", type=Path, help="its taxonomy.toml (default: the one it loads by default)")
    parser.add_argument("--labelled", type=Path, default=LABELLED, help="a file of labelled problems")
    parser.add_argument("--list", action="store_true", help="list the problems where it disagrees")
    parser.add_argument("--by-body", action="store_true", help="a table by kind of body, and the confusion pairs")
    parser.add_argument("--folds", type=int, help="k-fold over the training sets: the model never sees the problem")
    parser.add_argument("--cost", action="store_true", help="µs to label one problem of every labelled set")
    args = parser.parse_args()
    if args.code:
        module = load_code(args.code)
    else:
        from indexer.document import taxonomy as module
    labels = module.load(args.data) if args.data else module.load()
    if args.cost:
        problems = [p for path in sorted(LABELLED.parent.glob("labelled_problems*.toml")) for p in labelled_problems(path)]
        cost = labelling_cost(lambda: module.load(args.data) if args.data else module.load(), problems)
        print(f"{len(problems)} problems: {cost:.0f} µs to label one")
        return
    if args.folds:
        from indexer.data.make_classifier import training_problems
        scored = k_fold(labels, training_problems(), args.folds)
        score = measure_each(scored)
        kinds = collections.defaultdict(list)
        for problem, fold_labels in scored:
            kinds[body_kind(problem["body"])].append((problem, fold_labels))
        if args.by_body:
            report(score, {kind: measure_each(group) for kind, group in sorted(kinds.items())})
    else:
        score = measure(labels, labelled_problems(args.labelled))
        if args.by_body:
            report(score, by_body(labels, labelled_problems(args.labelled)))
    if args.list:
        for body, title, extra, missing, category, expected in score.disagreements:
            wrong_category = f"  category {category} ≠ {expected}" if category != expected else ""
            print(f"{body}\t{title}\t+{extra} -{missing}{wrong_category}")
    print(f"{score.problems} problems, {score.expected} expected types, {score.given} given")
    print(f"precision {score.precision:.3f}  recall {score.recall:.3f}  category accuracy {score.category_accuracy:.3f}")


if __name__ == "__main__":
    main()
