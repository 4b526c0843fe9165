"""A user's query string → its terms, exclusions, filters, and the strings to highlight.

Syntax, as people type it into search boxes:
  食堂 财务                 both (AND is the default)
  食堂 OR 餐费              either
  -公务卡  NOT 公务卡        without
  "三重一大"  “三重一大”      an exact phrase only (unquoted terms also match passages that share
                             most of their words); an unclosed quote runs to the end
  province:福建省 type:食堂管理 year:2025   filters, the same as the facets
  year:2020-2023           a range of years
  -province:福建省          not in that province (NOT province:福建省 too)
  county:"某 某区"          a value with spaces, quoted
  title:采购                only in problem and section titles
Parentheses are text, not grouping: '因私出国(境)证照' is one term. OR at either end, an empty
`title:` and a lone `-` are ignored.

How terms are evaluated is evaluate.py's business; synonyms.py expands them.
"""
import re
from dataclasses import dataclass, field

from ..document.clean import normalise_query
from .analysis import indexable, letters, words
from .schema import FACET_NAMES

# A minus, a field name and its colon, then a quoted value (closed or not) or a run of other characters.
PIECE = re.compile(r'(?P<minus>-)?(?:(?P<field>[a-z_]+):)?(?P<value>"[^"]*"?|“[^”]*”?|[^\s"“]*)')
QUOTES = '"“”'
FIELDS = (*FACET_NAMES, "title")
OPERATORS = ("OR", "|", "AND", "&&", "NOT")
# Full-width ASCII as a phone keyboard types it (－ ： ＂) read as ASCII, one character for one, so
# that a token's place in the folded text is its place in the text as typed.
HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}


@dataclass(frozen=True)
class Token:
    """One token of a query, where it stands in the text as typed (a NOT before it included)."""
    start: int
    end: int
    value: str                  # without its quotes, as typed
    field: str | None = None    # a facet's name or "title"; None for a term or an operator
    negated: bool = False       # written with a minus, or after NOT
    quoted: bool = False

    @property
    def operator(self) -> bool:
        return self.field is None and not self.quoted and not self.negated and self.value in OPERATORS

    @property
    def filter(self) -> bool:
        return self.field not in (None, "title")


@dataclass
class ParsedQuery:
    clauses: list = field(default_factory=list)   # [[term, …]]: AND of ORs
    excluded: list = field(default_factory=list)  # terms that must not occur
    filters: dict = field(default_factory=dict)   # facet → value typed into the query
    excluded_filters: dict = field(default_factory=dict)  # facet → [values] a passage must not have
    title_terms: list = field(default_factory=list)
    quoted: set = field(default_factory=set)      # terms that must occur exactly

    @property
    def terms(self) -> list:
        return [t for clause in self.clauses for t in clause] + self.title_terms

    def is_empty(self) -> bool:
        """Nothing to look for and nothing to leave out: the request lists what its filters allow.

        A query of exclusions only (-整改, NOT 整改, or the advanced form's "none of these words"
        with a province chosen) narrows that list: every passage the filters allow but those
        holding the words. It had been taken for no query at all, and listed the passages it was
        asked to leave out."""
        return not self.clauses and not self.title_terms and not self.excluded


def tokens(text: str) -> list:
    """The tokens of a query, in order; NOT is folded into the token after it. A lone minus, an
    empty `title:` and a stray quote are not tokens."""
    text = (text or "").translate(HALF_WIDTH)
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
        raw, name = m.group("value"), m.group("field")
        quoted = raw[:1] in QUOTES
        value = raw.strip(QUOTES) if quoted else raw
        if name and name not in FIELDS:  # not a field: the colon belongs to the term
            value, name = f"{name}:{value}", None
        if not value:
            continue
        if not name and not quoted and not m.group("minus") and value == "NOT":
            not_at = m.start() if not_at is None else not_at
            continue
        out.append(Token(m.start() if not_at is None else not_at, m.end(), value, name,
                         bool(m.group("minus")) or not_at is not None, quoted))
        not_at = None
    return out


def parse(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    join_next = False
    for token in tokens(text):
        if token.operator:
            if token.value in ("OR", "|"):
                join_next = bool(parsed.clauses)
            continue
        value = normalise_query(token.value)  # widths, traditional script: as the documents were cleaned
        if token.filter:
            if token.negated:
                parsed.excluded_filters.setdefault(token.field, []).append(value)
            else:
                parsed.filters[token.field] = value
            join_next = False
            continue
        if not indexable(value):  # nothing searchable: punctuation only
            join_next = False
            continue
        if token.quoted:
            parsed.quoted.add(value)
        if token.field == "title":
            parsed.title_terms.append(value)
        elif token.negated:
            parsed.excluded.append(value)
        elif join_next:
            parsed.clauses[-1].append(value)
        else:
            parsed.clauses.append([value])
        join_next = False
    return parsed


def highlight_terms(parsed: ParsedQuery, expanded: dict | None = None) -> list:
    """Strings to mark in snippets: each term and the synonyms searched for it, and the words of
    terms that may match by words."""
    out = []
    for term in parsed.terms:
        out.append(term)
        out.extend((expanded or {}).get(term, ()))
        if term in parsed.quoted:
            continue
        term_words = words(term, for_query=True)
        if len(term_words) > 1:
            out.extend(w for w in term_words if len(letters(w)) >= 2)
    return list(dict.fromkeys(out))
