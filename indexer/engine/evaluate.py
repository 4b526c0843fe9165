"""Evaluating a query tree over one generation's segments with numpy: matching and BM25F scores.

A term matches a passage in one of two ways:
- exactly: its letters occur there in sequence. The bigrams of the term are looked up with their
  positions; starting from the rarest, each next bigram must stand at the right distance in the
  same passage (a join of sorted arrays, not a scan of texts). Every string a passage holds is
  found this way, whatever the segmentation and the punctuation inside it.
- by its words: the passage holds most of the term's telling words (a drafter's wording differs).
Every exact hit of a query ranks before every hit by words; `run` says which is which.
Sets of passages are sorted arrays of passage numbers (sorted_arrays.py), as large as the postings
that make them, not as the generation; scores are noted on a sheet and added up only for the
passages matched in the end (scoring.py).
"""
import functools
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from .analysis import letter_prefix_range, letters, term_bigrams, word_key, words
from .kept import Kept
from .query.nodes import Context
from .segment import POSITION_BITS, POSITION_MASK
from .scoring import Blanks, ScoreSheet
from .sorted_arrays import NOTHING, held_by_at_least, kth_smallest, members, union, union_size

K1, B = 1.2, 0.75
EXACT_TITLE, EXACT_BODY, WORD_TITLE, WORD_TEXT = 3.0, 2.0, 1.5, 1.0
COMMON_WORD_SHARE = 0.25   # a word in more than this share of passages is common: it does not count toward a match
SHORT_TERM_SHARE = 0.5     # share of a term's telling words a passage needs when it lacks the exact string
LONG_TERM_SHARE = 0.4
LONG_TERM = 16             # characters
SYNONYM_WEIGHT = 0.8       # a synonym's exact match scores this share of the term's own
PROXIMITY_WINDOW = 30      # letters: terms this close together earn a bonus
PROXIMITY_BONUS = 1.25
RERANK = 50
CACHE_BYTES = 128 * 1024 * 1024
Value = TypeVar("Value", bound="Postings | np.ndarray")  # what the cache holds: postings, or a score per passage
EMPTY_WEIGHTS = np.zeros(0, dtype=np.float32)
EMPTY_WEIGHTS.flags.writeable = False   # shared, as NOTHING is
LENGTH_OF = {"body_bigrams": "body_length", "title_bigrams": "title_length",
             "body_words": "body_length", "title_words": "title_length"}


@dataclass
class Postings:
    docs: np.ndarray      # passages of the generation, ascending
    weights: np.ndarray   # how often the term occurs in each

    @property
    def nbytes(self) -> int:
        return self.docs.nbytes + self.weights.nbytes

    @functools.cached_property
    def most(self) -> float:
        """The most occurrences in one passage (a score's bound: kept, as the postings are)."""
        return float(self.weights.max()) if len(self.weights) else 0.0


NONE = Postings(NOTHING, EMPTY_WEIGHTS)


def read_only(value: Value) -> Value:
    """value (Postings, or an array), its arrays made read-only."""
    for array in (value.docs, value.weights) if isinstance(value, Postings) else (value,):
        array.flags.writeable = False
    return value


