"""起草参考: paste or upload a draft or a feedback list, see each of its problems with the most similar
problems of other bodies' notices, and export them.

The draft lives only in its request: it comes in the form (or the JSON body), goes back in the
page's text area, and the exports post it again. It is never stored, logged or written to disk
(uploads are kept in memory: webapp.InMemoryRequest).
"""
from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError

from indexer.engine.search import FACETS, PRECEDENT_FILTERS, BadRequest, Request, upload_field

from . import draft_export, engine

bp = Blueprint("draft", __name__)

LIMITS = (3, 5, 10)
FACET = {facet.name: facet for facet in FACETS}
LABELS = {facet.name: facet.label for facet in FACETS}
TOO_LARGE = "草稿太大了：一次最多提交 {mb} MB（粘贴的文字或上传的文件）。请只提交列出问题的那部分。"
TOO_LARGE_JSON = "The draft is larger than the {mb} MB a request may carry; send only the part that lists the problems."
EMPTY = "草稿是空的：请把问题清单粘贴到文本框里，或者选择一个文件。"
NOT_FROM_HERE = "这个表单已过期或不是从本页提交的，没有处理。请在下面重新点“查找先例”。"


@bp.get("/draft")
def page():
    return render_page({"text": "", "limit": "5"})


@bp.post("/draft")
def results():
    form = posted_form()
    try:
        result = look_up(form)
    except BadRequest as e:
        return render_page(form, error=str(e)), 400
    if form.get("file_name"):  # the text area now holds what was read, for the exports and a new search
        form["text"] = result["text"]
    return render_page(form, result)


@bp.post("/draft/export.docx")
def export_docx():
    return export(draft_export.docx_of, "docx",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@bp.post("/draft/export.md")
def export_markdown():
    return export(draft_export.markdown_of, "md", "text/markdown; charset=utf-8")


@bp.post("/api/precedents")
def api_precedents():
    """JSON in, JSON out. Exempt from the CSRF token (webapp/__init__.py): it accepts only
    application/json, which no page of another site can send without a CORS preflight that this
    app never grants, and it changes nothing."""
    if not request.is_json:
        return error_json(415, 'Send the draft as JSON, with Content-Type: application/json: {"text": "…", "limit": 5}.')
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("text"), str):
        return error_json(400, 'Send a JSON object whose "text" is the draft as a string: {"text": "…", "limit": 5}.')
    filters = {name: body.get(name) for name in PRECEDENT_FILTERS}
    return jsonify(engine().precedents(body["text"], "draft", body.get("limit"), filters))


@bp.errorhandler(413)
def too_large(error):
    if request.path.startswith("/api/"):
        return error_json(413, TOO_LARGE_JSON.format(mb=max_mb()))
    return render_page({"text": "", "limit": "5"}, error=TOO_LARGE.format(mb=max_mb())), 413


@bp.errorhandler(CSRFError)
def forged(error):
    # The text comes back into the form so that nothing typed is lost; the page changes nothing.
    return render_page(posted_form(), error=NOT_FROM_HERE), 400


def posted_form() -> dict:
    """The form as posted: the pasted text, the name of a chosen file, the limit and the filters."""
    upload = request.files.get("file")
    form = {"text": request.form.get("text", ""), "limit": request.form.get("limit") or "5",
            "file_name": upload.filename if upload and upload.filename else None}
    form.update({name: request.form.get(name, "") for name in PRECEDENT_FILTERS})
    return form


def look_up(form: dict) -> dict:
    """The precedents of the posted draft: the chosen file's, else the pasted text's."""
    if form["file_name"]:
        draft, name = request.files["file"].read(), form["file_name"]
    elif form["text"].strip():
        draft, name = form["text"], "draft"
    else:  # the commonest slip, said in the page's language (the engine's sentences are English)
        raise BadRequest(EMPTY)
    return engine().precedents(draft, name, form["limit"], {k: form[k] for k in PRECEDENT_FILTERS})


def export(render, extension: str, content_type: str) -> Response:
    form = posted_form()
    try:
        result = look_up(form)
    except BadRequest as e:
        return render_page(form, error=str(e)), 400
    body = render(result, LABELS)
    return Response(body, content_type=content_type, headers={
        "Content-Disposition": draft_export.disposition(result, extension), "Cache-Control": "no-store"})


def render_page(form: dict, result: dict | None = None, error: str | None = None) -> str:
    return render_template("draft.html", form=form, result=result, error=error, limits=LIMITS, max_mb=max_mb(),
                           filters=filter_options(form), labels=LABELS, upload=upload_field())


def max_mb() -> int:
    return current_app.config["MAX_CONTENT_LENGTH"] // 1048576


def filter_options(form: dict) -> list:
    """[{name, label, rows}] for the filter lists: each lists the values the index holds among
    problems that meet the other filters, with counts."""
    chosen = {name: form.get(name) for name in PRECEDENT_FILTERS if form.get(name)}
    out = []
    for name in PRECEDENT_FILTERS:
        others = {key: value for key, value in chosen.items() if key != name}
        counts = engine().search(Request.from_params({**others, "kind": "problem", "limit": 1}))["facets"][name]
        rows = [{"value": row["value"], "count": row["count"]} for row in counts]
        if chosen.get(name) and chosen[name] not in {row["value"] for row in rows}:
            rows.insert(0, {"value": chosen[name], "count": 0})
        out.append({"name": name, "label": LABELS[name], "rows": rows, "chosen": chosen.get(name, ""),
                    "resets": " ".join(below for below in FACET[name].below if below in PRECEDENT_FILTERS)})
    return out


def error_json(status: int, message: str):
    return jsonify({"error": message, "status": status}), status
