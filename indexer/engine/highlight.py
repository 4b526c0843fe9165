"""Snippets with the query's terms marked.

A term is found in a passage's letters (as the index matches it) and mapped back to characters
through where the passage's runs of letters start (analysis.letter_runs), so a term is marked
across the punctuation inside it ('出国境证照' marks '出国(境)证照'). Only the passages shown are
highlighted, so this costs nothing per match.
"""
import bisect
import html

from .analysis import letter_runs, letters

SNIPPET_CHARS = 140
LEAD_CHARS = 30


def spans(text: str, terms: list) -> list:
    """[(start, end)] character spans of the text where any of the terms occurs."""
    letter_text, runs = letters(text), letter_runs(text)
    if not runs:
        return []
    run_letters = runs[0::2]
    found = []
    for term in terms:
        needle = letters(term)
        if not needle:
            continue
        at = letter_text.find(needle)
        while at >= 0:
            found.append((to_offset(runs, run_letters, at), to_offset(runs, run_letters, at + len(needle) - 1) + 1))
            at = letter_text.find(needle, at + len(needle))
    return sorted(found)


def to_offset(runs: list, run_letters: list, letter: int) -> int:
    k = bisect.bisect_right(run_letters, letter) - 1
    return runs[2 * k + 1] + (letter - runs[2 * k])


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
