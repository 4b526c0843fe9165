"""Labels: the taxonomy a generation was labelled with, and relabelling after the taxonomy changes.

Categories and types are the only part of the index that depends on the taxonomy. They live in a
small file beside each segment, so that a taxonomy edit rewrites those files and nothing else:
the segmentation and postings are kept, and a problem's labels are computed again from the path,
title and text the segment already holds.

Pages group types under their focus and show each type's description as the index was labelled,
not as today's data file says: the manifest carries that part of the taxonomy.
"""
from pathlib import Path

from ..document import taxonomy
from .schema import KINDS
from .segment import Labels, Segment

PROBLEM = KINDS.index("problem")


def labels_entry() -> dict:
    """What the manifest records of the taxonomy the build labelled with."""
    current = taxonomy.default()
    return {"taxonomy": {"fingerprint": current.fingerprint, "type_groups": current.type_groups(),
                         "descriptions": current.descriptions()}}


def current_fingerprint() -> str:
    return taxonomy.default().fingerprint


def labels_file(fingerprint: str) -> str:
    return f"labels-{fingerprint}.npz"


def relabel_segment(task: dict, report=lambda message: None) -> dict:
    """In a worker: label a segment's problems with today's taxonomy; returns the side file's name."""
    segment = Segment(Path(task["folder"]))
    labels = taxonomy.default()
    categories, types = [], []
    kinds = segment["kind"]
    for passage in range(segment.passages):
        if kinds[passage] == PROBLEM:
            category, assigned = labels.assign(segment.path(passage), segment.text("title", passage),
                                               segment.text("body", passage))
        else:
            category, assigned = None, []
        categories.append(category or "")
        types.append(assigned)
    name = labels_file(labels.fingerprint)
    Labels.of(categories, types).save(segment.folder / name)
    report(len(segment.notices))
    return {"segment": segment.name, "labels": name}
