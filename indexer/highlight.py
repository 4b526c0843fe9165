"""Snippets with the query's terms marked, from the character offsets stored in the index.

The bigram field stores (position, startchar, endchar) for every bigram, so the places where a
term occurs in a hit are read from its postings: no segmentation of the stored text per hit.
"""
import html

from whoosh.reading import TermNotFound

from .analysis import query_bigrams

SNIPPET_CHARS = 140
LEAD_CHARS = 30


def term_spans(searcher, fieldname: str, docnums: list, terms: list) -> dict:
    """docnum → sorted [(start, end)] where any of terms occurs in that document's field."""
    found = {d: [] for d in docnums}
    ordered = sorted(docnums)
    for term in terms:
        grams = query_bigrams(term)
        if len(grams) == 1 and len(grams[0]) == 1:
            continue  # a single character: marked by scanning (see mark_single_characters)
        postings = {}
        for gram in dict.fromkeys(grams):
            try:
                postings[gram] = searcher.postings(fieldname, gram)
            except TermNotFound:
                postings = None
                break
        if not postings:
            continue
        for docnum in ordered:
            places = {}
            for gram, matcher in postings.items():
                if matcher.is_active() and matcher.id() < docnum:
                    matcher.skip_to(docnum)
                if not matcher.is_active() or matcher.id() != docnum:
                    places = None
                    break
                places[gram] = {pos: (start, end) for pos, start, end in matcher.value_as("characters")}
            if places:
                found[docnum].extend(phrase_spans(grams, places))
    for spans in found.values():
        spans.sort()
    return found


def phrase_spans(grams: list, places: dict) -> list:
    spans = []
    for pos, (start, end) in places[grams[0]].items():
        last = None
        for i, gram in enumerate(grams[1:], 1):
            last = places[gram].get(pos + i)
            if last is None:
                break
        else:
            spans.append((start, last[1] if last else end))
    return spans


def mark_single_characters(text: str, terms: list) -> list:
    singles = {t.lower() for t in terms if len(query_bigrams(t)) == 1 and len(query_bigrams(t)[0]) == 1}
    return [(i, i + 1) for i, ch in enumerate(text.lower()) if ch in singles] if singles else []


def merge(spans: list) -> list:
    out = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def snippet(text: str, spans: list, width: int = SNIPPET_CHARS) -> str:
    """Escaped HTML around the first cluster of spans; only <mark> is added."""
    spans = merge(spans)
    if not spans:
        return html.escape(text[:width]) + ("…" if len(text) > width else "")
    start = max(0, spans[0][0] - LEAD_CHARS)
    end = min(len(text), start + width)
    return render(text, spans, start, end)


def render(text: str, spans: list, start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out, cursor = [], start
    if start > 0:
        out.append("…")
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[cursor:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end]))
    if end < len(text):
        out.append("…")
    return "".join(out)
