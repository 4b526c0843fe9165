"""HTML pages → text and page facts: noise elements removed, the main content block kept, line
breaks at blocks; the facts the page states outside that text (pagefacts.py, and the labelled fields
printed above the article, such as a disclosure table)."""
from dataclasses import dataclass, field

from ..clean import unify_widths
from ..errors import UnreadableDocument
from ..fields import read_fields
from ..pagefacts import page_facts
from .base import Format, Read

SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or ("<body" in head and "</" in head)


# Elements whose text is never the notice itself.
HTML_NOISE = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template", "svg"]
# Class or id fragments that mark navigation and page furniture on government sites.
HTML_NOISE_MARKS = ("nav", "menu", "footer", "header", "crumb", "share", "sidebar", "copyright", "banner")
BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "td", "title"}


@dataclass
class Page:
    text: str
    facts: dict = field(default_factory=dict)  # pagefacts.py keys, plus "fields": labelled fields above the article


def read_page(markup: str, name: str = "document") -> Page:
    """The main text of an HTML page (noise removed, the densest content block kept) and its facts."""
    import lxml.etree
    import lxml.html

    try:
        parser = lxml.html.HTMLParser(recover=True, huge_tree=True, remove_comments=True, encoding="utf-8")
        root = lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        root = None
    if root is None or len(root.text_content().strip()) * 2 < len(streamed_text(markup)):
        # libxml2 gives up on pathological nesting; a streaming pass has no depth limit.
        text = streamed_text(markup)
        if not text.strip():
            raise UnreadableDocument(f"{name} is an HTML page with no readable text.")
        return Page(text)
    facts = page_facts(root)  # before the furniture goes: the breadcrumb is furniture
    for element in root.xpath("//" + " | //".join(HTML_NOISE)):
        drop(element)
    for element in root.xpath("//*[@class or @id]"):
        marks = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(mark in marks for mark in HTML_NOISE_MARKS) and element.tag not in ("body", "html"):
            drop(element)
    main = pick_main(root)
    text = text_with_breaks(main)
    if not text.strip():
        raise UnreadableDocument(f"{name} is an HTML page with no readable text.")
    if main.tag != "body" and (fields := fields_above(root, main)):
        facts["fields"] = fields
    return Page(text, facts)


def fields_above(root, main) -> dict:
    """Labelled fields printed above the article (a disclosure table), which the main block leaves out.

    Only above it: lists of other articles below carry dates and sources that are not this one's.
    """
    body = root.find("body")
    if body is None:
        return {}
    own_text = main.text
    main.text = MAIN_STARTS + (own_text or "")
    page_text = text_with_breaks(body)
    main.text = own_text
    top = page_text.split(MAIN_STARTS, 1)[0]
    return read_fields(unify_widths(top).split("\n"))[0]


MAIN_STARTS = "\ue000main\ue000"  # a private-use mark no page contains


def streamed_text(markup: str) -> str:
    """Text of an HTML page in one pass, skipping noise elements, with no tree (and no depth limit)."""
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts, self.skipping = [], 0

        def handle_starttag(self, tag, attrs):
            if tag in HTML_NOISE:
                self.skipping += 1
            elif tag in BLOCK_TAGS:
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag in HTML_NOISE:
                self.skipping = max(0, self.skipping - 1)
            elif tag in BLOCK_TAGS:
                self.parts.append("\n")

        def handle_data(self, data):
            if not self.skipping:
                self.parts.append(data)

    collector = Collector()
    collector.feed(markup)
    collector.close()
    lines = (line.strip() for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


def drop(element):
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def pick_main(root):
    """<article>/<main> when present, else the block holding most of the page's Chinese text."""
    for xpath in ("//article", "//main", "//*[@id='zoom' or @class='zoom' or contains(@class,'content')]"):
        found = root.xpath(xpath)
        if found:
            best = max(found, key=lambda e: len(e.text_content()))
            if len(best.text_content().strip()) > 50:
                return best
    body = root.find("body")
    return body if body is not None else root


def text_with_breaks(element) -> str:
    """Text with a line break at every block element, iteratively (no recursion limit on deep pages)."""
    parts = []
    for event, node in lxml_iterwalk(element):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag.lower() in BLOCK_TAGS:
                parts.append("\n")
            if node.text and tag:
                parts.append(node.text)
        else:
            if tag.lower() in BLOCK_TAGS:
                parts.append("\n")
            if node.tail and node is not element:
                parts.append(node.tail)
    lines = (line.strip() for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def lxml_iterwalk(element):
    import lxml.etree

    return lxml.etree.iterwalk(element, events=("start", "end"))


def read_html(file, progress=None) -> Read:
    text, encoding = file.decoded
    page = read_page(text, file.name)
    return Read(page.text, encoding=encoding, fields=page.facts)


FORMAT = Format(
    name="html",
    suffixes=SUFFIXES,
    media_types=("text/html", "application/xhtml+xml"),
    sniff=lambda file: looks_like_html(file.decoded[0]),
    read=read_html,
    textual=True,
)
