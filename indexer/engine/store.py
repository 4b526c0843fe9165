"""The index on disk: where its parts are, how a build commits them at once, and the build lock.

    index/
      CURRENT.json        which record is current, and the format it was written in
      record-N/           a Whoosh index: one document per notice (its JSON, source and content id)
                          and one manifest document naming the segments and their side files
      segments/seg-…/     passages and postings (segment.py), immutable
      last_build.json     the last build's report
      .notices-build.lock held by the build that is writing

Whoosh is the index of record: a commit writes the notices' documents and the manifest in one
table of contents, so readers see every part of a generation or none. A rebuild writes a new
record-N beside the old one, never reading the old files, and switches CURRENT.json to it.
Files no generation names are removed after each commit, so a killed build leaves nothing that
the next one does not sweep away.
"""
import contextlib
import fcntl
import json
import os
import shutil
import time
from pathlib import Path

from whoosh import fields, index
from whoosh.filedb.filestore import FileStorage

FORMAT = "10"
POINTER = "CURRENT.json"
RECORD_PREFIX = "record-"
SEGMENTS = "segments"
LOCK_FILE = ".notices-build.lock"
REPORT_FILE = "last_build.json"
MANIFEST_ID = "__manifest__"


class IndexMissing(Exception):
    """No index at the place asked for; str() says what to run."""


class IndexBusy(Exception):
    """Another build holds the index."""


class IndexDamaged(Exception):
    """The index files are cut short, altered or missing; str() says which and what to do."""


def record_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        kind=fields.ID(stored=True),                   # "notice" or "manifest"
        source=fields.ID(stored=True, sortable=True),
        content_id=fields.ID(stored=True, sortable=True),
        notice_json=fields.STORED(),
    )


def index_dir(path=None) -> Path:
    return Path(path or os.environ.get("NOTICES_INDEX") or "index")


def read_pointer(path: Path) -> dict:
    try:
        data = json.loads((Path(path) / POINTER).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def exists(path) -> bool:
    pointer = read_pointer(path)
    return bool(pointer.get("record")) and (Path(path) / pointer["record"]).is_dir()


def open_record(path):
    """The current record (a Whoosh index) and its name; IndexMissing or IndexDamaged otherwise."""
    path = Path(path)
    pointer = read_pointer(path)
    if not pointer:
        raise IndexMissing(f"There is no index at {path}; build one with `notices index` first.")
    if pointer.get("format") != FORMAT:
        raise IndexMissing(f"The index at {path} was built by another version; rebuild it with `notices index --rebuild`.")
    folder = path / pointer["record"]
    try:
        return FileStorage(str(folder)).open_index(), pointer["record"]
    except (OSError, ValueError, EOFError, index.IndexError) as e:
        raise IndexDamaged(f"The index at {path} cannot be read ({type(e).__name__}); "
                           f"rebuild it with `notices index --rebuild`.") from None


def read_manifest(searcher) -> dict:
    docnum = searcher.document_number(id=MANIFEST_ID)
    if docnum is None:
        return {"segments": []}
    return json.loads(searcher.stored_fields(docnum)["notice_json"])


def indexed_files(ix) -> dict:
    """source → (content_id, notice_id) of every notice the record holds (read from columns)."""
    out = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        sources = reader.column_reader("source")
        content_ids = reader.column_reader("content_id")
        for docnum in searcher.document_numbers(kind="notice"):
            out[decoded(sources[docnum])] = (decoded(content_ids[docnum]), searcher.stored_fields(docnum)["id"])
    return out


def decoded(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def read_report(path) -> dict:
    try:
        return json.loads((Path(path) / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_json_atomic(path: Path, data: dict):
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def build_lock(path: Path, wait_seconds: float = 0.0):
    """Exclusive right to write the index; IndexBusy when another build holds it past wait_seconds.

    flock is released by the kernel when its holder dies, so a lock left by a dead build never
    blocks; the file descriptor is not inherited by worker processes (they are spawned)."""
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


class Commit:
    """One build's changes to the record: notices added and deleted, and the new manifest.

    Until `finish()`, readers see the previous generation; `abandon()` leaves it as it was."""

    def __init__(self, path: Path, rebuild: bool):
        self.path = path
        current = read_pointer(path)
        self.rebuild = rebuild or current.get("format") != FORMAT or not exists(path)
        if self.rebuild:
            self.record = f"{RECORD_PREFIX}{int(time.time() * 1000)}"
            folder = path / self.record
            folder.mkdir(parents=True)
            self.ix = FileStorage(str(folder)).create_index(record_schema())
        else:
            self.ix, self.record = open_record(path)
        self.writer = self.ix.writer()

    def add_notice(self, notice: dict, content_id: str):
        self.writer.add_document(id=notice["id"], kind="notice", source=notice["source"], content_id=content_id,
                                 notice_json=json.dumps(notice, ensure_ascii=False))

    def delete_notice(self, notice_id: str):
        self.writer.delete_by_term("id", notice_id)

    def finish(self, manifest: dict):
        self.writer.delete_by_term("id", MANIFEST_ID)
        self.writer.add_document(id=MANIFEST_ID, kind="manifest", notice_json=json.dumps(manifest, ensure_ascii=False))
        self.writer.commit()
        if self.rebuild:
            write_json_atomic(self.path / POINTER, {"format": FORMAT, "record": self.record})
        sweep(self.path, self.record, manifest)

    def abandon(self):
        self.writer.cancel()
        if self.rebuild:
            shutil.rmtree(self.path / self.record, ignore_errors=True)


def sweep(path: Path, record: str, manifest: dict):
    """Remove what the current generation does not name: old records, segments and side files
    of earlier generations, and whatever a killed build had started to write."""
    for folder in path.glob(RECORD_PREFIX + "*"):
        if folder.name != record:
            shutil.rmtree(folder, ignore_errors=True)
    named = {entry["name"]: entry for entry in manifest["segments"]}
    segments = path / SEGMENTS
    if not segments.is_dir():
        return
    for folder in segments.iterdir():
        entry = named.get(folder.name)
        if entry is None:
            shutil.rmtree(folder, ignore_errors=True)
            continue
        keep = {entry.get("labels"), entry.get("deleted")}
        for side_file in folder.glob("*"):
            if side_file.name.startswith(("labels-", "deleted-")) and side_file.name not in keep:
                side_file.unlink(missing_ok=True)
