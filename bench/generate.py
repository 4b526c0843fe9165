"""A deterministic synthetic corpus for the benchmark.

Notices are recombined from the structure and sentences of the real notices in corpus/: the same
outline (report sections, focus headings, problem groups, problems with their rectification),
sentences drawn from the real problems' texts, regions drawn from the division table and years
from 2015 to 2026. The same N and seed always give the same files.

The files are kept on disk and reused: a folder is complete when it holds the marker of its count,
seed and generator version (a hash of this script and of what it draws on: the seed notices, the
division table, the taxonomy), so a second run at 100,000 notices does not write them again, and a
changed generator never passes old files off as its own.
"""
import argparse
import functools
import hashlib
import random
import re
from pathlib import Path

from indexer.document.parse import parse_file
from indexer.document.regions import gazetteer
from indexer.document.taxonomy import default as default_taxonomy

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 2026
DRAWN_ON = ("indexer/data/divisions.tsv", "indexer/data/taxonomy.toml")
CN = "一二三四五六七八九十"


def numeral(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


def material(corpus: Path):
    """Sentences and titles of the real notices, by role."""
    titles, sentences, sections = [], [], []
    for path in sorted(corpus.glob("*.txt")):
        notice = parse_file(path)
        for problem in notice.problems:
            titles.append(re.sub(r"^(针对|关于)", "", problem.title).strip("“”\"问题的") or problem.title)
            sentences.extend(s + "。" for s in re.split(r"[。;]", problem.text) if len(s) > 8)
        for section in notice.sections:
            sections.extend(s.replace("\n", "") + "。" for s in re.split(r"。", section.text) if len(s) > 8)
    return titles, sentences, sections


def counties():
    places = gazetteer()
    return [d for d in places.by_code.values() if d.level == 3 and not d.former]


def notice_text(rng: random.Random, titles, sentences, sections, places, focuses) -> str:
    place = rng.choice(places)
    chain = gazetteer().chain(place)
    year = rng.randint(2015, 2026)
    county_level = rng.random() < 0.7
    issuer = (f"政协{chain['county']}委员会办公室" if county_level
              else f"中共{chain['city'] or chain['province']}政协机关党组")
    committee = "县委" if county_level else "市委"
    start_month = rng.randint(1, 8)
    lines = [
        f"根据{committee}统一部署,{year - 1}年{start_month}月{rng.randint(1, 28)}日至{start_month + 2}月{rng.randint(1, 28)}日,"
        f"{committee}第{numeral(rng.randint(1, 8))}巡察组对{'县' if county_level else '市'}政协机关开展了巡察。"
        f"{start_month + 3}月{rng.randint(1, 28)}日,{committee}巡察组反馈了巡察意见。现将巡察整改进展情况予以公布。",
        "一、整改工作组织领导情况",
        "".join(rng.choice(sections) for _ in range(rng.randint(3, 6))),
        "二、巡察反馈问题的整改进展情况",
    ]
    problem_number = 0
    for f, focus in enumerate(rng.sample(focuses, rng.randint(2, len(focuses))), 1):
        lines.append(f"({numeral(f)})聚焦{focus}方面")
        for g in range(1, rng.randint(2, 3) + 1):
            lines.append(f"{g}.关于{rng.choice(titles)}的问题")
            for _ in range(rng.randint(1, 4)):
                problem_number += 1
                lines.append(f"({problem_number})针对{rng.choice(titles)}的问题")
                lines.append("整改进展情况:" + "".join(rng.choice(sentences) for _ in range(rng.randint(3, 8))))
    lines += [
        "三、下一步工作打算",
        "".join(rng.choice(sections) for _ in range(rng.randint(2, 4))),
        issuer,
        f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
    ]
    return "\n".join(lines) + "\n"


@functools.cache
def version(corpus: Path = ROOT / "corpus") -> str:
    """The generator's version: what decides its output besides the count and the seed."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in [*sorted(corpus.glob("*.txt")), *(ROOT / name for name in DRAWN_ON)]:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def generate(n: int, out: Path, seed: int = DEFAULT_SEED, corpus: Path = ROOT / "corpus") -> Path:
    """The folder out holding notices 000000.txt … of the corpus (n, seed): as it is when it was
    completed by this version of the generator, else written anew."""
    out.mkdir(parents=True, exist_ok=True)
    marker = out / f".complete-{n}-{seed}-{version(corpus)}"
    if marker.exists():
        return out
    for stale in out.glob(".complete-*"):  # another version's files: none of them may stay
        stale.unlink()
        for path in out.glob("[0-9]*.txt"):
            path.unlink()
    titles, sentences, sections = material(corpus)
    places = counties()
    focuses = [c.name for c in default_taxonomy().categories]
    rng = random.Random(seed)
    for i in range(n):
        (out / f"{i:06d}.txt").write_text(notice_text(rng, titles, sentences, sections, places, focuses), encoding="utf-8")
    marker.touch()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    out = args.out or ROOT / "bench" / "out" / f"corpus-{args.notices}"
    print(generate(args.notices, out, args.seed))


if __name__ == "__main__":
    main()
