"""Merging segments: fewer segments make queries cheaper, and merging drops deleted notices.

Each build adds a segment; a segment whose notices are mostly deleted, or too many small
segments, are merged into one. Merging works on the arrays alone, in time linear in their size:
every term's postings of each input are copied, renumbered, to their place in the output (the
inputs' postings are already sorted, so nothing is sorted again), and nothing is segmented again.
"""
import os
import shutil
import uuid
from pathlib import Path

import numpy as np

from .segment import (FORMAT, FREQUENCY, INITIAL_LABELS, POSITION_BITS, POSITION_MASK, POSITIONAL, TEXTS, Labels,
                      save, save_json)

MAX_SEGMENTS = 8          # more than this after a build: the smallest are merged
MOSTLY_DELETED = 0.5      # a segment with this share of its notices deleted is rewritten


def plan_and_merge(folder: Path, entries: list, deleted: dict, open_segment) -> tuple[list, list]:
    """The entries to commit, and the names of the segments merging wrote."""
    def live_notices(entry):
        return int((~deleted[entry["name"]]).sum())

    chosen = [e for e in entries if deleted[e["name"]].mean() >= MOSTLY_DELETED]
    rest = sorted((e for e in entries if e not in chosen), key=live_notices)
    while len(rest) + (1 if chosen else 0) > MAX_SEGMENTS and rest:
        chosen.append(rest.pop(0))
        if len(chosen) == 1 and rest:
            chosen.append(rest.pop(0))
    if not chosen:
        return entries, []
    chosen_names = {e["name"] for e in chosen}
    inputs = [(open_segment(e["name"]), deleted[e["name"]], open_segment(e["name"]).labels(e["labels"]))
              for e in entries if e["name"] in chosen_names]
    name = merge_into(folder, inputs)
    kept = [e for e in entries if e["name"] not in chosen_names]
    fingerprints = {e.get("fingerprint") for e in chosen}
    merged = {"name": name, "labels": INITIAL_LABELS, "fingerprint": fingerprints.pop() if len(fingerprints) == 1 else None,
              "deleted": None}
    return kept + [merged], [name]


def merge_into(folder: Path, inputs: list) -> str:
    """Write one segment holding the live notices of inputs [(segment, deleted mask, labels)]."""
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
    notices, statuses, renumbered, keep = [], [], [], []
    passage_base = 0
    for segment, deleted, _ in inputs:
        live_notice = ~deleted
        live = live_notice[np.asarray(segment["notice"])]
        new_number = np.full(segment.passages, -1, dtype=np.int64)
        new_number[live] = passage_base + np.arange(int(live.sum()))
        renumbered.append(new_number)
        keep.append(np.flatnonzero(live))
        passage_base += int(live.sum())
    arrays = {}
    notice_base = 0
    notice_numbers = []
    for (segment, deleted, _), new_number in zip(inputs, renumbered):
        mapping = np.full(len(segment.notices), -1, dtype=np.int64)
        mapping[~deleted] = notice_base + np.arange(int((~deleted).sum()))
        notice_numbers.append(mapping)
        for ordinal, notice in enumerate(segment.notices):
            if not deleted[ordinal]:
                first = int(new_number[notice["first"]])
                notices.append({**notice, "first": first})
        notice_base += int((~deleted).sum())
    for (segment, _, _), k in zip(inputs, keep):  # the statuses live passages have
        used = np.unique(np.asarray(segment["status"])[k])
        statuses.extend(segment.statuses[code] for code in used.tolist() if code >= 0)
    statuses = sorted(set(statuses))
    arrays["kind"] = gather(inputs, keep, "kind")
    arrays["seq"] = gather(inputs, keep, "seq")
    arrays["body_length"] = gather(inputs, keep, "body_length")
    arrays["title_length"] = gather(inputs, keep, "title_length")
    arrays["notice"] = np.concatenate([numbers[np.asarray(s["notice"])[k]] for (s, _, _), numbers, k
                                       in zip(inputs, notice_numbers, keep)]).astype(np.int32)
    arrays["status"] = np.concatenate([recode(np.asarray(s["status"])[k], s.statuses, statuses)
                                       for (s, _, _), k in zip(inputs, keep)]).astype(np.int32)
    for field_name in TEXTS:
        arrays[f"{field_name}_text"], arrays[f"{field_name}_offsets"] = gather_texts(inputs, keep, field_name)
    for field_name in POSITIONAL:
        arrays.update(merge_postings(inputs, renumbered, field_name, ("occurrences",), positional=True))
    for field_name in FREQUENCY:
        arrays.update(merge_postings(inputs, renumbered, field_name, ("docs", "tf"), positional=False))
    files = {f"{key}.npy": save(staging / f"{key}.npy", value) for key, value in arrays.items()}
    files["notices.json"] = save_json(staging / "notices.json", {"notices": notices, "statuses": statuses})
    merged_labels(inputs, keep).save(staging / INITIAL_LABELS)
    save_json(staging / "meta.json", {"format": FORMAT, "passages": passage_base, "notices": len(notices),
                                      "files": files})