class Evaluator:
    """Evaluates parsed queries over the segments of one generation."""

    def __init__(self, parts: list, live: np.ndarray, lengths: dict):
        self.parts = parts
        self.live = live
        self.everything = np.flatnonzero(live)   # the live passages, as a set
        self.all_live = len(self.everything) == len(live)   # no passage deleted: postings need no masking
        self.count = max(1, len(self.everything))
        self.lengths = lengths
        self.average = {name: max(1.0, float(values[live].mean())) if live.any() else 1.0
                        for name, values in lengths.items()}
        # The shortest field that can hold a term (one letter at least): BM25's bound (bm25_bound).
        self.shortest = {name: max(1.0, float(values[values > 0].min())) if (values > 0).any() else 1.0
                         for name, values in lengths.items()}
        self.blanks = Blanks(len(live))   # zeroed score arrays the score sheets borrow
        self._kept = Kept(CACHE_BYTES)  # (how, field, term) → Postings (or kept scores), by what they cost
        self._frequency = {}  # word → passages holding it in title or text (for its idf)

    # --- postings ----------------------------------------------------------------------------
    def cached(self, key, compute: Callable[[], Value]) -> Value:
        """compute(), kept in a cache bounded by size (common terms have large arrays). What is kept
        is read-only: sets are handed on as they are (sorted_arrays), and a write into one would
        change every later answer."""
        return self._kept.get(key, lambda: read_only(compute()))

    def word(self, field_name: str, word: str) -> Postings:
        """The live passages holding a word, with how often."""
        def compute():
            key = word_key(word)
            docs, weights = [], []
            for part in self.parts:
                local, tf = part.segment.frequencies(field_name, key)
                local = np.asarray(local, dtype=np.int64)
                docs.append(local + part.base if part.base else local)   # the first part's: no copy
                weights.append(np.asarray(tf, dtype=np.float32))
            return self.live_only(docs, weights)
        return self.cached(("word", field_name, word), compute)

    def exact(self, field_name: str, term: str) -> Postings:
        """The live passages where the term's letters occur in sequence, with how often."""
        needle = letters(term)
        if not needle:
            return NONE

        def compute():
            found = [self.in_part(part, field_name, needle) for part in self.parts]
            return self.live_only([docs for docs, _ in found], [counts for _, counts in found])
        return self.cached(("exact", field_name, needle), compute)

    def in_part(self, part, field_name: str, needle: str) -> tuple[np.ndarray, np.ndarray]:
        """(the generation's numbers of one part's passages holding needle's letters in sequence,
        deleted ones too; how often each holds them)."""
        passages, counts = passages_holding(part.segment, field_name, needle)
        return passages + part.base, counts

    def first_passages(self, field_name: str, term: str, count: int) -> np.ndarray:
        """The first `count` live passages (by number) where the term occurs as written. Reading
        stops once they are found (did-you-mean samples a few; a common term's whole postings
        would cost far more)."""
        needle = letters(term)
        known = self.peek(("exact", field_name, needle))
        if known is not None:
            return known.docs[:count]
        out, held = [], 0
        for part in self.parts if needle else ():
            for local in passages_in_order(part.segment, field_name, needle):
                docs = local + part.base
                out.append(docs[self.live[docs]][:count - held])
                held += len(out[-1])
                if held >= count:
                    return np.concatenate(out)
        return np.concatenate(out) if out else NOTHING

    def occurs(self, term: str) -> bool:
        """Does the term occur as written in a live passage's title or text? Reading stops at the
        first one."""
        return any(len(self.first_passages(field_name, term, 1)) for field_name in ("body_bigrams", "title_bigrams"))

    def peek(self, key):
        """What the cache holds under key, if anything (nothing is computed)."""
        return self._kept.peek(key)

    def live_only(self, docs: list, weights: list) -> Postings:
        if not docs:
            return NONE
        if self.all_live:
            return Postings(docs[0], weights[0]) if len(docs) == 1 else Postings(np.concatenate(docs), np.concatenate(weights))
        joined_docs, joined_weights = np.concatenate(docs), np.concatenate(weights)
        keep = self.live[joined_docs]
        return Postings(joined_docs[keep], joined_weights[keep])

    # --- scoring -----------------------------------------------------------------------------
    def bm25(self, field_name: str, postings: Postings, df: int | None = None, weight: float = 1.0) -> np.ndarray:
        """weight · BM25 of each of the postings."""
        df = len(postings.docs) if df is None else df
        if not df:
            return EMPTY_WEIGHTS
        idf = math.log(1 + (self.count - df + 0.5) / (df + 0.5))
        length_name = LENGTH_OF[field_name]
        tf = postings.weights
        # idf·tf·(K1 + 1) / (tf + K1·(1 − B + B·length / average)), in float32 as the lengths and
        # counts are, each step in place: a common word's millions of postings make two arrays, not ten
        # (the same operations in the same order: the same values).
        norm = self.lengths[length_name][postings.docs]
        np.multiply(norm, B, out=norm)
        np.divide(norm, self.average[length_name], out=norm)
        np.add(norm, 1 - B, out=norm)
        np.multiply(norm, K1, out=norm)
        np.add(norm, tf, out=norm)
        top = np.multiply(tf, idf)
        np.multiply(top, K1 + 1, out=top)
        np.divide(top, norm, out=top)
        return np.multiply(top, weight, out=top) if weight != 1.0 else top

    def dense_scores(self, key, field_name: str, postings: Postings, weight: float, df: int,
                     make: bool = True) -> np.ndarray | None:
        """weight · bm25 of the postings as a score per passage of the generation (0 where it does not
        occur), kept in the cache under the postings' key: for a common word, read off by the next
        query's passages. The same float32 values the postings' own scores have. make=False: only
        if kept already (else None)."""
        def compute():
            out = np.zeros(len(self.live), dtype=np.float32)
            out[postings.docs] = self.bm25(field_name, postings, df, weight)
            return out
        cache_key = ("dense", key, weight, df)
        return self.cached(cache_key, compute) if make else self.peek(cache_key)

    def bm25_bound(self, field_name: str, postings: Postings, df: int | None = None) -> float:
        """The highest bm25() any of the postings can have: the most occurrences in the shortest field."""
        df = len(postings.docs) if df is None else df
        if not df or not len(postings.weights):
            return 0.0
        idf = math.log(1 + (self.count - df + 0.5) / (df + 0.5))
        length_name = LENGTH_OF[field_name]
        norm = K1 * (1 - B + B * self.shortest[length_name] / self.average[length_name])
        tf = postings.most
        return idf * tf * (K1 + 1) / (tf + norm)

    # --- matching ----------------------------------------------------------------------------
    def term(self, term: str, scores: ScoreSheet, exact_only=False, title_only=False,
             variants=()) -> tuple[np.ndarray, np.ndarray]:
        """(passages the term matches, those it matches exactly), as sets; adds its score to scores.
        variants: other ways to write the term (synonyms), matched exactly, scored a little lower."""
        found_exactly = []
        for written, weight in ((term, 1.0), *((v, SYNONYM_WEIGHT) for v in variants)):
            in_title = self.exact("title_bigrams", written)
            scores.add("title_bigrams", in_title, weight * EXACT_TITLE, key=("exact", "title_bigrams", letters(written)))
            found_exactly.append(in_title.docs)
            if title_only:
                continue
            in_body = self.exact("body_bigrams", written)
            scores.add("body_bigrams", in_body, weight * EXACT_BODY, key=("exact", "body_bigrams", letters(written)))
            found_exactly.append(in_body.docs)
        exact = union(*found_exactly)
        term_words = list(dict.fromkeys(words(term, for_query=True)))
        if exact_only or title_only or len(term_words) <= 1:
            return exact, exact
        return union(exact, self.shared_words(term, term_words, scores)), exact

    def shared_words(self, term: str, term_words: list, scores: ScoreSheet) -> np.ndarray:
        """Passages holding most of the term's telling words (common words only add to the score)."""
        held = []  # (the word's postings in titles and in texts, is it telling)
        for word in term_words:
            title, text = self.word("title_words", word), self.word("body_words", word)
            frequency = self.frequency(word, title, text)
            scores.add("title_words", title, WORD_TITLE, frequency, key=("word", "title_words", word))
            scores.add("body_words", text, WORD_TEXT, frequency, key=("word", "body_words", word))
            held.append(((title.docs, text.docs), frequency / self.count <= COMMON_WORD_SHARE))
        counted = [both for both, telling in held if telling] or [both for both, _ in held]  # only common words: all
        share = LONG_TERM_SHARE if len(letters(term)) > LONG_TERM else SHORT_TERM_SHARE
        need = max(1, math.ceil(len(counted) * share))
        return held_by_at_least(counted, need)

    def frequency(self, word: str, title: Postings, text: Postings) -> int:
        """Passages holding the word in title or text: a statistic of the generation, kept."""
        found = self._frequency.get(word)
        if found is None:
            found = self._frequency[word] = union_size(title.docs, text.docs)
        return found

    def near(self, terms: list, distance: int, scores: ScoreSheet) -> np.ndarray:
        """Passages where each term occurs as written within `distance` letters of the one before
        (either order, in one field), as a set; adds their score (as an exact match) to scores."""
        needles = [letters(term) for term in terms]
        if not all(needles):
            return self.everything[:0]
        found = []
        for field_name, weight in (("title_bigrams", EXACT_TITLE), ("body_bigrams", EXACT_BODY)):
            key = ("near", field_name, tuple(needles), distance)
            postings = self.cached(key, functools.partial(self.near_live, field_name, needles, distance))
            scores.add(field_name, postings, weight, key=key)
            found.append(postings.docs)
        return union(*found)

    def near_live(self, field_name: str, needles: list, distance: int) -> Postings:
        return self.live_only(*self.near_postings(field_name, needles, distance))

    def near_postings(self, field_name: str, needles: list, distance: int) -> tuple[list, list]:
        docs, weights = [], []
        for part in self.parts:
            places = [occurrences_of(part.segment, field_name, needle) for needle in needles]
            near_ones = within(places[0], len(needles[0]), places[1], len(needles[1]), distance)
            for i in range(2, len(needles)):  # a chain: each pair of neighbours in the same passage
                pair = within(places[i - 1], len(needles[i - 1]), places[i], len(needles[i]), distance)
                near_ones = near_ones[np.isin(near_ones >> POSITION_BITS, pair >> POSITION_BITS)]
            passages, counts = per_passage(near_ones)
            docs.append(passages + part.base)
            weights.append(counts)
        return docs, weights

    def run(self, parsed, expanded: dict | None = None) -> tuple[np.ndarray, np.ndarray, ScoreSheet]:
        """(matching passages, whether each matches exactly, the sheet their scores are read from)
        for a parsed query with at least one term. A passage matches exactly when the query's tree,
        read with every term matched only as written (or as one of its synonyms: expanded maps a
        term to them), matches it; each node of the tree (query/nodes.py) evaluates itself with
        the primitives above."""
        scores = ScoreSheet(self)
        context = Context(self, scores, expanded or {}, frozenset(parsed.quoted))
        docs, exact = parsed.root.evaluate(context)  # live passages only: postings hold no others
        # Exact matches are matches: as many of them as matches, they are all of them.
        is_exact = np.ones(len(docs), dtype=bool) if len(exact) == len(docs) else members(docs, exact)
        return docs, is_exact, scores

    def related(self, keywords: list, title_words: list) -> tuple[np.ndarray, np.ndarray]:
        """Passages sharing any of the words, scored by BM25 (title words count double)."""
        scores = np.zeros(len(self.live), dtype=np.float32)
        found = np.zeros(len(self.live), dtype=bool)
        for field_name, terms, weight in (("body_words", keywords, WORD_TEXT), ("title_words", title_words, 2 * WORD_TITLE)):
            for word in dict.fromkeys(terms):
                postings = self.word(field_name, word)
                if len(postings.docs):
                    scores[postings.docs] += self.bm25(field_name, postings, weight=weight)
                    found[postings.docs] = True
        docs = np.flatnonzero(found)
        return docs, scores[docs]

    def key_words(self, text: str, count: int) -> list:
        """The words that say most about a text: frequent in it, rare in the index (tf·idf)."""
        tally = {}
        for word in words(text):
            tally[word] = tally.get(word, 0) + 1
        weighted = []
        for word, tf in tally.items():
            df = len(self.word("body_words", word).docs)
            if df:
                weighted.append((tf * math.log(self.count / df), word))
        return [word for _, word in sorted(weighted, reverse=True)[:count]]

    def proximity(self, docnums: np.ndarray, scores: np.ndarray, exact: np.ndarray, parsed, body_of) -> np.ndarray:
        """Scores with a bonus for the best-ranked passages (exact matches first, then by score)
        where the query's terms stand close. body_of(docnum) gives a passage's text."""
        needles = [letters(clause[0]) for clause in parsed.clauses if letters(clause[0])]
        if len(needles) < 2 or not len(docnums):
            return scores
        scores = scores.copy()
        for i in best_ranked(scores, exact, RERANK):
            text = letters(body_of(int(docnums[i])))
            places = [text.find(n) for n in needles]
            if all(p >= 0 for p in places) and max(places) - min(places) <= PROXIMITY_WINDOW:
                scores[i] *= PROXIMITY_BONUS
        return scores


