"""The engine's facade: the one module the web app, the command line and the benchmark import.

A query and filters in, the result of CONTRACT.md out (typed in results.py, as JSON by as_dict);
one notice; statistics; building an index. It re-exports the errors its callers handle. Nothing
outside indexer/engine touches the index files, so another engine could serve the same calls.
"""
import functools
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..document.clean import xml_safe
from ..document.errors import UnreadableDocument
from ..document.formats import has_pictures, upload_field
from ..document.notice import notice_id_of, opening_section
from ..document.parse import file_content_id
from ..document.preview import page_image
from . import build, check, highlight, likeness, query as querying, store, typedvalues, vocabulary
from .sorted_arrays import distinct, kth_smallest
from .analysis import letters, words, words_of_texts
from .evaluate import RERANK
from .captured import find as find_captured
from .citation import chinese_date, citation, web_address
from .generation import Generation, Generations
from .precedents import DEFAULT_LIMIT as PRECEDENTS_LIMIT, FILTERS as PRECEDENT_FILTERS, find as find_precedents
from .query import FIELDS as QUERY_FIELDS, OPERATORS as QUERY_OPERATORS, tokens as query_tokens
from .request import MAX_PAGE, PARAMETERS, SORTS, BadRequest, Request
from .typedvalues import BadFilterValue
from .results import Hit, OtherMatch, SearchResult, facet_fields
from .schema import FACETS
from .segmenter import segmenter_line, segmenters
from .synonyms import default as synonym_table
from .workers import WorkerDied
from .facets import Eligible, date_order
from .faults import (EXIT_STATUSES, DiskFull, IndexBusy, IndexDamaged, IndexFault, IndexFromAnotherVersion,
                     IndexMissing, NotWritable, StaleLock, damaged)
from .segment import SegmentDamaged

__all__ = ["Engine", "Hit", "SearchResult",
           "Request", "BadRequest", "BadFilterValue", "IndexFault", "IndexMissing", "IndexBusy", "IndexDamaged",
           "IndexFromAnotherVersion", "DiskFull", "NotWritable", "StaleLock", "WorkerDied", "EXIT_STATUSES", "FACETS",
           "MAX_PAGE", "SORTS",
           "PARAMETERS", "PRECEDENT_FILTERS", "QUERY_FIELDS", "QUERY_OPERATORS", "build_index", "check_index",
           "chinese_date", "citation", "index_dir", "index_exists", "letters", "opening_section", "query_tokens",
           "ready", "web_address", "words", "words_of_texts", "xml_safe", "has_pictures", "upload_field",
           "segmenter_line", "segmenters"]

SAME_TYPE_BONUS = likeness.SAME_TYPE_BONUS   # more like this: score added for each problem type shared

build_index = build.run
check_index = check.check
index_exists = store.exists
index_dir = store.index_dir


