"""Index generations: what one committed generation needs in memory, and moving to a newer one.

A build commits a new generation while the old one answers. The newest is looked for at most once
a second and loaded in the background; it replaces the current one when it is ready. Segments are
immutable, so a new generation reuses the segments it shares with the old one (already mapped):
after a build that added ten notices, loading means mapping one small segment and renumbering.
"""
import logging
import threading
import time
from dataclasses import dataclass

import numpy as np

from . import store
from .analysis import is_letter_table, jieba_ready
from .evaluate import Evaluator
from .facets import FacetTable, MultiValued, SingleValued, Values
from .schema import FACETS, KINDS, LabelFacet, NoticeFacet, PassageFacet
from .faults import IndexDamaged, IndexFault, damaged
from .meta import IndexMeta
from .segment import Labels, Segment, SegmentDamaged

# How often a request looks for a newer generation: opening the record's table of contents costs
# about 0.1 ms, so a commit is seen within a tenth of a second of the next request.
REOPEN_CHECK_S = 0.1
# A first load that meets a commit's clean-up (the table of contents read, then a file it names
# removed by the commit after it) is tried again this many times, this far apart, before the index
# is called damaged; a later load keeps the generation it has and tries at the next check.
FIRST_LOAD_TRIES, FIRST_LOAD_PAUSE_S = 4, 0.05
log = logging.getLogger("notices")


@dataclass
class Part:
    """A segment as one generation sees it: where its passages and notices start in the
    generation's numbering, which of its notices are deleted, and its labels."""
    segment: Segment
    base: int
    notice_base: int
    deleted: np.ndarray
    labels: Labels


class Generation:
    """The tables of one committed generation, shared by all threads."""

    def __init__(self, key, ix, manifest: IndexMeta, parts: list, previous: "Generation | None" = None):
        self.key, self.ix, self.manifest, self.parts = key, ix, manifest, parts
        self.passages = parts[-1].base + parts[-1].segment.passages if parts else 0
        self.bases = np.array([p.base for p in parts], dtype=np.int64)
        self.notice_number = {}    # notice id → (part, ordinal), live notices only
        for part in parts:
            for ordinal, notice in enumerate(part.segment.notices):
                if not part.deleted[ordinal]:
                    self.notice_number[notice["id"]] = (part, ordinal)
        self.facets = facet_table(parts, self.passages, kept_parts(previous, manifest))
        self.evaluator = Evaluator(parts, self.facets.live, self.lengths())
        self.taxonomy = manifest.taxonomy or {}

    @classmethod
    def load(cls, path, ix, record: str, previous=None):
        with ix.searcher() as searcher:
            manifest = store.read_manifest(searcher)
        known = {p.segment.name: p.segment for p in previous.parts} if previous else {}
        parts, base, notice_base = [], 0, 0
        for entry in manifest.segments:
            segment = known.get(entry.name) or Segment(path / store.SEGMENTS / entry.name)
            parts.append(Part(segment, base, notice_base, segment.deleted(entry.deleted), segment.labels(entry.labels)))
            base += segment.passages
            notice_base += len(segment.notices)
        return cls((record, ix.latest_generation()), ix, manifest, parts, previous)

    def lengths(self) -> dict:
        """Letters in each passage's body and title (BM25's length norms)."""
        return {name: np.concatenate([np.asarray(p.segment[name]) for p in self.parts]).astype(np.float32)
                if self.parts else np.zeros(0, dtype=np.float32) for name in ("body_length", "title_length")}

    # --- one passage -------------------------------------------------------------------------
    def locate(self, docnum: int) -> tuple[Part, int]:
        part = self.parts[int(np.searchsorted(self.bases, docnum, side="right")) - 1]
        return part, docnum - part.base

    def body(self, docnum: int) -> str:
        """A passage's text alone: what proximity and did-you-mean read, many passages a query."""
        part, local = self.locate(docnum)
        return part.segment.text("body", local)

    def passage_head(self, docnum: int) -> tuple[str, str, int, str]:
        """(id, kind, seq, title) of a passage: what a list of a notice's other matches shows."""
        part, local = self.locate(docnum)
        segment = part.segment
        return (segment.text("id", local), KINDS[int(segment["kind"][local])], int(segment["seq"][local]),
                segment.text("title", local))

    def passage(self, docnum: int) -> dict:
        """A passage's stored facts: id, kind, title, body, path, its notice's facts, and the value
        of every facet under the facet's key (unknown: "" or None; a multi-valued one: a list)."""
        part, local = self.locate(docnum)
        segment = part.segment
        notice = segment.notices[int(segment["notice"][local])]
        out = {
            "id": segment.text("id", local), "kind": KINDS[int(segment["kind"][local])], "seq": int(segment["seq"][local]),
            "title": segment.text("title", local), "body": segment.text("body", local), "path": segment.path(local),
            "notice": notice,
        }
        for facet in FACETS:
            if isinstance(facet, NoticeFacet):
                out[facet.key] = notice.get(facet.name, "")
            elif isinstance(facet, LabelFacet):
                out[facet.key] = part.labels.types_of(local) if facet.multi else part.labels.category_of(local)
            elif isinstance(facet, PassageFacet):
                code = int(segment[facet.field][local])
                kept = segment.tables[facet.table][code] if code >= 0 else None
                out[facet.key], out[f"{facet.key}_text"] = facet.read(kept), kept  # the state, and the notice's words
        return out

    def passage_number(self, passage_id: str, notice_id: str) -> int | None:
        found = self.notice_number.get(notice_id)
        if found is None:
            return None
        part, ordinal = found
        notice = part.segment.notices[ordinal]
        for local in range(notice["first"], notice["first"] + notice["count"]):
            if part.segment.text("id", local) == passage_id:
                return part.base + local
        return None

    def notice_labels(self, notice_id: str) -> dict:
        """passage id → (category, types) as this generation labels the notice's passages."""
        found = self.notice_number.get(notice_id)
        if found is None:
            return {}
        part, ordinal = found
        notice = part.segment.notices[ordinal]
        return {part.segment.text("id", local): (part.labels.category_of(local), part.labels.types_of(local))
                for local in range(notice["first"], notice["first"] + notice["count"])}


