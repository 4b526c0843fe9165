"""Merging segments: fewer segments make queries cheaper, and merging drops deleted notices.

Each build adds segments; the merge policy (merge_policy.py) says which are merged into one.
Merging works on the arrays alone, in time linear in their size, and streams them: the inputs'
postings and texts are read a slice at a time and the output is written as it is made, so the
memory a merge needs is bounded by a slice (CHUNK_POSTINGS), not by the segments merged. Every
term's postings of each input are copied, renumbered, to their place in the output (the inputs'
postings are already sorted, so nothing is sorted again), and nothing is segmented again.
Per-passage arrays and key tables (a few bytes a passage or a term) are handled whole.
"""
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .merge_policy import MergePolicy, SegmentSize
from .schema import of_source
from .meta import NOTICE_TABLE, SEGMENT_META, FileRecord, SegmentEntry, SegmentMeta
from .sorted_arrays import distinct
from .segment import (FREQUENCY, INITIAL_LABELS, POSITION_BITS, POSITION_MASK, POSITIONAL, TEXTS, DiskArray, Labels, Segment,
                      file_record, save, save_json)

MAX_SEGMENTS = 8          # the default policy's (merge_policy.MergePolicy)
MOSTLY_DELETED = 0.5
CHUNK_POSTINGS = 1 << 22  # postings (or text bytes) read and written at a time: 32 MB of int64
CHUNK_PASSAGES = 1 << 16  # passages whose texts are copied at a time


@dataclass(frozen=True)
class Chosen:
    """A policy that merges the segments named, whatever their sizes (a build's own batches)."""
    names: list

    def choose(self, segments: list) -> list:
        return [s.name for s in segments if s.name in self.names]


def default_policy() -> MergePolicy:
    return MergePolicy(max_segments=MAX_SEGMENTS, mostly_deleted=MOSTLY_DELETED)


@dataclass
class Input:
    """A segment being merged: it, its deleted notices, its labels, and its passages' new numbers (-1: dropped)."""
    segment: Segment
    deleted: np.ndarray
    labels: Labels
    new_number: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # set by write_merged
    keep: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))        # the passages kept, in order

    def live_passages(self) -> np.ndarray:
        return ~self.deleted[np.asarray(self.segment["notice"])]


def plan_and_merge(folder: Path, entries: list, deleted: dict, open_segment, policy: MergePolicy | Chosen | None = None):
    """The entries (SegmentEntry) to commit, and the names of the segments merging wrote."""
    policy = policy or default_policy()
    sizes = [SegmentSize(e.name, len(deleted[e.name]), int((~deleted[e.name]).sum())) for e in entries]
    chosen = set(policy.choose(sizes))
    if not chosen:
        return entries, []
    chosen_entries = [e for e in entries if e.name in chosen]
    inputs = [Input(open_segment(e.name), deleted[e.name], open_segment(e.name).labels(e.labels))
              for e in chosen_entries]
    name = merge_into(folder, inputs)
    fingerprints = {e.fingerprint for e in chosen_entries}
    merged = SegmentEntry(name=name, labels=INITIAL_LABELS,
                          fingerprint=fingerprints.pop() if len(fingerprints) == 1 else None)
    return [e for e in entries if e.name not in chosen] + [merged], [name]


