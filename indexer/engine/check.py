"""`notices check`: read every file of the index, and say what is damaged and what a rebuild restores.

Every segment file is read whole and compared with the checksum written with it; the record's
stored notices are read one by one. A rebuild reads the documents again, so what it restores is
the notices of the damaged parts: they are named from whatever part of the index still says.
"""
import json
from pathlib import Path

import numpy as np

from . import store
from .faults import IndexDamaged
from .meta import IndexMeta, SegmentMeta
from .segment import Segment, SegmentDamaged


def check(path: Path) -> dict:
    """{"sound": bool, "problems": [sentence], "notices": int, "segments": int, "restore": [source]}."""
    path = Path(path)
    problems, restore, notices, segments = [], set(), 0, 0
    try:
        ix, record = store.open_record(path)
    except IndexDamaged as e:  # no index, or one of another version, is said as such (its own status)
        return {"sound": False, "problems": [str(e)], "notices": 0, "segments": 0, "restore": []}
    try:
        with ix.searcher() as searcher:
            manifest = store.read_manifest(searcher)
            sources = searcher.reader().column_reader("source")
            for docnum in searcher.document_numbers(kind="notice"):
                try:
                    json.loads(searcher.stored_fields(docnum)["notice_json"])
                    notices += 1
                except store.RECORD_ERRORS as e:
                    source = store.decoded(sources[docnum])
                    problems.append(f"the stored notice of {source} cannot be read ({type(e).__name__})")
                    restore.add(source)
    except store.RECORD_ERRORS as e:
        problems.append(f"the record {record} cannot be read ({type(e).__name__})")
        manifest = IndexMeta()
    for entry in manifest.segments:
        segments += 1
        folder = path / store.SEGMENTS / entry.name
        try:
            segment = Segment(folder)
            missing = SegmentMeta.from_json(segment.meta).missing()
            if missing:
                raise SegmentDamaged(f"its meta.json does not list {', '.join(missing)}")
            altered = segment.check_contents()
            if altered:
                raise SegmentDamaged(f"{', '.join(altered)} differ from their checksums")
            segment.labels(entry.labels)
            segment.deleted(entry.deleted)
        except SegmentDamaged as e:
            problems.append(f"segment {entry.name}: {e}")
            restore.update(live_sources(folder, entry.deleted))
    return {"sound": not problems, "problems": problems, "notices": notices, "segments": segments,
            "restore": sorted(restore)}


def live_sources(folder: Path, deletions: str | None) -> list:
    """The sources of the live notices a damaged segment held, as far as its files still say."""
    try:
        notices = json.loads((folder / "notices.json").read_text(encoding="utf-8"))["notices"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    try:
        deleted = np.load(folder / deletions, allow_pickle=False).tolist() if deletions else []
    except (OSError, ValueError):
        deleted = []
    return [n["source"] for i, n in enumerate(notices) if not (i < len(deleted) and deleted[i])]
