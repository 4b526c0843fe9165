"""The search interface: a query and filters in, the result dict of CONTRACT.md out.

The only module the web app and the CLI call for searching; nothing outside indexer/ touches
Whoosh, so another engine can serve the same calls later.
"""
import json
import threading
import time
from dataclasses import dataclass

import numpy as np

from . import highlight, query as querying, store
from .analysis import jieba_ready, words
from .evaluate import Evaluator, TextTable
from .facets import FacetTable

MAX_LIMIT = 100
MAX_PAGE = 1000
MAX_QUERY_CHARS = 500
REOPEN_CHECK_S = 1.0
SAME_TYPE_BONUS = 4.0  # more like this: score added for each problem type shared
SORTS = ("relevance", "date")
FILTERS = querying.FILTER_FIELDS


class BadRequest(ValueError):
    """A search request outside the bounds; str() says which bound."""


@dataclass
class Request:
    q: str = ""
    filters: dict = None
    page: int = 1
    limit: int = 10
    sort: str = "relevance"
    group: bool = False
    kinds: tuple = ("problem", "section")
    notice: str | None = None  # restrict to one notice (used by the benchmark's recall check)

    @classmethod
    def from_params(cls, params: dict) -> "Request":
        """From CLI options or URL parameters; raises BadRequest with a clear sentence."""
        q = str(params.get("q") or "")
        if len(q) > MAX_QUERY_CHARS:
            raise BadRequest(f"The query is {len(q)} characters long; at most {MAX_QUERY_CHARS} are allowed.")
        page = to_int(params.get("page"), 1, "page", 1, MAX_PAGE)
        limit = to_int(params.get("limit"), 10, "limit", 1, MAX_LIMIT)
        sort = str(params.get("sort") or "relevance")
        if sort not in SORTS:
            raise BadRequest(f"sort must be one of {', '.join(SORTS)}, not {sort!r}.")
        filters = {}
        for name in FILTERS:
            value = params.get(name)
            if value not in (None, ""):
                filters[name] = str(value).strip()[:100]
        group = str(params.get("group") or "").lower() in ("1", "true", "notice", "yes", "on")
        kind = params.get("kind")
        kinds = (kind,) if kind in ("problem", "section") else ("problem", "section")
        return cls(q, filters, page, limit, sort, group, kinds)


def to_int(value, default, name, low, high) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(str(value).strip())
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {str(value)[:20]!r}.")
    if not low <= number <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, not {number}.")
    return number


@dataclass
class Generation:
    """What one committed generation of the index needs in memory, shared by all threads."""
    number: int
    ix: object
    facets: FacetTable
    evaluator: Evaluator

    @classmethod
    def load(cls, ix):
        with ix.searcher() as searcher:
            reader = searcher.reader()
            facets = FacetTable(reader)
            texts = TextTable(reader, np.flatnonzero(facets.passage))
        # The evaluator reads postings through its own reader, kept open with the generation.
        reader = ix.reader()
        return cls(ix.latest_generation(), ix, facets, Evaluator(reader, facets, texts, facets.passage))