def best_ranked(scores: np.ndarray, exact: np.ndarray, count: int) -> np.ndarray:
    """Positions of the first `count` in rank order (exact first, then by score, ties in order of
    position): np.lexsort((-scores, ~exact))[:count], sorting only what can be among them."""
    if len(scores) <= count:
        return np.lexsort((-scores, ~exact))
    # exact first: above any related score (float64 holds float32 scores and the lift exactly)
    key = scores.astype(np.float64) + exact * (float(scores.max()) - float(scores.min()) + 1)
    among = np.flatnonzero(key >= -kth_smallest(-key, count))   # every passage tied with the count-th too
    return among[np.lexsort((-scores[among], ~exact[among]))][:count]


def occurrences_of(segment, field_name: str, needle: str) -> np.ndarray:
    """Where the letters of needle occur in one segment's field, as passage << 32 | position."""
    if len(needle) == 1:
        low, high = letter_prefix_range(needle)
        found = np.asarray(segment.occurrences_in_range(field_name, low, high))
        # every bigram that starts with the letter, and the letter alone at an end: sorted runs, merged
        return np.sort(found, kind="stable")
    plan = join_plan(segment, field_name, needle)
    if not plan:
        return NOTHING
    return joined(segment, field_name, plan, np.asarray(segment.occurrences_between(field_name, *plan[0][1])))


