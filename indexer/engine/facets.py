"""Facet counting with numpy over the columns of one generation.

When a generation is loaded every facet becomes an integer array (one code per passage), or for a
facet with several values a passage (a problem's types) a sparse matrix kept both ways round, so that
counting the facets of any set of matching passages is a bincount, not a loop over hits.
"""
import functools
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from .combinations import Combinations
from .schema import FACETS, KINDS, PASSAGE_KINDS
from .sorted_arrays import distinct

FACET_LIMIT = 100
# A multi-valued facet is counted value by value (each value's passages looked up on a mask of the
# matches: every entry once) when the matches hold more than 1/BY_VALUE of the passages, else from
# the matched passages' own slots (measured at 10,000 and 100,000 notices, random matches: the two
# cost the same at a ninth to an eighth of the passages).
BY_VALUE = 8
COMBINED = 4   # a set of passages is counted through the combinations of values (combinations.py) when
               # it holds more than 1/COMBINED as many passages as there are combinations, else facet by
               # facet (random sets at 10,000 and 100,000 notices: the two cost the same at 1/3 to 1/5)
COMPLEMENT = 2  # a match holding more than 1/COMPLEMENT of the passages it was chosen from is counted
                # over the passages it leaves out (their counts taken from those of the whole set)
WHOLE_SETS_KEPT = 16   # the counts of this many sets of eligible passages are kept (the landing page's,
                       # a province's, the problems'…): every query within one counts from them
RANGE = re.compile(r"^\s*(\d{1,9})?\s*[-–~至]\s*(\d{1,9})?\s*$")


def in_range(value: str, bounds: str) -> bool:
    """Whether a number written as value lies within "low-high" (either end may be left open)."""
    matched = RANGE.match(bounds)
    if matched is None:  # not a range: nothing lies within it
        return False
    low, high = matched.groups()
    return value.isdigit() and (low is None or int(value) >= int(low)) and (high is None or int(value) <= int(high))


class Values:
    """Strings ↔ codes; code 0 is "" (unknown)."""

    def __init__(self):
        self.values, self._code = [""], {"": 0}

    def code(self, value: str) -> int:
        code = self._code.get(value)
        if code is None:
            code = self._code[value] = len(self.values)
            self.values.append(value)
        return code

    def codes(self, values) -> np.ndarray:
        return np.array([self.code(v or "") for v in values], dtype=np.int32)

    def find(self, value: str) -> int | None:
        return self._code.get(value)


class SingleValued:
    """A facet with one value a passage, as codes."""

    def __init__(self, facet, values: list, codes: np.ndarray):
        # As narrow as the values allow: a filter compares every passage's code, a count gathers them.
        self.facet, self.values, self.codes = facet, values, codes.astype(code_type(len(values)), copy=False)
        self._code = {value: code for code, value in enumerate(values)}

    def code_of(self, value: str) -> int | None:
        return self._code.get(value)

    def having(self, value: str) -> np.ndarray:
        """Passages with this value (or, for a ranged facet, within "low-high"), as a boolean mask."""
        value = str(value)
        if self.facet.ranged and RANGE.match(value):
            return np.isin(self.codes, [code for code, v in enumerate(self.values) if in_range(v, value)])
        code = self.code_of(value)
        return self.codes == code if code is not None else np.zeros(len(self.codes), dtype=bool)

    def tally(self, docnums: np.ndarray) -> np.ndarray:
        return np.bincount(self.codes[docnums], minlength=len(self.values))

    def indicator(self, docnums: np.ndarray) -> np.ndarray:
        """matrix[k, v] is True when the k-th passage has the v-th value."""
        matrix = np.zeros((len(docnums), len(self.values)), dtype=bool)
        matrix[np.arange(len(docnums)), self.codes[docnums]] = True
        return matrix


def entries_by_passage(rows: np.ndarray, codes: np.ndarray, values: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, codes) ordered by passage and by code within one, each pair once."""
    width = max(1, values)
    entries = distinct(np.asarray(rows, dtype=np.int64) * width + np.asarray(codes, dtype=np.int64))
    return entries // width, entries % width


def starts_of(rows: np.ndarray, first: int, passages: int) -> np.ndarray:
    """Where each passage from first to passages (and the end) begins in rows, ascending."""
    return np.searchsorted(rows, np.arange(first, passages + 1))


def postings_of(rows: np.ndarray, codes: np.ndarray, values: int) -> list:
    """Each value's passages, ascending (a stable sort of small codes is a radix sort)."""
    by_value = np.argsort(codes.astype(np.int16 if values < 1 << 15 else np.int64), kind="stable")
    bounds = np.searchsorted(codes[by_value], np.arange(values + 1))
    return [rows[by_value[bounds[v]:bounds[v + 1]]] for v in range(values)]


