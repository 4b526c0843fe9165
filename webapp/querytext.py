"""The query string as the page edits it: its tokens with their place in the text.

The engine reads queries (its query.py, whose tokens this uses: one reading of the syntax); the page
only rewrites their text: a chip takes one filter out of the query, a link quotes one term, and
advanced search writes terms.
"""
import unicodedata

from indexer.engine.search import QUERY_FIELDS, QUERY_OPERATORS, query_tokens

FIELDS = set(QUERY_FIELDS)
OPERATORS = QUERY_OPERATORS
QUOTES = '"“”'


def tokens(text: str) -> list:
    """The tokens of a query as the engine reads them, with their places in the text as typed."""
    return query_tokens(text)


def token_written(token) -> str:
    """A token as the syntax writes it."""
    return token.value if token.operator else written(token.value, token.quoted, token.field, token.negated)


def written(value: str, quoted: bool = False, field: str | None = None, negated: bool = False) -> str:
    """One term as the syntax reads it; quoted when it must be, to stay one plain term."""
    value = "".join(c for c in value if c not in QUOTES)  # the syntax has no escapes
    if quoted or needs_quotes(value):
        value = f'"{value}"'
    return ("-" if negated else "") + (f"{field}:" if field else "") + value


def needs_quotes(value: str) -> bool:
    field = value.partition(":")[0] if ":" in value else None
    return (not value or any(c.isspace() for c in value) or value.startswith("-") or value in OPERATORS
            or field in FIELDS)


def same(a: str, b: str) -> bool:
    """Equal once widths are folded (the engine compares normalised text)."""
    return unicodedata.normalize("NFKC", a).strip() == unicodedata.normalize("NFKC", b).strip()


def joined(pieces) -> str:
    return " ".join(p for p in pieces if p)


def without(text: str, chosen: list) -> str:
    """The query with the chosen tokens cut out."""
    kept, position = [], 0
    for token in sorted(chosen, key=lambda t: t.start):
        kept.append(text[position:token.start])
        position = token.end
    kept.append(text[position:])
    return joined("".join(kept).split())


def without_filter(text: str, field: str, value: str, negated: bool) -> str:
    """The query without the filter `field:value` (or `-field:value`) typed into it."""
    return without(text, [t for t in tokens(text)
                          if t.field == field and t.negated == negated and same(t.value, value)])


def quoting(text: str, term: str) -> str:
    """The query with `term` quoted wherever it stands unquoted, so it is searched as written
    (without synonyms); with the quoted term added when it was typed otherwise (in another script)."""
    found = [t for t in tokens(text) if not t.quoted and not t.filter and not t.operator and same(t.value, term)]
    if not found:
        return joined([text.strip(), written(term, quoted=True)])
    out, position = [], 0
    for token in found:
        out.append(text[position:token.start] + written(token.value, True, token.field, token.negated))
        position = token.end
    return "".join(out) + text[position:]


def has_terms(text: str) -> bool:
    """Whether the query searches for words (not only filters): only then is there exact and related."""
    return any(not t.filter and not t.operator and t.value for t in tokens(text))


def negated_terms(text: str) -> set:
    return {unicodedata.normalize("NFKC", t.value) for t in tokens(text) if t.negated and not t.field}