class Engine:
    """One index, opened lazily; a newly committed generation replaces it once it is loaded.

    Whoosh searchers read their files through shared file positions, so they must not be shared
    between threads: each thread gets its own searcher of the current generation. The tables of
    a generation (plain arrays) are loaded once and shared; a new generation is loaded in the
    background while the previous one keeps answering.
    """

    def __init__(self, index_path=None, background=True):
        self.path = store.index_dir(index_path)
        self.background = background
        self._lock = threading.Lock()
        self._local = threading.local()
        self._generation = None
        self._loading = None
        self._checked = 0.0

    def _newest(self):
        """Look for a newer committed generation at most once a second; load it."""
        with self._lock:
            now = time.monotonic()
            if self._generation is not None and (now - self._checked < REOPEN_CHECK_S or self._loading):
                return
            self._checked = now
            ix = store.open_index(self.path)  # a fresh object: Whoosh caches the table of contents
            if self._generation is not None and ix.latest_generation() == self._generation.number:
                return
            if self._generation is not None and self.background:
                self._loading = threading.Thread(target=self._load, args=(ix,), daemon=True)
                self._loading.start()
                return
        self._load(ix)

    def _load(self, ix):
        try:
            jieba_ready()  # the dictionary, before the first query rather than inside it
            generation = Generation.load(ix)
            with self._lock:
                if self._generation is None or generation.number > self._generation.number:
                    self._generation = generation
        finally:
            self._loading = None

    def current(self):
        """(searcher of this thread, generation) for the newest loaded generation."""
        self._newest()
        generation = self._generation
        local = self._local
        if getattr(local, "number", None) != generation.number:
            searcher = generation.ix.searcher()
            local.searcher, local.number = searcher, generation.number  # the old one closes when collected
        return local.searcher, generation

    def close(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = self._local.number = None

    # --- search -------------------------------------------------------------------------------
    def _match(self, request: Request):
        """The documents the request matches (after filters), with their scores when ranked."""
        searcher, generation = self.current()
        table = generation.facets
        parsed = querying.parse(request.q)
        filters = {**parsed.filters, **(request.filters or {})}
        keep = table.mask(filters, request.kinds)
        if request.notice:
            keep &= table.columns["notice_id"].codes == (table.columns["notice_id"].code_of(request.notice) or -1)
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
        total = int(len(docnums))
        hits = ranked_page(table, docnums, scores, request)
        spans_terms = querying.highlight_terms(parsed)
        result = {
            "query": request.q,
            "filters": filters,
            "total": total,
            "notices": table.distinct_notices(docnums),
            "page": request.page,
            "limit": request.limit,
            "sort": request.sort,
            "group": request.group,
            "took_ms": 0.0,
            "hits": [self.hit(searcher, docnum, score, spans) for docnum, score, spans in
                     with_spans(searcher, generation, hits, spans_terms)],
            "facets": table.counts(docnums, filters),
        }
        result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return result

    @staticmethod
    def hit(searcher, docnum, score, spans) -> dict:
        stored = searcher.stored_fields(docnum)
        kind = stored["kind"]
        body = stored.get("body") or ""
        return {
            "notice_id": stored["notice_id"],
            "problem_id": stored["id"] if kind == "problem" else None,
            "passage_id": stored["id"],
            "kind": kind,
            "source": stored["source"],
            "title": stored.get("heading") or "",
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
            "title_html": highlight.render(stored.get("heading") or "", highlight.merge(spans.get("title", []))),
            "snippet": highlight.snippet(body, spans.get("body", [])),
            "score": score,
        }

    def crosstab(self, request: Request, rows: str, columns: str) -> dict:
        """Counts of matching passages for each pair of two facets' values (for charts)."""
        _, generation, _, filters, docnums, _ = self._match(request)
        return {**generation.facets.crosstab(docnums, rows, columns), "filters": filters}

    def highlighted_passages(self, notice_id: str, q: str) -> dict:
        """passage id → its text as escaped HTML with the query's terms marked (for the notice page)."""
        searcher, generation = self.current()
        table = generation.facets
        parsed = querying.parse(q)
        terms = querying.highlight_terms(parsed)
        code = table.columns["notice_id"].code_of(notice_id)
        if code is None or not terms:
            return {}
        docnums = [(int(d), None) for d in np.flatnonzero(table.passage & (table.columns["notice_id"].codes == code))]
        out = {}
        for docnum, _, spans in with_spans(searcher, generation, docnums, terms):
            stored = searcher.stored_fields(docnum)
            out[stored["id"]] = highlight.render(stored.get("body") or "", highlight.merge(spans.get("body", [])))
        return out

    # --- more like this ----------------------------------------------------------------------
    def similar(self, problem_id: str, limit: int = 10) -> dict:
        """Problems of other notices on the same matter: same types first, then shared words."""
        started = time.perf_counter()
        searcher, generation = self.current()
        table = generation.facets
        docnum = searcher.document_number(id=problem_id)
        if docnum is None:
            return None
        stored = searcher.stored_fields(docnum)
        text = (stored.get("heading") or "") + "\n" + (stored.get("body") or "")
        keywords = [word for word, _ in searcher.key_terms_from_text("text", text, numterms=12)]
        title_words = words(stored.get("heading") or "", for_query=True)
        docs, scores = generation.evaluator.related(keywords, title_words)
        keep = table.mask({}, ("problem",))
        keep &= table.columns["notice_id"].codes != table.columns["notice_id"].code_of(stored["notice_id"])
        inside = keep[docs]
        docs, scores = docs[inside], scores[inside]
        own_types = [table.type_values.index(t) for t in stored.get("types") or [] if t in table.type_values]
        if own_types and len(docs):  # the same kind of problem counts most
            scores = scores + SAME_TYPE_BONUS * table.type_matrix[docs][:, own_types].sum(axis=1)
        order = np.argsort(-scores, kind="stable")[:limit]
        hits = [(int(docs[i]), round(float(scores[i]), 3)) for i in order]
        out = [self.hit(searcher, d, s, spans) for d, s, spans in with_spans(searcher, generation, hits, title_words)]
        return {"problem_id": problem_id, "title": stored.get("heading"), "types": stored.get("types") or [],
                "hits": out, "took_ms": round((time.perf_counter() - started) * 1000, 2)}

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

    def stats(self) -> dict:
        """Notices per region, year and doc_type; problems per category, type and status."""
        searcher, generation = self.current()
        table = generation.facets
        docnums = np.flatnonzero(table.passage)
        kind = table.columns["kind"]
        notices = np.flatnonzero(table.live & (kind.codes == (kind.code_of("notice") or -1)))
        problems = np.flatnonzero(table.passage & (kind.codes == (kind.code_of("problem") or -1)))
        facets = table.counts(notices, {}, limit=1000)
        by_problem = table.counts(problems, {}, limit=1000)
        for name in ("category", "type", "status"):
            facets[name] = by_problem[name]
        size = sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())
        report = store.read_report(self.path)
        return {
            "index_dir": str(self.path),
            "notices": int(len(notices)),
            "passages": int(len(docnums)),
            "problems": int(len(problems)),
            "size_mb": round(size / 1048576, 2),
            "built_at": report.get("built_at"),
            "last_build": report,
            "facets": facets,
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
        _, first_of_notice = np.unique(table.columns["notice_id"].codes[ranked], return_index=True)
        keep = np.sort(first_of_notice)
        ranked = ranked[keep]
        ranked_scores = ranked_scores[keep] if ranked_scores is not None else None
    first = (request.page - 1) * request.limit
    last = first + request.limit
    return [(int(d), round(float(ranked_scores[i + first]), 3) if ranked_scores is not None else None)
            for i, d in enumerate(ranked[first:last])]


def with_spans(searcher, generation, hits, terms):
    """(docnum, score, spans) for each hit, spans = {"body": [...], "title": [...]}."""
    texts = generation.evaluator.texts.fields
    out = []
    for docnum, score in hits:
        found = {}
        if terms:
            stored = searcher.stored_fields(docnum)
            found = {
                "body": highlight.spans(texts["chars"][docnum], stored.get("body_runs"), terms),
                "title": highlight.spans(texts["title_chars"][docnum], stored.get("title_runs"), terms),
            }
        out.append((docnum, score, found))
    return out
