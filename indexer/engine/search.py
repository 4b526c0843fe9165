"""The engine's facade: the one module the web app, the command line and the benchmark import.

A query and filters in, the result dict of CONTRACT.md out; one notice; statistics; building an
index. It re-exports the errors its callers handle. Nothing outside indexer/engine touches Whoosh,
so another engine could serve the same calls.
"""
import json
import time

import numpy as np

from . import build, highlight, query as querying, store
from .analysis import words
from .generation import Generations
from .request import MAX_PAGE, PARAMETERS, BadRequest, Request
from .schema import FACETS
from .store import IndexBusy, IndexMissing

__all__ = ["Engine", "Request", "BadRequest", "IndexMissing", "IndexBusy", "FACETS", "MAX_PAGE", "PARAMETERS",
           "build_index", "index_exists", "index_dir"]

SAME_TYPE_BONUS = 4.0  # more like this: score added for each problem type shared

build_index = build.run
index_exists = store.exists
index_dir = store.index_dir


class Engine:
    """One index, opened lazily; a newly committed generation replaces it once it is loaded."""

    def __init__(self, index_path=None, background=True):
        self.path = store.index_dir(index_path)
        self.generations = Generations(self.path, background)

    def current(self):
        """(searcher of this thread, generation): opens the index, or raises IndexMissing."""
        return self.generations.current()

    def release_thread(self):
        """Close the calling thread's searcher; the next call opens another."""
        self.generations.release_thread()

    # --- search -------------------------------------------------------------------------------
    def _match(self, request: Request):
        """The documents the request matches (after filters), with their scores when ranked."""
        searcher, generation = self.current()
        table = generation.facets
        parsed = querying.parse(request.q)
        filters = {**parsed.filters, **request.filters}
        keep = table.mask(filters, request.kinds)
        if request.notice:
            keep &= table.of_notice(request.notice)
        scores = None
        if parsed.is_empty():
            docnums = np.flatnonzero(keep)
        else:
            matched, matched_scores = generation.evaluator.run(parsed)
            inside = keep[matched] if len(matched) else np.zeros(0, dtype=bool)
            docnums = matched[inside]
            if request.sort == "relevance":
                scores = generation.evaluator.proximity(docnums, matched_scores[inside], parsed)
        return searcher, generation, parsed, filters, docnums, scores

    def search(self, request: Request) -> dict:
        self.current()  # opening the index is not the query's time
        started = time.perf_counter()
        searcher, generation, parsed, filters, docnums, scores = self._match(request)
        table = generation.facets
        hits = ranked_page(table, docnums, scores, request)
        facets, truncated = table.counts(docnums, filters)
        result = {
            "query": request.q,
            "filters": filters,
            "total": int(len(docnums)),
            "notices": table.distinct_notices(docnums),
            "page": request.page,
            "limit": request.limit,
            "sort": request.sort,
            "group": request.group,
            "took_ms": 0.0,
            "hits": [hit(searcher.stored_fields(docnum), score, spans) for docnum, score, spans in
                     with_spans(searcher, generation, hits, querying.highlight_terms(parsed))],
            "facets": facets,
            "facets_truncated": truncated,
            "type_groups": generation.labels.get("type_groups", {}),
        }
        result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return result

    def crosstab(self, request: Request, rows: str, columns: str) -> dict:
        """Counts of matching passages for each pair of two facets' values (for charts)."""
        _, generation, _, filters, docnums, _ = self._match(request)
        return {**generation.facets.crosstab(docnums, rows, columns), "filters": filters}

    def highlighted_passages(self, notice_id: str, q: str) -> dict:
        """passage id → its text as escaped HTML with the query's terms marked (for the notice page)."""
        searcher, generation = self.current()
        table = generation.facets
        terms = querying.highlight_terms(querying.parse(q))
        if not terms:
            return {}
        docnums = [(int(d), None) for d in np.flatnonzero(table.passage & table.of_notice(notice_id))]
        out = {}
        for docnum, _, spans in with_spans(searcher, generation, docnums, terms):
            stored = searcher.stored_fields(docnum)
            out[stored["id"]] = highlight.render(stored.get("body") or "", highlight.merge(spans.get("body", [])))
        return out

    # --- more like this ----------------------------------------------------------------------
    def similar(self, problem_id: str, limit: int = 10) -> dict | None:
        """Problems of other notices on the same matter: same types first, then shared words."""
        started = time.perf_counter()
        searcher, generation = self.current()
        table = generation.facets
        docnum = searcher.document_number(id=problem_id)
        if docnum is None:
            return None
        stored = searcher.stored_fields(docnum)
        text = (stored.get("title") or "") + "\n" + (stored.get("body") or "")
        keywords = [word for word, _ in searcher.key_terms_from_text("body_words", text, numterms=12)]
        title_words = words(stored.get("title") or "", for_query=True)
        docs, scores = generation.evaluator.related(keywords, title_words)
        keep = table.mask({}, ("problem",)) & ~table.of_notice(stored["notice_id"])
        inside = keep[docs]
        docs, scores = docs[inside], scores[inside]
        types = table.facets["type"]
        own_types = [code for code in map(types.code_of, stored.get("types") or []) if code is not None]
        if own_types and len(docs):  # the same kind of problem counts most
            scores = scores + SAME_TYPE_BONUS * types.matrix[docs][:, own_types].sum(axis=1)
        order = np.argsort(-scores, kind="stable")[:limit]
        ranked = [(int(docs[i]), round(float(scores[i]), 3)) for i in order]
        hits = [hit(searcher.stored_fields(d), s, spans) for d, s, spans in with_spans(searcher, generation, ranked, title_words)]
        return {"problem_id": problem_id, "notice_id": stored["notice_id"], "title": stored.get("title"),
                "types": stored.get("types") or [], "hits": hits, "took_ms": round((time.perf_counter() - started) * 1000, 2)}

    # --- one notice, and the whole index -----------------------------------------------------
    def notice(self, notice_id: str) -> dict | None:
        searcher, _ = self.current()
        docnum = searcher.document_number(id=notice_id)
        if docnum is None:
            return None
        stored = searcher.stored_fields(docnum)
        if stored.get("kind") != "notice":
            return None
        return json.loads(stored["notice_json"])

    def notice_ids(self) -> list:
        searcher, _ = self.current()
        return [searcher.stored_fields(d)["id"] for d in searcher.document_numbers(kind="notice")]

    def sample_passages(self, count: int, rng) -> list:
        """`count` passages drawn with rng, as {"id", "notice_id", "text"} (the benchmark's recall check)."""
        searcher, generation = self.current()
        passages = np.flatnonzero(generation.facets.passage)
        out = []
        for _ in range(count):
            stored = searcher.stored_fields(int(passages[rng.randrange(len(passages))]))
            out.append({"id": stored["id"], "notice_id": stored["notice_id"], "text": stored.get("body") or ""})
        return out

    def stats(self) -> dict:
        """Notices per region, year and doc_type; problems per category, type and status."""
        _, generation = self.current()
        table = generation.facets
        passages = np.flatnonzero(table.passage)
        notices = np.flatnonzero(table.live & table.of_kinds(("notice",)))
        problems = np.flatnonzero(table.passage & table.of_kinds(("problem",)))
        facets, _ = table.counts(notices, {}, limit=1000)
        by_problem, _ = table.counts(problems, {}, limit=1000)
        for name in ("category", "type", "status"):
            facets[name] = by_problem[name]
        size = sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())
        report = store.read_report(self.path)
        return {
            "index_dir": str(self.path),
            "notices": int(len(notices)),
            "passages": int(len(passages)),
            "problems": int(len(problems)),
            "size_mb": round(size / 1048576, 2),
            "built_at": report.get("built_at"),
            "last_build": report,
            "facets": facets,
            "type_groups": generation.labels.get("type_groups", {}),
        }


