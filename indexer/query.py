"""A user's query string → a Whoosh query, and the strings to highlight.

Syntax, as people type it into search boxes:
  食堂 财务            both (AND is the default)
  食堂 OR 餐费         either
  -公务卡  NOT 公务卡   without
  "三重一大"  “三重一大”  an exact phrase only (unquoted terms also match passages that share
                        most of their words)
  province:福建省 type:食堂管理 year:2025   filters, the same as the facet options
  title:采购            only in problem and section titles
Parentheses are text, not grouping: '因私出国(境)证照' is one term.

Each term matches where its characters occur in sequence (character bigrams, so whatever jieba
made of the text), or where all its jieba words occur; the exact occurrence scores higher, and a
title occurrence higher still. A long term (a problem statement pasted in) matches passages that
share most of its words.
"""
import math
import re
from dataclasses import dataclass, field

from whoosh.query import And, AndMaybe, Not, Or, Phrase, Prefix, Term

from .atleast import AtLeast
from .analysis import indexable, query_bigrams, words  # noqa: F401  (re-exported for search)
from .clean import normalise_query

FILTER_FIELDS = ("province", "city", "county", "year", "type", "category", "doc_type", "status")
LONG_TERM = 16          # characters: longer terms are statements, matched by shared words
SHORT_TERM_SHARE = 0.5  # share of a term's telling words a passage must have when it lacks the exact string
LONG_TERM_SHARE = 0.4
COMMON_WORD_SHARE = 0.25  # a word in more than this share of passages is common
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
        if sep and value and name in FILTER_FIELDS:
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


def exact(fieldname: str, term: str, boost: float = 1.0):
    grams = query_bigrams(term)
    if not grams:
        return None
    if len(grams) == 1:
        gram = grams[0]
        return Prefix(fieldname, gram, boost=boost) if len(gram) == 1 else Term(fieldname, gram, boost=boost)
    return Phrase(fieldname, grams, boost=boost)


def term_query(term: str, commonness=None, exact_only=False):
    """commonness(word) → the share of passages that contain it; without it no word is common."""
    exact_match = Or([exact("title_chars", term, 3.0), exact("chars", term, 2.0)])
    term_words = list(dict.fromkeys(words(term, for_query=True)))
    if len(term_words) <= 1 or exact_only:
        return exact_match
    per_word = [Or([Term("title", w, boost=1.5), Term("text", w)]) for w in term_words]
    # Words in most passages say little: they add to the score but not to what must match.
    weights = [0.0 if commonness and commonness(w) > COMMON_WORD_SHARE else 1.0 for w in term_words]
    if not any(weights):
        weights = [1.0] * len(term_words)
    share = LONG_TERM_SHARE if len(indexable(term)) > LONG_TERM else SHORT_TERM_SHARE
    need = max(1, math.ceil(sum(weights) * share))
    return Or([exact_match, AtLeast(per_word, weights, need)])


def to_whoosh(parsed: ParsedQuery, commonness=None):
    """The Whoosh query for the terms (None when the query has no terms, only filters)."""
    def one(term):
        return term_query(term, commonness, exact_only=term in parsed.quoted)

    parts = [Or([one(t) for t in clause]) if len(clause) > 1 else one(clause[0]) for clause in parsed.clauses]
    parts += [exact("title_chars", t) for t in parsed.title_terms if exact("title_chars", t)]
    if not parts:
        return None
    query = parts[0] if len(parts) == 1 else And(parts)
    for term in parsed.excluded:
        query = And([query, Not(Or([exact("chars", term), exact("title_chars", term)]))])
    proximity = proximity_bonus(parsed)
    return AndMaybe(query, proximity) if proximity is not None else query


def proximity_bonus(parsed: ParsedQuery):
    """With several terms, passages where their words stand close together rank higher."""
    if len(parsed.clauses) < 2:
        return None
    all_words = [w for clause in parsed.clauses for w in words(clause[0], for_query=True)]
    if len(all_words) < 2:
        return None
    return Phrase("text", all_words, slop=12, boost=2.0)


def highlight_terms(parsed: ParsedQuery) -> list:
    """Strings to mark in snippets: each term, and the words of terms that may match by words."""
    out = []
    for term in parsed.terms:
        out.append(term)
        term_words = words(term, for_query=True)
        if len(term_words) > 1:
            out.extend(w for w in term_words if len(indexable(w)) >= 2)
    return list(dict.fromkeys(out))
