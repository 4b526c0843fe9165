"""A segment: the passages of a batch of notices and their postings, as numpy arrays on disk.

A build writes each segment once (in a worker process, from the notices it parsed) and never
changes it; readers keep its small arrays in memory and read the rest a slice at a time. What can change without rewriting it lives beside it in small
files the manifest names: which of its notices are deleted, and the labels (categories, types) of
its passages, which a taxonomy edit replaces.

A passage is a problem, another section, or the notice itself (its title and opening), so that
every notice is found by the words of its headline. Postings, four fields:
  body_bigrams, title_bigrams   every bigram occurrence: key → (passage << 32 | letter position)
  body_words,   title_words     every word: key → passages holding it, and how often
"""
import json
import os
import shutil
import threading
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..document.notice import opening_section
from . import json_files
from .analysis import bigram_keys, letters, word_key, words_of_texts
from .schema import KINDS, of_source

FORMAT = 1
POSITIONAL = ("body_bigrams", "title_bigrams")
FREQUENCY = ("body_words", "title_words")
TEXTS = ("id", "title", "body", "path")
POSITION_BITS = 32
POSITION_MASK = (1 << POSITION_BITS) - 1
SORT_INDEX_BITS = 31  # a bigram key (32 bits) and an occurrence index share one int64 when sorting
# An .npy header is read with ast.literal_eval, which compiles: CPython 3.11 before 3.11.9 can fail
# ("AST constructor recursion depth mismatch") when threads compile at once, as a server's threads
# opening a segment's arrays lazily do. One header is read at a time.
HEADERS = threading.Lock()
# Side files, named by the manifest rather than by meta.json: replaced without rewriting the segment.
INITIAL_LABELS = "labels-initial.npz"


# Read whole into memory when a segment is opened: small, and looked at by every query. The
# postings and texts (most of a segment) are read a slice at a time (DiskArray).
IN_MEMORY = ("kind", "seq", "notice", "body_length", "title_length")  # and each passage facet's field
IN_MEMORY_SUFFIXES = ("_keys", "_starts", "_offsets")


@dataclass
class Passage:
    """What the segment keeps of one passage. Which of its fields are facet values the registry
    says (schema.PassageFacet.field: status; category and types are the labels, kept beside)."""
    kind: str                # one of schema.KINDS
    seq: int
    id: str
    title: str
    body: str
    path: list
    status: str | None = None
    category: str | None = None
    types: list = field(default_factory=list)


def passages_of(notice: dict) -> list:
    """A notice's passages: itself (headline and opening), its problems, its other sections."""
    opening = opening_section(notice["sections"])
    passages = [Passage("notice", 0, notice["id"], notice.get("title") or "", opening["text"] if opening else "", [])]
    passages += [Passage("problem", p["seq"], p["id"], p["title"], p["text"], p["path"], p["status"], p["category"],
                         p["types"]) for p in notice["problems"]]
    passages += [Passage("section", s["seq"], s["id"], s["title"], s["text"], s["path"])
                 for s in notice["sections"] if s is not opening]
    return passages


class SegmentDamaged(Exception):
    """A segment's files are missing, cut short or altered; str() names the file."""


BISECT_WINDOW = 512   # values: below this a sorted stretch is read whole rather than halved further
SCRATCH_MAX = 64 << 20   # bytes: a passing read up to this size goes into the thread's reused buffer
                         # (the joins read a chunk at a time: evaluate.JOIN_CHUNK)


class Scratch(threading.local):
    """A buffer each thread reads passing slices into: its pages are touched once, not at every
    read (a fresh 15 MB array costs thousands of page faults, on this machine 2 to 40 ms)."""
    buffer = np.zeros(0, dtype=np.uint8)

    def of_size(self, size: int) -> np.ndarray:
        if len(self.buffer) < size:
            self.buffer = np.empty(size, dtype=np.uint8)
        return self.buffer[:size]


SCRATCH = Scratch()


