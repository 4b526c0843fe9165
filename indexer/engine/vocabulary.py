"""What the index's own words say about a query's terms: which synonyms to search (none built
inside a term the index does not know) and, for a term with no hit, a term one
character apart that the index holds often (did you mean).

A candidate comes from the index's text itself: the term with one character left open is looked up
through its longer known side (食唐管理: 食?管理 anchored on 管理), and every fill seen in the passages
holding that side is counted. Nothing is guessed from outside the index.
"""
from .analysis import letters

ANCHOR_PASSAGES = 50       # passages read for fills of each open position (a sample: the common fill shows in it)
MIN_TERM, MAX_TERM = 2, 8  # terms outside these lengths (in letters) get no suggestion


def is_chinese(letter: str) -> bool:
    return "\u4e00" <= letter <= "\u9fff"


def known_expansions(evaluator, synonyms, terms: list, expanded: dict) -> dict:
    """expanded without the terms the index does not hold, unless the synonym table knows the term
    as a whole word (公车 → 公务用车): no variant is built inside a string nobody wrote (公车食唐)."""
    out = {}
    for term, variants in expanded.items():
        if not (synonyms.knows(term) or evaluator.occurs(term)):
            continue
        out[term] = variants
    return out


def did_you_mean(evaluator, body_of, term: str) -> str | None:
    """A term one character apart from `term` that the index holds (the most frequent fill
    seen), or None. For a term the index does not hold."""
    written = letters(term)
    if not MIN_TERM <= len(written) <= MAX_TERM or evaluator.occurs(written):
        return None
    fills = {}
    texts, seen = {}, {}  # docnum → its text, its letters: one anchor's passages are read again for the next position
    for at in range(len(written)):
        before, after = written[:at], written[at + 1:]
        anchor = before if len(before) >= len(after) else after
        if len(anchor) < 2 and len(written) > 2:
            continue
        docs = evaluator.first_passages("body_bigrams", anchor, ANCHOR_PASSAGES).tolist() if anchor else []
        other_side = set(after if anchor == before else before)   # the anchor's passages hold the anchor
        checked = all(map(is_chinese, other_side))
        for docnum in docs:
            text = seen.get(docnum)
            if text is None:
                whole = texts.get(docnum)
                if whole is None:
                    whole = texts[docnum] = body_of(docnum)
                # A Chinese letter has no case: a text without one of the other side's as written
                # holds no fill. The anchor's passages are often long and the other side rare in
                # them; their letters (10 ns a character) are then never made.
                if checked and not all(letter in whole for letter in other_side):
                    continue
                text = seen[docnum] = letters(whole)
            for fill in fills_between(text, before, after):
                candidate = before + fill + after
                if is_chinese(fill) and candidate != written:
                    fills[candidate] = fills.get(candidate, 0) + 1
    ranked = sorted(fills, key=lambda c: -fills[c])
    for candidate in ranked[:5]:
        if evaluator.occurs(candidate):  # a fill seen in the body occurs: this checks it is live
            return candidate
    return None


def fills_between(text: str, before: str, after: str) -> list:
    """Every letter standing between `before` and `after` in text, left to right, the matches not
    overlapping: what the pattern before(.)after finds, by plain string search (compiling a
    pattern for each open position costs more than the search)."""
    out, at, width = [], 0, len(before) + 1 + len(after)
    while True:
        if before:
            at = text.find(before, at)
        else:
            at = text.find(after, at + 1) - 1   # the letter before each `after`
        if at < 0 or at + width > len(text):
            return out
        if text.startswith(after, at + len(before) + 1):
            out.append(text[at + len(before)])
            at += width
        else:
            at += 1
