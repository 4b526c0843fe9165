"""What the facade answers, as types: a hit and a search result, each with as_dict() giving its
JSON form (CONTRACT.md "A search result"), which the command line prints and the web app serves.

A hit's facet fields are not listed here: each facet of the registry (schema.FACETS) adds its own,
under its key, so a new facet shows in every hit without this module changing.
"""
from dataclasses import dataclass, field

from .schema import FACETS


@dataclass
class OtherMatch:
    """Another matching passage of a grouped hit's notice."""
    passage_id: str
    kind: str
    seq: int
    title: str
    match: str              # "exact" or "related"

    def as_dict(self) -> dict:
        return {"passage_id": self.passage_id, "kind": self.kind, "seq": self.seq, "title": self.title,
                "match": self.match}


@dataclass
class Hit:
    """A passage found: its own facts, its notice's, its facet values and its marked title and snippet."""
    notice_id: str
    problem_id: str | None  # the passage's id when it is a problem
    passage_id: str
    kind: str               # one of schema.KINDS
    match: str              # "exact" or "related"
    source: str             # the file, relative to the corpus
    title: str
    path: list
    seq: int
    notice_title: str | None
    issuer: str | None
    published: str | None
    facets: dict            # facet key → its value as a hit shows it (Facet.shown), every facet of the registry
    status_text: str | None  # the notice's own words for the status (已完成并长期坚持)
    title_html: str
    title_spans: list
    snippet: str            # escaped HTML, only <mark> added
    snippet_text: str
    snippet_spans: list
    score: float | None
    # Grouped results only: how many of its notice's passages matched, and the others.
    notice_matches: int | None = None
    others: list[OtherMatch] | None = None

    def as_dict(self) -> dict:
        out = {
            "notice_id": self.notice_id, "problem_id": self.problem_id, "passage_id": self.passage_id,
            "kind": self.kind, "match": self.match, "source": self.source, "title": self.title, "path": self.path,
            "seq": self.seq, "notice_title": self.notice_title, "issuer": self.issuer, "published": self.published,
            **self.facets,
            "status_text": self.status_text, "title_html": self.title_html, "title_spans": self.title_spans,
            "snippet": self.snippet, "snippet_text": self.snippet_text, "snippet_spans": self.snippet_spans,
            "score": self.score,
        }
        if self.notice_matches is not None:
            out["notice_matches"] = self.notice_matches
            out["others"] = [other.as_dict() for other in self.others or []]
        return out


def facet_fields(passage: dict) -> dict:
    """A passage's facet values (generation.passage) as a hit carries them, in the registry's order."""
    return {facet.key: facet.shown(passage.get(facet.key)) for facet in FACETS}


@dataclass
class SearchResult:
    """The answer to a search request."""
    query: str
    filters: dict             # facet → value, places as the index names them
    excluded_filters: dict    # facet → [values]
    understood: list          # places typed short: [{key, as_typed, understood, negated}]
    unclear: list             # places several names fit: [{key, as_typed, candidates, negated}]
    match: str                # "all" or "exact"
    expanded: dict            # term → the synonyms searched with it
    total: int                # what the user can page through (the facet counts count the same passages)
    total_exact: int
    total_all: int            # exact and related, whichever mode: 相关 = total_all - total_exact
    notices: int              # how many notices the passages come from
    page: int
    limit: int
    sort: str
    group: bool
    took_ms: float
    hits: list[Hit]
    facets: dict              # facet → [{value, count, selected}]
    facets_truncated: dict    # facet → whether its list was cut
    type_groups: dict         # type → the focus it is listed under
    type_descriptions: dict   # type or category → what it means
    suggestions: list = field(default_factory=list)   # [{term, instead}] when nothing matched exactly

    def as_dict(self) -> dict:
        return {
            "query": self.query, "filters": self.filters, "excluded_filters": self.excluded_filters,
            "understood": self.understood, "unclear": self.unclear, "match": self.match, "expanded": self.expanded,
            "total": self.total, "total_exact": self.total_exact, "total_all": self.total_all, "notices": self.notices,
            "page": self.page, "limit": self.limit, "sort": self.sort, "group": self.group, "took_ms": self.took_ms,
            "hits": [hit.as_dict() for hit in self.hits], "facets": self.facets,
            "facets_truncated": self.facets_truncated, "type_groups": self.type_groups,
            "type_descriptions": self.type_descriptions, "suggestions": self.suggestions,
        }
