"""Precedents for a draft: each of its problems with the most similar problems of indexed notices.

The document wing reads the draft and tells its problems apart (document/draft.py); each is then
compared like "more like this" (Engine.similar_to: on substance, likeness.py), and each problem
gets only the precedents above the floor: fewer than the limit when no more are alike. The draft is
nobody's notice, so every indexed notice is another body's. Nothing of the draft is kept: it is
not indexed, not logged, not written anywhere.
"""
import time

from ..document.draft import draft_from_bytes, draft_from_text
from ..document.clean import xml_safe
from ..document.errors import UnreadableDocument
from .citation import citation, web_address
from .request import MAX_FILTER_CHARS, BadRequest, to_int
from .schema import FACETS

FILTERS = tuple(f.name for f in FACETS if f.precedents)  # narrow every problem's precedents at once
DEFAULT_LIMIT = 5
MAX_LIMIT = 20


class UnusableDraft(BadRequest):
    """A draft that cannot be read, or holds nothing to look up; str() is one sentence."""


def find(engine, draft: str | bytes, name: str, limit, filters: dict | None) -> dict:
    """{"text" (the draft as read), "found_by", "filters", "limit", "took_ms",
    "problems": [{"seq", "title", "text", "path", "category", "types",
                  "hits": [hit with closeness, shared_words, shared_types, text, link, source_url, citation]}]}."""
    started = time.perf_counter()
    limit = to_int(limit, DEFAULT_LIMIT, "limit", 1, MAX_LIMIT)
    # A filter comes back in the answer: without what no JSON encoder or XML can hold (a lone
    # surrogate from a JSON "\ud800" made every answer a 500).
    filters = {key: xml_safe(str(value)).strip()[:MAX_FILTER_CHARS] for key, value in (filters or {}).items()
               if key in FILTERS and value not in (None, "")}
    try:
        parsed = draft_from_bytes(draft, name) if isinstance(draft, bytes) else draft_from_text(draft)
    except UnreadableDocument as e:
        raise UnusableDraft(str(e)) from None
    problems = []
    sources = {}  # notice id → its source address, read once a lookup
    for problem in parsed.problems:
        hits = engine.similar_to(problem.title, problem.text, problem.types, limit, filters)
        found = [precedent for hit in hits if (precedent := with_rectification(engine, hit, sources))]
        problems.append({"seq": problem.seq, "title": problem.title, "text": problem.text, "path": problem.path,
                         "category": problem.category, "types": problem.types, "hits": found})
    return {"text": parsed.text, "found_by": parsed.found_by, "filters": filters, "limit": limit, "problems": problems,
            "took_ms": round((time.perf_counter() - started) * 1000, 2)}


def with_rectification(engine, hit: dict, sources: dict) -> dict | None:
    """The hit with its whole text (the rectification), its address in this index, where its notice
    was published (when known) and its citation; None when its notice left the index since the hit
    was found."""
    _, generation = engine.current()
    docnum = generation.passage_number(hit["problem_id"], hit["notice_id"])
    if docnum is None:
        return None
    if hit["notice_id"] not in sources:
        notice = engine.notice(hit["notice_id"]) or {}
        sources[hit["notice_id"]] = web_address(notice.get("source_url"))
    source_url = sources[hit["notice_id"]]
    return {**hit, "text": generation.body(docnum), "link": f"/notice/{hit['notice_id']}#p{hit['seq']}",
            "source_url": source_url,
            "citation": citation(hit["issuer"], hit["notice_title"], hit["published"], hit["year"], source_url)}
