"""Where a query mix's time goes: the mix run once under cProfile on a built index, as a server
that has just opened it answers it (each query's postings read for the first time).

    python bench/profile_queries.py bench/out/index-10000 bench/out/mix-10000.jsonl [--top 25]

Prints the latencies (p50, p95, the slowest queries) of a run without the profiler, then the
functions taking the most time (cumulative) in a second engine's run under it. For the notes of a
speed change; not part of `make test`."""
import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.queries import load  # noqa: E402
from bench.serve_probe import opened, percentile, read_through  # noqa: E402
from indexer.engine.search import Request  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("mix", type=Path)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    read_through(args.index)
    mix = load(args.mix)

    engine, timed = opened(args.index), []
    for params in mix:
        began = time.perf_counter()
        engine.search(Request.from_params({**params, "limit": 10}))
        timed.append(((time.perf_counter() - began) * 1000, params))
    latencies = [ms for ms, _ in timed]
    print(f"queries {len(latencies)}  p50 {statistics.median(latencies):.1f} ms  "
          f"p95 {percentile(latencies, 0.95):.1f} ms  total {sum(latencies):.0f} ms")
    for ms, params in sorted(timed, key=lambda item: -item[0])[:8]:
        print(f"  {ms:7.1f} ms  {json.dumps(params, ensure_ascii=False)}")

    engine, profile = opened(args.index), cProfile.Profile()
    profile.enable()
    for params in mix:
        engine.search(Request.from_params({**params, "limit": 10}))
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


if __name__ == "__main__":
    main()
