"""The benchmark: build an index of N synthetic notices, then measure a server, updates and recall.

    python bench/run.py --notices 1000 --json

Prints one JSON object (keys below) and keeps it in bench/out/bench-N.json. Not part of `make
test`: speed is measured here, never in a unit test.

- index_seconds: a full build (parse, segment, postings, commit) with --jobs workers; jieba_seconds:
  plain jieba (the yardstick) segmenting the same files in as many processes (or, with
  --jieba-sample, jieba_files of them, its time scaled by characters); index_vs_jieba.
- the serving process (bench/serve_probe.py, a process of its own): first_answer_s, the query mix's
  p50/p95/max, peak_rss_mb after the mix, substring_recall.
- add10_and_serve_s: 10 new notices, from the start of `notices index` (a process of its own) until
  a server that was running answers with them; reload_s: of that, from the command's end to the
  answer; add10_in_process_s: the same build called in this process, its segmenter loaded already;
  add10_watched_s: from the copy of the 10 files into the corpus until the server answers with them,
  `notices index --watch` running.
- relabel_seconds and relabel_share: `notices index` after a taxonomy edit, against the full build.
"""
import argparse
import contextlib
import functools
import json
import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.queries import query_mix, save  # noqa: E402
from indexer.document import taxonomy  # noqa: E402
from indexer.engine.search import Engine, build_index  # noqa: E402

USER_DICTIONARY = ROOT / "indexer" / "data" / "userdict.txt"
TAXONOMY = ROOT / "indexer" / "data" / "taxonomy.toml"
ADDED = 10
EDITED_TYPE = '\n[[type]]\nname = "基准测试类型"\ndescription = "the benchmark\'s taxonomy edit"\nkeywords = ["食堂"]\n'


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


def timed_jieba(files, jobs, sample: int = 0) -> tuple[float, int, int]:
    """(seconds, characters, files segmented) of the plain jieba pass over the files. With a sample,
    over every k-th file only (at most `sample` of them), its seconds scaled to all the files'
    characters: jieba's speed is the same per character on any share of one generator's corpus."""
    chosen = files[::max(1, -(-len(files) // sample))] if sample else files
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chars = sum(pool.map(jieba_pass, [str(f) for f in chosen], chunksize=8))
    seconds = time.perf_counter() - started
    if len(chosen) == len(files):
        return seconds, chars, len(chosen)
    all_chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    return seconds * all_chars / chars, all_chars, len(chosen)


def peak_rss_mb() -> float:
    """The largest resident memory of this process or any it started (the build's workers)."""
    return round(max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF,
                                                                  resource.RUSAGE_CHILDREN)) / 1024, 1)


def serve_probe(index: Path, mix_file: Path, recall: int) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "serve_probe.py"), str(index), str(mix_file),
                          "--recall", str(recall)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def add_and_serve(corpus: Path, index: Path, n: int, jobs: int) -> dict:
    """ADDED new notices, three times: by `notices index` in a fresh process, from its start until a
    running server answers with them (add10_and_serve_s; of that, reload_s from the command's end);
    by the build called in this process, whose segmenter is loaded already (add10_in_process_s: the
    measure of earlier sessions); and by `notices index --watch`, running, from the copy of the files
    into the corpus (add10_watched_s)."""
    extra = generate(ADDED, corpus.parent / f"extra-{n}", seed=n + 1)
    engine = Engine(index)
    before = engine.stats()["notices"]
    command = [sys.executable, "-m", "indexer.cli", "index", str(corpus), "--index-dir", str(index),
               "--jobs", str(jobs)]

    def served_after(add, restore) -> tuple[float, float]:
        started = time.perf_counter()
        copies = []
        for path in sorted(extra.glob("*.txt")):
            copies.append(corpus / f"added_{path.name}")
            shutil.copy(path, copies[-1])
        add()
        committed = time.perf_counter()
        served = served_with(before + ADDED)
        for copy in copies:
            copy.unlink()
        restore()
        served_with(before)
        return served - started, served - committed

    def served_with(notices: int) -> float:
        while engine.stats()["notices"] != notices:
            time.sleep(0.01)
        return time.perf_counter()

    def as_it_was():
        build_index(corpus, index, jobs=jobs, progress=False)

    total, reload = served_after(lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT),
                                 as_it_was)
    in_process, _ = served_after(as_it_was, as_it_was)
    with watching(command + ["--watch"]):
        watched, _ = served_after(lambda: None, lambda: None)  # the watcher removes them again too
    return {"add10_and_serve_s": round(total, 2), "reload_s": round(reload, 2),
            "add10_in_process_s": round(in_process, 2), "add10_watched_s": round(watched, 2)}


