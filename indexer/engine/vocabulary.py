"""What the index's own words say about a query's terms: which synonyms to search (none built
inside a term the index does not know) and, for a term with no hit, a term one
character apart that the index holds often (did you mean).

A candidate comes from the index's text itself: the term with one character left open is looked up
through its longer known side (食唐管理: 食?管理 anchored on 管理), and every fill seen in the passages
holding that side is counted. Nothing is guessed from outside the index.
"""
import re

from .analysis import letters

ANCHOR_PASSAGES = 50       # passages read for fills of each open position (a sample: the common fill shows in it)
MIN_TERM, MAX_TERM = 2, 8  # terms outside these lengths (in letters) get no suggestion


def is_chinese(letter: str) -> bool:
    return "\u4e00" <= letter <= "\u9fff"


def found_in(evaluator, term: str) -> int:
    """Passages where the term occurs as written (title or text)."""
    docs = set(evaluator.exact("body_bigrams", term).docs.tolist())
    docs.update(evaluator.exact("title_bigrams", term).docs.tolist())
    return len(docs)


def known_expansions(evaluator, synonyms, terms: list, expanded: dict) -> dict:
    """expanded without the terms the index does not hold, unless the synonym table knows the term
    as a whole word (公车 → 公务用车): no variant is built inside a string nobody wrote (公车食唐)."""
    out = {}
    for term, variants in expanded.items():
        if not (synonyms.knows(term) or found_in(evaluator, term)):
            continue
        out[term] = variants
    return out


def did_you_mean(evaluator, body_of, term: str) -> str | None:
    """A term one character apart from `term` that the index holds (the most frequent fill
    seen), or None. For a term the index does not hold."""
    written = letters(term)
    if not MIN_TERM <= len(written) <= MAX_TERM or found_in(evaluator, written):
        return None
    fills = {}
    seen = {}  # docnum → its letters: the passages of one anchor are read again for the next position
    for at in range(len(written)):
        before, after = written[:at], written[at + 1:]
        anchor = before if len(before) >= len(after) else after
        if len(anchor) < 2 and len(written) > 2:
            continue
        docs = evaluator.first_passages("body_bigrams", anchor, ANCHOR_PASSAGES).tolist() if anchor else []
        # Any one letter between the two sides, a Chinese one kept below: a class of the whole CJK
        # block costs Python's regular-expression compiler milliseconds for every pattern.
        pattern = re.compile(re.escape(before) + "(.)" + re.escape(after))
        for docnum in docs:
            text = seen.get(docnum)
            if text is None:
                text = seen[docnum] = letters(body_of(docnum))
            for fill in pattern.findall(text):
                candidate = before + fill + after
                if is_chinese(fill) and candidate != written:
                    fills[candidate] = fills.get(candidate, 0) + 1
    ranked = sorted(fills, key=lambda c: -fills[c])
    for candidate in ranked[:5]:
        if evaluator.occurs(candidate):  # a fill seen in the body occurs: this checks it is live
            return candidate
    return None
