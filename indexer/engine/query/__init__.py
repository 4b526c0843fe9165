"""A user's query string → a query tree, the filters typed into it, and the strings to highlight.

Syntax, as people type it into search boxes:
  食堂 财务                 both (AND is the default)
  食堂 OR 餐费              either
  -公务卡  NOT 公务卡        without
  "三重一大"  “三重一大”      an exact phrase only (unquoted terms also match passages that share
                             most of their words); an unclosed quote runs to the end
  (食堂 OR 餐费) 公务卡 -接待  a group; -( … ) leaves a group out
  食堂 NEAR/5 财务          both as written, at most 5 letters between them, in either order
  采购*                     a prefix: the letters as written, whatever follows (two letters or more)
  province:福建省 type:食堂管理 year:2025   filters, the same as the facets
  year:2020-2023           a range of years
  -province:福建省          not in that province (NOT province:福建省 too)
  county:"某 某区"          a value with spaces, quoted
  title:采购                only in problem and section titles
A parenthesis groups only where a token starts or ends ('因私出国(境)证照' is one term; the rule
is in tokens.py). OR at either end, an empty `title:`, a lone `-` and parentheses without a
partner are ignored or read as text; a query never fails to parse.

tokens.py reads the text into tokens, parse.py builds the tree, nodes.py holds the nodes, each of
which evaluates itself (with evaluate.py's postings primitives) and lists its terms; synonyms.py
expands them.
"""
from ..analysis import letters, words
from .nodes import And, Context, Near, Node, Or, Phrase, Prefix, Term, Title
from .parse import ParsedQuery, parse
from .tokens import FIELDS, OPERATORS, Token, near_distance, tokens

__all__ = [
    "FIELDS",
    "OPERATORS",
    "And",
    "Context",
    "Near",
    "Node",
    "Or",
    "ParsedQuery",
    "Phrase",
    "Prefix",
    "Term",
    "Title",
    "Token",
    "highlight_terms",
    "near_distance",
    "parse",
    "tokens",
]


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
