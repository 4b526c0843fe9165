"""How well a taxonomy labels the hand-labelled problems (tests/fixtures/labelled_problems.toml).

    python -m tests.document.measure_labels                      # the taxonomy of this checkout
    python -m tests.document.measure_labels --code OLD.py --data OLD.toml --list
                                             # another version, e.g. from `git show REV:path`
    python -m tests.document.measure_labels --labelled tests/fixtures/labelled_problems_round2.toml

Types are scored micro-averaged over all problems: precision = right types given / types given,
recall = right types given / types expected. Category accuracy = problems whose category is the one
expected (a null expected and given counts as right).
"""
import argparse
import importlib.util
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
    args = parser.parse_args()
    if args.code:
        module = load_code(args.code)
    else:
        from indexer.document import taxonomy as module
    labels = module.load(args.data) if args.data else module.load()
    score = measure(labels, labelled_problems(args.labelled))
    if args.list:
        for body, title, extra, missing, category, expected in score.disagreements:
            wrong_category = f"  category {category} ≠ {expected}" if category != expected else ""
            print(f"{body}\t{title}\t+{extra} -{missing}{wrong_category}")
    print(f"{score.problems} problems, {score.expected} expected types, {score.given} given")
    print(f"precision {score.precision:.3f}  recall {score.recall:.3f}  category accuracy {score.category_accuracy:.3f}")


if __name__ == "__main__":
    main()