def join_plan(segment, field_name: str, needle: str) -> list:
    """[(offset, (start, end))] of the bigrams a term of two or more letters is joined from, the
    rarest first (its anchor), only those covering its letters; [] when one of them never occurs."""
    ranges = [(offset, segment.term_range(field_name, key)) for offset, key in term_bigrams(needle)]
    if any(start == end for _, (start, end) in ranges):
        return []
    return covering(sorted(ranges, key=lambda item: item[1][1] - item[1][0]))


def joined(segment, field_name: str, plan: list, anchor: np.ndarray, within: tuple | None = None) -> np.ndarray:
    """The starts of the term among `anchor` (occurrences of the plan's first bigram): those where
    every other bigram of the plan stands at its offset. within=(low, high): anchor lies between
    these occurrence values, so only that stretch of the other bigrams' lists is read."""
    anchor_offset = plan[0][0]
    if anchor_offset:   # where the term would start (an anchor at offset 0 starts it: no copy)
        starts = anchor[(anchor & POSITION_MASK) >= anchor_offset] - anchor_offset
    else:
        starts = anchor
    for offset, (start, end) in plan[1:]:  # only the bigrams the rarer ones leave open are read
        if not len(starts):
            break
        if within is not None:
            start, end = segment.occurrences_narrowed(field_name, start, end, *within)
        if start == end:
            return starts[:0]
        starts = starts[standing_at(segment, field_name, start, end, starts + offset)]
    return starts


