"""Atom feeds of searches: /feed takes the search page's parameters and gives its newest passages.

Whoever follows a topic (公务用车 in one province) subscribes once; a build that adds notices adds
entries, since the feed is the search itself, sorted by publication date. feedgen writes the XML.
"""
from datetime import date, datetime, timedelta, timezone

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, request, url_for

from indexer.engine.search import FACETS, PARAMETERS, Request, xml_safe

from . import engine
from .settings import public_url

bp = Blueprint("feed", __name__)
ENTRIES = 50
# Notices carry a day, not an hour: an entry is dated at the start of that day in China.
CHINA = timezone(timedelta(hours=8))
KIND_NAMES = {"problem": "问题", "section": "段落", "notice": "通报"}
# The parameters a feed carries over from the search page: not the page of hits or their number.
FEED_PARAMETERS = tuple(name for name in PARAMETERS if name not in ("page", "limit", "sort", "group"))


def feed_arguments(args) -> dict:
    return {name: args.get(name) for name in FEED_PARAMETERS if args.get(name)}


@bp.app_context_processor
def feed_of_the_search():
    """The search page's own feed, for the <link rel="alternate"> in base.html and the 订阅 link."""
    if request.endpoint != "views.search":
        return {}
    return {"feed_url": url_for("feed.feed", **feed_arguments(request.args))}


def day_of(published: str | None) -> datetime | None:
    try:
        return datetime.combine(date.fromisoformat(published), datetime.min.time(), CHINA) if published else None
    except ValueError:
        return None


def absolute(path: str) -> str:
    """An address readers can follow: under NOTICES_PUBLIC_URL when it is set, else relative to the
    feed's own address (Atom resolves it against xml:base). Never the request's Host header."""
    base = public_url()
    return (base + path) if base else path


def describe(hit: dict) -> str:
    """The entry's body: the passage in full, then its notice, issuer, date and region."""
    region = " ".join(part for part in (hit.get("province"), hit.get("city"), hit.get("county")) if part)
    lines = [hit.get("text") or hit.get("snippet_text") or "",
             f"通报：{hit['notice_title']}",
             *([f"发文单位：{hit['issuer']}"] if hit.get("issuer") else []),
             *([f"发布日期：{hit['published']}"] if hit.get("published") else []),
             *([f"地区：{region}"] if region else []),
             *([f"原文链接：{hit['source_url']}"] if hit.get("source_url") else [])]
    return xml_safe("\n".join(lines))


def feed_title(arguments: dict) -> str:
    labels = {facet.name: facet.label for facet in FACETS}
    parts = [arguments.get("q", "")] + [f"{labels[name]}：{value}" for name, value in arguments.items() if name in labels]
    words = " ".join(part for part in parts if part)
    # A query may hold any character; XML 1.0 cannot carry control characters.
    return xml_safe(f"巡察整改通报检索：{words}" if words else "巡察整改通报检索：最新通报")


@bp.get("/feed")
def feed():
    arguments = feed_arguments(request.args)
    search = Request.from_params({**arguments, "sort": "date", "limit": str(ENTRIES)})
    hits = engine().in_full(engine().search(search)["hits"])

    generator = FeedGenerator()
    self_url = url_for("feed.feed", **arguments)
    generator.id("urn:notices:feed:" + self_url)
    generator.title(feed_title(arguments))
    generator.author({"name": "巡察整改通报检索"})
    generator.link(href=absolute(url_for("views.search", **arguments)), rel="alternate", type="text/html")
    generator.link(href=absolute(self_url), rel="self", type="application/atom+xml")
    generator.language("zh-CN")

    dated = [day_of(hit.get("published")) for hit in hits]
    # An undated passage (the notice names no day) is dated by the newest one, else by the epoch:
    # Atom needs a date, and a made-up "now" would show it as new at every visit.
    newest = max((day for day in dated if day), default=datetime(1970, 1, 1, tzinfo=timezone.utc))
    generator.updated(newest)
    for hit, day in zip(reversed(hits), reversed(dated)):  # feedgen puts each new entry first
        entry = generator.add_entry()
        entry.id(f"urn:notices:passage:{hit['passage_id']}")
        kind = KIND_NAMES.get(hit["kind"], "")
        name = hit["title"] or hit["notice_title"]
        entry.title(xml_safe(f"{name}（{kind}）" if kind else name))
        seq = hit["seq"] if hit["kind"] != "notice" else None
        entry.link(href=absolute(url_for("views.notice", notice_id=hit["notice_id"]) + (f"#p{seq}" if seq else "")),
                   rel="alternate", type="text/html")
        entry.content(describe(hit), type="text")
        entry.updated(day or newest)
        if day:
            entry.published(day)
    return Response(generator.atom_str(pretty=True), content_type="application/atom+xml; charset=utf-8")