class DiskArray:
    """A one-dimensional .npy array on disk, read a slice at a time with pread.

    Not a memory map: a file cut short under a running server would kill it (SIGBUS) on the first
    touch of a lost page; a short read is an error the server can answer with a sentence. pread
    has no shared file position, so every thread reads through the same descriptor."""

    def __init__(self, path: Path):
        self.path = path
        with HEADERS, open(path, "rb") as f:
            major, _ = np.lib.format.read_magic(f)
            read_header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
            shape, _, dtype = read_header(f)
            self.offset = f.tell()
        self.dtype, self.length = np.dtype(dtype), int(shape[0]) if shape else 0
        self.descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)

    def __len__(self):
        return self.length

    def __getitem__(self, where: slice) -> np.ndarray:
        start, stop, _ = where.indices(self.length)
        count = max(0, stop - start)
        if not count:
            return np.zeros(0, dtype=self.dtype)
        size = count * self.dtype.itemsize
        data = os.pread(self.descriptor, size, self.offset + start * self.dtype.itemsize)
        if len(data) != size:
            raise SegmentDamaged(f"{self.path} is cut short")
        return np.frombuffer(data, dtype=self.dtype)

    def passing(self, start: int, stop: int) -> np.ndarray:
        """Values [start, stop) read into the thread's scratch buffer: valid until the thread's next
        passing read, for a caller that only looks at them (larger reads are read as __getitem__ does)."""
        count = max(0, stop - start)
        size = count * self.dtype.itemsize
        if size > SCRATCH_MAX or not count:
            return self[start:stop]
        buffer = SCRATCH.of_size(size)
        if os.preadv(self.descriptor, [buffer.data], self.offset + start * self.dtype.itemsize) != size:
            raise SegmentDamaged(f"{self.path} is cut short")
        return buffer.view(self.dtype)

    def first_at_least(self, value: int, start: int, end: int) -> int:
        """The first place in [start, end) whose value is at least `value` (the stretch sorted),
        found by halving with reads of one value: a long list's stretch costs a few small reads."""
        while end - start > BISECT_WINDOW:
            middle = (start + end) // 2
            if int(self[middle:middle + 1][0]) < value:
                start = middle + 1
            else:
                end = middle
        return start + int(np.searchsorted(self[start:end], value))

    def __array__(self, dtype=None, copy=None):
        whole = self[0:self.length]
        return whole.astype(dtype) if dtype is not None else whole

    def close(self):
        os.close(self.descriptor)

    def __del__(self):
        try:
            os.close(self.descriptor)
        except (OSError, AttributeError):
            pass


