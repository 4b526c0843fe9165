"""/notice/<id>/captured: the page or file a notice was read from, as it was captured (a record of a
web archive, a member of a ZIP file, or a page or PDF of the corpus), and the link to it that the
notice page shows (captured_link).

The capture is someone else's page, served from this site: it is shown in a sandbox (its scripts
never run, and it is not of this site's origin, so it reaches no cookie or page of ours), it fetches
nothing from anywhere (a captured page would otherwise call its site, or any other, at each view),
and it is never sniffed as another type than the one it was captured with.

A PDF is the exception to the sandbox: Chromium and Safari refuse to run their PDF viewer in a
sandboxed document whatever the sandbox allows (crbug.com/413851), and the viewer's own page breaks
under a restrictive policy. A PDF is sent without a policy; it is safe without one because it is
shown only as a PDF (its type, and nosniff), and the viewer keeps the file's scripts away from the
site's pages and cookies.
"""
import re
from urllib.parse import quote

from flask import Blueprint, Response, abort, request, url_for

from . import engine

bp = Blueprint("captured", __name__)

CAPTURED_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
GONE = ("这份通报没有可显示的存档页面：它不是从网页存档或网页、PDF 文件读入的，"
        "或存档文件已改动、已不在文档库中。")


@bp.get("/notice/<notice_id>/captured")
def captured(notice_id):
    record = engine().captured(notice_id)
    if record is None:
        abort(404, description=GONE)
    disposition = "inline" if record.shown_in_place else "attachment"
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", record.name) or "captured"
    return Response(record.data, content_type=record.content_type, headers={
        "Content-Disposition": f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(record.name, safe='')}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=3600",
    })


@bp.after_app_request
def sandboxed(response):
    """The capture's own policy, in place of the site's: this runs after the application's
    security headers, which are the same for every other answer."""
    if request.endpoint == "captured.captured" and response.status_code == 200:
        if response.mimetype == "application/pdf":
            del response.headers["Content-Security-Policy"]
        else:
            response.headers["Content-Security-Policy"] = CAPTURED_POLICY
    return response


@bp.app_template_global()
def captured_link(notice: dict) -> dict | None:
    """For notice.html: {"url", "label"} of the notice's capture, or None when there is none to show."""
    record = engine().captured(notice["id"])
    if record is None:
        return None
    day = (record.captured or "")[:10]
    if record.origin == "record":
        label = f"查看存档页面（{day} 抓取）" if day else "查看存档页面"
    else:
        label = "查看存档原件" if record.origin == "member" else "查看原始文件"
    return {"url": url_for("captured.captured", notice_id=notice["id"]), "label": label}