class MultiValued:
    """A facet with any number of values a passage (a problem's types, at most a few), kept both
    ways round: each passage's slots (a row of value codes: to count, only the passages matched are
    read) and each value's passages (posting lists: to filter). No passages × values matrix: at
    100,000 notices it would be 2.3 million rows of every type."""

    def __init__(self, facet, values: list, rows: np.ndarray, codes: np.ndarray, passages: int):
        """rows, codes: one entry per (passage, value) held, any order; duplicates count once."""
        self.facet, self.values, self.passages = facet, values, passages
        self._code = {value: code for code, value in enumerate(values)}
        rows, codes = entries_by_passage(rows, codes, len(values))
        self.slots = slots_of(rows, codes, 0, passages, len(values))
        self.postings = postings_of(rows, codes, len(values))

    def extended(self, values: list, rows: np.ndarray, codes: np.ndarray, passages: int) -> "MultiValued":
        """This column with the passages after its own up to passages, and their entries (rows, codes,
        as __init__ takes them); values: this column's values, in their order, then any new ones.
        What a newer generation that only added segments is given instead of a column made anew."""
        out = MultiValued.__new__(MultiValued)
        out.facet, out.values, out.passages = self.facet, values, passages
        out._code = {value: code for code, value in enumerate(values)}
        rows, codes = entries_by_passage(rows, codes, len(values))
        added = slots_of(rows, codes, self.passages, passages, len(values))
        width = max(self.slots.shape[1], added.shape[1])
        out.slots = np.concatenate([widened(self.slots, width), widened(added, width)]).astype(
            slot_type(len(values)), copy=False)
        more = postings_of(rows, codes, len(values))
        out.postings = [np.concatenate([self.postings[v], more[v]]) if v < len(self.postings) else more[v]
                        for v in range(len(values))]
        return out

    def code_of(self, value: str) -> int | None:
        return self._code.get(value)

    def having(self, value: str) -> np.ndarray:
        out = np.zeros(self.passages, dtype=bool)
        code = self.code_of(str(value))
        if code is not None:
            out[self.postings[code]] = True
        return out

    def tally(self, docnums: np.ndarray) -> np.ndarray:
        if len(docnums) * BY_VALUE > self.passages:
            matched = np.zeros(self.passages, dtype=bool)
            matched[docnums] = True
            return np.array([int(np.count_nonzero(matched[docs])) for docs in self.postings], dtype=np.int64)
        return np.bincount(self.slots[docnums].ravel(), minlength=len(self.values) + 1)[1:]

    def indicator(self, docnums: np.ndarray) -> np.ndarray:
        """matrix[k, v] is True when the k-th passage has the v-th value."""
        held = self.slots[docnums]
        which, slot = np.nonzero(held)
        matrix = np.zeros((len(docnums), len(self.values)), dtype=bool)
        matrix[which, held[which, slot].astype(np.intp) - 1] = True
        return matrix


def code_type(values: int) -> type:
    """The narrowest type holding codes 0 to values - 1."""
    return np.uint8 if values <= 1 << 8 else np.uint16 if values <= 1 << 16 else np.int32


def slot_type(values: int) -> type:
    return code_type(values + 1)   # a slot holds a code + 1, 0 where empty


def slots_of(rows: np.ndarray, codes: np.ndarray, first: int, passages: int, values: int) -> np.ndarray:
    """Passages first to passages (rows ascending, each pair once) as a row each of their codes + 1,
    0 where a passage holds fewer values than the widest: 9 MB at 100,000 notices, where the
    entries with a start per passage took 56 MB."""
    starts = starts_of(rows, first, passages)
    held = np.diff(starts)
    slots = np.zeros((passages - first, int(held.max()) if len(held) and len(rows) else 0), dtype=slot_type(values))
    for k in range(slots.shape[1]):
        holding = np.flatnonzero(held > k)
        slots[holding, k] = codes[starts[holding] + k] + 1
    return slots


def widened(slots: np.ndarray, width: int) -> np.ndarray:
    return slots if slots.shape[1] == width else np.pad(slots, ((0, 0), (0, width - slots.shape[1])))


@dataclass
class Eligible:
    """The passages a request's matches are chosen from (live, of its kinds, within its filters),
    and a key saying which request made them: the same key, the same passages."""
    key: tuple
    mask: np.ndarray

    @functools.cached_property
    def count(self) -> int:
        return int(np.count_nonzero(self.mask))