@contextlib.contextmanager
def watching(command: list):
    """`notices index --watch` running, its first build done (its first summary line read)."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        for line in process.stderr:
            if line.startswith("indexed "):
                break
        else:
            raise RuntimeError(f"notices index --watch ended: {process.wait()}")
        threading.Thread(target=process.stderr.read, daemon=True).start()  # its later lines: not to block it
        yield process
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


def relabel(corpus: Path, index: Path, jobs: int, out: Path) -> float:
    """Seconds of `notices index` after a taxonomy edit (a type more); the taxonomy is restored after."""
    edited = out / "taxonomy-edited.toml"
    edited.write_text(TAXONOMY.read_text(encoding="utf-8") + EDITED_TYPE, encoding="utf-8")
    os.environ["NOTICES_TAXONOMY"] = str(edited)
    taxonomy.default.cache_clear()
    try:
        started = time.perf_counter()
        report = build_index(corpus, index, jobs=jobs, progress=False)
        seconds = time.perf_counter() - started
        assert report.relabelled and not report.added, "the taxonomy edit relabelled nothing"
    finally:
        del os.environ["NOTICES_TAXONOMY"]
        taxonomy.default.cache_clear()
    build_index(corpus, index, jobs=jobs, progress=False)
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", action="store_true", help="Reuse an index already built for this N.")
    parser.add_argument("--recall", type=int, default=500, help="Substrings tried for recall.")
    parser.add_argument("--jieba-sample", type=int, default=0, metavar="FILES",
                        help="Time the jieba yardstick on this many files (spread over the corpus) and "
                             "scale it by characters; 0: all of them.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    out = ROOT / "bench" / "out"
    corpus = generate(args.notices, out / f"corpus-{args.notices}")
    for leftover in corpus.glob("added_*.txt"):  # an interrupted run's added notices: not of this corpus
        leftover.unlink()
    index = out / f"index-{args.notices}"
    files = sorted(corpus.glob("*.txt"))

    index_seconds = passages = None
    if not (args.keep and index.exists()):
        shutil.rmtree(index, ignore_errors=True)
        started = time.perf_counter()
        report = build_index(corpus, index, jobs=args.jobs, progress=False)
        index_seconds, passages = time.perf_counter() - started, report.passages
    build_rss = peak_rss_mb()
    jieba_seconds, chars, jieba_files = timed_jieba(files, args.jobs, args.jieba_sample)

    mix_file = out / f"mix-{args.notices}.jsonl"
    save(query_mix(Engine(index)), mix_file)
    served = serve_probe(index, mix_file, args.recall)
    updates = add_and_serve(corpus, index, args.notices, args.jobs)
    relabel_seconds = relabel(corpus, index, args.jobs, out)
    stats = Engine(index).stats()

    result = {
        "notices": args.notices,
        "passages": passages or stats["passages"],
        "chars": chars,
        "index_seconds": round(index_seconds, 2) if index_seconds else None,
        "index_chars_per_s": round(chars / index_seconds) if index_seconds else None,
        "jieba_seconds": round(jieba_seconds, 2),
        "jieba_chars_per_s": round(chars / jieba_seconds),
        "jieba_files": jieba_files,
        "index_vs_jieba": round(index_seconds / jieba_seconds, 2) if index_seconds else None,
        **served,
        **updates,
        "relabel_seconds": round(relabel_seconds, 2),
        "relabel_share": round(relabel_seconds / index_seconds, 3) if index_seconds else None,
        "index_mb": stats["size_mb"],
        "segments": stats["segments"],
        "build_peak_rss_mb": build_rss,
        "jobs": args.jobs,
    }
    (out / f"bench-{args.notices}.json").write_text(json.dumps(result, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False) if args.json else json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