def hit(stored: dict, score, spans: dict) -> dict:
    kind = stored["kind"]
    return {
        "notice_id": stored["notice_id"],
        "problem_id": stored["id"] if kind == "problem" else None,
        "passage_id": stored["id"],
        "kind": kind,
        "source": stored["source"],
        "title": stored.get("title") or "",
        "path": stored.get("path") or [],
        "seq": stored.get("seq"),
        "notice_title": stored.get("notice_title"),
        "issuer": stored.get("issuer"),
        "province": stored.get("province") or None,
        "city": stored.get("city") or None,
        "county": stored.get("county") or None,
        "year": int(stored["year"]) if stored.get("year") else None,
        "published": stored.get("published") or None,
        "doc_type": stored.get("doc_type") or None,
        "category": stored.get("category") or None,
        "types": stored.get("types") or [],
        "status": stored.get("status") or None,
        "title_html": highlight.render(stored.get("title") or "", highlight.merge(spans.get("title", []))),
        "snippet": highlight.snippet(stored.get("body") or "", spans.get("body", [])),
        "score": score,
    }


def ranked_page(table, docnums, scores, request) -> list:
    """[(docnum, score)] of the requested page: by score, or by date (newest first), optionally
    one passage per notice (its best)."""
    if scores is None:
        order = np.argsort(-table.published_rank[docnums], kind="stable")
    else:
        order = np.lexsort((-table.published_rank[docnums], -scores))  # ties: newer first
    ranked = docnums[order]
    ranked_scores = scores[order] if scores is not None else None
    if request.group:
        _, first_of_notice = np.unique(table.notice.codes[ranked], return_index=True)
        keep = np.sort(first_of_notice)
        ranked = ranked[keep]
        ranked_scores = ranked_scores[keep] if ranked_scores is not None else None
    first = (request.page - 1) * request.limit
    last = first + request.limit
    return [(int(d), round(float(ranked_scores[i + first]), 3) if ranked_scores is not None else None)
            for i, d in enumerate(ranked[first:last])]


def with_spans(searcher, generation, hits, terms):
    """(docnum, score, spans) for each hit, spans = {"body": [...], "title": [...]}."""
    letters_of = generation.evaluator.letters.fields
    out = []
    for docnum, score in hits:
        found = {}
        if terms:
            stored = searcher.stored_fields(docnum)
            found = {
                "body": highlight.spans(letters_of["body_bigrams"][docnum], stored.get("body_runs"), terms),
                "title": highlight.spans(letters_of["title_bigrams"][docnum], stored.get("title_runs"), terms),
            }
        out.append((docnum, score, found))
    return out
