"""Where a query's terms stand in a passage, the best window to show, and its formats.

A term is found in a passage's letters (as the index matches it) and mapped back to characters
through where the passage's runs of letters start (analysis.letter_runs), so a term is marked
across the punctuation inside it ('出国境证照' marks '出国(境)证照'). Only the passages shown are
highlighted, so this costs nothing per match.

Spans are plain data; formatters turn them into HTML with <mark> (the web), bold on a terminal,
or plain text (a pipe, CSV): no HTML ever reaches a terminal or a spreadsheet.
"""
import bisect
import functools
import html
from dataclasses import dataclass

from .analysis import letter_runs, letters

SNIPPET_CHARS = 140
LEAD_CHARS = 30
ELLIPSIS = "…"
BOLD, RESET = "\x1b[1m", "\x1b[0m"


@dataclass
class Span:
    start: int
    end: int
    term: int   # which of the terms it is


@dataclass
class Snippet:
    text: str        # the window of the passage shown
    spans: list      # [(start, end)] within text, merged, in order
    cut_before: bool
    cut_after: bool


def spans(text: str, terms: list) -> list:
    """Every place in text where one of the terms occurs, as Spans in order."""
    letter_text = letters(text)
    places = []  # (first letter, past the last letter, which term)
    for index, term in enumerate(terms):
        needle = needle_of(term)
        if not needle:
            continue
        at = letter_text.find(needle)
        while at >= 0:
            places.append((at, at + len(needle), index))
            at = letter_text.find(needle, at + len(needle))
    if not places:
        return []  # most passages shown hold a term in only one of title and text: no runs needed
    runs = letter_runs(text)
    run_letters = runs[0::2]
    found = [Span(to_offset(runs, run_letters, first), to_offset(runs, run_letters, last - 1) + 1, index)
             for first, last, index in places]
    return sorted(found, key=lambda s: (s.start, -s.end))


@functools.lru_cache(maxsize=4096)
def needle_of(term: str) -> str:
    """A query term's letters: the same few terms are looked for in every passage shown."""
    return letters(term)


def to_offset(runs, run_letters, letter: int) -> int:
    k = bisect.bisect_right(run_letters, letter) - 1
    return runs[2 * k + 1] + (letter - runs[2 * k])


def merge(found: list) -> list:
    """Spans as (start, end), overlapping ones joined."""
    out = []
    for span in sorted(found, key=lambda s: (s.start, s.end)):
        if out and span.start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], span.end))
        else:
            out.append((span.start, span.end))
    return out


def whole(text: str, found: list) -> Snippet:
    return Snippet(text, merge(found), False, False)


def best_window(text: str, found: list, width: int = SNIPPET_CHARS) -> Snippet:
    """The window of `width` characters with the most distinct terms, then the most occurrences
    (the earliest of equals), starting a little before its first match."""
    if len(text) <= width:
        return whole(text, found)
    if not found:
        return Snippet(text[:width], [], False, True)
    best, best_rank = 0, None
    for first in found:
        lead = min(LEAD_CHARS, max(0, (width - (first.end - first.start)) // 2))  # the match itself fits
        start = max(0, min(first.start - lead, len(text) - width))
        inside = [s for s in found if s.start >= start and s.end <= start + width]
        rank = (len({s.term for s in inside}), len(inside), -start)
        if best_rank is None or rank > best_rank:
            best, best_rank = start, rank
    end = best + width
    shown = [(max(s, best) - best, min(e, end) - best) for s, e in merge(found) if e > best and s < end]
    return Snippet(text[best:end], shown, best > 0, end < len(text))


# --- formats ---------------------------------------------------------------------------------------
def pieces(snippet: Snippet):
    """(text, marked) pieces of a snippet, the ellipses included."""
    if snippet.cut_before:
        yield ELLIPSIS, False
    cursor = 0
    for start, end in snippet.spans:
        if start > cursor:
            yield snippet.text[cursor:start], False
        yield snippet.text[start:end], True
        cursor = end
    if cursor < len(snippet.text):
        yield snippet.text[cursor:], False
    if snippet.cut_after:
        yield ELLIPSIS, False


def as_html(snippet: Snippet) -> str:
    """Escaped HTML; only <mark> is added."""
    return "".join(f"<mark>{html.escape(text)}</mark>" if marked else html.escape(text) for text, marked in pieces(snippet))


def as_plain(snippet: Snippet) -> str:
    return "".join(text for text, _ in pieces(snippet))


def plain_spans(snippet: Snippet) -> list:
    """The marked spans as offsets into as_plain(snippet) (the leading ellipsis counted)."""
    shift = len(ELLIPSIS) if snippet.cut_before else 0
    return [[start + shift, end + shift] for start, end in snippet.spans]


def on_terminal(text: str, marked: list, bold: bool) -> str:
    """Plain text with the given spans in bold (when bold), for a terminal."""
    if not bold:
        return text
    out, cursor = [], 0
    for start, end in marked:
        out += [text[cursor:start], BOLD, text[start:end], RESET]
        cursor = end
    return "".join(out) + text[cursor:]
