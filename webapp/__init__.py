"""The web application: create_app(config) builds it; `notices serve` serves it with waitress."""
import io
import secrets

from flask import Flask, jsonify, render_template, request
from flask import Request as FlaskRequest
from flask_wtf.csrf import CSRFProtect

# Not imported as `settings`: the submodule webapp.settings takes that name in this package.
from indexer import settings as notices_settings
from indexer.engine.search import Engine, IndexFault, IndexMissing
from indexer.errors import NoticesError

# No inline script or style anywhere: everything the page needs comes from /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Sent with every answer, the server's own error answers too (webapp/server.py).
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# A posted draft (pasted text or a file) larger than this is refused with 413.
MAX_POST_BYTES = 5 * 1024 * 1024
csrf = CSRFProtect()


class InMemoryRequest(FlaskRequest):
    """Uploaded files stay in memory, where Werkzeug would spool those over 500 KB to a temporary
    file: a draft is never written to disk. MAX_CONTENT_LENGTH bounds the memory."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.request_class = InMemoryRequest
    app.config.update(INDEX_DIR=None)
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_POST_BYTES, MAX_FORM_MEMORY_SIZE=MAX_POST_BYTES,
        # Signs the session cookie that holds the form's CSRF token; a new key at each start only
        # means that a form left open across a restart must be sent again.
        SECRET_KEY=notices_settings.text("SECRET_KEY") or secrets.token_hex(32),
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the browser session: drafting takes time
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.config.update(config or {})
    app.json.ensure_ascii = False
    app.extensions["notices"] = Engine(app.config["INDEX_DIR"])
    warm(app.extensions["notices"])

    from . import api, captured, draft, feed, openapi, views
    from .state import STATE_KEYS

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(draft.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(feed.bp)
    app.register_blueprint(captured.bp)
    csrf.init_app(app)
    csrf.exempt(draft.api_precedents)  # JSON only: see its docstring

    @app.context_processor
    def state_keys():
        # The search box carries the page's filters and settings along with a new query.
        return {"carried_keys": [key for key in STATE_KEYS if key not in ("q", "page", "limit")]}

    @app.after_request
    def security_headers(response):
        response.headers.update(SECURITY_HEADERS)
        return response

    def wants_json():
        return request.path.startswith("/api/") or request.path.endswith(".json")

    @app.errorhandler(400)
    def bad_request_generic(error):
        return error_response(400, "这个请求的参数不对。", wants_json())

    @app.errorhandler(404)
    def not_found(error):
        return error_response(404, getattr(error, "description", None) or "没有这个页面。", wants_json())

    @app.errorhandler(405)
    def not_allowed(error):
        response, status = error_response(405, "这个地址不接受这种请求。", wants_json())
        response = app.make_response((response, status))
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods or []))  # RFC 9110: a 405 names them
        return response

    @app.errorhandler(500)
    def server_error(error):
        return error_response(500, "服务器出错了，请稍后再试。", wants_json())

    reported = set()

    @app.errorhandler(NoticesError)
    def said(error):
        """An error meant for the user: its sentence, with its HTTP status."""
        if not isinstance(error, IndexFault):
            return error_response(error.http_status, str(error), wants_json())
        # The index cannot answer this request (other requests may still be answered from the
        # generation in memory): say so, in the log once, and to the user with the sentence.
        if str(error) not in reported:
            reported.add(str(error))
            app.logger.error("%s", error)
        title = "索引还没有建立" if isinstance(error, IndexMissing) else "索引暂时无法使用"
        return error_response(error.http_status, f"{title}：{error}", wants_json())

    @app.errorhandler(Exception)
    def unexpected(error):
        if hasattr(error, "code") and hasattr(error, "description"):  # an HTTP error Flask knows
            return error_response(error.code, error.description, wants_json())
        app.logger.exception("unexpected error")
        return error_response(500, "服务器出错了，请稍后再试。", wants_json())

    return app


def warm(engine: Engine):
    """Open the index and load the dictionary now, not in the first visitor's request."""
    try:
        engine.current()
    except IndexFault:
        pass  # pages say so (503) until the index can answer


def error_response(status: int, message: str, as_json: bool):
    if as_json:
        return jsonify({"error": message, "status": status}), status
    return render_template("error.html", status=status, message=message), status


def engine() -> Engine:
    from flask import current_app

    return current_app.extensions["notices"]