@dataclass(frozen=True)
class KeptParts:
    """The first parts of a new generation that an earlier one had too, with the same labels,
    in the same places (a build that only added segments): its columns of labels extend that
    generation's, which are not made again."""
    count: int              # how many parts
    table: FacetTable       # the earlier generation's


def kept_parts(previous: "Generation | None", manifest: IndexMeta) -> KeptParts | None:
    if previous is None or not previous.parts:
        return None
    before = [(e.name, e.labels) for e in previous.manifest.segments]
    now = [(e.name, e.labels) for e in manifest.segments]
    if now[:len(before)] != before:
        return None
    return KeptParts(len(before), previous.facets)


def facet_table(parts: list, passages: int, kept: KeptParts | None = None) -> FacetTable:
    """Every facet of the registry as one column over the generation's passages, made as its
    source says (COLUMNS)."""
    notice_of = np.concatenate([p.notice_base + np.asarray(p.segment["notice"], dtype=np.int64) for p in parts]) \
        if parts else np.zeros(0, dtype=np.int64)
    columns = {facet.name: types_column(facet, parts, passages, kept) if facet.source == "labels" and facet.multi
               else COLUMNS[facet.source](facet, parts, notice_of, passages) for facet in FACETS}
    kind = np.concatenate([np.asarray(p.segment["kind"]) for p in parts]) if parts else np.zeros(0, dtype=np.uint8)
    live = np.concatenate([~p.deleted[np.asarray(p.segment["notice"])] for p in parts]) if parts \
        else np.zeros(0, dtype=bool)
    published = Values()
    per_notice = np.concatenate([segment_to_global(p.segment, "published", published)
                                 for p in parts]) if parts else np.zeros(0, dtype=np.int32)
    order = np.argsort(np.array(published.values, dtype=object).astype(str))
    rank_of_code = np.empty(len(order), dtype=np.int32)
    rank_of_code[order] = np.arange(len(order))  # by date
    rank_of_code[0] = -1  # code 0 is the undated: no place on the time line
    published_rank = rank_of_code[per_notice][notice_of] if len(notice_of) else np.zeros(0, dtype=np.int32)
    return FacetTable(columns, kind, notice_of, live, published_rank)


def notice_column(facet, parts: list, notice_of: np.ndarray, passages: int) -> SingleValued:
    """Each passage has its notice's value, kept in the segment's table of notices (a segment
    written before the facet was registered has none: unknown)."""
    values = Values()
    per_notice = np.concatenate([segment_to_global(p.segment, facet.name, values)
                                 for p in parts]) if parts else np.zeros(0, dtype=np.int32)
    codes = per_notice[notice_of] if len(notice_of) else np.zeros(0, dtype=np.int32)
    return SingleValued(facet, values.values, codes)


def passage_column(facet, parts: list, notice_of: np.ndarray, passages: int) -> SingleValued:
    """Each passage's kept value, read into the facet's value (a status's words into its state)."""
    values = Values()
    read = [[facet.read(kept) or "" for kept in p.segment.tables[facet.table]] for p in parts]
    codes = np.concatenate([local_to_global(np.asarray(p.segment[facet.field]), listed, values)
                            for p, listed in zip(parts, read)]) if parts else np.zeros(0, dtype=np.int32)
    return SingleValued(facet, values.values, codes)


def types_column(facet, parts: list, passages: int, kept: KeptParts | None) -> MultiValued:
    """The taxonomy's types of each problem: the earlier generation's column extended by the
    parts after those it had (at 100,000 notices making it anew costs 0.8 s of a reload), else made."""
    values = Values()
    if kept is None:
        return MultiValued(facet, values.values, *label_entries(parts, values), passages)
    before = kept.table.facets[facet.name]
    for value in before.values:
        values.code(value)
    rows, codes = label_entries(parts[kept.count:], values)
    return before.extended(values.values, rows, codes, passages)