def gather(inputs, keep, key) -> np.ndarray:
    return np.concatenate([np.asarray(segment[key])[k] for (segment, _, _), k in zip(inputs, keep)])


def recode(codes: np.ndarray, old_values: list, new_values: list) -> np.ndarray:
    table = np.array([new_values.index(v) if v in new_values else -1 for v in old_values] + [-1], dtype=np.int64)
    return table[codes]  # -1 (no value) indexes the table's last entry, -1


def gather_texts(inputs, keep, field_name) -> tuple[np.ndarray, np.ndarray]:
    pieces, lengths = [], []
    for (segment, _, _), k in zip(inputs, keep):
        blob, offsets = np.asarray(segment[f"{field_name}_text"]), np.asarray(segment[f"{field_name}_offsets"])
        starts, ends = offsets[k], offsets[k + 1]
        lengths.append(ends - starts)
        pieces.extend(blob[s:e] for s, e in zip(starts.tolist(), ends.tolist()))
    out_offsets = np.zeros(sum(len(x) for x in lengths) + 1, dtype=np.int64)
    np.cumsum(np.concatenate(lengths) if lengths else [], out=out_offsets[1:])
    return (np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.uint8)), out_offsets


def merge_postings(inputs, renumbered, field_name, value_names, positional) -> dict:
    """One field's postings of every input, renumbered and without deleted passages, in key order."""
    parts = []  # per input: keys, counts per key, values
    for (segment, _, _), new_number in zip(inputs, renumbered):
        keys, starts = np.asarray(segment[f"{field_name}_keys"]), np.asarray(segment[f"{field_name}_starts"])
        values = {name: np.asarray(segment[f"{field_name}_{name}"]) for name in value_names}
        passages = (values["occurrences"] >> POSITION_BITS) if positional else values["docs"].astype(np.int64)
        new = new_number[passages]
        live = new >= 0
        if positional:
            values["occurrences"] = (new << POSITION_BITS) | (values["occurrences"] & POSITION_MASK)
        else:
            values["docs"] = new.astype(np.int32)
        values = {name: value[live] for name, value in values.items()}
        counts = np.add.reduceat(live.astype(np.int64), starts[:-1]) if len(keys) else np.zeros(0, dtype=np.int64)
        parts.append((keys[counts > 0], counts[counts > 0], values))
    all_keys = np.unique(np.concatenate([keys for keys, _, _ in parts])) if parts else np.zeros(0, dtype=np.int64)
    totals = np.zeros(len(all_keys), dtype=np.int64)
    places = [np.searchsorted(all_keys, keys) for keys, _, _ in parts]
    for place, (_, counts, _) in zip(places, parts):
        np.add.at(totals, place, counts)
    out_starts = np.zeros(len(all_keys) + 1, dtype=np.int64)
    np.cumsum(totals, out=out_starts[1:])
    filled = out_starts[:-1].copy()
    out = {name: np.zeros(int(out_starts[-1]), dtype=parts[0][2][name].dtype) for name in value_names} if parts else {}
    for place, (_, counts, values) in zip(places, parts):
        # Inputs in order: each input's block of a key lands after the earlier inputs' blocks.
        source_starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        destination = np.repeat(filled[place] - source_starts, counts) + np.arange(int(counts.sum()))
        for name in value_names:
            out[name][destination] = values[name]
        filled[place] += counts
    return {f"{field_name}_keys": all_keys.astype(np.int64), f"{field_name}_starts": out_starts,
            **{f"{field_name}_{name}": value for name, value in out.items()}}


def merged_labels(inputs, keep) -> Labels:
    categories, types = [], []
    for (_, _, labels), k in zip(inputs, keep):
        for passage in k.tolist():
            categories.append(labels.category_of(passage) or "")
            types.append(labels.types_of(passage))
    return Labels.of(categories, types)
