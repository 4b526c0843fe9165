"""A Whoosh query that matches documents matching at least `need` of its subqueries.

Whoosh's Or takes a `minmatch` argument but does not implement it; a term of several words that
should match passages sharing most of its words needs it.
"""
from whoosh import matching
from whoosh.query import NullQuery
from whoosh.query.compound import CompoundQuery


class AtLeast(CompoundQuery):
    JOINT = " ATLEAST "

    def __init__(self, subqueries, need=1, boost=1.0):
        super().__init__(subqueries, boost=boost)
        self.need = max(1, min(need, len(subqueries)))

    def __eq__(self, other):
        return isinstance(other, AtLeast) and self.subqueries == other.subqueries and self.need == other.need

    def __hash__(self):
        return hash((tuple(self.subqueries), self.need))

    def normalize(self):
        subqueries = [q.normalize() for q in self.subqueries]
        subqueries = [q for q in subqueries if q is not NullQuery]
        if len(subqueries) < self.need:
            return NullQuery
        return AtLeast(subqueries, self.need, self.boost)

    def simplify(self, reader):
        return AtLeast([q.simplify(reader) for q in self.subqueries], self.need, self.boost).normalize()

    def _matcher(self, subs, searcher, context):
        children = [q.matcher(searcher, context) for q in subs]
        return AtLeastMatcher(children, self.need, self.boost)


class AtLeastMatcher(matching.Matcher):
    def __init__(self, children, need, boost=1.0):
        self._children = [m for m in children if m.is_active()]
        self._need = need
        self._boost = boost
        self._id = None
        self._settle()

    def _settle(self):
        """Move to the next document where at least `need` children stand."""
        while True:
            self._children = [m for m in self._children if m.is_active()]
            if len(self._children) < self._need:
                self._id = None
                return
            ids = sorted(m.id() for m in self._children)
            if ids[0] == ids[self._need - 1]:
                self._id = ids[0]
                return
            # No document before the need-th smallest id can have enough children.
            target = ids[self._need - 1]
            for m in self._children:
                if m.id() < target:
                    m.skip_to(target)

    def _here(self):
        return [m for m in self._children if m.is_active() and m.id() == self._id]

    def is_active(self):
        return self._id is not None

    def id(self):
        return self._id

    def next(self):
        for m in self._here():
            m.next()
        self._settle()

    def skip_to(self, target):
        if self._id is not None and target <= self._id:
            return
        for m in self._children:
            if m.is_active() and m.id() < target:
                m.skip_to(target)
        self._settle()

    def score(self):
        return self._boost * sum(m.score() for m in self._here())

    def weight(self):
        return sum(m.weight() for m in self._here())

    def supports_block_quality(self):
        return False

    def max_quality(self):
        """An upper bound for pruning: the sum of the children's bounds (no bound, no pruning)."""
        total = 0.0
        for m in self._children:
            try:
                total += m.max_quality()
            except matching.NoQualityAvailable:
                return float("inf")
        return total * self._boost

    def children(self):
        return list(self._children)

    def copy(self):
        clone = AtLeastMatcher.__new__(AtLeastMatcher)
        clone._children = [m.copy() for m in self._children]
        clone._need, clone._boost, clone._id = self._need, self._boost, self._id
        return clone

    def depth(self):
        return 1 + max((m.depth() for m in self._children), default=0)

    def term_matchers(self):
        for m in self._children:
            yield from m.term_matchers()

    def matching_terms(self, id=None):
        for m in self._here():
            yield from m.matching_terms(id)

    def replace(self, minquality=0):
        return self if self.is_active() else matching.NullMatcher()