def label_column(facet, parts: list, notice_of: np.ndarray, passages: int) -> SingleValued:
    """The taxonomy's one label of each problem, its category (its types: types_column)."""
    values = Values()
    codes = np.concatenate([local_to_global(p.labels.category, p.labels.categories, values) for p in parts]) \
        if parts else np.zeros(0, dtype=np.int32)
    return SingleValued(facet, values.values, codes)


# How a facet of each source (schema.py) becomes a column: (facet, parts, notice of each passage, passages).
COLUMNS = {"notice": notice_column, "passage": passage_column, "labels": label_column}


def local_to_global(local_codes: np.ndarray, local_values: list, values: Values) -> np.ndarray:
    """A segment's codes (-1: none) as codes of the generation's value table (0: none)."""
    table = np.array([values.code(v) for v in local_values] + [0], dtype=np.int32)
    return table[np.asarray(local_codes)]


def segment_to_global(segment, name: str, values: Values) -> np.ndarray:
    """A segment's codes of its notices' values of a field, as codes of the generation's table."""
    codes, listed = segment.notice_codes(name)
    return local_to_global(codes, listed, values)


def label_entries(parts: list, values: Values) -> tuple[np.ndarray, np.ndarray]:
    """(passage, type code) for every type of every passage."""
    for part in parts:
        for name in part.labels.types:
            values.code(name)
    rows, codes = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for part in parts:
        labels = part.labels
        counts = np.diff(labels.type_starts)
        rows.append(part.base + np.repeat(np.arange(len(counts)), counts))
        table = np.array([values.find(name) for name in labels.types], dtype=np.int64)
        codes.append(table[labels.type_codes])
    return np.concatenate(rows), np.concatenate(codes)


class Generations:
    """The newest loaded generation of one index, and a Whoosh searcher per thread for it.

    Whoosh searchers read their files through shared file positions, so they must not be shared
    between threads: each thread gets its own searcher of the current generation.
    """

    def __init__(self, path, background=True):
        self.path = path
        self.background = background
        self._lock = threading.Lock()
        self._first_load = threading.Lock()
        self._local = threading.local()
        self._generation = None
        self._loading = None
        self._checked = 0.0
        self.fault = None      # the last fault met looking for a newer generation, as a sentence

    def current(self):
        """(searcher of this thread, generation) for the newest loaded generation."""
        self._look_for_newer()
        generation = self._generation
        local = self._local
        if getattr(local, "key", None) != generation.key:
            local.searcher, local.key = generation.ix.searcher(), generation.key  # the old one closes when collected
        return local.searcher, generation

    def release_thread(self):
        """Close this thread's searcher (a thread that stops searching)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = self._local.key = None

    def _look_for_newer(self):
        if self._generation is None:
            with self._first_load:  # one thread loads the first generation; the others wait for it
                if self._generation is None:
                    self._load_first()
                    return
        self._look_for_newer_now()

    def _load_first(self):
        for attempt in range(1, FIRST_LOAD_TRIES + 1):
            try:
                self._look_for_newer_now()
                return
            except IndexDamaged:
                if attempt == FIRST_LOAD_TRIES:
                    raise
                time.sleep(FIRST_LOAD_PAUSE_S)

    def _look_for_newer_now(self):
        with self._lock:
            now = time.monotonic()
            if self._generation is not None and (now - self._checked < REOPEN_CHECK_S or self._loading):
                return
            self._checked = now
            try:
                ix, record = store.open_record(self.path)  # a fresh object: Whoosh caches the table of contents
            except IndexFault as e:
                if self._generation is None:
                    raise
                self.report(e)  # the generation in memory keeps answering
                return
            if self._generation is not None and (record, ix.latest_generation()) == self._generation.key:
                return
            if self._generation is not None and self.background:
                self._loading = threading.Thread(target=self._load, args=(ix, record), daemon=True)
                self._loading.start()
                return
        self._load(ix, record)

    def _load(self, ix, record):
        try:
            jieba_ready()  # the dictionary, before the first query rather than inside it
            is_letter_table()  # so too the letters' table (22 ms), which the first long text read would make
            try:
                generation = Generation.load(self.path, ix, record, self._generation)
            except (SegmentDamaged, *store.RECORD_ERRORS) as e:
                fault = damaged(self.path, str(e) or type(e).__name__)
                if self._generation is None:
                    raise fault from None
                self.report(fault)
                return
            with self._lock:
                self._generation = generation
                self.fault = None
        finally:
            self._loading = None

    def report(self, fault: Exception):
        """Say a fault once in the log (a server checks every second: not every second)."""
        if str(fault) != self.fault:
            log.error("%s The generation loaded before keeps answering.", fault)
        self.fault = str(fault)
