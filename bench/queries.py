"""The benchmark's query mix: the same queries for the project and for the native engine beside it.

Fixed by its seed and the index's contents: single terms, pairs, long problem statements (the
titles of indexed problems, as a drafter pastes them), terms with a province or a year, filters
alone, one sorted by date and one grouped by notice."""
import json
import random
from pathlib import Path

from indexer.document.taxonomy import default as default_taxonomy
from indexer.engine.search import Engine, Request


def query_mix(engine: Engine, seed: int = 7) -> list:
    rng = random.Random(seed)
    labels = default_taxonomy()
    singles = sorted({k for t in labels.types for k in t.keywords if len(k) >= 2})
    rng.shuffle(singles)
    stats = engine.stats()
    provinces = [row["value"] for row in stats["facets"]["province"]][:10]
    years = [row["value"] for row in stats["facets"]["year"]]
    sample = engine.search(Request.from_params({"q": "问题", "limit": 100, "kind": "problem"}))["hits"]
    statements = [hit["title"] for hit in sample if len(hit["title"]) > 12][:10]
    mix = [{"q": q} for q in singles[:20]]
    mix += [{"q": f"{a} {b}"} for a, b in zip(singles[20:30], singles[30:40])]
    mix += [{"q": s} for s in statements]
    mix += [{"q": q, "province": rng.choice(provinces)} for q in singles[40:45]]
    mix += [{"q": q, "year": rng.choice(years)} for q in singles[45:50]]
    mix += [{"province": p} for p in provinces[:3]] + [{"q": "食堂", "sort": "date"}, {"q": "整改", "group": "1"}]
    return mix


def save(mix: list, path: Path):
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in mix) + "\n", encoding="utf-8")


def load(path: Path) -> list:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
