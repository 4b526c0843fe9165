"""The index on disk: where its parts are, how a build commits them at once, and the build lock.

    index/
      CURRENT.json        which record is current, and the format it was written in
      record-N/           a Whoosh index: one document per notice (its JSON, source and content id)
                          and one manifest document naming the segments and their side files
      segments/seg-…/     passages and postings (segment.py), immutable
      recognised/         what OCR read of scans, by file content: a cache kept across rebuilds
      last_build.json     the last build's report
      stat_cache.json     each file's size, mtime and inode with its content id (stat_cache.py):
                          an unchanged file is not read again; never needed for a right answer
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
import pickle
import shutil
import socket
import struct
import time
import zlib
from pathlib import Path

from whoosh import fields, index
from whoosh.filedb.filestore import FileStorage

from .. import settings
from .faults import IndexBusy, IndexFault, IndexFromAnotherVersion, StaleLock, damaged, missing
from .meta import IndexMeta, is_side_file

FORMAT = "12"
POINTER = "CURRENT.json"
RECORD_PREFIX = "record-"
SEGMENTS = "segments"
LOCK_FILE = ".notices-build.lock"
REPORT_FILE = "last_build.json"
FOLDER_OF_RECOGNISED = "recognised"  # recognised.FOLDER
MANIFEST_ID = "__manifest__"


# What may go wrong reading Whoosh's files when they are cut short or altered.
RECORD_ERRORS = (OSError, ValueError, EOFError, KeyError, IndexError, TypeError, struct.error, zlib.error,
                 pickle.UnpicklingError, index.IndexError)


def record_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        kind=fields.ID(stored=True),                   # "notice" or "manifest"
        source=fields.ID(stored=True, sortable=True),
        content_id=fields.ID(stored=True, sortable=True),
        notice_json=fields.STORED(),
    )


def index_dir(path=None) -> Path:
    return Path(path) if path else settings.path_or_default("INDEX")


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
    """The current record (a Whoosh index) and its name; an IndexFault otherwise.

    Read through files, not memory maps: a file cut short under a memory map kills the reader."""
    path = Path(path)
    pointer = read_pointer(path)
    if not pointer:
        if (path / POINTER).exists():
            raise damaged(path, f"{POINTER} cannot be read")
        raise missing(path)
    if pointer.get("format") != FORMAT:
        raise IndexFromAnotherVersion(f"The index at {path} was built by another version of this program; "
                                      f"rebuild it with `notices index --rebuild`.")
    folder = path / str(pointer.get("record"))
    if not folder.is_dir():
        raise damaged(path, f"its folder {folder.name} is missing")
    try:
        return FileStorage(str(folder), supports_mmap=False).open_index(), pointer["record"]
    except RECORD_ERRORS as e:
        raise damaged(path, f"{folder.name} cannot be read: {type(e).__name__}") from None


def read_manifest(searcher) -> IndexMeta:
    """The committed manifest; IndexMeta() for a record that has none yet. ValueError if it is altered."""
    docnum = searcher.document_number(id=MANIFEST_ID)
    if docnum is None:
        return IndexMeta()
    return IndexMeta.from_json(json.loads(searcher.stored_fields(docnum)["notice_json"]))


def decoded(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def read_report(path) -> dict:
    try:
        return json.loads((Path(path) / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_json_atomic(path: Path, data: dict, indent: int | None = 1):
    """indent None: compact, and written by the json module's C encoder (an indented file is
    written in Python, slowly when it is large)."""
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=indent).encode("utf-8"))


def write_atomic(path: Path, content: bytes):
    """The file at path holds content, or (a fault on the way) what it held before."""
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    try:
        tmp.write_bytes(content)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def build_lock(path: Path, wait_seconds: float = 0.0):
    """Exclusive right to write the index; IndexBusy when another build holds it past wait_seconds.

    flock is released by the kernel when its holder dies, so on a local disk a lock left by a dead
    build never blocks, and worker processes, being spawned, inherit no lock. Some network
    filesystems keep a dead client's lock: the holder's pid, host and start are written in the
    lock file, and a lock whose holder is known dead (this host, no such process) is replaced."""
    path.mkdir(parents=True, exist_ok=True)
    lock_path = path / LOCK_FILE
    deadline = time.monotonic() + wait_seconds
    while True:
        handle = open(lock_path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = read_holder(lock_path)
            handle.close()
        if holder_is_gone(holder, lock_path):
            lock_path.unlink(missing_ok=True)  # a new lock file: the dead holder's lock stays on the old one
            continue
        if time.monotonic() >= deadline:
            raise busy(path, holder)
        time.sleep(0.2)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": process_start(os.getpid()),
                                 "since": time.strftime("%Y-%m-%d %H:%M:%S")}))
        handle.flush()
        yield
    finally:
        handle.close()


def read_holder(lock_path: Path) -> dict:
    try:
        data = json.loads(lock_path.read_text(encoding="utf-8") or "{}")
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def process_start(pid: int) -> str | None:
    """When a process started (so that a reused pid is not taken for the holder), where Linux says."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def holder_is_gone(holder: dict, lock_path: Path) -> bool:
    """Whether the recorded holder of a held lock is certainly dead: on this host, and its pid runs
    nothing or another process. Checked twice, apart, so that a holder that has just taken the
    lock and not yet written its name is not mistaken for the one before it."""
    def dead(record):
        if record.get("host") != socket.gethostname() or not isinstance(record.get("pid"), int):
            return False
        try:
            os.kill(record["pid"], 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return record.get("started") is not None and process_start(record["pid"]) != record["started"]

    if not dead(holder):
        return False
    time.sleep(0.3)
    return read_holder(lock_path) == holder


def busy(path: Path, holder: dict) -> Exception:
    if holder.get("host") and holder["host"] != socket.gethostname():
        return StaleLock(f"A build on another machine ({holder['host']}, pid {holder.get('pid')}, since "
                         f"{holder.get('since')}) holds the lock of {path}; if no build runs there any more, remove "
                         f"{path / LOCK_FILE} and run again.")
    return IndexBusy(f"Another `notices index` is updating {path}; wait for it to finish and run again.")


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
            self.ix = FileStorage(str(folder), supports_mmap=False).create_index(record_schema())
        else:
            self.ix, self.record = open_record(path)
        self.writer = self.ix.writer()

    def add_notice(self, notice: dict, content_id: str):
        self.writer.add_document(id=notice["id"], kind="notice", source=notice["source"], content_id=content_id,
                                 notice_json=json.dumps(notice, ensure_ascii=False))

    def delete_notice(self, notice_id: str):
        self.writer.delete_by_term("id", notice_id)

    def finish(self, manifest: IndexMeta):
        self.writer.delete_by_term("id", MANIFEST_ID)
        self.writer.add_document(id=MANIFEST_ID, kind="manifest",
                                 notice_json=json.dumps(manifest.to_json(), ensure_ascii=False))
        self.writer.commit()
        if self.rebuild:
            write_json_atomic(self.path / POINTER, {"format": FORMAT, "record": self.record})
        sweep(self.path, self.record, manifest)

    def abandon(self):
        """Leave the previous generation as it was, and the disk no fuller."""
        try:
            self.writer.cancel()
        except RECORD_ERRORS:
            pass
        if self.rebuild:
            shutil.rmtree(self.path / self.record, ignore_errors=True)
            return
        with contextlib.suppress(*RECORD_ERRORS):  # the files of the segment Whoosh had begun
            toc = self.ix._read_toc()
            index.clean_files(self.ix.storage, self.ix.indexname, toc.generation, toc.segments)


def size_on_disk(path: Path) -> int:
    """Bytes of the files under path. A file a commit removes between the listing and its size
    (an earlier generation's, swept) counts nothing: it is not part of the index any more."""
    total = 0
    for folder, _, names in os.walk(path):
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                total += os.stat(os.path.join(folder, name), follow_symlinks=False).st_size
    return total


def sweep_leftovers(path: Path):
    """At the start of a build, under its lock: remove what a killed build left (a record it had
    begun, segments no generation names, Whoosh's files of an uncommitted writer, files being
    written), so that it costs no disk until the next commit, and a disk it filled does not fail
    the next build too. Nothing of the current generation is touched; a record that cannot be read
    is left for `notices check` and a rebuild."""
    for leftover in [*path.glob("*.tmp[0-9]*"), *path.glob(f"{FOLDER_OF_RECOGNISED}/*/.*")]:
        leftover.unlink(missing_ok=True)
    pointer = read_pointer(path)
    if pointer.get("format") != FORMAT or not exists(path):
        return
    try:
        ix, record = open_record(path)
        with ix.searcher() as searcher:
            manifest = read_manifest(searcher)
        toc = ix._read_toc()
        index.clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
        shutil.rmtree(path / record / f"{ix.indexname}.tmp", ignore_errors=True)  # an uncommitted writer's pool
    except (IndexFault, *RECORD_ERRORS):
        return
    sweep(path, record, manifest)


def sweep(path: Path, record: str, manifest: IndexMeta):
    """Remove what the current generation does not name: old records, segments and side files
    of earlier generations, and whatever a killed build had started to write."""
    for folder in path.glob(RECORD_PREFIX + "*"):
        if folder.name != record:
            shutil.rmtree(folder, ignore_errors=True)
    named = {entry.name: entry for entry in manifest.segments}
    segments = path / SEGMENTS
    if not segments.is_dir():
        return
    for folder in segments.iterdir():
        entry = named.get(folder.name)
        if entry is None:
            shutil.rmtree(folder, ignore_errors=True)
            continue
        keep = entry.side_files()
        for side_file in folder.glob("*"):
            if is_side_file(side_file.name) and side_file.name not in keep:
                side_file.unlink(missing_ok=True)