JOIN_CHUNK = 1 << 18   # occurrences (2 MB) of a bigram's list read and searched at a time (64 K to 1 M measured
                       # the same at 100,000 notices; 整改's 5.4 million: 40 ms so, 170 ms read whole)


def standing_at(segment, field_name: str, start: int, end: int, wanted: np.ndarray) -> np.ndarray:
    """For each of wanted (sorted occurrence values): is it among occurrences [start, end) of the
    field? The list is read a chunk at a time into the thread's reused buffer, and each chunk
    searched for the wanted values in its range while it is still in the processor's cache. A
    common bigram's 5.4 million occurrences (43 MB) read whole needed a buffer as large, faulted in
    page by page the first time (50 to 100 ms on this machine), and were searched in main memory."""
    standing = np.zeros(len(wanted), dtype=bool)
    for chunk_start in range(start, end, JOIN_CHUNK):
        found = segment.occurrences_passing(field_name, chunk_start, min(end, chunk_start + JOIN_CHUNK))  # looked at, not kept
        low = int(np.searchsorted(wanted, found[0]))
        high = int(np.searchsorted(wanted, found[-1], side="right"))
        if low == high:
            continue
        among = wanted[low:high]
        standing[low:high] = found[np.searchsorted(found, among)] == among   # each ≤ found[-1]: inside
    return standing


