"""The JSON API described: an OpenAPI 3.1 document built from the engine's parameter registry.

A small generator of our own rather than apispec or spectree: those describe request and answer
schemas declared with marshmallow or pydantic, which this app has none of; its parameters live in
one registry (indexer/engine/schema.py FACETS, request.py PARAMETERS and bounds), read here, so a
new facet or parameter shows up in the description without anyone editing it.
"""
import inspect

from flask import Blueprint, jsonify, render_template

from indexer.engine.search import FACETS, MAX_PAGE, PARAMETERS, PRECEDENT_FILTERS, Request, find_precedents

from .views import CHARTS

bp = Blueprint("openapi", __name__)

# The bounds beside Request in its module; the facade exports Request, whose module holds them.
_REQUEST = inspect.getmodule(Request)
MAX_LIMIT, MAX_QUERY_CHARS = _REQUEST.MAX_LIMIT, _REQUEST.MAX_QUERY_CHARS
SORTS, MATCHES, KINDS = _REQUEST.SORTS, _REQUEST.MATCHES, _REQUEST.PASSAGE_KINDS
MAX_PRECEDENTS = inspect.getmodule(find_precedents).MAX_LIMIT  # a draft's precedents have their own bound

TEXT = {"type": "string"}
MAYBE_TEXT = {"type": ["string", "null"]}
MAYBE_INT = {"type": ["integer", "null"]}
WORDS = {"type": "array", "items": TEXT}
SPANS = {"type": "array", "items": {"type": "array"}}   # [start, end] of each marked stretch
LIST = {"type": "array"}
ERROR = {"$ref": "#/components/schemas/Error"}

# What each parameter of a search means, for the page and the description; the list of
# parameters itself comes from PARAMETERS, so a parameter without a sentence here still appears.
MEANINGS = {
    "q": "The query: words, \"a phrase\", OR, -word, name:value filters (as on the search page).",
    "match": "all: every match; exact: only where each term occurs as written (精确).",
    "sort": "relevance (best first) or date (newest first).",
    "group": "1 to show one hit per notice.",
    "page": "Which page of hits, from 1.",
    "limit": "Hits per page.",
    "kind": "Only passages of this kind: the notice's opening, a problem, or another section.",
}


def parameter_schema(name: str) -> dict:
    """The JSON schema of one search parameter, from the registry's bounds."""
    facet = next((f for f in FACETS if f.name == name), None)
    if facet is not None and facet.ranged:
        return {"type": "string", "pattern": r"^(\d{1,9}|\d{1,9}-\d{1,9})$",
                "description": "A year such as 2025 or a range such as 2020-2023."}
    if facet is not None:
        return {"type": "string", "maxLength": 100}
    return {
        "q": {"type": "string", "maxLength": MAX_QUERY_CHARS},
        "match": {"type": "string", "enum": list(MATCHES)},
        "sort": {"type": "string", "enum": list(SORTS)},
        "group": {"type": "string", "enum": ["0", "1"]},
        "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
        "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
        "kind": {"type": "string", "enum": list(KINDS)},
    }.get(name, TEXT)


def search_parameters() -> list:
    out = []
    for name in PARAMETERS:
        facet = next((f for f in FACETS if f.name == name), None)
        meaning = f"Filter: {facet.label} ({name})." if facet else MEANINGS.get(name, name)
        out.append({"name": name, "in": "query", "required": False, "description": meaning,
                    "schema": parameter_schema(name)})
    return out


def hit_value_schema(facet) -> dict:
    """A facet's value in a hit (schema.Facet.shown): a list, a number, or text; null when unknown."""
    return WORDS if facet.multi else MAYBE_INT if facet.ranged else MAYBE_TEXT


