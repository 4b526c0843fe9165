"""JSON and CSV: the same searches as the pages, for scripts and spreadsheets."""
import csv
import io

from flask import Blueprint, Response, abort, jsonify, request

from indexer.engine.search import Request

from . import engine

bp = Blueprint("api", __name__)
EXPORT_ROWS = 1000
CSV_COLUMNS = ("notice_id", "problem_id", "kind", "match", "source", "title", "notice_title", "issuer", "province",
               "city", "county", "year", "published", "doc_type", "category", "types", "status", "snippet", "score")


def params() -> dict:
    return {key: request.args.get(key) for key in request.args}


@bp.get("/api/search")
def api_search():
    return jsonify(engine().search(Request.from_params(params())))


@bp.get("/api/notices/<notice_id>")
def api_notice(notice_id):
    data = engine().notice(notice_id)
    if data is None:
        abort(404, description=f"no notice has the id {notice_id[:40]}")
    return jsonify(data)


@bp.get("/api/similar/<problem_id>")
def api_similar(problem_id):
    limit = Request.from_params({"limit": request.args.get("limit")}).limit
    result = engine().similar(problem_id, limit=limit)
    if result is None:
        abort(404, description=f"no problem has the id {problem_id[:40]}")
    return jsonify(result)


def export_hits() -> list:
    """Every hit of the current search, up to EXPORT_ROWS, in the page's order."""
    first = Request.from_params({**params(), "page": None, "limit": None})
    first.limit, first.page = EXPORT_ROWS, 1
    return engine().search(first)["hits"]


@bp.get("/export.csv")
def export_csv():
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for hit in export_hits():
        row = {**hit, "types": ";".join(hit["types"]), "snippet": hit["snippet_text"], "match": hit["match"]}
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in CSV_COLUMNS])
    body = "\ufeff" + out.getvalue()  # the BOM lets spreadsheet programs read UTF-8
    return Response(body.encode("utf-8"), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=notices-search.csv"})


@bp.get("/export.json")
def export_json():
    response = jsonify({"query": request.args.get("q", ""), "hits": export_hits()})
    response.headers["Content-Disposition"] = "attachment; filename=notices-search.json"
    return response
