"""The web app's addresses from its settings (indexer/settings.py declares every NOTICES_ one)."""
from flask import current_app

from indexer import settings
from indexer.engine.search import web_address


def public_url() -> str | None:
    """NOTICES_PUBLIC_URL (or the app's PUBLIC_URL config): the http(s) address the service is
    reached at from other machines, without a trailing slash. Links that leave the machine (in
    exports, in copied citations) use it; without it they are left out. Never the request's Host
    header, which any client can set."""
    configured = current_app.config.get("PUBLIC_URL") or settings.text("PUBLIC_URL")
    base = web_address(configured)
    return base.rstrip("/") if base else None


def notice_link(notice_id: str, seq: int | None = None) -> str | None:
    """The public address of a notice (and of one of its passages), or None without a public URL."""
    base = public_url()
    if base is None:
        return None
    return f"{base}/notice/{notice_id}" + (f"#p{seq}" if seq else "")
