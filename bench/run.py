"""The benchmark: build an index of N synthetic notices, then measure queries and recall.

    python bench/run.py --notices 1000 --json

Prints one JSON object (see the keys below). Not part of `make test`: speed is measured here,
never in a unit test.
"""
import argparse
import functools
import json
import logging
import os
import random
import re
import resource
import shutil
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from indexer.document.taxonomy import default as default_taxonomy  # noqa: E402
from indexer.engine.search import Engine, Request, build_index, index_exists  # noqa: E402

USER_DICTIONARY = ROOT / "indexer" / "data" / "userdict.txt"
HAS_LETTERS = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")


@functools.cache
def reference_jieba():
    """Plain jieba with the project's user dictionary: the yardstick of index speed."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(USER_DICTIONARY))
    jieba.initialize()
    return jieba


def jieba_pass(path: str) -> int:
    """The plain jieba pass the index is compared with: read, decode, segment (search mode)."""
    text = Path(path).read_text(encoding="utf-8")
    list(reference_jieba().cut_for_search(text))
    return len(text)


def timed_jieba(files, jobs) -> tuple[float, int]:
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chars = sum(pool.map(jieba_pass, [str(f) for f in files], chunksize=8))
    return time.perf_counter() - started, chars


def query_mix(engine: Engine, rng: random.Random) -> list:
    """A fixed mix of at least 50 queries: single terms, pairs, long statements, with and without filters."""
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


def substring_recall(engine: Engine, rng: random.Random, n: int = 500) -> tuple[float, int]:
    """Share of random substrings of random passages that find their passage."""
    found = tried = 0
    while tried < n:
        passage = engine.sample_passages(1, rng)[0]
        body = passage["text"]
        if len(body) < 2:
            continue
        length = rng.randint(2, min(12, len(body)))
        start = rng.randint(0, len(body) - length)
        piece = body[start:start + length]
        if not HAS_LETTERS.search(piece) or '"' in piece:
            continue  # nothing searchable in it (punctuation only); not a query anyone types
        tried += 1
        request = Request(q=f'"{piece}"', limit=100, notice=passage["notice_id"])
        if any(hit["passage_id"] == passage["id"] for hit in engine.search(request)["hits"]):
            found += 1
    return found / tried, tried


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", action="store_true", help="Reuse an index already built for this N.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    out = ROOT / "bench" / "out"
    corpus = generate(args.notices, out / f"corpus-{args.notices}")
    index = out / f"index-{args.notices}"
    files = sorted(corpus.glob("*.txt"))

    if not (args.keep and index_exists(index)):
        shutil.rmtree(index, ignore_errors=True)
        started = time.perf_counter()
        report = build_index(corpus, index, jobs=args.jobs, progress=False)
        index_seconds = time.perf_counter() - started
        passages = report.passages
    else:
        index_seconds, passages = None, None
    jieba_seconds, chars = timed_jieba(files, args.jobs)

    engine = Engine(index)
    rng = random.Random(7)
    mix = query_mix(engine, rng)
    for params in mix[:5]:  # warm the caches the server would have warm
        engine.search(Request.from_params(params))
    latencies = []
    for params in mix:
        started = time.perf_counter()
        engine.search(Request.from_params({**params, "limit": 10}))
        latencies.append((time.perf_counter() - started) * 1000)
    recall, tried = substring_recall(engine, rng)
    stats = engine.stats()
    latencies.sort()

    result = {
        "notices": args.notices,
        "passages": passages or stats["passages"],
        "chars": chars,
        "index_seconds": round(index_seconds, 2) if index_seconds else None,
        "index_chars_per_s": round(chars / index_seconds) if index_seconds else None,
        "jieba_seconds": round(jieba_seconds, 2),
        "jieba_chars_per_s": round(chars / jieba_seconds),
        "index_vs_jieba": round(index_seconds / jieba_seconds, 2) if index_seconds else None,
        "queries": len(latencies),
        "query_p50_ms": round(statistics.median(latencies), 1),
        "query_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1),
        "query_max_ms": round(latencies[-1], 1),
        "index_mb": stats["size_mb"],
        "peak_rss_mb": peak_rss_mb(),
        "substring_recall": round(recall, 4),
        "substrings_tried": tried,
        "jobs": args.jobs,
    }
    print(json.dumps(result, ensure_ascii=False) if args.json else json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
