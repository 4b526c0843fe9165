"""The query string as the page edits it: its tokens with their place in the text.

The engine reads queries (its query.py); the page only rewrites their text in the same syntax: a
chip takes one filter out of the query, a link quotes one term, and advanced search writes terms.
"""
import re
import unicodedata
from dataclasses import dataclass

from indexer.engine.search import FACETS

FIELDS = {f.name for f in FACETS} | {"title"}
OPERATORS = ("OR", "|", "AND", "&&", "NOT")
QUOTES = '"“”'
# Full-width ASCII as a phone keyboard types it (－ ： ＂) read as ASCII, one character for one, so
# that a token's place in the folded text is its place in the text as typed.
HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}
# A minus, a field and its colon, then a quoted value (closed or not) or a run up to a space or quote.
PIECE = re.compile(r'(?P<minus>-)?(?:(?P<field>[a-z_]+):)?(?P<value>"[^"]*"?|“[^”]*”?|[^\s"“]*)')


@dataclass(frozen=True)
class Token:
    start: int              # where it stands in the query text (a NOT before it included)
    end: int
    value: str              # without its quotes
    field: str | None = None  # a facet's name or "title"; None for a term or an operator
    negated: bool = False   # written with a minus, or after NOT
    quoted: bool = False

    @property
    def operator(self) -> bool:
        return self.field is None and not self.quoted and not self.negated and self.value in OPERATORS

    @property
    def filter(self) -> bool:
        return self.field not in (None, "title")

    def written(self) -> str:
        if self.operator:
            return self.value
        return written(self.value, self.quoted, self.field, self.negated)


def tokens(text: str) -> list:
    """The tokens of a query, in order; NOT is folded into the token after it."""
    text = text.translate(HALF_WIDTH)
    out, not_at, position = [], None, 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        m = PIECE.match(text, position)
        if m.end() == position:  # a lone quote closing nothing
            position += 1
            continue
        position = m.end()
        raw, field = m.group("value"), m.group("field")
        quoted = raw[:1] in QUOTES
        value = raw.strip(QUOTES) if quoted else raw
        if field and field not in FIELDS:  # not a field: the colon belongs to the term
            value, field = f"{field}:{value}", None
        if not value:  # a lone minus, an empty `title:` or "": the engine ignores them too
            continue
        if not field and not quoted and not m.group("minus") and value == "NOT":
            not_at = m.start() if not_at is None else not_at
            continue
        out.append(Token(m.start() if not_at is None else not_at, m.end(), value, field,
                         bool(m.group("minus")) or not_at is not None, quoted))
        not_at = None
    return out


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