# --- writing ----------------------------------------------------------------------------------------
class SegmentWriter:
    """Collects the passages of notices; `write()` turns them into a segment folder."""

    def __init__(self):
        self.notices = []                       # per notice: its facts, as plain values
        self.kind, self.seq, self.notice_of = [], [], []
        self.kept = {facet.field: [] for facet in of_source("passage")}   # per passage facet: each passage's value
        self.category, self.types = [], []
        self.texts = {name: [] for name in TEXTS}
        self.bigrams = {name: [] for name in POSITIONAL}   # per passage: bigram keys, by position
        self.words = {name: [] for name in FREQUENCY}      # per passage: word ids, in order
        self.vocabulary = {}                    # word → id, in order of first appearance

    def __len__(self):
        return len(self.notices)

    def add(self, notice: dict):
        """Add a notice (its JSON form, CONTRACT.md) and its passages."""
        ordinal, first = len(self.notices), len(self.kind)
        passages = passages_of(notice)
        passage_facets = of_source("passage")
        # One segmentation call for every title and text of the notice (analysis.words_of_texts).
        segmented = words_of_texts([p.body for p in passages] + [p.title for p in passages])
        for i, passage in enumerate(passages):
            self.notice_of.append(ordinal)
            self.kind.append(KINDS.index(passage.kind))
            self.seq.append(passage.seq)
            for facet in passage_facets:
                self.kept[facet.field].append(getattr(passage, facet.field) or "")
            self.category.append(passage.category or "")
            self.types.append(list(passage.types))
            for name, value in (("id", passage.id), ("title", passage.title), ("body", passage.body),
                                ("path", json.dumps(passage.path, ensure_ascii=False))):
                self.texts[name].append(value)
            self.bigrams["body_bigrams"].append(bigram_keys(letters(passage.body)))
            self.bigrams["title_bigrams"].append(bigram_keys(letters(passage.title)))
            self.words["body_words"].append(self._word_ids(segmented[i]))
            self.words["title_words"].append(self._word_ids(segmented[len(passages) + i]))
        self.notices.append({
            "id": notice["id"], "source": notice["source"], "title": notice.get("title"), "issuer": notice.get("issuer"),
            "published": notice.get("published") or "", "first": first, "count": len(self.kind) - first,
            # each notice facet of the registry, as read from the notice ("" when unknown)
            **{facet.name: facet.read(notice) or "" for facet in of_source("notice")},
        })

    def _word_ids(self, passage_words: list) -> np.ndarray:
        vocabulary = self.vocabulary
        return np.fromiter((vocabulary.setdefault(w, len(vocabulary)) for w in passage_words), dtype=np.int64,
                           count=len(passage_words))

    def write(self, folder: Path) -> str:
        """Write the segment into a new folder under `folder`; returns its name."""
        name = "seg-" + uuid.uuid4().hex[:16]
        staging = folder / f".tmp-{name}"
        staging.mkdir(parents=True)
        try:
            arrays: dict[str, np.ndarray] = {
                "kind": np.array(self.kind, dtype=np.uint8),
                "seq": np.array(self.seq, dtype=np.int32),
                "notice": np.array(self.notice_of, dtype=np.int32),
                "body_length": np.array([len(b) for b in self.bigrams["body_bigrams"]], dtype=np.int32),
                "title_length": np.array([len(b) for b in self.bigrams["title_bigrams"]], dtype=np.int32),
            }
            for field_name in TEXTS:
                arrays[f"{field_name}_text"], arrays[f"{field_name}_offsets"] = text_blob(self.texts[field_name])
            for field_name in POSITIONAL:
                arrays.update(prefixed(field_name, positional_postings(self.bigrams[field_name])))
            ranks = word_ranks(self.vocabulary)
            for field_name in FREQUENCY:
                arrays.update(prefixed(field_name, frequency_postings(self.words[field_name], ranks)))
            tables = {}
            for facet in of_source("passage"):
                arrays[facet.field], tables[facet.table] = coded(self.kept[facet.field])
            files = {f"{key}.npy": save(staging / f"{key}.npy", value) for key, value in arrays.items()}
            files["notices.json"] = save_json(staging / "notices.json", {"notices": self.notices, **tables})
            Labels.of(self.category, self.types).save(staging / INITIAL_LABELS)
            save_json(staging / "meta.json", {"format": FORMAT, "passages": len(self.kind),
                                               "notices": len(self.notices), "files": files})
            os.replace(staging, folder / name)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return name


def coded(values: list) -> tuple[np.ndarray, list]:
    """Each value as a code into the sorted distinct values (-1: none), and those values."""
    distinct = sorted(set(values) - {""})
    index = {value: code for code, value in enumerate(distinct)}
    return np.array([index[v] if v else -1 for v in values], dtype=np.int32), distinct


def prefixed(prefix: str, arrays: dict) -> dict:
    return {f"{prefix}_{key}": value for key, value in arrays.items()}