class FacetTable:
    """The facets of one generation's passages, and which passages are live."""

    def __init__(self, columns: dict, kind: np.ndarray, notice: np.ndarray, live: np.ndarray,
                 published_rank: np.ndarray):
        """columns: facet name → SingleValued or MultiValued; kind: code into schema's KINDS;
        notice: the generation's number of each passage's notice."""
        self.facets = columns
        self.notices = int(notice.max()) + 1 if len(notice) else 0
        notice = notice.astype(np.int32 if self.notices < 1 << 31 else np.int64, copy=False)  # gathered by every count
        self.kind, self.notice, self.live, self.published_rank = kind, notice, live, published_rank
        self._live_of_kinds = {}
        self._notice_codes = {}   # facet name → each notice's code (a facet of notices)
        self._by_date = {}   # oldest first? → every passage in that date order (kept: see by_date)
        self._whole_sets = OrderedDict()   # Eligible.key → {facet name: counts}, least recently used first
        self._whole_sets_lock = threading.Lock()
        self.combinations = self.combinations_counted()

    def of_kinds(self, kinds) -> np.ndarray:
        return np.isin(self.kind, [KINDS.index(k) for k in kinds])

    def live_of_kinds(self, kinds) -> np.ndarray:
        """Live passages of the kinds, as a fresh mask (the caller narrows it). Kept per set of kinds:
        a scan of every passage's kind is the same for every query of a generation."""
        key = tuple(sorted(kinds))
        kept = self._live_of_kinds.get(key)
        if kept is None:
            kept = self._live_of_kinds[key] = self.live & self.of_kinds(kinds)
        return kept.copy()

    def mask(self, filters: dict, kinds=PASSAGE_KINDS, excluded: dict | None = None) -> np.ndarray:
        """Live passages of the given kinds that satisfy every filter and have none of the excluded
        values (facet → [values]): never a passage that is not live (Engine._match relies on it)."""
        keep = self.live_of_kinds(kinds)
        for name, value in filters.items():
            if value not in (None, ""):
                keep &= self.facets[name].having(value)
        for name, values in (excluded or {}).items():
            for value in values:
                keep &= ~self.facets[name].having(value)
        return keep

    def counts(self, docnums: np.ndarray, filters: dict, limit: int = FACET_LIMIT,
               eligible: Eligible | None = None) -> tuple[dict, dict]:
        """({facet: [{value, count, selected}]}, {facet: whether its list was cut at limit}).
        eligible: the passages docnums were chosen from; a match holding most of them is counted
        as their counts less those of the passages it leaves out."""
        if eligible is not None and len(docnums) * COMPLEMENT > eligible.count:
            if len(docnums) == eligible.count:   # every one of them (docnums are distinct): none left out
                tallies = self.whole_set(eligible, docnums)
            else:
                left_out = eligible.mask.copy()
                left_out[docnums] = False
                whole, rest = self.whole_set(eligible), self.tallies(np.flatnonzero(left_out))
                tallies = {name: whole[name] - rest[name] for name in whole}
        else:
            tallies = self.tallies(docnums)
        listed, truncated = {}, {}
        for facet in FACETS:
            counter = self.facets[facet.name]
            listed[facet.name], truncated[facet.name] = listing(
                counter.values, value_ranks(counter), tallies[facet.name], filters.get(facet.name), facet.order, limit)
        return listed, truncated

    def combinations_counted(self) -> list:
        """The combinations every count goes through: the notice facets' values held by each notice,
        and the other facets' held by each passage."""
        by_notice, single, multi = {}, {}, {}
        for facet in FACETS:
            counter = self.facets[facet.name]
            if facet.source == "notice":
                by_notice[facet.name] = (self.notice_codes(counter), len(counter.values))
            elif isinstance(counter, MultiValued):
                multi[facet.name] = (counter.slots, len(counter.values))
            else:
                single[facet.name] = (counter.codes, len(counter.values))
        return [Combinations.of(by_notice, {}).spread(self.notice), Combinations.of(single, multi)]

    def tallies(self, docnums: np.ndarray) -> dict:
        """{facet name: how many of docnums hold each of its values (by code)}."""
        if len(docnums) * COMBINED <= sum(combinations.count for combinations in self.combinations):
            return self.tallies_facet_by_facet(docnums)
        out = {}
        for combinations in self.combinations:
            out.update(combinations.tally(docnums))
        return out

    def tallies_facet_by_facet(self, docnums: np.ndarray) -> dict:
        """tallies() of a few passages: each facet's codes of each passage counted."""
        out = {}
        notices = self.notice[docnums]   # a facet of notices is counted through each passage's notice
        for facet in FACETS:
            counter = self.facets[facet.name]
            if facet.source != "notice":
                out[facet.name] = counter.tally(docnums)
            else:
                out[facet.name] = np.bincount(self.notice_codes(counter)[notices], minlength=len(counter.values))
        return out

    def whole_set(self, eligible: Eligible, members: np.ndarray | None = None) -> dict:
        """The tallies of every eligible passage, kept for the next request with the same key.
        members: those passages, when the caller has them as numbers."""
        with self._whole_sets_lock:
            found = self._whole_sets.get(eligible.key)
            if found is not None:
                self._whole_sets.move_to_end(eligible.key)
                return found
        found = self.tallies(np.flatnonzero(eligible.mask) if members is None else members)
        with self._whole_sets_lock:
            self._whole_sets[eligible.key] = found
            while len(self._whole_sets) > WHOLE_SETS_KEPT:
                self._whole_sets.popitem(last=False)
        return found

    def notice_codes(self, counter) -> np.ndarray:
        """Each notice's code of a facet of notices (every passage of a notice has its notice's value)."""
        codes = self._notice_codes.get(counter.facet.name)
        if codes is None:
            codes = self._notice_codes[counter.facet.name] = np.zeros(self.notices, dtype=counter.codes.dtype)
            codes[self.notice] = counter.codes
        return codes

    def crosstab(self, docnums: np.ndarray, rows: str, columns: str) -> dict:
        """{"rows": [...], "columns": [...], "counts": [[...]]} for two facets over docnums."""
        row_counter, column_counter = self.facets[rows], self.facets[columns]
        counts = row_counter.indicator(docnums).T.astype(np.int64) @ column_counter.indicator(docnums).astype(np.int64)
        keep_rows = [i for i, v in enumerate(row_counter.values) if v and counts[i].sum()]
        keep_columns = [j for j, v in enumerate(column_counter.values) if v and counts[:, j].sum()]
        return {
            "rows": [row_counter.values[i] for i in keep_rows],
            "columns": [column_counter.values[j] for j in keep_columns],
            "counts": [[int(counts[i, j]) for j in keep_columns] for i in keep_rows],
        }

    def by_date(self, oldest: bool) -> np.ndarray:
        """Every passage, newest first (or oldest first), undated ones last, ties by number: made
        once a generation, so that a broad match's page by date is read off it, not sorted."""
        found = self._by_date.get(oldest)
        if found is None:
            order = np.argsort(date_order(self.published_rank, oldest), kind="stable")
            found = self._by_date[oldest] = order.astype(np.int32 if len(order) < 1 << 31 else np.int64)
        return found

    def distinct_notices(self, docnums: np.ndarray) -> int:
        """How many notices docnums (ascending) are passages of: a notice's passages are numbered one
        after another, so each notice is one run of them."""
        notices = self.notice[docnums]
        return int(np.count_nonzero(notices[1:] != notices[:-1])) + 1 if len(notices) else 0