def merge_into(folder: Path, inputs: list) -> str:
    """Write one segment holding the live notices of inputs [Input, or (segment, deleted, labels)]; returns its name."""
    inputs = [item if isinstance(item, Input) else Input(*item) for item in inputs]
    name = "seg-" + uuid.uuid4().hex[:16]
    staging = folder / f".tmp-{name}"
    staging.mkdir(parents=True)
    try:
        write_merged(staging, inputs)
        os.replace(staging, folder / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return name


def write_merged(staging: Path, inputs: list):
    passage_base = 0
    for item in inputs:
        live = item.live_passages()
        item.keep = np.flatnonzero(live)
        item.new_number = np.full(item.segment.passages, -1, dtype=np.int64)
        item.new_number[live] = passage_base + np.arange(len(item.keep))
        passage_base += len(item.keep)
    notices, notice_numbers = merged_notices(inputs)
    arrays = {key: gather(inputs, key) for key in ("kind", "seq", "body_length", "title_length")}
    arrays["notice"] = np.concatenate([numbers[np.asarray(item.segment["notice"])[item.keep]]
                                       for item, numbers in zip(inputs, notice_numbers)]).astype(np.int32)
    tables = {}
    for facet in of_source("passage"):  # each passage facet: codes into the merged list of its values
        tables[facet.table] = sorted({item.segment.tables[facet.table][code] for item in inputs
                                      for code in distinct(np.asarray(item.segment[facet.field])[item.keep]).tolist()
                                      if code >= 0})
        arrays[facet.field] = np.concatenate([recode(np.asarray(item.segment[facet.field])[item.keep],
                                                     item.segment.tables[facet.table], tables[facet.table])
                                              for item in inputs]).astype(np.int32)
    files = {f"{key}.npy": FileRecord.from_json(save(staging / f"{key}.npy", value)) for key, value in arrays.items()}
    for field_name in TEXTS:
        files.update(merge_texts(staging, inputs, field_name))
    for field_name in POSITIONAL:
        files.update(merge_postings(staging, inputs, field_name, ("occurrences",), positional=True))
    for field_name in FREQUENCY:
        files.update(merge_postings(staging, inputs, field_name, ("docs", "tf"), positional=False))
    files[NOTICE_TABLE] = FileRecord.from_json(save_json(staging / NOTICE_TABLE,
                                                         {"notices": notices, **tables}))
    merged_labels(inputs).save(staging / INITIAL_LABELS)
    meta = SegmentMeta(passages=passage_base, notices=len(notices), files=files)
    save_json(staging / SEGMENT_META, meta.to_json())


def merged_notices(inputs: list) -> tuple[list, list]:
    """The live notices' records, their first passage renumbered; and per input, old → new notice number."""
    notices, numbers, base = [], [], 0
    for item in inputs:
        live = ~item.deleted
        mapping = np.full(len(item.segment.notices), -1, dtype=np.int64)
        mapping[live] = base + np.arange(int(live.sum()))
        numbers.append(mapping)
        notices.extend({**notice, "first": int(item.new_number[notice["first"]])}
                       for ordinal, notice in enumerate(item.segment.notices) if live[ordinal])
        base += int(live.sum())
    return notices, numbers


def gather(inputs, key) -> np.ndarray:
    return np.concatenate([np.asarray(item.segment[key])[item.keep] for item in inputs])


def recode(codes: np.ndarray, old_values: list, new_values: list) -> np.ndarray:
    table = np.array([new_values.index(v) if v in new_values else -1 for v in old_values] + [-1], dtype=np.int64)
    return table[codes]  # -1 (no value) indexes the table's last entry, -1


class GrowingArray:
    """A one-dimensional .npy file written a piece at a time. Its header is written again with
    the final length on close; numpy pads a header to 128 bytes for any length, so it fits."""

    def __init__(self, path: Path, dtype):
        self.path, self.dtype, self.length = path, np.dtype(dtype), 0
        self.file = open(path, "wb")  # noqa: SIM115 (open across appends; closed by close())
        self.data_start = self._write_header()

    def _write_header(self) -> int:
        self.file.seek(0)
        np.lib.format.write_array_header_1_0(self.file, {"descr": np.lib.format.dtype_to_descr(self.dtype),
                                                         "fortran_order": False, "shape": (self.length,)})
        return self.file.tell()

    def append(self, values: np.ndarray):
        self.file.write(np.ascontiguousarray(values, dtype=self.dtype).data)
        self.length += len(values)

    def close(self) -> FileRecord:
        try:
            if self._write_header() != self.data_start:
                raise ValueError(f"the header of {self.path} changed size")
        finally:
            self.file.close()
        return FileRecord.from_json(file_record(self.path))


def merge_texts(staging: Path, inputs: list, field_name: str) -> dict:
    """One text field (a UTF-8 blob and offsets) of the kept passages, copied a slice at a time."""
    lengths = []
    blob = GrowingArray(staging / f"{field_name}_text.npy", np.uint8)
    try:
        for item in inputs:
            offsets = np.asarray(item.segment[f"{field_name}_offsets"])
            # Its own reader, closed when dropped (DiskArray.close would close twice).
            source = DiskArray(item.segment.folder / f"{field_name}_text.npy")
            kept = np.zeros(item.segment.passages, dtype=bool)
            kept[item.keep] = True
            for start in range(0, item.segment.passages, CHUNK_PASSAGES):
                end = min(item.segment.passages, start + CHUNK_PASSAGES)
                sizes = np.diff(offsets[start:end + 1])
                data = source[int(offsets[start]):int(offsets[end])]
                blob.append(data[np.repeat(kept[start:end], sizes)])
            lengths.append(np.diff(offsets)[item.keep])
            del source
    finally:
        text_record = blob.close()
    out_offsets = np.zeros(sum(len(x) for x in lengths) + 1, dtype=np.int64)
    np.cumsum(np.concatenate(lengths) if lengths else [], out=out_offsets[1:])
    return {f"{field_name}_text.npy": text_record,
            f"{field_name}_offsets.npy": FileRecord.from_json(save(staging / f"{field_name}_offsets.npy", out_offsets))}


class PostingsSource:
    """One input's postings of a field: its key table in memory, its values read a key range at a time."""

    def __init__(self, item: Input, field_name: str, value_names: tuple, positional: bool):
        folder = item.segment.folder
        self.item, self.positional = item, positional
        self.keys = np.load(folder / f"{field_name}_keys.npy", allow_pickle=False)
        self.starts = np.load(folder / f"{field_name}_starts.npy", allow_pickle=False)
        self.values = {name: DiskArray(folder / f"{field_name}_{name}.npy") for name in value_names}
        self.counts = self.live_counts()   # live postings per key

    def read(self, first: int, last: int) -> dict:
        """The live postings of keys [first, last), renumbered."""
        start, end = int(self.starts[first]), int(self.starts[last])
        values = {name: array[start:end] for name, array in self.values.items()}
        if self.positional:
            new = self.item.new_number[values["occurrences"] >> POSITION_BITS]
            values["occurrences"] = (new << POSITION_BITS) | (values["occurrences"] & POSITION_MASK)
        else:
            new = self.item.new_number[values["docs"]]
            values["docs"] = new.astype(np.int32)
        live = new >= 0
        return {name: value[live] for name, value in values.items()}

    def live_counts(self) -> np.ndarray:
        everything = np.diff(self.starts)
        if not self.item.deleted.any():
            return everything
        counts = np.zeros(len(self.keys), dtype=np.int64)
        for first, last in key_slices(self.starts, CHUNK_POSTINGS):
            name = "occurrences" if self.positional else "docs"
            start, end = int(self.starts[first]), int(self.starts[last])
            passages = self.values[name][start:end]
            passages = passages >> POSITION_BITS if self.positional else passages
            live = (self.item.new_number[passages] >= 0).astype(np.int64)
            local = self.starts[first:last] - start
            nonempty = everything[first:last] > 0
            counts[first:last][nonempty] = np.add.reduceat(live, local[nonempty]) if live.size else 0
        return counts



def key_slices(starts: np.ndarray, budget: int):
    """[first, last) key ranges whose postings add up to about budget (one key at least)."""
    first, total = 0, len(starts) - 1
    while first < total:
        last = int(np.searchsorted(starts, starts[first] + budget, side="right")) - 1
        last = min(total, max(first + 1, last))
        yield first, last
        first = last


def merge_postings(staging: Path, inputs: list, field_name: str, value_names: tuple, positional: bool) -> dict:
    """One field's postings of every input, renumbered and without deleted passages, in key order,
    written a key range at a time; within a key, the inputs' postings follow in input order."""
    sources = [PostingsSource(item, field_name, value_names, positional) for item in inputs]
    outputs = {name: GrowingArray(staging / f"{field_name}_{name}.npy", sources[0].values[name].dtype)
               for name in value_names}
    try:
        all_keys = distinct(np.concatenate([s.keys[s.counts > 0] for s in sources]))
        totals = np.zeros(len(all_keys), dtype=np.int64)
        for source in sources:
            present = source.counts > 0
            np.add.at(totals, np.searchsorted(all_keys, source.keys[present]), source.counts[present])
        out_starts = np.zeros(len(all_keys) + 1, dtype=np.int64)
        np.cumsum(totals, out=out_starts[1:])
        for first, last in key_slices(out_starts, CHUNK_POSTINGS):
            write_key_range(outputs, sources, all_keys[first:last], out_starts[first:last + 1] - out_starts[first])
    finally:
        records = {f"{field_name}_{name}.npy": output.close() for name, output in outputs.items()}
        del sources  # and their readers' descriptors with them
    records[f"{field_name}_keys.npy"] = FileRecord.from_json(save(staging / f"{field_name}_keys.npy",
                                                                  all_keys.astype(np.int64)))
    records[f"{field_name}_starts.npy"] = FileRecord.from_json(save(staging / f"{field_name}_starts.npy", out_starts))
    return records


def write_key_range(outputs: dict, sources: list, keys: np.ndarray, starts: np.ndarray):
    """The postings of keys (a sorted run of the output's keys) from every source, in place, appended."""
    chunk = {name: np.zeros(int(starts[-1]), dtype=output.dtype) for name, output in outputs.items()}
    filled = starts[:-1].copy()
    for source in sources:
        first = int(np.searchsorted(source.keys, keys[0], side="left"))
        last = int(np.searchsorted(source.keys, keys[-1], side="right"))
        if first >= last:
            continue
        counts = source.counts[first:last]
        values = source.read(first, last)
        present = counts > 0
        place = np.searchsorted(keys, source.keys[first:last][present])
        counts = counts[present]
        # Each source's block of a key lands after the earlier sources' blocks.
        source_starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        destination = np.repeat(filled[place] - source_starts, counts) + np.arange(int(counts.sum()))
        for name in outputs:
            chunk[name][destination] = values[name]
        filled[place] += counts
    for name, output in outputs.items():
        output.append(chunk[name])


def merged_labels(inputs) -> Labels:
    categories, types = [], []
    for item in inputs:
        for passage in item.keep.tolist():
            categories.append(item.labels.category_of(passage) or "")
            types.append(item.labels.types_of(passage))
    return Labels.of(categories, types)