def text_blob(texts: list) -> tuple[np.ndarray, np.ndarray]:
    """Texts as one UTF-8 byte array and the offsets of each (len + 1 of them)."""
    encoded = [t.encode("utf-8") for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def positional_postings(per_passage: list) -> dict:
    """keys (sorted), starts (per key, into occurrences), occurrences (passage << 32 | position,
    ascending within each key)."""
    counts = np.array([len(k) for k in per_passage], dtype=np.int64)
    keys = np.concatenate(per_passage) if per_passage else np.zeros(0, dtype=np.int64)
    passages = np.repeat(np.arange(len(per_passage), dtype=np.int64), counts)
    positions = np.arange(len(keys), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    occurrences = (passages << POSITION_BITS) | positions
    # One sort of key and running index packed together: faster than a stable argsort, and the
    # index keeps each key's occurrences in passage and position order.
    if len(keys) >= 1 << SORT_INDEX_BITS:
        raise ValueError("a segment holds too many letters; use smaller batches")
    order = np.sort((keys << SORT_INDEX_BITS) | np.arange(len(keys), dtype=np.int64)) & ((1 << SORT_INDEX_BITS) - 1)
    return runs(keys[order], {"occurrences": occurrences[order]})


def word_ranks(vocabulary: dict) -> tuple[np.ndarray, np.ndarray]:
    """The key of each word id, and its rank among the keys of the vocabulary (terms are stored
    in key order, so that a query finds a word by binary search)."""
    keys = np.fromiter((word_key(w) for w in vocabulary), dtype=np.int64, count=len(vocabulary))
    ranks = np.empty(len(keys), dtype=np.int64)
    ranks[np.argsort(keys, kind="stable")] = np.arange(len(keys))
    return keys, ranks


def frequency_postings(per_passage: list, key_ranks) -> dict:
    """keys (sorted), starts, docs (passages holding the word), tf (how often)."""
    word_keys, ranks = key_ranks
    counts = np.array([len(w) for w in per_passage], dtype=np.int64)
    word_ids = np.concatenate(per_passage) if per_passage else np.zeros(0, dtype=np.int64)
    passages = np.repeat(np.arange(len(per_passage), dtype=np.int64), counts)
    pairs, tf = np.unique((ranks[word_ids] << 32) | passages, return_counts=True)
    by_rank = np.empty_like(word_keys)
    by_rank[ranks] = word_keys
    return runs(by_rank[pairs >> 32], {"docs": (pairs & POSITION_MASK).astype(np.int32),
                                        "tf": np.minimum(tf, 65535).astype(np.uint16)})


def runs(sorted_keys: np.ndarray, values: dict) -> dict:
    """Postings from the key of every entry (sorted): the distinct keys and where each starts."""
    if len(sorted_keys):
        boundaries = np.flatnonzero(np.diff(sorted_keys)) + 1
        starts = np.concatenate(([0], boundaries, [len(sorted_keys)])).astype(np.int64)
        keys = sorted_keys[starts[:-1]]
    else:
        keys, starts = np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64)
    return {"keys": keys.astype(np.int64), "starts": starts, **values}


def save(path: Path, array: np.ndarray) -> dict:
    np.save(path, np.ascontiguousarray(array), allow_pickle=False)
    return file_record(path)


def save_json(path: Path, data: dict) -> dict:
    path.write_bytes(json_files.encoded(data))
    return file_record(path)


def file_record(path: Path) -> dict:
    return {"bytes": path.stat().st_size, "crc32": crc32_of(path)}


def crc32_of(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            crc = zlib.crc32(chunk, crc)
    return crc


# --- labels: replaceable without touching the rest ---------------------------------------------------
@dataclass
class Labels:
    """The category and types of each passage (problems only), with their value tables."""
    categories: list        # code → category name
    types: list             # code → type name
    category: np.ndarray    # per passage: a code, or -1
    type_starts: np.ndarray  # per passage, where its type codes start in type_codes (len + 1)
    type_codes: np.ndarray

    @classmethod
    def of(cls, categories_by_passage: list, types_by_passage: list) -> "Labels":
        categories = sorted({c for c in categories_by_passage if c})
        types = sorted({t for ts in types_by_passage for t in ts})
        category = np.array([categories.index(c) if c else -1 for c in categories_by_passage], dtype=np.int32)
        type_index = {t: i for i, t in enumerate(types)}
        starts = np.zeros(len(types_by_passage) + 1, dtype=np.int32)
        np.cumsum([len(ts) for ts in types_by_passage], out=starts[1:])
        codes = np.array([type_index[t] for ts in types_by_passage for t in ts], dtype=np.int32)
        return cls(categories, types, category, starts, codes)

    def save(self, path: Path) -> dict:
        with open(path, "wb") as f:
            np.savez(f, category=self.category, type_starts=self.type_starts, type_codes=self.type_codes,
                     values=np.array(json.dumps({"categories": self.categories, "types": self.types}, ensure_ascii=False)))
        return file_record(path)

    @classmethod
    def load(cls, path: Path) -> "Labels":
        with HEADERS, np.load(path, allow_pickle=False) as data:
            values = json.loads(str(data["values"]))
            return cls(values["categories"], values["types"], data["category"], data["type_starts"], data["type_codes"])

    def types_of(self, passage: int) -> list:
        return [self.types[c] for c in self.type_codes[self.type_starts[passage]:self.type_starts[passage + 1]]]

    def category_of(self, passage: int) -> str | None:
        code = int(self.category[passage])
        return self.categories[code] if code >= 0 else None


# --- reading ---------------------------------------------------------------------------------------
class LazyArrays(dict):
    """A segment's arrays, each opened when first asked for: a reader that needs a few (relabelling
    wants texts, not postings) does not pay for the rest."""

    def __init__(self, segment: "Segment"):
        super().__init__()
        self.segment = segment
        self.names = [file_name[:-4] for file_name in segment.meta["files"] if file_name.endswith(".npy")]

    def __missing__(self, name: str):
        if name not in self.names:
            raise KeyError(name)
        kept_per_passage = {facet.field for facet in of_source("passage")}
        small = name in IN_MEMORY or name in kept_per_passage or name.endswith(IN_MEMORY_SUFFIXES)
        array = self.segment._load(f"{name}.npy") if small else DiskArray(self.segment.folder / f"{name}.npy")
        self[name] = array
        return array

    def keys(self):
        return dict.fromkeys(self.names).keys()

    def __iter__(self):
        return iter(self.names)


class Segment:
    """One segment folder, opened for reading. Local passage numbers run from 0."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.name = self.folder.name
        try:
            self.meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise SegmentDamaged(f"{self.folder / 'meta.json'} cannot be read ({e})") from None
        self.check_sizes()
        self.arrays = LazyArrays(self)
        table = json_files.read(self.folder / "notices.json")
        self.notices, self.statuses = table["notices"], table["statuses"]
        self.tables = {facet.table: table.get(facet.table, []) for facet in of_source("passage")}  # per passage facet
        self.passages = self.meta["passages"]
        self._notice_codes = {}  # notice field → (each notice's code, the distinct values): see notice_codes

    def _load(self, file_name: str) -> np.ndarray:
        try:
            with HEADERS:
                return np.load(self.folder / file_name, allow_pickle=False)
        except (OSError, ValueError) as e:
            raise SegmentDamaged(f"{self.folder / file_name} cannot be read ({e})") from None

    def check_sizes(self):
        """Cheap: every file is there at its recorded size (a cut copy fails here)."""
        for file_name, record in self.meta["files"].items():
            path = self.folder / file_name
            try:
                size = path.stat().st_size
            except OSError:
                raise SegmentDamaged(f"{path} is missing") from None
            if size != record["bytes"]:
                raise SegmentDamaged(f"{path} is {size} bytes, not {record['bytes']}: cut short or overwritten")

    def check_contents(self) -> list:
        """Expensive: every file's checksum; the names of the files that differ."""
        return [file_name for file_name, record in self.meta["files"].items()
                if not (self.folder / file_name).exists() or crc32_of(self.folder / file_name) != record["crc32"]]

    def labels(self, file_name: str) -> Labels:
        try:
            return Labels.load(self.folder / file_name)
        except (OSError, ValueError, KeyError) as e:
            raise SegmentDamaged(f"{self.folder / file_name} cannot be read ({e})") from None

    def deleted(self, file_name: str | None) -> np.ndarray:
        if not file_name:
            return np.zeros(len(self.notices), dtype=bool)
        try:
            with HEADERS:
                return np.load(self.folder / file_name, allow_pickle=False)
        except (OSError, ValueError) as e:
            raise SegmentDamaged(f"{self.folder / file_name} cannot be read ({e})") from None

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    def text(self, field_name: str, passage: int) -> str:
        offsets = self.arrays[f"{field_name}_offsets"]
        return bytes(self.arrays[f"{field_name}_text"][offsets[passage]:offsets[passage + 1]]).decode("utf-8")

    def texts(self, field_name: str, start: int, end: int) -> list:
        """The texts of passages [start, end), read at once."""
        offsets = self.arrays[f"{field_name}_offsets"]
        blob = bytes(self.arrays[f"{field_name}_text"][offsets[start]:offsets[end]])
        base = int(offsets[start])
        return [blob[int(offsets[p]) - base:int(offsets[p + 1]) - base].decode("utf-8") for p in range(start, end)]

    def notice_codes(self, name: str) -> tuple[np.ndarray, list]:
        """(each notice's code for a field of the notices, -1 for none; the field's distinct values,
        sorted). Kept: a segment never changes, and each new generation that holds it asks
        again (a reload pays only for its new segments)."""
        found = self._notice_codes.get(name)
        if found is None:
            found = self._notice_codes[name] = coded([notice.get(name) or "" for notice in self.notices])
        return found

    def path(self, passage: int) -> list:
        return json.loads(self.text("path", passage))

    # --- postings ----------------------------------------------------------------------------
    def term_range(self, field_name: str, key: int) -> tuple[int, int]:
        keys = self.arrays[f"{field_name}_keys"]
        i = int(np.searchsorted(keys, key))
        if i == len(keys) or int(keys[i]) != key:
            return 0, 0
        starts = self.arrays[f"{field_name}_starts"]
        return int(starts[i]), int(starts[i + 1])

    def occurrences(self, field_name: str, key: int) -> np.ndarray:
        return self.occurrences_between(field_name, *self.term_range(field_name, key))

    def occurrences_between(self, field_name: str, start: int, end: int) -> np.ndarray:
        """Occurrences [start, end) of the field (one key's: term_range gives where)."""
        return self.arrays[f"{field_name}_occurrences"][start:end]

    def occurrences_passing(self, field_name: str, start: int, end: int) -> np.ndarray:
        """occurrences_between, in the thread's scratch buffer (DiskArray.passing): valid until the
        thread's next passing read."""
        return self.arrays[f"{field_name}_occurrences"].passing(start, end)

    def occurrences_narrowed(self, field_name: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
        """Of occurrences [start, end) (one key's, sorted), the stretch whose values lie in [low, high)."""
        occurrences = self.arrays[f"{field_name}_occurrences"]
        first = occurrences.first_at_least(low, start, end)
        return first, occurrences.first_at_least(high, first, end)

    def key_bounds(self, field_name: str, low: int, high: int) -> np.ndarray:
        """Where the occurrences of each key in [low, high) begin, and where the last one's end."""
        keys, starts = self.arrays[f"{field_name}_keys"], self.arrays[f"{field_name}_starts"]
        first, last = np.searchsorted(keys, [low, high])
        return np.asarray(starts[first:last + 1], dtype=np.int64)

    def occurrences_in_range(self, field_name: str, low: int, high: int) -> np.ndarray:
        """Every occurrence of every key in [low, high) (the bigrams that start with a letter)."""
        bounds = self.key_bounds(field_name, low, high)
        return self.occurrences_between(field_name, int(bounds[0]), int(bounds[-1]))

    def frequencies(self, field_name: str, key: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.term_range(field_name, key)
        return self.arrays[f"{field_name}_docs"][start:end], self.arrays[f"{field_name}_tf"][start:end]


def remove(folder: Path):
    shutil.rmtree(folder, ignore_errors=True)
