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

# An optional minus, an optional field name and colon, then a quoted string (closed or not) or a word.
TOKEN = re.compile(r'(?P<minus>-)?(?:(?P<field>[a-z_]+):)?(?P<value>"[^"]*"?|“[^”]*”?|[^\s"“]+)?')
QUOTES = '"“”'


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
        return not self.clauses and not self.title_terms


def tokens(text: str) -> list:
    """(negated, field or None, value, quoted) for each token, in order."""
    out = []
    position = 0
    text = text.strip()
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        m = TOKEN.match(text, position)
        if not m or m.end() == position:  # a stray quote character: skip it
            position += 1
            continue
        position = m.end()
        value = m.group("value") or ""
        quoted = value[:1] in QUOTES
        out.append((bool(m.group("minus")), m.group("field"), value.strip(QUOTES) if quoted else value, quoted))
    return out


def parse(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    negate = join_next = False
    for minus, name, value, quoted in tokens(normalise_query(text or "")):
        if name and name not in FACET_NAMES and name != "title":
            value, name = f"{name}:{value}", None  # not a field: the colon is part of a term
        if not name and not quoted and value in ("OR", "|"):
            join_next = bool(parsed.clauses)
            continue
        if not name and not quoted and value in ("AND", "&&"):
            continue
        if not name and not quoted and value == "NOT":
            negate = True
            continue
        negate = negate or minus
        if name in FACET_NAMES:
            if value:
                target = parsed.excluded_filters.setdefault(name, []) if negate else None
                if target is not None:
                    target.append(value)
                else:
                    parsed.filters[name] = value
            negate = join_next = False
            continue
        if not value or not indexable(value):  # nothing searchable: `title:`, a lone "-", punctuation
            negate = join_next = False
            continue
        if quoted:
            parsed.quoted.add(value)
        if name == "title":
            parsed.title_terms.append(value)
        elif negate:
            parsed.excluded.append(value)
        elif join_next:
            parsed.clauses[-1].append(value)
        else:
            parsed.clauses.append([value])
        negate = join_next = False
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
