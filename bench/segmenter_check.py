"""Plain jieba and jieba-next, word for word, on a sample of the benchmark corpus and every real text.

    python bench/segmenter_check.py                       # 2,000 passages of the 10,000-notice corpus
    python bench/segmenter_check.py --notices 1000 --sample 500 --real /work/shared/eval/real

Both are loaded as the engine loads them (indexer/engine/segmenter.py, through the facade: the user
dictionary, and jieba-next given jieba's tie-breaking), and segment every text in both modes (cut,
as queries are segmented; cut_for_search, as documents are). Prints one JSON object: the texts compared, and per mode
how many came out differently, with the first differences (the pieces around the first that differs).
The engine runs jieba-next only where it gives plain jieba's words (indexer/engine/segmenter.py):
this is the check on thousands of passages behind that promise.
"""
import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

MODES = ("cut", "cut_for_search")
SHOWN = 5        # differences shown per mode
AROUND = 4       # pieces shown on each side of the first that differs


def passages(corpus: Path, count: int, seed: int = 23) -> list:
    """count passages of the corpus, drawn the same way every time: one non-empty paragraph (a heading,
    a problem's title or its text, a section's text) from each of count notices."""
    rng = random.Random(seed)
    files = sorted(corpus.glob("[0-9]*.txt"))
    chosen = sorted(rng.sample(files, min(count, len(files))))
    out = []
    for path in chosen:
        paragraphs = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        at = rng.randrange(len(paragraphs))
        out.append((f"{path.name}:{at + 1}", paragraphs[at]))
    return out


def whole_texts(folder: Path) -> list:
    """(name, text) of every .txt of folder, whole."""
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))]


def first_difference(expected: list, given: list) -> int:
    return next((i for i, (a, b) in enumerate(zip(expected, given)) if a != b), min(len(expected), len(given)))


def compare(reference, candidate, texts: list) -> dict:
    """Per mode: texts that came out differently, the first of them shown, and each segmenter's speed."""
    report = {"texts": len(texts), "chars": sum(len(text) for _, text in texts)}
    for mode in MODES:
        differing, seconds = [], {"reference": 0.0, "candidate": 0.0}
        for name, text in texts:
            started = time.process_time()
            expected = list(getattr(reference, mode)(text))
            seconds["reference"] += time.process_time() - started
            started = time.process_time()
            given = list(getattr(candidate, mode)(text))
            seconds["candidate"] += time.process_time() - started
            if expected != given:
                at = first_difference(expected, given)
                differing.append({"text": name, "piece": at,
                                  "jieba": "/".join(expected[max(at - AROUND, 0):at + AROUND]),
                                  "jieba_next": "/".join(given[max(at - AROUND, 0):at + AROUND])})
        report[mode] = {"differing": len(differing), "first": differing[:SHOWN],
                        "jieba_chars_per_s": round(report["chars"] / seconds["reference"]) if seconds["reference"] else None,
                        "jieba_next_chars_per_s": round(report["chars"] / seconds["candidate"]) if seconds["candidate"] else None}
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=10000, help="The benchmark corpus to draw from.")
    parser.add_argument("--sample", type=int, default=2000, help="Passages drawn from it.")
    parser.add_argument("--real", type=Path, action="append", default=[],
                        help="A folder of real notices (.txt) compared whole; may be given more than once.")
    args = parser.parse_args()
    corpus = generate(args.notices, ROOT / "bench" / "out" / f"corpus-{args.notices}")
    texts = passages(corpus, args.sample) + whole_texts(ROOT / "corpus")
    for folder in args.real:
        texts += whole_texts(folder)
    from indexer.engine.search import segmenters

    result = {"notices": args.notices, "sample": args.sample, **compare(*segmenters(), texts)}
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
