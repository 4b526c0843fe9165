"""The Whoosh index: schema, incremental and atomic updates, locking.

One Whoosh document per problem and per other section (kind "problem" / "section"), each
carrying its notice's metadata, plus one document per notice (kind "notice") that stores the
whole notice as JSON and the content id of its file: the index is its own manifest, so a build
commits documents and manifest together or not at all.

Atomicity: Whoosh commits by writing new segment files and then a new table of contents; a build
killed at any point leaves the previous table of contents, so the previous index keeps opening
and answering. A lock file held with flock (released by the kernel when a process dies) keeps two
builds from writing at once.
"""
import contextlib
import fcntl
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.query import Every

from ..document.notice import Problem
from .analysis import letter_runs, segment
from .schema import FACETS, schema

SCHEMA_VERSION = "8"
INDEX_NAME = "notices"
LOCK_FILE = ".notices-build.lock"
REPORT_FILE = "last_build.json"
LABELS_ID = "__labels__"


class IndexMissing(Exception):
    """No index at the place asked for; str() says what to run."""


class IndexBusy(Exception):
    """Another build holds the index."""


def index_dir(path=None) -> Path:
    return Path(path or os.environ.get("NOTICES_INDEX") or "index")


def exists(path) -> bool:
    path = Path(path)
    return path.is_dir() and index.exists_in(str(path), indexname=INDEX_NAME)


def open_index(path):
    path = Path(path)
    if not exists(path):
        raise IndexMissing(f"There is no index at {path}; build one with `notices index` first.")
    # Memory maps are faster; without them (NOTICES_MMAP=0) the index is read through files and the
    # pages queries touch do not count in the server's resident memory (at 10,000 notices: about
    # 0.4 GB instead of 2.4 GB, for p95 about 200 ms instead of 150 ms).
    mmap = os.environ.get("NOTICES_MMAP", "1") not in ("0", "false", "no")
    ix = FileStorage(str(path), supports_mmap=mmap).open_index(INDEX_NAME)
    if read_meta(path).get("schema") != SCHEMA_VERSION:
        raise IndexMissing(f"The index at {path} was built by another version; rebuild it with `notices index --rebuild`.")
    return ix


def read_meta(path) -> dict:
    try:
        return json.loads((Path(path) / "schema.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def read_report(path) -> dict:
    try:
        return json.loads((Path(path) / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_json_atomic(path: Path, data: dict):
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


@contextlib.contextmanager
def build_lock(path: Path, wait_seconds: float = 0.0):
    """Exclusive right to write the index; IndexBusy when another build holds it past wait_seconds."""
    path.mkdir(parents=True, exist_ok=True)
    handle = open(path / LOCK_FILE, "w")
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(f"Another `notices index` is updating {path}; wait for it to finish and run again.")
                time.sleep(0.2)
        yield
    finally:
        handle.close()


def create_or_open(path: Path, rebuild: bool):
    """The index to write into. A rebuild or a schema change starts from an empty index in place:
    the old documents stay visible until the build's single commit replaces them."""
    current = exists(path) and read_meta(path).get("schema") == SCHEMA_VERSION
    if current:
        return index.open_dir(str(path), indexname=INDEX_NAME), rebuild
    if exists(path):  # an index of another schema: readers of it must rebuild anyway
        for old in path.glob(f"_{INDEX_NAME}_*.toc"):
            old.unlink()
    ix = index.create_in(str(path), schema(), indexname=INDEX_NAME)
    write_json_atomic(path / "schema.json", {"schema": SCHEMA_VERSION})
    return ix, True


def indexed_files(ix) -> dict:
    """source → (content_id, notice_id) of every notice in the index."""
    out = {}
    with ix.searcher() as searcher:
        for docnum in searcher.document_numbers(kind="notice"):
            stored = searcher.stored_fields(docnum)
            out[stored["source"]] = (stored["content_id"], stored["notice_id"])
    return out


@dataclass
class PreparedNotice:
    """A parsed notice with its passages segmented, ready to be written (made in worker processes)."""
    source: str
    content_id: str
    notice: dict
    passages: list = field(default_factory=list)  # dicts of field values


def prepare(notice, content_id: str) -> PreparedNotice:
    """Turn a Notice into index documents. Segmentation and the letter runs are computed here, in
    a worker process, because they are the expensive part of writing a notice."""
    data = notice.to_json()
    notice_facets = notice_facet_values(data)
    passages = []
    for passage in [*notice.problems, *notice.sections]:
        is_problem = isinstance(passage, Problem)
        facets = dict(notice_facets, category=(passage.category or "") if is_problem else "",
                      status=(passage.status or "") if is_problem else "", type=passage.types if is_problem else [])
        passages.append(dict(
            id=passage.id, notice_id=notice.id, kind="problem" if is_problem else "section", source=notice.source,
            seq=passage.seq, title=passage.title, body=passage.text, path=passage.path,
            title_words=segment(passage.title), body_words=segment(passage.text),
            title_bigrams=passage.title, body_bigrams=passage.text,
            body_runs=letter_runs(passage.text), title_runs=letter_runs(passage.title),
            notice_title=notice.title, issuer=notice.issuer, types=facets["type"], published=notice.published or "",
            **facet_columns(facets),
        ))
    return PreparedNotice(notice.source, content_id, data, passages)


def notice_facet_values(data: dict) -> dict:
    """The facet values a notice gives all its passages."""
    region = data["region"]
    return dict(province=region.get("province") or "", city=region.get("city") or "", county=region.get("county") or "",
                year=str(data["year"]) if data["year"] else "", doc_type=data["doc_type"] or "")


def facet_columns(values: dict) -> dict:
    """Column values for the facets named in values; a multi-valued facet's list is joined."""
    return {f.column: f.SEPARATOR.join(values[f.name]) if f.multi else values[f.name] for f in FACETS if f.name in values}


def add_prepared(writer, prepared: PreparedNotice):
    notice = prepared.notice
    for passage in prepared.passages:
        writer.add_document(**passage)
    writer.add_document(
        id=notice["id"], notice_id=notice["id"], kind="notice", source=prepared.source, content_id=prepared.content_id,
        notice_json=json.dumps(notice, ensure_ascii=False), notice_title=notice["title"], issuer=notice["issuer"],
        published=notice["published"] or "", **facet_columns(notice_facet_values(notice)),
    )


def write_labels(writer, labels: dict):
    """The taxonomy a build labelled with (type → focus, descriptions), committed with the build,
    so that pages group types as the index does rather than as today's data file does."""
    writer.delete_by_term("id", LABELS_ID)
    writer.add_document(id=LABELS_ID, notice_id=LABELS_ID, kind="labels", notice_json=json.dumps(labels, ensure_ascii=False))


def read_labels(searcher) -> dict:
    docnum = searcher.document_number(id=LABELS_ID)
    return json.loads(searcher.stored_fields(docnum)["notice_json"]) if docnum is not None else {}


def delete_notice(writer, notice_id: str):
    writer.delete_by_term("notice_id", notice_id)


def delete_all(writer):
    writer.delete_by_query(Every())


def notice_count(ix) -> int:
    with ix.searcher() as searcher:
        return len(list(searcher.document_numbers(kind="notice")))
