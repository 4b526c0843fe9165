"""A user's query string → its terms, filters and exclusions, and the strings to highlight.

Syntax, as people type it into search boxes:
  食堂 财务            both (AND is the default)
  食堂 OR 餐费         either
  -公务卡  NOT 公务卡   without
  "三重一大"  “三重一大”  an exact phrase only (unquoted terms also match passages that share
                        most of their words)
  province:福建省 type:食堂管理 year:2025   filters, the same as the facet options
  title:采购            only in problem and section titles
Parentheses are text, not grouping: '因私出国(境)证照' is one term.

Each term matches where its characters occur in sequence (whatever jieba made of the text), or
where most of its telling words occur; the exact occurrence scores higher, and a title occurrence
higher still. How that is evaluated is evaluate.py's business.
"""
import re
from dataclasses import dataclass, field

from ..document.clean import normalise_query
from .analysis import indexable, letters, words
from .schema import FACET_NAMES

TOKEN = re.compile(r'"[^"]*"|“[^”]*”|\S+')


@dataclass
class ParsedQuery:
    clauses: list = field(default_factory=list)   # [[term, …]]: AND of ORs
    excluded: list = field(default_factory=list)  # terms that must not occur
    filters: dict = field(default_factory=dict)   # field → value typed into the query
    title_terms: list = field(default_factory=list)
    quoted: set = field(default_factory=set)      # terms that must occur exactly

    @property
    def terms(self) -> list:
        return [t for clause in self.clauses for t in clause] + self.title_terms

    def is_empty(self) -> bool:
        return not self.clauses and not self.title_terms


def parse(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    tokens = TOKEN.findall(normalise_query(text or ""))
    negate = join_next = False
    for token in tokens:
        if token == "OR":
            join_next = bool(parsed.clauses)
            continue
        if token in ("AND", "&&"):
            continue
        if token == "NOT":
            negate = True
            continue
        if token.startswith("-") and len(token) > 1:
            negate, token = True, token[1:]
        name, sep, value = token.partition(":")
        if sep and value and name in FACET_NAMES:
            parsed.filters[name] = value.strip('"“”')
            continue
        if sep and value and name == "title":
            parsed.title_terms.append(value.strip('"“”'))
            continue
        term = token.strip('"“”')
        if term != token:
            parsed.quoted.add(term)
        if not indexable(term):
            negate = join_next = False
            continue
        if negate:
            parsed.excluded.append(term)
        elif join_next:
            parsed.clauses[-1].append(term)
        else:
            parsed.clauses.append([term])
        negate = join_next = False
    return parsed


def highlight_terms(parsed: ParsedQuery) -> list:
    """Strings to mark in snippets: each term, and the words of terms that may match by words."""
    out = []
    for term in parsed.terms:
        out.append(term)
        term_words = words(term, for_query=True)
        if len(term_words) > 1:
            out.extend(w for w in term_words if len(letters(w)) >= 2)
    return list(dict.fromkeys(out))
