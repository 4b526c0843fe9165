"""Rank of the precedent a drafter would want, for the judged draft problems
(tests/fixtures/drafts/judged.toml), over an index of the seeds: the first wanted title's rank among
the precedents (None when it is not among `--limit`), how many precedents came back, MRR.

    python bench/precedent_ranks.py INDEX_DIR [--limit 10]
"""
import argparse
import tomllib
from pathlib import Path

from indexer.engine.search import Engine

JUDGED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "drafts" / "judged.toml"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("index")
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()
    engine = Engine(args.index)
    reciprocal = []
    for draft in tomllib.loads(JUDGED.read_text(encoding="utf-8"))["draft"]:
        problem = engine.precedents(draft["problem"], limit=args.limit)["problems"][0]
        titles = [hit["title"] for hit in problem["hits"]]
        rank = next((i for i, title in enumerate(titles, 1) if title in draft["wanted"]), None)
        reciprocal.append(1 / rank if rank else 0)
        strength = [hit.get("closeness", "-")[:1] for hit in problem["hits"]]
        print(f"{rank!s:>4}  {len(titles):>2} shown {''.join(strength):<10}  {draft['problem']}  → {titles[:3]}")
    print(f"MRR {sum(reciprocal) / len(reciprocal):.2f}")


if __name__ == "__main__":
    main()
