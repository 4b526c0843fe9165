"""JSON and CSV: the same searches as the pages, for scripts and spreadsheets."""
import csv
import io

from flask import Blueprint, Response, abort, jsonify, request

from indexer.engine.search import FACETS, Request, chinese_date

from . import engine
from .downloads import cell, content_disposition, file_name
from .settings import notice_link

bp = Blueprint("api", __name__)
EXPORT_ROWS = 1000
# (header, key of the hit): what an office reads in a spreadsheet, the passage's text in full; every
# facet of the registry is a column, under the label the search page gives it.
CSV_COLUMNS = (("问题或段落", "title"), ("整改情况（全文）", "text"), ("层次", "path"), ("通报标题", "notice_title"),
               ("发文单位", "issuer"), ("发布日期", "published"), *((facet.label, facet.key) for facet in FACETS),
               ("引用", "citation"), ("通报链接", "link"), ("来源地址", "source_url"), ("种类", "kind"), ("匹配", "match"),
               ("通报编号", "notice_id"), ("段落编号", "passage_id"), ("文件", "source"))
LISTED = tuple(facet.key for facet in FACETS if facet.multi)  # several values in one cell
KIND_NAMES = {"problem": "问题", "section": "段落", "notice": "整份通报"}
MATCH_NAMES = {"exact": "精确", "related": "相关"}


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
    """Every hit of the current search, up to EXPORT_ROWS, in the page's order, in full
    (Engine.in_full); only the ticked ones (`pick`: passage ids) when some were ticked."""
    first = Request.from_params({**params(), "page": None, "limit": None, "pick": None})
    first.limit, first.page = EXPORT_ROWS, 1
    hits = engine().search(first)["hits"]
    picked = set(request.args.getlist("pick")[:EXPORT_ROWS])
    if picked:
        hits = [hit for hit in hits if hit["passage_id"] in picked]
    return [{**hit, "link": notice_link(hit["notice_id"], hit["seq"] if hit["kind"] != "notice" else None)}
            for hit in engine().in_full(hits)]


def download_name(extension: str) -> str:
    """'检索-食堂-2026-12-01.csv', and an ASCII name for old clients, as the header gives them."""
    query = request.args.get("q", "")
    return content_disposition(file_name("检索", query, extension), file_name("notices-search", None, extension))


@bp.get("/export.csv")
def export_csv():
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header for header, _ in CSV_COLUMNS)
    for hit in export_hits():
        row = {**hit, **{key: "；".join(hit[key]) for key in LISTED}, "path": " › ".join(hit["path"] or []),
               "kind": KIND_NAMES.get(hit["kind"], hit["kind"]), "match": MATCH_NAMES.get(hit["match"], hit["match"]),
               "published": chinese_date(hit["published"], hit["year"])}
        writer.writerow([cell(row.get(key)) for _, key in CSV_COLUMNS])
    body = "\ufeff" + out.getvalue()  # the BOM lets spreadsheet programs read UTF-8
    return Response(body.encode("utf-8"), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": download_name("csv")})


@bp.get("/export.json")
def export_json():
    response = jsonify({"query": request.args.get("q", ""), "hits": export_hits()})
    response.headers["Content-Disposition"] = download_name("json")
    return response