def date_order(rank: np.ndarray, oldest: bool) -> np.ndarray:
    """A key that sorts newest first (or oldest first), and undated passages (rank -1) last either way."""
    return np.where(rank < 0, np.iinfo(np.int32).max, rank if oldest else -rank)


def value_ranks(counter) -> np.ndarray:
    """Each value's place in the order of the values as strings (kept with the counter)."""
    if not hasattr(counter, "ranks"):
        counter.ranks = np.argsort(np.argsort(np.array(counter.values, dtype=object).astype(str), kind="stable"))
    return counter.ranks


def listing(values: list, ranks: np.ndarray, tally: np.ndarray, selected, order: str, limit: int) -> tuple[list, bool]:
    """The values counted, as rows: most first (newest first for order "value"), `limit` of them and
    the selected one wherever it stands; and whether the list was cut."""
    codes = np.flatnonzero(tally)
    codes = codes[codes != 0]  # code 0 is the unknown value
    if order == "value":
        codes = codes[np.argsort(-ranks[codes], kind="stable")]
    else:
        codes = codes[np.lexsort((ranks[codes], -tally[codes]))]
    chosen = str(selected or "")
    shown = codes[:limit].tolist()
    if chosen and len(codes) > limit:   # the selected value, when the cut left it out (no value is "")
        shown += [code for code in codes[limit:].tolist() if values[code] == chosen]
    rows = [{"value": values[code], "count": int(tally[code]), "selected": values[code] == chosen} for code in shown]
    return rows, len(codes) > limit
