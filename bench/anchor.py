"""The project beside a native engine: tantivy (Rust) indexing the same passages, searched with the
same query mix, in one run. One JSON line with both sides and the ratios.

    python bench/anchor.py --notices 1000

Both sides start from the corpus files and use as many processes: the project builds its index
(`notices index`); the tantivy side parses the files with the project's parser, analyses every
passage with the project's own analysis (jieba words, and letter bigrams with their positions),
then indexes them with tantivy. Queries are the benchmark's mix (bench/queries.py): each term is
an exact phrase of bigrams or all of its words, in titles or texts; filters are term queries;
every query also counts eight facets (tantivy aggregations) and makes snippets for its top ten.
tantivy is a yardstick only (the `bench` extra), never a dependency of the program.
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.queries import query_mix  # noqa: E402
from indexer.document.notice import opening_section  # noqa: E402
from indexer.document.parse import parse_file  # noqa: E402
from indexer.engine.search import FACETS, Engine, Request, build_index, letters, words, words_of_texts  # noqa: E402

WARM = 5
FACET_FIELDS = [f.name for f in FACETS]


# --- the tantivy side ------------------------------------------------------------------------------
def analysed(path: str) -> list:
    """In a worker: one file's passages as tantivy documents (dicts of strings), analysed the way
    the project analyses them."""
    notice = parse_file(path).to_json()
    opening = opening_section(notice["sections"])
    passages = [("notice", notice.get("title") or "", opening["text"] if opening else "", None, None, [])]
    passages += [("problem", p["title"], p["text"], p["category"], p["status"], p["types"]) for p in notice["problems"]]
    passages += [("section", s["title"], s["text"], None, None, []) for s in notice["sections"] if s is not opening]
    segmented = words_of_texts([p[2] for p in passages] + [p[1] for p in passages])
    region = notice["region"]
    out = []
    for i, (kind, title, body, category, status, types) in enumerate(passages):
        out.append({
            "kind": kind, "title": title, "body": body,
            "body_words": " ".join(segmented[i]), "title_words": " ".join(segmented[len(passages) + i]),
            "body_bigrams": " ".join(bigram_tokens(letters(body))), "title_bigrams": " ".join(bigram_tokens(letters(title))),
            "province": region.get("province") or "", "city": region.get("city") or "",
            "county": region.get("county") or "", "year": str(notice["year"] or ""), "doc_type": notice["doc_type"] or "",
            "category": category or "", "status": status or "", "type": types,
            "published": int((notice.get("published") or "0").replace("-", "") or 0),
        })
    return out


def bigram_tokens(letter_text: str) -> list:
    """The letters as overlapping pairs, the last letter alone: one token per position."""
    return [letter_text[i:i + 2] for i in range(len(letter_text))]


def tantivy_schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    for name in ("title_words", "body_words"):
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in ("title_bigrams", "body_bigrams"):
        builder.add_text_field(name, stored=True, tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("title", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("kind", stored=True, tokenizer_name="raw", fast=True, index_option="basic")
    for name in FACET_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_integer_field("published", stored=True, fast=True)
    return builder.build()


def tantivy_build(files: list, folder: Path, jobs: int):
    import tantivy

    schema = tantivy_schema()
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(heap_size=512 * 1024 * 1024, num_threads=jobs)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for passages in pool.map(analysed, [str(f) for f in files], chunksize=8):
            for passage in passages:
                document = tantivy.Document()
                for name, value in passage.items():
                    if name == "type":
                        for one in value:
                            document.add_text("type", one)
                    elif name == "published":
                        document.add_integer(name, value)
                    elif name != "body":
                        document.add_text(name, value)
                writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, schema


class TantivySearch:
    """The mix's queries on tantivy: each term exact (a phrase of bigrams) or by all of its words."""

    def __init__(self, index, schema):
        import tantivy

        self.tantivy, self.index, self.schema = tantivy, index, schema
        self.searcher = index.searcher()

    def term(self, term: str):
        Query, Occur = self.tantivy.Query, self.tantivy.Occur
        grams = bigram_tokens(letters(term))[:-1] or bigram_tokens(letters(term))
        ways = []
        for field in ("title_bigrams", "body_bigrams"):
            ways.append(Query.phrase_query(self.schema, field, grams) if len(grams) > 1
                        else Query.term_query(self.schema, field, grams[0]))
        term_words = words(term, for_query=True)
        if len(term_words) > 1:
            ways.append(Query.boolean_query([(Occur.Must, Query.term_query(self.schema, "body_words", w))
                                             for w in term_words]))
        return Query.boolean_query([(Occur.Should, way) for way in ways])

    def query(self, params: dict):
        Query, Occur = self.tantivy.Query, self.tantivy.Occur
        clauses = []
        for term in (params.get("q") or "").split():
            clauses.append((Occur.Must, self.term(term)))
        for name in FACET_FIELDS:
            if params.get(name):
                clauses.append((Occur.Must, Query.term_query(self.schema, name, str(params[name]))))
        return Query.boolean_query(clauses) if clauses else Query.all_query()

    def search(self, params: dict):
        query = self.query(params)
        if params.get("sort") == "date":
            hits = self.searcher.search(query, 10, order_by_field="published").hits
        else:
            hits = self.searcher.search(query, 10).hits
        self.searcher.aggregate(query, {name: {"terms": {"field": name, "size": 100}} for name in FACET_FIELDS})
        generator = self.tantivy.SnippetGenerator.create(self.searcher, query, self.schema, "body_bigrams")
        for _, address in hits:
            generator.snippet_from_doc(self.searcher.doc(address)).to_html()


# --- both sides -------------------------------------------------------------------------------------
def latencies(search, mix: list) -> list:
    for params in mix[:WARM]:
        search(params)
    out = []
    for params in mix:
        started = time.perf_counter()
        search(params)
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(build_seconds: float, times: list, folder: Path) -> dict:
    ordered = sorted(times)
    return {"index_seconds": round(build_seconds, 2), "query_p50_ms": round(statistics.median(ordered), 2),
            "query_p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
            "index_mb": round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1048576, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    corpus = generate(args.notices, ROOT / "bench" / "out" / f"corpus-{args.notices}")
    files = sorted(corpus.glob("*.txt"))
    work = Path(tempfile.mkdtemp(prefix="anchor-"))
    try:
        started = time.perf_counter()
        build_index(corpus, work / "project", jobs=args.jobs, progress=False)
        project_build = time.perf_counter() - started
        engine = Engine(work / "project")
        mix = query_mix(engine)
        project = summary(project_build, latencies(lambda p: engine.search(Request.from_params({**p, "limit": 10})), mix),
                          work / "project")

        (work / "tantivy").mkdir()
        started = time.perf_counter()
        index, schema = tantivy_build(files, work / "tantivy", args.jobs)
        tantivy_build_seconds = time.perf_counter() - started
        other = summary(tantivy_build_seconds, latencies(TantivySearch(index, schema).search, mix), work / "tantivy")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratios = {key: round(project[key] / other[key], 2) for key in project if other[key]}
    result = {"notices": args.notices, "queries": len(mix), "jobs": args.jobs, "project": project, "tantivy": other,
              "ratios": ratios}
    out = ROOT / "bench" / "out" / f"anchor-{args.notices}.json"
    out.write_text(json.dumps(result, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
