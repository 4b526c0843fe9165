"""The nodes of a query tree. Each evaluates itself over a generation and lists its terms.

evaluate(context) → (matched, exact): two sets of the generation's passages (sorted arrays of
passage numbers, sorted_arrays.py), the passages the node matches and those it matches exactly
(a part of the first); scores are added to context.scores.
"Exactly" means: the node read with every term matched only as written (or as one of its
synonyms) matches the passage. A term alone also matches passages holding most of its words
(related); a phrase, a prefix and NEAR match exactly or not at all.

The evaluator's postings primitives (evaluate.Evaluator: term, near) do the work over postings;
the nodes only combine sets, so a new operator is one class here and one rule in parse.py.
"""
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from ..sorted_arrays import intersection, minus, union


class Scores(Protocol):
    """What the nodes ask of scoring.ScoreSheet: a fresh sheet (for what is left out, never added up)."""

    def fresh(self) -> "Scores": ...


class Postings(Protocol):
    """What the nodes ask of evaluate.Evaluator: its primitives over the generation's postings."""
    everything: np.ndarray   # the live passages, as a set

    def term(self, term: str, scores, exact_only: bool = False, title_only: bool = False,
             variants: tuple = ()) -> tuple[np.ndarray, np.ndarray]: ...

    def near(self, terms: list, distance: int, scores) -> np.ndarray: ...


@dataclass
class Context:
    """What every node of one evaluation shares."""
    evaluator: Postings          # evaluate.Evaluator
    scores: Scores               # scoring.ScoreSheet: noted by every term looked for (not by those left out)
    expanded: dict               # term → its synonyms
    exact_terms: frozenset       # terms that must occur exactly wherever they stand (quoted ones)
    exact_only: bool = False     # inside a NOT: a passage is left out only where the words occur as written

    def leaving_out(self) -> "Context":
        return replace(self, scores=self.scores.fresh(), exact_only=True)


class Node:
    def evaluate(self, context: Context) -> tuple:
        raise NotImplementedError

    def leaves(self, negated: bool = False):
        """(leaf, whether it is left out) for every term under the node, in the order typed."""
        raise NotImplementedError

    def written(self) -> str:
        """The node in the query syntax."""
        raise NotImplementedError

    def key(self) -> tuple:
        """A canonical form: equal for trees that mean the same (the order of AND and OR does not matter)."""
        raise NotImplementedError


@dataclass
class Term(Node):
    """A string: its letters in sequence (exact), or most of its words (related); with synonyms."""
    text: str
    exact_kind = False    # a phrase or a prefix: only as written, no synonyms, no related matches

    def evaluate(self, context: Context) -> tuple:
        exact_only = context.exact_only or self.exact_kind or self.text in context.exact_terms
        return context.evaluator.term(self.text, context.scores, exact_only=exact_only,
                                      variants=synonyms_of(self, context))

    def leaves(self, negated: bool = False):
        yield self, negated

    def written(self) -> str:
        return self.text

    def key(self) -> tuple:
        return (type(self).__name__, self.text)


class Phrase(Term):
    """A quoted string: its letters in sequence only."""
    exact_kind = True

    def written(self) -> str:
        return f'"{self.text}"'


class Prefix(Term):
    """`采购*`: passages where the letters occur, whatever follows them. Over letters a string is
    already found wherever it starts, so a prefix is its letters matched exactly (no synonyms, no
    related words)."""
    exact_kind = True

    def written(self) -> str:
        return f"{self.text}*"


@dataclass
class Title(Node):
    """`title:采购`: a term only in problem and section titles, as written (or a synonym)."""
    inner: Term

    @property
    def text(self) -> str:
        return self.inner.text

    @property
    def exact_kind(self) -> bool:
        return self.inner.exact_kind

    def evaluate(self, context: Context) -> tuple:
        return context.evaluator.term(self.text, context.scores, title_only=True,
                                      variants=synonyms_of(self.inner, context))

    def leaves(self, negated: bool = False):
        yield self, negated

    def written(self) -> str:
        return f"title:{self.inner.written()}"

    def key(self) -> tuple:
        return ("Title", self.inner.key())


def synonyms_of(term: Term, context: Context) -> tuple:
    return () if term.exact_kind else tuple(context.expanded.get(term.text, ()))


@dataclass
class Near(Node):
    """`食堂 NEAR/5 财务`: each term as written, each within `distance` letters of the one before
    (punctuation and spaces do not count; 0 means adjacent), in either order, in one field."""
    terms: list            # of Term (Phrase, Prefix): matched by their letters only
    distance: int

    def evaluate(self, context: Context) -> tuple:
        found = context.evaluator.near([t.text for t in self.terms], self.distance, context.scores)
        return found, found

    def leaves(self, negated: bool = False):
        for term in self.terms:
            yield term, negated

    def written(self) -> str:
        return f" NEAR/{self.distance} ".join(t.written() for t in self.terms)

    def key(self) -> tuple:
        return ("Near", self.distance, tuple(t.key() for t in self.terms))


@dataclass
class Or(Node):
    """Either: matched by any alternative, exactly by any that matches exactly."""
    children: list = field(default_factory=list)

    def evaluate(self, context: Context) -> tuple:
        found = [child.evaluate(context) for child in self.children]
        return union(*(matched for matched, _ in found)), union(*(exact for _, exact in found))

    def leaves(self, negated: bool = False):
        for child in self.children:
            yield from child.leaves(negated)

    def written(self) -> str:
        return " OR ".join(f"({c.written()})" if isinstance(c, (And, Or)) else c.written() for c in self.children)

    def key(self) -> tuple:
        return ("Or", tuple(sorted(c.key() for c in self.children)))


@dataclass
class And(Node):
    """All of `children`, none of `left_out`. A group in parentheses is one And; with nothing to
    look for it matches every live passage (a query of exclusions only)."""
    children: list = field(default_factory=list)
    left_out: list = field(default_factory=list)   # a passage where one of these matches exactly is out

    def evaluate(self, context: Context) -> tuple:
        found = [child.evaluate(context) for child in self.children]  # each child adds its score
        if not found:  # nothing to look for: every live passage
            matched = exact = context.evaluator.everything
        else:
            matched, exact = found[0]
            for other, other_exact in found[1:]:
                matched, exact = intersection(matched, other), intersection(exact, other_exact)
        if self.left_out:
            outside = context.leaving_out()
            for child in self.left_out:
                _, found_exact = child.evaluate(outside)
                matched, exact = minus(matched, found_exact), minus(exact, found_exact)
        return matched, exact

    def leaves(self, negated: bool = False):
        for child in self.children:
            yield from child.leaves(negated)
        for child in self.left_out:
            yield from child.leaves(True)

    def written(self) -> str:
        parts = [grouped(c) for c in self.children]
        parts += ["-" + grouped(c, always=not isinstance(c, Term)) for c in self.left_out]
        return " ".join(parts)

    def key(self) -> tuple:
        return ("And", tuple(sorted(c.key() for c in self.children)), tuple(sorted(c.key() for c in self.left_out)))


def grouped(node: Node, always: bool = False) -> str:
    """A node written as a part of an AND: a group in parentheses (an OR binds tighter than AND
    already, a NEAR tighter than OR)."""
    return f"({node.written()})" if always or isinstance(node, And) else node.written()
