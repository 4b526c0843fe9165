"""µs to label one problem (category and types), as a build labels the problems of each notice.

    python bench/labelling_cost.py --notices 1000

The problems of the benchmark corpus (its notices parsed once, outside the timing) and, apart, the
hand-labelled problems of tests/fixtures (distinct titles: the model works on every one), taken 20
to a "notice". Each is labelled problem by problem (Taxonomy.assign) and notice by notice
(Taxonomy.assign_all, where this version of the code has it), every round with a freshly loaded
taxonomy (no title worked out yet), the fastest of the rounds kept, in this process's CPU time.
Prints one JSON object.
"""
import argparse
import json
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from indexer.document import taxonomy  # noqa: E402
from indexer.document.parse import parse_file  # noqa: E402

LABELLED_PER_NOTICE = 20


def corpus_problems(corpus: Path) -> list:
    """Per notice of the corpus: its problems as (path, title, text)."""
    return [[(p.path, p.title, p.text) for p in parse_file(path).problems] for path in sorted(corpus.glob("[0-9]*.txt"))]


def labelled_problems() -> list:
    problems = [(p.get("path", []), p["title"], p["text"])
                for path in sorted((ROOT / "tests" / "fixtures").glob("labelled_problems*.toml"))
                for p in tomllib.loads(path.read_text(encoding="utf-8"))["problem"]]
    return [problems[i:i + LABELLED_PER_NOTICE] for i in range(0, len(problems), LABELLED_PER_NOTICE)]


def each(labels, notice):
    return [labels.assign(*problem) for problem in notice]


def all_at_once(labels, notice):
    return labels.assign_all(notice)


def cost(notices: list, label, rounds: int) -> float:
    """µs per problem: the fastest round, each with a fresh taxonomy."""
    best = float("inf")
    for _ in range(rounds):
        labels = taxonomy.load()
        labels.assign([], "预热", "")  # the automata and the model, loaded outside the timing
        started = time.process_time()
        for notice in notices:
            label(labels, notice)
        best = min(best, time.process_time() - started)
    return round(best / sum(map(len, notices)) * 1e6, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=1000, help="The benchmark corpus whose problems are labelled.")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sets = {"corpus": corpus_problems(generate(args.notices, ROOT / "bench" / "out" / f"corpus-{args.notices}")),
            "labelled": labelled_problems()}
    result = {"notices": args.notices}
    for name, notices in sets.items():
        result[f"{name}_problems"] = sum(map(len, notices))
        result[f"{name}_titles"] = len({title for notice in notices for _, title, _ in notice})
        result[f"{name}_us_each"] = cost(notices, each, args.rounds)
        if hasattr(taxonomy.Taxonomy, "assign_all"):
            result[f"{name}_us_all_at_once"] = cost(notices, all_at_once, args.rounds)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
