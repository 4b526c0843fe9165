"""What a saved web page says about its document outside the text: <meta> tags, <title>, its address.

Government sites follow one set of meta names (SiteName, ColumnName, ArticleTitle, PubDate,
ContentSource); news sites use Open Graph and Dublin Core. Every value is a plain string; dates are
ISO dates. Keys: headline, title, site, column, source, published, url, url_date, breadcrumb.
"""
import re

from .dates import iso, make_date, parse_date

META_NAMES = {
    "headline": ("articletitle", "og:title", "twitter:title", "dc.title"),
    "site": ("sitename", "og:site_name", "site_name", "application-name"),
    "column": ("columnname",),
    "source": ("contentsource", "source", "dc.publisher", "publisher"),
    "published": ("pubdate", "publishdate", "publish_date", "publish-date", "article:published_time",
                  "og:release_date", "dc.date.issued", "dc.date.created", "dc.date", "firstpublishedtime",
                  "datepublished", "release_date", "pdate"),
    "url": ("og:url", "url"),
}
KEY_OF_META = {name: key for key, names in META_NAMES.items() for name in names}
# <title> is often 'headline_site' or 'headline - site'.
TITLE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|——|--|\s-\s|-(?=[^-]*$))\s*")
# A date in an address: /2022/03/28/, /2022-03/28/, /20220328/, t20220328_123.html, /202203/t20220328.
URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})([-/_]?)(\d{2})(?:\2|/)(\d{2})(?!\d)")
# Elements that hold the breadcrumb trail, by class or id.
BREADCRUMB_MARKS = ("crumb", "position", "location", "dqwz", "weizhi", "current")
BREADCRUMB_WORDS = re.compile(r"位置|首页")


def page_facts(root) -> dict:
    facts = {}
    for element in root.iter("meta"):
        name = (element.get("name") or element.get("property") or element.get("itemprop") or "").strip().lower()
        key, value = KEY_OF_META.get(name), " ".join((element.get("content") or "").split())
        if key and value and key not in facts:
            facts[key] = value
    if "published" in facts:
        facts["published"] = iso(parse_date(facts["published"]))
    canonical = root.xpath("//link[@rel='canonical']/@href")
    if canonical:
        facts["url"] = canonical[0].strip()
    if facts.get("url"):
        facts["url_date"] = iso(url_date(facts["url"]))
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        facts["title"] = " ".join(title.text_content().split())
        head, *rest = TITLE_SEPARATOR.split(facts["title"])
        if rest and "site" not in facts:
            facts["site"] = rest[-1]
    if "headline" in facts:
        facts["headline"] = without_site(facts["headline"], facts.get("site"))
    if crumb := breadcrumb(root):
        facts["breadcrumb"] = crumb
    return {key: value for key, value in facts.items() if value}


def without_site(headline: str, site: str | None) -> str:
    """'headline_site' → 'headline' (og:title often carries the site's name too)."""
    parts = TITLE_SEPARATOR.split(headline)
    if len(parts) > 1 and site and parts[-1] == site:
        return "".join(parts[:-1]).strip()
    return headline


def title_head(title: str) -> str:
    """The headline part of a <title>: what comes before the site's name."""
    return TITLE_SEPARATOR.split(title)[0].strip()


def url_date(url: str):
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    m = URL_DATE.search(path)
    return make_date(m.group(1), m.group(3), m.group(4)) if m else None


def breadcrumb(root) -> str | None:
    for element in root.xpath("//body//*[@class or @id]"):
        marks = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(mark in marks for mark in BREADCRUMB_MARKS):
            text = " ".join(element.text_content().split())
            if text and len(text) < 200 and BREADCRUMB_WORDS.search(text):
                return text
    return None