FIRST_CHUNK = 1024   # anchor occurrences read first when only a term's first passages are wanted (4× more each next read)


def passages_holding(segment, field_name: str, needle: str) -> tuple[np.ndarray, np.ndarray]:
    """(the segment's passages holding needle's letters in sequence, how often each): per_passage of
    occurrences_of, joined a stretch of the anchor at a time (a common bigram's 43 MB list is never
    held whole: a buffer as large costs its page faults, 50 to 100 ms on this machine)."""
    if len(needle) < 2:
        return per_passage(occurrences_of(segment, field_name, needle))
    plan = join_plan(segment, field_name, needle)
    pieces = [per_passage(starts) for starts in starts_by_stretch(segment, field_name, plan, JOIN_CHUNK, 1)] if plan else []
    if len(pieces) <= 1:
        return pieces[0] if pieces else (NOTHING, EMPTY_WEIGHTS)
    return np.concatenate([passages for passages, _ in pieces]), np.concatenate([counts for _, counts in pieces])


def passages_in_order(segment, field_name: str, needle: str):
    """The segment's passages holding needle's letters in sequence (local numbers, ascending),
    yielded a few at a time: the anchor's occurrences are read a chunk at a time, and the other
    bigrams only over the chunk's passages, so a caller wanting the first few stops reading early."""
    if len(needle) < 2:
        yield from letter_passages_in_order(segment, field_name, needle)
        return
    plan = join_plan(segment, field_name, needle)
    if not plan:
        return
    for starts in starts_by_stretch(segment, field_name, plan, FIRST_CHUNK, 4):
        yield per_passage(starts)[0]


def starts_by_stretch(segment, field_name: str, plan: list, first: int, growth: int):
    """The term's starts (as joined finds them), a stretch of the anchor's occurrences at a time,
    each stretch ending with a whole passage: `first` occurrences, then `growth` times as many each
    next stretch. The other bigrams are read only over the stretch's passages."""
    at, end = plan[0][1]
    chunk = first
    while at < end:
        stop = min(end, at + chunk)
        anchor = np.asarray(segment.occurrences_between(field_name, at, stop))
        low = passage_start(anchor[0])
        if stop < end:
            # The stretch's last passage may go on past it: it waits for the next stretch.
            high = passage_start(anchor[-1])
            whole = int(np.searchsorted(anchor, high))
            if not whole:   # one passage fills the stretch: read a larger one
                chunk *= 4
                continue
            anchor, at, chunk = anchor[:whole], at + whole, chunk * growth
        else:
            high, at = passage_start(anchor[-1]) + (1 << POSITION_BITS), stop
        yield joined(segment, field_name, plan, anchor, (low, high))


LETTER_HEAD = 64   # occurrences of each of a letter's bigrams looked at first for its first passages


def letter_passages_in_order(segment, field_name: str, letter: str):
    """passages_in_order for one letter. Its occurrences are the lists of every bigram it starts,
    one after another, each sorted: the first passages are found among the lists' first LETTER_HEAD
    occurrences, and the whole is sorted only when more are wanted than these settle."""
    bounds = segment.key_bounds(field_name, *letter_prefix_range(letter))
    if len(bounds) < 2:
        return
    found = np.asarray(segment.occurrences_between(field_name, int(bounds[0]), int(bounds[-1])))
    starts, lengths = bounds[:-1] - bounds[0], np.diff(bounds)
    heads = np.minimum(lengths, LETTER_HEAD)
    cut = heads < lengths
    # A list cut at its head holds nothing before its last occurrence read: passages before the
    # earliest of those are complete.
    settled = int((found[starts[cut] + heads[cut] - 1] >> POSITION_BITS).min()) if cut.any() else None
    places = np.repeat(starts, heads) + np.arange(int(heads.sum())) - np.repeat(np.cumsum(heads) - heads, heads)
    head = np.sort(found[places], kind="stable")
    if settled is None:
        yield per_passage(head)[0]
        return
    yield per_passage(head[: int(np.searchsorted(head, settled << POSITION_BITS))])[0]
    rest = np.sort(found, kind="stable")
    for piece in whole_passages(rest[int(np.searchsorted(rest, settled << POSITION_BITS)):]):
        yield per_passage(piece)[0]


