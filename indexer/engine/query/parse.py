"""Tokens → a query tree (nodes.py) and the filters typed into the query.

How tokens combine, from the tightest:
  a NEAR/n b     both terms as written, at most n letters apart (each next one within n of the one
                 before when chained); NEAR/n beside anything but two terms is ignored (AND)
  a OR b         either; OR joins a term (or a group) to the one before it in the same group
  a b            both (AND is the default; AND and && may be written)
  -a, NOT a      left out where it occurs as written; -(…) leaves a group out
  ( … )          a group: the same rules inside; see tokens.py for when a parenthesis groups
  title:a        only in titles; filters (province:…) narrow the whole query wherever they stand
  采购*          a prefix of two letters or more; a lone `*` or one letter and `*` are text
"""
from dataclasses import dataclass, field
from functools import cached_property

from ...document.clean import normalise_query
from ..analysis import indexable, letters
from .nodes import And, Near, Node, Or, Phrase, Prefix, Term, Title
from .tokens import CLOSE, near_distance, tokens

PREFIX_MARK = "*"
MIN_PREFIX_LETTERS = 2   # one letter and * would match almost every passage: read as text


@dataclass
class ParsedQuery:
    """A parsed query: its tree, and the views of it the facade reads (terms, excluded, quoted,
    filters), computed once: the tree is not changed after parsing."""
    root: And = field(default_factory=And)
    filters: dict = field(default_factory=dict)            # facet → value typed into the query
    excluded_filters: dict = field(default_factory=dict)   # facet → [values] a passage must not have

    @cached_property
    def _leaves(self) -> list:
        return list(self.root.leaves())

    @cached_property
    def clauses(self) -> list:
        """The query as an AND of ORs of terms, as far as it is one: each part of the top AND with
        the terms it looks for (a group's parts each one clause; a NEAR's terms each one)."""
        out = []
        for child in self.root.children:
            if isinstance(child, Or):
                out.append(texts(child))
            elif isinstance(child, And):
                out.extend(ParsedQuery(child).clauses)
            elif not isinstance(child, Title):
                out.extend([text] for text in texts(child))
        return [clause for clause in out if clause]

    @property
    def title_terms(self) -> list:
        return [leaf.text for leaf, negated in self._leaves if isinstance(leaf, Title) and not negated]

    @property
    def excluded(self) -> list:
        return [leaf.text for leaf, negated in self._leaves if negated]

    @cached_property
    def quoted(self) -> set:
        """Terms that must occur exactly: quoted, prefixes and the terms of NEAR."""
        in_near = {id(t) for child in walk(self.root) if isinstance(child, Near) for t in child.terms}
        return {leaf.text for leaf, _ in self._leaves if leaf.exact_kind or id(leaf) in in_near}

    @property
    def terms(self) -> list:
        """Every term looked for (not those left out), title terms last."""
        return [t for clause in self.clauses for t in clause] + self.title_terms

    def is_empty(self) -> bool:
        """Nothing to look for and nothing to leave out: the request lists what its filters allow.

        A query of exclusions only (-整改, NOT 整改, or the advanced form's "none of these words"
        with a province chosen) narrows that list: every passage the filters allow but those
        holding the words. It had been taken for no query at all, and listed the passages it was
        asked to leave out."""
        return not self._leaves


def texts(node: Node) -> list:
    return [leaf.text for leaf, negated in node.leaves() if not negated and not isinstance(leaf, Title)]


def walk(node: Node):
    yield node
    for child in [*getattr(node, "children", ()), *getattr(node, "left_out", ())]:
        yield from walk(child)


def parse(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    parsed.root, _ = group(tokens(text), 0, parsed)
    return parsed


def group(found: list, at: int, parsed: ParsedQuery) -> tuple:
    """(the And of the tokens from `at` to the `)` that closes the group or the end, where the
    next token starts); filters go to parsed."""
    node = And()
    join_next, near = False, None
    while at < len(found):
        token = found[at]
        at += 1
        if token.paren and token.value == CLOSE:
            break
        if token.operator and not token.paren:
            if token.value in ("OR", "|"):
                join_next = last_clause(node) is not None
            near = near_distance(token.value)
            continue
        if token.filter:
            value = normalise_query(token.value)  # widths, traditional script: as the documents were cleaned
            if token.negated:
                parsed.excluded_filters.setdefault(token.field, []).append(value)
            else:
                parsed.filters[token.field] = value
            join_next, near = False, None
            continue
        if token.paren:  # an opening parenthesis (tokens.py pairs them all)
            inner, at = group(found, at, parsed)
            part = inner if len(inner.children) != 1 or inner.left_out else inner.children[0]
        else:
            part = leaf(token)
        if part is None or part == And():  # punctuation only, or an empty group: nothing to look for
            join_next, near = False, None
            continue
        if token.negated and token.field != "title":
            node.left_out.append(part)
        elif isinstance(part, Title):
            node.children.append(part)
        elif near is not None and nearby(node, part, near):
            pass
        elif join_next:
            either(node).children.append(part)
        else:
            node.children.append(part)
        join_next, near = False, None
    return node, at


def leaf(token) -> Node | None:
    value = normalise_query(token.value)
    if not indexable(value):
        return None
    term: Term
    if token.quoted:
        term = Phrase(value)
    elif value.endswith(PREFIX_MARK) and len(letters(value.rstrip(PREFIX_MARK))) >= MIN_PREFIX_LETTERS:
        term = Prefix(value.rstrip(PREFIX_MARK))
    else:
        term = Term(value)
    return Title(term) if token.field == "title" else term


def last_clause(node: And) -> int | None:
    """Where the last part of node that an OR can join stands (title terms stand apart)."""
    for i in range(len(node.children) - 1, -1, -1):
        if not isinstance(node.children[i], Title):
            return i
    return None


def either(node: And) -> Or:
    """The Or that the last clause of node is, or becomes (there is one: OR joins only then)."""
    i = last_clause(node)
    assert i is not None
    if not isinstance(node.children[i], Or):
        node.children[i] = Or([node.children[i]])
    return node.children[i]


def nearby(node: And, part: Node, distance: int) -> Near | None:
    """The Near that `part` joins: the last term typed (alone or the last alternative of an OR)
    and part, both terms; None when either is not a term (the NEAR is then ignored)."""
    i = last_clause(node)
    if i is None or type(part) not in (Term, Phrase, Prefix):
        return None
    holder, index = (node.children[i], -1) if isinstance(node.children[i], Or) else (node, i)
    previous = holder.children[index]
    if isinstance(previous, Near) and previous.distance == distance:
        previous.terms.append(part)
        return previous
    if type(previous) not in (Term, Phrase, Prefix):
        return None
    holder.children[index] = Near([previous, part], distance)
    return holder.children[index]