def reading(method):
    """A fault of the index files met while answering becomes IndexDamaged, with its sentence."""
    @functools.wraps(method)
    def answer(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except SegmentDamaged as e:
            raise damaged(self.path, str(e)) from None
        except OSError as e:
            raise damaged(self.path, e.strerror or str(e)) from None
    return answer


# A broad match's facets are counted in a thread of their own while the page is ranked and its hits
# made: numpy lets go of the interpreter while it gathers and counts, and the machine has two cores
# (at 100,000 notices a province alone 7.0 to 8.4 → 4.8 to 7.2 ms). A narrower match: counted inline, as
# at 10,000 notices handing the counts over cost what it saved.
COUNTED_BESIDE = 100_000
BESIDE = ThreadPoolExecutor(max_workers=2, thread_name_prefix="facet-counts")


@dataclass
class Matched:
    """What a request matched in one generation."""
    generation: Generation
    parsed: querying.ParsedQuery
    expanded: dict          # term → the synonyms searched with it
    filters: dict
    docnums: np.ndarray     # the passages shown (exact ones only in exact mode)
    exact: np.ndarray       # for each of docnums: does it match exactly
    scored: np.ndarray | None   # positions in docnums that can reach the page, ascending; None when
                                # sorted by date or without terms (every passage can)
    scores: np.ndarray | None   # the score of each of those
    everything: int         # exact and related, whatever the mode
    understood: typedvalues.Understood  # places as typed and as the index names them
    eligible: Eligible      # the passages the matches were chosen from (facet counts start from theirs)


def ready(path) -> None:
    """Raise the IndexFault that keeps the index at path from answering, if there is one."""
    store.open_record(store.index_dir(path))


class Engine:
    """One index, opened lazily; a newly committed generation replaces it once it is loaded.
    Every answer is read from the generation in memory; a fault of the index files raises an
    IndexFault (faults.py) and never stops the answers that do not need the faulty file."""

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
    def _match(self, request: Request) -> "Matched":
        """The passages the request matches (after filters), with their scores when ranked and
        which of them match exactly."""
        _, generation = self.current()
        table = generation.facets
        parsed = querying.parse(request.q)
        expanded = vocabulary.known_expansions(generation.evaluator, synonym_table(), parsed.terms, expansions(parsed))
        understood = typedvalues.understand({**parsed.filters, **request.filters}, parsed.excluded_filters,
                                            parsed.filters, lambda key, value: table.facets[key].code_of(value) is not None)
        filters = understood.filters
        keep = table.mask(filters, request.kinds, understood.excluded)
        if request.notice:
            found = generation.notice_number.get(request.notice)
            keep &= table.notice == (found[0].notice_base + found[1] if found else -1)
        eligible = Eligible(eligible_key(filters, request.kinds, understood.excluded, request.notice), keep)
        scored = scores = None
        if parsed.is_empty():
            docnums = np.flatnonzero(keep)
            exact = np.ones(len(docnums), dtype=bool)
            everything = len(docnums)
        else:
            matched, matched_exact, sheet = generation.evaluator.run(parsed, expanded)
            # keep is a part of the live passages, and matches are live: as many as those, it holds
            # every match (a broad match is then not copied)
            if eligible.count < len(generation.evaluator.everything):
                inside = keep[matched]
                matched, matched_exact = matched[inside], matched_exact[inside]
            everything = len(matched)
            if request.exact_only:
                matched, matched_exact = matched[matched_exact], matched_exact[matched_exact]
            docnums, exact = matched, matched_exact
            if request.sort == "relevance":
                scored, scores = contenders(sheet, docnums, exact, request)
                scores = generation.evaluator.proximity(taken(docnums, scored), scores, taken(exact, scored), parsed,
                                                        generation.body)
        return Matched(generation, parsed, expanded, filters, docnums, exact, scored, scores, everything, understood,
                       eligible)

    def search(self, request: Request) -> dict:
        """The result of CONTRACT.md, as JSON-ready data (the typed SearchResult's as_dict)."""
        return self.search_result(request).as_dict()

    @reading
    def search_result(self, request: Request) -> SearchResult:
        self.current()  # opening the index is not the query's time
        started = time.perf_counter()
        matched = self._match(request)
        generation, docnums, exact = matched.generation, matched.docnums, matched.exact
        table = generation.facets
        count = functools.partial(table.counts, docnums, matched.filters, eligible=matched.eligible)
        counting = BESIDE.submit(count) if len(docnums) >= COUNTED_BESIDE else None
        if matched.scored is None:
            page = ranked_page(table, docnums, None, exact, request)
        else:
            page = ranked_page(table, taken(docnums, matched.scored), matched.scores, taken(exact, matched.scored),
                              request)
        terms = querying.highlight_terms(matched.parsed, matched.expanded)
        hits = [hit(generation.passage(docnum), score, is_exact, terms) for docnum, score, is_exact in page]
        if request.group:
            for shown, (docnum, _, _) in zip(hits, page):
                shown.notice_matches, shown.others = notice_matches(generation, docnums, exact, docnum)
        notices = table.distinct_notices(docnums)
        facets, truncated = counting.result() if counting is not None else count()
        return SearchResult(
            query=request.q, filters=matched.filters, excluded_filters=matched.understood.excluded,
            understood=matched.understood.notes, unclear=matched.understood.unclear,
            match="exact" if request.exact_only else "all", expanded=matched.expanded,
            total=int(len(docnums)), total_exact=int(exact.sum()), total_all=matched.everything,
            notices=notices, page=request.page, limit=request.limit, sort=request.sort,
            group=request.group, took_ms=round((time.perf_counter() - started) * 1000, 2), hits=hits,
            facets=facets, facets_truncated=truncated, **taxonomy_of(generation),
            suggestions=suggestions(generation, matched.parsed) if not exact.any() else [])

    @reading
    def crosstab(self, request: Request, rows: str, columns: str) -> dict:
        """Counts of matching passages for each pair of two facets' values (for charts)."""
        matched = self._match(request)
        return {**matched.generation.facets.crosstab(matched.docnums, rows, columns), "filters": matched.filters}

    @reading
    def highlighted_passages(self, notice_id: str, q: str) -> dict:
        """passage id → its text as escaped HTML with the query's terms marked (for the notice page)."""
        notice = self.notice(notice_id)
        parsed = querying.parse(q)
        terms = querying.highlight_terms(parsed, expansions(parsed))
        if notice is None or not terms:
            return {}
        return {p["id"]: highlight.as_html(highlight.whole(p["text"], highlight.spans(p["text"], terms)))
                for p in [*notice["problems"], *notice["sections"]]}

    # --- more like this ----------------------------------------------------------------------
    @reading
    def similar(self, problem_id: str, limit: int = 10) -> dict | None:
        """Problems of other notices on the same matter: same types first, then shared words."""
        started = time.perf_counter()
        _, generation = self.current()
        docnum = generation.passage_number(problem_id, notice_id_of(problem_id))
        if docnum is None:
            return None
        passage = generation.passage(docnum)
        hits = self.similar_to(passage["title"], passage["body"], passage["types"], limit,
                               exclude_notice=passage["notice"]["id"])
        return {"problem_id": problem_id, "notice_id": passage["notice"]["id"], "title": passage["title"],
                "types": passage["types"], "hits": hits, "limit": limit,
                "took_ms": round((time.perf_counter() - started) * 1000, 2)}

    @reading
    def similar_to(self, title: str, text: str, types: list, limit: int = 10, filters: dict | None = None,
                   exclude_notice: str | None = None) -> list:
        """Hits for the problems of indexed notices most like a problem given by its title, text and
        types, on substance (likeness.py): the telling words they share (a word of the title found
        in a title counts most; synonyms count; stock words never), then each shared type. Each hit
        says how close it is ("closeness": strong or partial) and why ("shared_words",
        "shared_types"); a problem below the floor is no hit, so fewer than `limit` may come back."""
        _, generation = self.current()
        evaluator, table = generation.evaluator, generation.facets
        keep = table.mask(filters or {}, ("problem",))
        if exclude_notice is not None:
            found = generation.notice_number.get(exclude_notice)
            if found:
                keep &= table.notice != found[0].notice_base + found[1]
        telling = likeness.telling_words(evaluator, table.mask({}, ("problem",)), title, text, synonym_table())
        candidates = [evaluator.word(field, word).docs for word in telling for field in ("body_words", "title_words")]
        docs = distinct(np.concatenate(candidates)) if candidates else np.zeros(0, dtype=np.int64)
        docs = docs[keep[docs]]
        evidence = likeness.weigh(evaluator, docs, telling)
        type_column = table.facets["type"]
        own_types = [code for code in map(type_column.code_of, types) if code is not None]
        shared_types = type_column.indicator(docs)[:, own_types] if own_types else np.zeros((len(docs), 0), dtype=bool)
        # How much it holds (the score) and how much of the problem's substance (the share).
        scores = (evidence.score + SAME_TYPE_BONUS * shared_types.sum(axis=1)) * (likeness.SHARE_BASE + evidence.share)
        best = float(scores.max()) if len(scores) else 0.0
        out = []
        for i in np.argsort(-scores, kind="stable"):
            types_in_common = [type_column.values[own_types[j]] for j in np.flatnonzero(shared_types[i])]
            how_close = likeness.closeness(float(evidence.share[i]), types_in_common, float(scores[i]) / best)
            if how_close is None:
                continue
            shared_words = evidence.shared(i)
            found = hit(generation.passage(int(docs[i])), round(float(scores[i]), 3), False, shared_words)
            out.append({**found.as_dict(), "closeness": how_close, "shared_words": shared_words,
                        "shared_types": types_in_common})
            if len(out) == limit:
                break
        return out

    @reading
    def in_full(self, hits: list) -> list:
        """Each hit with what an export needs beyond it: "text" (the passage whole: a problem's
        rectification), "source_url" (where its notice was published, when known, http(s) only)
        and "citation"; a hit whose notice left the index meanwhile keeps its snippet as text."""
        _, generation = self.current()
        sources, out = {}, []
        for found in hits:
            docnum = generation.passage_number(found["passage_id"], found["notice_id"])
            text = generation.body(docnum) if docnum is not None else found["snippet_text"]
            if found["notice_id"] not in sources:
                notice = self.notice(found["notice_id"]) or {}
                sources[found["notice_id"]] = web_address(notice.get("source_url"))
            source_url = sources[found["notice_id"]]
            out.append({**found, "text": text, "source_url": source_url,
                        "citation": citation(found["issuer"], found["notice_title"], found["published"], found["year"],
                                             source_url)})
        return out

    @reading
    def precedents(self, draft: str | bytes, name: str = "draft", limit=PRECEDENTS_LIMIT,
                   filters: dict | None = None) -> dict:
        """Each problem of a draft (pasted text, or a file's bytes of any supported kind) with the
        problems of indexed notices most like it, best first. Raises BadRequest with a sentence."""
        return find_precedents(self, draft, name, limit, filters)

    # --- one notice, and the whole index -----------------------------------------------------
    @reading
    def notice(self, notice_id: str) -> dict | None:
        """The notice as parsed, with the labels of the index's generation."""
        searcher, generation = self.current()
        if notice_id not in generation.notice_number:
            return None
        try:
            docnum = searcher.document_number(id=notice_id)
            data = json.loads(searcher.stored_fields(docnum)["notice_json"]) if docnum is not None else None
        except store.RECORD_ERRORS as e:  # the record's files, cut short or altered
            raise damaged(self.path, f"the stored notice cannot be read: {type(e).__name__}") from None
        if data is None:
            return None
        labels = generation.notice_labels(notice_id)
        for problem in data["problems"]:
            problem["category"], problem["types"] = labels.get(problem["id"], (problem["category"], problem["types"]))
        return data

    @reading
    def original_page(self, notice_id: str, number: int) -> bytes | None:
        """A picture (PNG) of page `number` of the file a notice was read from, when that file is a
        PDF or an image and is still in the corpus as it was indexed; None otherwise."""
        notice = self.notice(notice_id)
        _, generation = self.current()
        corpus = generation.manifest.corpus
        if notice is None or not corpus or not notice.get("pages"):
            return None
        path = Path(corpus) / notice["source"]
        try:
            if not path.is_file() or file_content_id(path) != notice["id"]:
                return None  # moved, removed or changed since it was indexed: not the page of this notice
            return page_image(path, number)
        except (OSError, UnreadableDocument):
            return None

    @reading
    def captured(self, notice_id: str):
        """The page or file a notice was read from, as captured (captured.Captured: its bytes,
        content type, address and capture date), when it is still in the corpus as it was indexed;
        None otherwise (a container rewritten since, a file changed or gone)."""
        notice = self.notice(notice_id)
        _, generation = self.current()
        corpus = generation.manifest.corpus
        if notice is None or not corpus:
            return None
        return find_captured(corpus, self.path, notice["source"], notice_id, notice.get("encoding"))

    def notice_ids(self) -> list:
        _, generation = self.current()
        return list(generation.notice_number)

    @reading
    def sample_passages(self, count: int, rng) -> list:
        """`count` passages drawn with rng, as {"id", "notice_id", "text"} (the benchmark's recall check)."""
        _, generation = self.current()
        passages = np.flatnonzero(generation.facets.live)
        out = []
        for _ in range(count):
            passage = generation.passage(int(passages[rng.randrange(len(passages))]))
            out.append({"id": passage["id"], "notice_id": passage["notice"]["id"], "text": passage["body"]})
        return out

    @reading
    def stats(self) -> dict:
        """Notices per region, year and doc_type; problems per category, type and status."""
        _, generation = self.current()
        table = generation.facets
        passages = np.flatnonzero(table.live)
        notices = np.flatnonzero(table.live & table.of_kinds(("notice",)))
        problems = np.flatnonzero(table.live & table.of_kinds(("problem",)))
        facets, _ = table.counts(notices, {}, limit=1000)
        by_problem, _ = table.counts(problems, {}, limit=1000)
        for facet in FACETS:
            if facet.source != "notice":
                facets[facet.name] = by_problem[facet.name]
        size = store.size_on_disk(self.path)
        report = store.read_report(self.path)
        return {
            "index_dir": str(self.path),
            "notices": int(len(notices)),
            "passages": int(len(passages)),
            "problems": int(len(problems)),
            "segments": len(generation.parts),
            "size_mb": round(size / 1048576, 2),
            "built_at": report.get("built_at"),
            "last_build": report,
            "facets": facets,
            **taxonomy_of(generation),
        }


def suggestions(generation, parsed) -> list:
    """For a query that found nothing as written: [{term, instead}] for each term the index does not hold
    and a term one character apart that it holds often."""
    out = []
    for term in parsed.terms:
        instead = vocabulary.did_you_mean(generation.evaluator, generation.body, term)
        if instead:
            out.append({"term": term, "instead": instead})
    return out


def expansions(parsed) -> dict:
    """term → the synonyms searched with it (quoted terms are searched as written)."""
    synonyms = synonym_table()
    out = {}
    for term in [*parsed.terms, *parsed.excluded]:
        if term not in parsed.quoted and (added := synonyms.expand(term)):
            out[term] = added
    return out


def taxonomy_of(generation) -> dict:
    """How the generation's labels group types under focuses, and what each type and category means."""
    return {"type_groups": generation.taxonomy.get("type_groups", {}),
            "type_descriptions": generation.taxonomy.get("descriptions", {})}


def hit(passage: dict, score, is_exact: bool, terms: list) -> Hit:
    """A passage as a search result: its facts, its notice's, its facet values, and its title and
    best window marked."""
    notice = passage["notice"]
    kind = passage["kind"]
    title = passage["title"]
    title_marks = highlight.whole(title, highlight.spans(title, terms))
    snippet = highlight.best_window(passage["body"], highlight.spans(passage["body"], terms))
    return Hit(
        notice_id=notice["id"], problem_id=passage["id"] if kind == "problem" else None, passage_id=passage["id"],
        kind=kind, match="exact" if is_exact else "related", source=notice["source"], title=title,
        path=passage["path"], seq=passage["seq"], notice_title=notice["title"], issuer=notice["issuer"],
        published=notice["published"] or None, facets=facet_fields(passage),
        status_text=passage["status_text"],  # the notice's own words (已完成并长期坚持); the facet has the state
        title_html=highlight.as_html(title_marks), title_spans=highlight.plain_spans(title_marks),
        snippet=highlight.as_html(snippet), snippet_text=highlight.as_plain(snippet),
        snippet_spans=highlight.plain_spans(snippet), score=score)


MAX_OTHERS_LISTED = 20   # a grouped hit lists at most this many of its notice's other matching passages


def notice_matches(generation: Generation, docnums: np.ndarray, exact: np.ndarray,
                   shown: int) -> tuple[int, list[OtherMatch]]:
    """For a hit that stands for its notice (grouped results): how many of the notice's passages
    matched (the shown one included) and the others, in the notice's order (at most MAX_OTHERS_LISTED)."""
    table = generation.facets
    # A notice's passages are numbered one after another: its matches are one stretch of docnums.
    first, last = np.searchsorted(table.notice, [table.notice[shown], table.notice[shown] + 1])
    low, high = np.searchsorted(docnums, [first, last])
    others = [(int(d), bool(e)) for d, e in zip(docnums[low:high], exact[low:high]) if d != shown]
    listed = []
    for docnum, is_exact in others[:MAX_OTHERS_LISTED]:
        listed.append(OtherMatch(*generation.passage_head(docnum), "exact" if is_exact else "related"))
    return len(others) + 1, listed


def eligible_key(filters: dict, kinds, excluded: dict, notice) -> tuple:
    """What decides the passages a request's matches are chosen from: its filters, kinds, excluded
    values and notice (facets.Eligible: requests with the same key share their counts)."""
    return (tuple(sorted((name, str(value)) for name, value in filters.items())), tuple(sorted(kinds)),
            tuple(sorted((name, tuple(values)) for name, values in excluded.items())), notice)


def taken(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """values[positions] for ascending, distinct positions; positions covering every index give
    the array itself, not a copy (a grouped broad match scores millions)."""
    return values if len(positions) == len(values) else values[positions]


def contenders(sheet, docnums: np.ndarray, exact: np.ndarray, request) -> tuple[np.ndarray, np.ndarray]:
    """(positions in docnums, their scores) of the passages that can reach the requested page
    ranked by relevance: the best `reach` in rank order (exact matches first), ties included,
    where reach covers the page and the passages proximity looks at. Grouped results take any
    notice's best passage: every passage is scored."""
    reach = max(RERANK, request.page * request.limit)
    if request.group or len(docnums) <= reach:
        return np.arange(len(docnums)), sheet.of(docnums)
    exact_at = np.flatnonzero(exact)
    if len(exact_at) >= reach:   # the page holds exact matches alone
        best, scores = sheet.best(docnums[exact_at], reach)
        return exact_at[best], scores
    related_at = np.flatnonzero(~exact)
    best, related_scores = sheet.best(docnums[related_at], reach - len(exact_at))
    positions = np.concatenate((exact_at, related_at[best]))
    scores = np.concatenate((sheet.of(docnums[exact_at]), related_scores))
    order = np.argsort(positions, kind="stable")
    return positions[order], scores[order]


DATE_WALK = 8   # a page by date of a match holding more than 1/DATE_WALK of the passages is read off
                # the generation's date order rather than sorted
WALK_CHUNK = 4096   # passages of that order looked at first (more, as the match thins out, after)


def walked_by_date(table, docnums: np.ndarray, exact: np.ndarray, oldest: bool, count: int) -> list:
    """The first `count` of docnums by date, exact matches first, as [(docnum, is exact)]: the
    order of every passage (kept) walked until it has held that many of them."""
    order, out = table.by_date(oldest), []
    for wanted, is_exact in ((docnums[exact], True), (docnums[~exact], False)):
        if len(out) >= count or not len(wanted):
            continue
        member = np.zeros(len(order), dtype=bool)
        member[wanted] = True
        at, chunk = 0, WALK_CHUNK
        while len(out) < count and at < len(order):
            found = order[at:at + chunk]
            out.extend((int(d), is_exact) for d in found[member[found]][:count - len(out)])
            at, chunk = at + chunk, chunk * 4
    return out


GROUP_WINDOW = 4   # grouped results: the best passages looked at first, as a multiple of the page's last
                   # place (doubled until they hold the page's notices)


def ranked_page(table, docnums, scores, exact, request) -> list:
    """[(docnum, score, exact)] of the requested page: exact matches first, then by score or by
    date (newest first, also the tie-break); optionally one passage per notice (its best)."""
    first = (request.page - 1) * request.limit
    last = first + request.limit
    if scores is None and not request.group and len(docnums) * DATE_WALK > len(table.notice):
        return [(docnum, None, is_exact) for docnum, is_exact in
                walked_by_date(table, docnums, exact, request.sort == "oldest", last)[first:last]]
    # By date: the order itself. By score: the tie-break, needed only for the passages chosen.
    dated = date_order(table.published_rank[docnums], request.sort == "oldest") if scores is None else None
    if last < len(docnums):
        # Only what could be on this page is sorted: everything ranked at or above the page's last
        # place. Grouped, the page's notices are those of the best passages: a window of them wide
        # enough to hold `last` notices (a notice outside it has no passage ranked as high as any in it).
        secondary = -dated if dated is not None else scores
        key = -(exact * (float(secondary.max()) + 1) + secondary)
        window = last if not request.group else min(len(docnums), GROUP_WINDOW * last)
        while True:
            kth = kth_smallest(key, window)
            chosen = np.flatnonzero(key <= kth)
            if not request.group or window == len(docnums) or table.distinct_notices(docnums[chosen]) >= last:
                break
            window = min(len(docnums), window * 2)
        docnums, exact = docnums[chosen], exact[chosen]
        dated = dated[chosen] if dated is not None else None
        scores = scores[chosen] if scores is not None else None
    if dated is None:
        dated = date_order(table.published_rank[docnums], request.sort == "oldest")
    if scores is None:
        order = np.lexsort((dated, ~exact))
    else:
        order = np.lexsort((dated, -scores, ~exact))
    ranked, ranked_exact = docnums[order], exact[order]
    ranked_scores = scores[order] if scores is not None else None
    if request.group:
        _, first_of_notice = np.unique(table.notice[ranked], return_index=True)
        keep = np.sort(first_of_notice)
        ranked, ranked_exact = ranked[keep], ranked_exact[keep]
        ranked_scores = ranked_scores[keep] if ranked_scores is not None else None
    return [(int(d), round(float(ranked_scores[i + first]), 3) if ranked_scores is not None else None,
             bool(ranked_exact[i + first])) for i, d in enumerate(ranked[first:last])]