def schemas() -> dict:
    facet_names = [f.name for f in FACETS]
    hit = {"type": "object", "required": ["kind", "notice_id", "passage_id", "title", "notice_title", "types"],
           "properties": {
               "kind": {"type": "string", "enum": list(KINDS)}, "notice_id": TEXT, "passage_id": TEXT,
               "problem_id": MAYBE_TEXT, "title": TEXT, "notice_title": TEXT, "issuer": MAYBE_TEXT,
               "published": MAYBE_TEXT, **{facet.key: hit_value_schema(facet) for facet in FACETS},
               "status_text": MAYBE_TEXT, "path": {"type": ["array", "null"], "items": TEXT}, "seq": MAYBE_INT,
               "score": {"type": ["number", "null"]}, "snippet": TEXT, "snippet_text": TEXT,
               "match": {"type": "string", "enum": ["exact", "related"]}, "source": TEXT,
               "title_html": TEXT, "title_spans": SPANS, "snippet_spans": SPANS, "source_url": MAYBE_TEXT,
               "notice_matches": {"type": "integer", "minimum": 1},
               "others": {"type": "array", "items": {"type": "object"}}}}
    facet_value = {"type": "object", "required": ["value", "count"],
                   "properties": {"value": TEXT, "count": {"type": "integer", "minimum": 0},
                                  "selected": {"type": "boolean"}}}
    search = {"type": "object", "required": ["query", "hits", "total", "page", "limit", "facets", "filters"],
              "properties": {
                  "query": TEXT, "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                  "total": {"type": "integer", "minimum": 0}, "notices": {"type": "integer", "minimum": 0},
                  "page": {"type": "integer", "minimum": 1}, "limit": {"type": "integer", "minimum": 1},
                  "sort": {"type": "string", "enum": list(SORTS)}, "match": {"type": "string", "enum": list(MATCHES)},
                  "group": {"type": "boolean"}, "took_ms": {"type": "number"},
                  "total_exact": {"type": "integer", "minimum": 0}, "total_all": {"type": "integer", "minimum": 0},
                  "excluded_filters": {"type": "object"}, "understood": LIST, "unclear": LIST,
                  "expanded": {"type": "object"}, "facets_truncated": {"type": "object"}, "type_groups": {"type": "object"},
                  "type_descriptions": {"type": "object"}, "suggestions": LIST,
                  "facets": {"type": "object", "required": facet_names,
                             "properties": {name: {"type": "array", "items": facet_value} for name in facet_names}},
                  "filters": {"type": "object", "properties": {name: TEXT for name in facet_names}}}}
    passage = {"type": "object", "required": ["id", "seq", "title", "text"],
               "properties": {"id": TEXT, "seq": {"type": "integer"}, "title": TEXT, "text": TEXT,
                              "path": WORDS, "types": WORDS, "status": MAYBE_TEXT, "category": MAYBE_TEXT}}
    notice = {"type": "object", "required": ["id", "title", "source", "problems", "sections", "region"],
              "properties": {
                  "id": TEXT, "title": TEXT, "issuer": MAYBE_TEXT, "published": MAYBE_TEXT, "year": MAYBE_INT,
                  "doc_type": MAYBE_TEXT, "source": TEXT, "source_url": MAYBE_TEXT, "text": TEXT,
                  "region": {"type": "object", "properties": {"province": MAYBE_TEXT, "city": MAYBE_TEXT,
                                                              "county": MAYBE_TEXT}},
                  "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Passage"}},
                  "sections": {"type": "array", "items": {"$ref": "#/components/schemas/Passage"}}}}
    similar = {"type": "object", "required": ["problem_id", "notice_id", "hits"],
               "properties": {"problem_id": TEXT, "notice_id": TEXT, "title": TEXT, "types": WORDS,
                              "limit": {"type": "integer"},
                              "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}}}
    precedents = {"type": "object", "required": ["text", "problems", "limit"],
                  "properties": {"text": TEXT, "found_by": MAYBE_TEXT, "limit": {"type": "integer"},
                                 "filters": {"type": "object"}, "took_ms": {"type": "number"},
                                 "problems": {"type": "array", "items": {
                                     "type": "object", "required": ["title", "hits"],
                                     "properties": {"title": TEXT, "text": TEXT, "types": WORDS,
                                                    "hits": {"type": "array",
                                                             "items": {"$ref": "#/components/schemas/Hit"}}}}}}}
    draft = {"type": "object", "required": ["text"],
             "properties": {"text": {"type": "string", "description": "The draft or feedback list, as text."},
                            "limit": {"type": "integer", "minimum": 1, "maximum": MAX_PRECEDENTS},
                            **{name: parameter_schema(name) for name in PRECEDENT_FILTERS}}}
    export = {"type": "object", "required": ["query", "hits"],
              "properties": {"query": TEXT, "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}}}
    error = {"type": "object", "required": ["error", "status"],
             "properties": {"error": TEXT, "status": {"type": "integer"}}}
    return {"Hit": hit, "SearchResult": search, "Passage": passage, "Notice": notice, "Similar": similar,
            "Precedents": precedents, "Draft": draft, "Export": export, "Error": error}


def answers(ok: dict, *errors: int) -> dict:
    """The answers of one operation: 200 with `ok`, each error status with the Error object, and 503
    for an index that cannot answer (not built yet, or being replaced)."""
    out = {"200": ok}
    for status in (*errors, 503):
        out[str(status)] = {"description": STATUS_WORDS[status], "content": {"application/json": {"schema": ERROR}}}
    return out


STATUS_WORDS = {400: "A parameter outside its bounds; `error` says which.", 404: "No such id.",
                413: "The draft is larger than a request may carry.", 415: "The draft was not sent as JSON.",
                503: "The index cannot answer (not built yet, or damaged)."}


def json_answer(description: str, schema: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def document() -> dict:
    """The OpenAPI 3.1 description of every JSON (and CSV, and Atom) route of the app."""
    search = search_parameters()
    id_parameter = {"in": "path", "required": True, "schema": {"type": "string", "minLength": 1, "maxLength": 80}}
    limit = next(p for p in search if p["name"] == "limit")
    pick = {"name": "pick", "in": "query", "required": False, "style": "form", "explode": True,
            "description": "Export only these passages (passage ids, as ticked on the search page).",
            "schema": {"type": "array", "items": {"type": "string", "maxLength": 80}}}
    paths = {
        "/api/search": {"get": {
            "operationId": "search", "summary": "Passages that match a query and filters, with facet counts.",
            "parameters": search, "responses": answers(json_answer("A page of hits.", "SearchResult"), 400)}},
        "/api/notices/{notice_id}": {"get": {
            "operationId": "notice", "summary": "One notice as parsed: its facts, sections and problems.",
            "parameters": [{"name": "notice_id", **id_parameter}],
            "responses": answers(json_answer("The notice.", "Notice"), 404)}},
        "/api/similar/{problem_id}": {"get": {
            "operationId": "similar", "summary": "The problems of other notices most like this one.",
            "parameters": [{"name": "problem_id", **id_parameter}, limit],
            "responses": answers(json_answer("The problem and its likes.", "Similar"), 400, 404)}},
        "/api/precedents": {"post": {
            "operationId": "precedents", "summary": "Each problem of a draft with the most similar published ones.",
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Draft"}}}},
            "responses": answers(json_answer("The draft's problems and their precedents.", "Precedents"),
                                 400, 413, 415)}},
        "/export.json": {"get": {
            "operationId": "export_json", "summary": "Every hit of a search (up to 1000), in full, as JSON.",
            "parameters": [p for p in search if p["name"] not in ("page", "limit")] + [pick],
            "responses": answers(json_answer("The hits.", "Export"), 400)}},
        "/export.csv": {"get": {
            "operationId": "export_csv", "summary": "Every hit of a search (up to 1000), in full, as CSV (UTF-8, BOM).",
            "parameters": [p for p in search if p["name"] not in ("page", "limit")] + [pick],
            "responses": answers({"description": "One row a hit.",
                                  "content": {"text/csv": {"schema": {"type": "string"}}}}, 400)}},
        "/charts/{name}.csv": {"get": {
            "operationId": "chart_csv", "summary": "The data of a chart of the problems a search finds, as CSV (UTF-8, BOM).",
            "parameters": [{"name": "name", "in": "path", "required": True,
                            "description": "Which chart: " + "; ".join(f"{k} ({v})" for k, v in CHARTS.items()),
                            "schema": {"type": "string", "enum": list(CHARTS)}}]
                          + [p for p in search if p["name"] not in ("page", "limit", "sort", "group")],
            "responses": answers({"description": "One row a type (by year) or a province.",
                                  "content": {"text/csv": {"schema": {"type": "string"}}}}, 404)}},
        "/feed": {"get": {
            "operationId": "feed", "summary": "The newest passages of a search (by publication date) as an Atom feed.",
            "parameters": [p for p in search if p["name"] not in ("page", "limit", "sort", "group")],
            "responses": answers({"description": "An Atom feed.",
                                  "content": {"application/atom+xml": {"schema": {"type": "string"}}}}, 400)}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "巡察整改通报检索 API", "version": "1",
                 "description": "Search published inspection-rectification notices (巡察整改进展情况的通报). "
                                "Errors are JSON: {\"error\": a sentence, \"status\": the HTTP status}."},
        "paths": paths,
        "components": {"schemas": schemas()},
    }


@bp.get("/api/openapi.json")
def openapi_json():
    return jsonify(document())


@bp.get("/api")
def api_page():
    spec = document()
    operations = [{"method": method.upper(), "path": path, **operation}
                  for path, item in spec["paths"].items() for method, operation in item.items()]
    return render_template("api.html", spec=spec, operations=operations)
