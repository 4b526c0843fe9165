"""Labels: the taxonomy a generation was labelled with, and relabelling after the taxonomy changes.

Categories and types are the only part of the index that depends on the taxonomy. They live in a
small file beside each segment, so that a taxonomy edit rewrites those files and nothing else:
the segmentation and postings are kept, and a problem's labels are computed again from the path,
title and text the segment already holds.

Pages group types under their focus and show each type's description as the index was labelled,
not as today's data file says: the manifest carries that part of the taxonomy.
"""
import functools
import json
from dataclasses import dataclass
from pathlib import Path

from ..document import taxonomy
from .schema import KINDS
from .segment import Labels, Segment

PROBLEM = KINDS.index("problem")
RELABEL_SLICE = 10_000  # passages a worker labels at a time


def taxonomy_record() -> dict:
    """What the manifest records of the taxonomy the build labelled with (IndexMeta.taxonomy)."""
    current = taxonomy.default()
    return {"fingerprint": current.fingerprint, "type_groups": current.type_groups(),
            "descriptions": current.descriptions()}


def current_fingerprint() -> str:
    return taxonomy.default().fingerprint


def labels_file(fingerprint: str) -> str:
    return f"labels-{fingerprint}.npz"


@dataclass(frozen=True)
class RelabelSlice:
    """Passages [start, end) of the segment in folder, for a worker to label."""
    folder: str
    start: int
    end: int

    @property
    def passages(self) -> int:
        return self.end - self.start


@dataclass
class Relabelled:
    """A slice's labels: per passage from start, a category name or "", and its type names."""
    segment: str
    start: int
    categories: list
    types: list


def relabel_passages(task: RelabelSlice, report=lambda message: None) -> Relabelled:
    """In a worker: labels for a slice of a segment's passages with today's taxonomy."""
    segment = opened(task.folder)
    start, end = task.start, task.end
    labels = taxonomy.default()
    texts = {name: segment.texts(name, start, end) for name in ("title", "body", "path")}
    kinds = segment["kind"]
    problems = [i for i, passage in enumerate(range(start, end)) if kinds[passage] == PROBLEM]
    assigned = dict(zip(problems, labels.assign_all(
        (json.loads(texts["path"][i]), texts["title"][i], texts["body"][i]) for i in problems)))  # one pass of the model
    categories, types = [], []
    for i in range(end - start):
        category, given = assigned.get(i, (None, []))
        categories.append(category or "")
        types.append(given)
    report(end - start)
    return Relabelled(segment.name, start, categories, types)


@functools.lru_cache(maxsize=2)
def opened(folder: str) -> Segment:
    """A segment a worker labels slices of, opened once for all of them: opening reads its table of
    notices (1 s for a segment of 90,000 notices, which has 200 slices)."""
    return Segment(Path(folder))


def relabel_tasks(folder: Path, names: list) -> list:
    """Slices of the segments to relabel, of about equal size, so that the workers finish together."""
    tasks = []
    for name in names:
        passages = opened(str(folder / name)).passages
        for start in range(0, passages, RELABEL_SLICE):
            tasks.append(RelabelSlice(str(folder / name), start, min(passages, start + RELABEL_SLICE)))
    return tasks


def save_relabelled(folder: Path, results: list) -> dict:
    """Segment name → the labels file written from its slices' results (Relabelled)."""
    by_segment = {}
    for result in results:
        by_segment.setdefault(result.segment, []).append(result)
    name = labels_file(current_fingerprint())
    for segment, slices in by_segment.items():
        slices.sort(key=lambda r: r.start)
        Labels.of([c for r in slices for c in r.categories], [t for r in slices for t in r.types]).save(
            folder / segment / name)
    return {segment: name for segment in by_segment}
