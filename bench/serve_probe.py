"""A serving process, measured: how long until it answers, the query mix's latencies, how much
memory it holds after the mix, and whether random strings of random passages find them.

    python bench/serve_probe.py INDEX MIX.jsonl [--recall 500]

Run in a process of its own, as `notices serve` runs, so that its memory is a server's alone; the
index's files are read through once first, into the operating system's cache, as a server that has
been answering has them. Prints one JSON object."""
import argparse
import json
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.queries import load  # noqa: E402
from indexer.engine.search import Engine, Request  # noqa: E402

HAS_LETTERS = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
WARM = 5   # queries run before timing, as a server has some warm after its first visitors


def substring_recall(engine: Engine, rng: random.Random, n: int) -> tuple[float, int]:
    """Share of random substrings (2 to 12 characters) of random passages that find their passage."""
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


def read_through(index: Path):
    """Read every file of the index once, as a server that has been answering has them in the
    operating system's cache (which is not the process's memory): measurements then do not depend
    on what the machine last did with its disk cache."""
    for path in index.rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                while f.read(1 << 24):
                    pass


def opened(index: Path) -> Engine:
    """An engine on the index, as a server that has just answered its first query has it."""
    engine = Engine(index)
    engine.search(Request.from_params({"q": "整改", "limit": 1}))
    return engine


def peak_resident_mb() -> float:
    """This process's peak resident memory (VmHWM). Not getrusage's ru_maxrss: that one keeps the
    peak of the process that started this one, from before it became this program."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list, share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("mix", type=Path)
    parser.add_argument("--recall", type=int, default=500)
    args = parser.parse_args()
    read_through(args.index)
    started = time.perf_counter()
    engine = opened(args.index)
    load_seconds = time.perf_counter() - started
    mix = load(args.mix)
    for params in mix[:WARM]:
        engine.search(Request.from_params(params))
    latencies = []
    for params in mix:
        began = time.perf_counter()
        engine.search(Request.from_params({**params, "limit": 10}))
        latencies.append((time.perf_counter() - began) * 1000)
    peak_rss_mb = peak_resident_mb()
    recall, tried = substring_recall(engine, random.Random(7), args.recall) if args.recall else (None, 0)
    print(json.dumps({
        "first_answer_s": round(load_seconds, 2),
        "queries": len(latencies),
        "query_p50_ms": round(statistics.median(latencies), 1),
        "query_p95_ms": round(percentile(latencies, 0.95), 1),
        "query_max_ms": round(max(latencies), 1),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "substring_recall": round(recall, 4) if recall is not None else None,
        "substrings_tried": tried,
    }))


if __name__ == "__main__":
    main()
