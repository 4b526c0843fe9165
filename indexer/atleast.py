"""A Whoosh query that matches documents matching enough of its subqueries.

Whoosh's Or takes a `minmatch` argument but does not implement it; a term of several words that
should match passages sharing most of its words needs it. Each subquery has a weight (the rarity of
its word); a document must reach `need`. Words found nearly everywhere (针对, 问题, 加强) weigh
nothing, so the telling words decide.
"""
from whoosh import matching
from whoosh.query import NullQuery
from whoosh.query.compound import CompoundQuery


class AtLeast(CompoundQuery):
    JOINT = " ATLEAST "

    def __init__(self, subqueries, weights, need, boost=1.0):
        super().__init__(subqueries, boost=boost)
        self.weights = list(weights)
        self.need = need

    def __eq__(self, other):
        return (isinstance(other, AtLeast) and self.subqueries == other.subqueries
                and self.weights == other.weights and self.need == other.need)

    def __hash__(self):
        return hash((tuple(self.subqueries), tuple(self.weights), self.need))

    def normalize(self):
        pairs = [(q.normalize(), w) for q, w in zip(self.subqueries, self.weights)]
        pairs = [(q, w) for q, w in pairs if q is not NullQuery]
        if sum(w for _, w in pairs) < self.need:
            return NullQuery
        return AtLeast([q for q, _ in pairs], [w for _, w in pairs], self.need, self.boost)

    def simplify(self, reader):
        return AtLeast([q.simplify(reader) for q in self.subqueries], self.weights, self.need, self.boost).normalize()

    def _matcher(self, subs, searcher, context):
        children = [(q.matcher(searcher, context), w) for q, w in zip(subs, self.weights)]
        return AtLeastMatcher(children, self.need, self.boost)


class AtLeastMatcher(matching.Matcher):
    def __init__(self, children, need, boost=1.0):
        """children: [(matcher, weight)]."""
        self._pairs = [(m, w) for m, w in children if m.is_active()]
        self._need = max(need, 1e-9)  # at least one child with weight must stand on a document
        self._boost = boost
        self._id = None
        self._settle()

    @property
    def _children(self):
        return [m for m, _ in self._pairs]

    def _settle(self):
        """Move to the next document where the children standing on it weigh at least `need`."""
        while True:
            self._pairs = [(m, w) for m, w in self._pairs if m.is_active()]
            if not self._pairs or sum(w for _, w in self._pairs) < self._need:
                self._id = None
                return
            # Walk the children by id: the first id at which the weight of the children at or
            # before it reaches `need` is the earliest document that can qualify.
            ordered = sorted(self._pairs, key=lambda pair: pair[0].id())
            lowest = ordered[0][0].id()
            here = sum(w for m, w in ordered if m.id() == lowest)
            if here >= self._need:
                self._id = lowest
                return
            running, target = 0.0, None
            for m, w in ordered:
                running += w
                if running >= self._need:
                    target = m.id()
                    break
            for m, _ in self._pairs:
                if m.id() < target:
                    m.skip_to(target)

    def _here(self):
        return [m for m, _ in self._pairs if m.is_active() and m.id() == self._id]

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
        for m, _ in self._pairs:
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
        clone._pairs = [(m.copy(), w) for m, w in self._pairs]
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