def whole_passages(occurrences: np.ndarray):
    """Sorted occurrences in pieces of FIRST_CHUNK, then 4× more each, never splitting a passage's."""
    at, chunk = 0, FIRST_CHUNK
    while at < len(occurrences):
        stop = at + chunk
        if stop < len(occurrences):
            stop = int(np.searchsorted(occurrences, passage_start(occurrences[stop])))
            if stop <= at:  # one passage fills the piece: it ends the piece
                stop = int(np.searchsorted(occurrences, passage_start(occurrences[at]) + (1 << POSITION_BITS)))
        yield occurrences[at:stop]
        at, chunk = stop, chunk * 4


def passage_start(occurrence) -> int:
    """The first possible occurrence of occurrence's passage (its position 0)."""
    return (int(occurrence) >> POSITION_BITS) << POSITION_BITS


def covering(ranges: list) -> list:
    """Of a term's bigrams (offset, where its occurrences are), rarest first: those that cover its
    letters, rarest first. Matched at their offsets they fix every letter: the others add nothing."""
    covered, out = set(), []
    for offset, found in ranges:
        if not {offset, offset + 1} <= covered:
            out.append((offset, found))
            covered.update((offset, offset + 1))
    return out


def within(first: np.ndarray, first_length: int, second: np.ndarray, second_length: int,
           distance: int) -> np.ndarray:
    """The occurrences of `first` with an occurrence of `second` in the same passage, not
    overlapping it, at most `distance` letters before or after it (occurrences as occurrences_of
    gives them: sorted, passage << 32 | position)."""
    if not len(first) or not len(second):
        return first[:0]
    passage_start = (first >> POSITION_BITS) << POSITION_BITS
    after_low = first + first_length
    before_high = first - second_length
    before_low = np.maximum(before_high - distance, passage_start)
    return first[starts_between(second, after_low, after_low + distance) | starts_between(second, before_low, before_high)]


def starts_between(sorted_places: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """For each pair of bounds: does a place lie in [low, high]?"""
    at = np.searchsorted(sorted_places, low)
    inside = at < len(sorted_places)
    found = sorted_places[np.minimum(at, len(sorted_places) - 1)]
    return inside & (found <= high)


def per_passage(occurrences: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted occurrences → (passages, occurrences in each)."""
    if not len(occurrences):
        return NOTHING, EMPTY_WEIGHTS
    passages = passage_numbers(occurrences)
    first = np.empty(len(passages), dtype=bool)   # a broad term's occurrences are millions: few temporaries
    first[0] = True
    np.not_equal(passages[1:], passages[:-1], out=first[1:])
    firsts = np.flatnonzero(first)
    counts = np.empty(len(firsts), dtype=np.float32)
    np.subtract(firsts[1:], firsts[:-1], out=counts[:-1], casting="unsafe")
    counts[-1] = len(passages) - firsts[-1]
    return passages[firsts].astype(np.int64), counts


def passage_numbers(occurrences: np.ndarray) -> np.ndarray:
    """Each occurrence's passage, its upper 32 bits: read in place, as every second half of the
    values (little-endian), rather than shifted into a new array (at 100,000 notices a common
    bigram's 5.4 million occurrences: per_passage 33 → 22 ms)."""
    if (POSITION_BITS == 32 and sys.byteorder == "little" and occurrences.dtype in (np.int64, np.uint64)
            and occurrences.dtype.isnative and occurrences.flags.c_contiguous):
        return occurrences.view(np.uint32)[1::2]
    return occurrences >> POSITION_BITS
