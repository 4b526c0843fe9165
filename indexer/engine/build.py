"""`notices index`: bring the index up to date with a folder of documents.

New and changed files (by content id) are parsed and segmented in worker processes, removed files
are dropped, and everything is committed once at the end. Files that cannot be read are skipped
with a reason; they never stop the build.
"""
import os
import sys
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import writing

from . import store
from ..document.parse import SidecarError, file_content_id, parse_file
from ..document import taxonomy
from ..document.sidecar import is_sidecar
from ..document.read import UnreadableDocument

SKIP_NAMES = {".DS_Store", "Thumbs.db"}
# Tests stop a build at a chosen point, to kill it there rather than after a guessed delay:
# "after:N" pauses once N notices are written, "commit" just before the commit.
PAUSE_ENV = "NOTICES_TEST_PAUSE"


@dataclass
class BuildReport:
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (source, reason)
    seconds: float = 0.0
    notices: int = 0
    passages: int = 0

    def as_dict(self) -> dict:
        return {
            "added": self.added, "updated": self.updated, "removed": self.removed, "unchanged": self.unchanged,
            "skipped": [{"source": s, "reason": r} for s, r in self.skipped], "seconds": round(self.seconds, 2),
            "notices": self.notices, "passages": self.passages, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }


def scan(corpus: Path, report: BuildReport) -> dict:
    """source (relative path) → absolute path of every candidate document under corpus.

    Walks without following directory links (no loops), skips hidden files and sidecars.
    """
    found = {}
    for folder, dirs, files in os.walk(corpus, followlinks=False, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            source = os.path.relpath(path, corpus)
            if name.startswith(".") or name in SKIP_NAMES or is_sidecar(path):
                continue
            if path.is_symlink() and not path.exists():
                report.skipped.append((source, "it is a broken or looping symbolic link."))
                continue
            found[source] = path
    return found


def work(item):
    """In a worker process: parse one file and segment its passages.

    Returns (prepared notice or None, (source, reason) or None). A broken sidecar does not cost
    the document: it is indexed without the sidecar, and the sidecar is reported as skipped.
    """
    source, path, corpus, cid = item
    try:
        try:
            notice, problem = parse_file(path, root=corpus), None
        except SidecarError as e:
            notice = parse_file(path, root=corpus, use_sidecar=False)
            problem = (str(Path(source).parent / e.sidecar) if Path(source).parent != Path(".") else e.sidecar,
                       f"{e} The document was indexed without it.")
        return store.prepare(notice, cid), problem
    except UnreadableDocument as e:
        return None, (source, str(e))
    except RecursionError:
        return None, (source, "its structure is nested too deeply to read.")
    except MemoryError:
        return None, (source, "it is too large to read in memory.")
    except Exception as e:  # one broken file never stops a build; say what happened
        return None, (source, f"it could not be parsed ({type(e).__name__}: {e}).")


def run(corpus, index_path, rebuild=False, jobs=None, progress=None, wait_seconds=0.0) -> BuildReport:
    corpus, index_path = Path(corpus), Path(index_path)
    if not corpus.is_dir():
        raise FileNotFoundError(f"The corpus folder {corpus} does not exist.")
    started = time.monotonic()
    report = BuildReport()
    with store.build_lock(index_path, wait_seconds):
        ix, rebuild = store.create_or_open(index_path, rebuild)
        indexed = {} if rebuild else store.indexed_files(ix)
        files = scan(corpus, report)
        todo = []
        for source, path in files.items():
            try:
                cid = file_content_id(path)
            except OSError as e:
                report.skipped.append((source, f"it cannot be read ({e.strerror or e})."))
                continue
            known = indexed.get(source)
            if known and known[0] == cid:
                report.unchanged += 1
            else:
                todo.append((source, str(path), str(corpus), cid))
        writer = ix.writer(limitmb=256)
        try:
            if rebuild:
                store.delete_all(writer)
            redone = {t[0] for t in todo}
            present = {}  # notice id → source, for the notices that stay in the index
            for source, (cid, notice_id) in indexed.items():
                if source not in files or source in redone:
                    store.delete_notice(writer, notice_id)
                    if source not in files:
                        report.removed.append(source)
                else:
                    present[notice_id] = source
            for prepared, skipped in parallel(work, todo, jobs, progress):
                if prepared is not None and prepared.notice["id"] in present:
                    # The same document under another name: one copy in the results is enough.
                    original = present[prepared.notice["id"]]
                    skipped, prepared = (prepared.source, f"it has the same content as {original}; indexed once."), None
                    if skipped[0] in indexed:
                        report.removed.append(skipped[0])
                    report.skipped.append(skipped)
                    continue
                if skipped:
                    report.skipped.append(skipped)
                if prepared is None:
                    if skipped[0] in indexed:  # it was readable before: it is gone now
                        report.removed.append(skipped[0])
                    continue
                store.add_prepared(writer, prepared)
                present[prepared.notice["id"]] = prepared.source
                (report.updated if prepared.source in indexed else report.added).append(prepared.source)
                pause_for_tests(f"after:{len(report.added) + len(report.updated)}")
                report.passages += len(prepared.passages)
            store.write_labels(writer, {"type_groups": taxonomy.default().type_groups()})
            pause_for_tests("commit")
            writer.commit(mergetype=writing.CLEAR if rebuild else writing.MERGE_SMALL, optimize=False)
        except BaseException:
            writer.cancel()
            raise
        report.notices = store.notice_count(store.open_index(index_path))
        report.seconds = time.monotonic() - started
        store.write_json_atomic(index_path / store.REPORT_FILE, report.as_dict())
    return report


def pause_for_tests(point: str):
    if os.environ.get(PAUSE_ENV) == point:
        print(f"notices: paused at {point}", file=sys.stderr, flush=True)
        while True:
            time.sleep(60)


def parallel(function, items, jobs, progress):
    """function over items in worker processes, results in the order of the items.

    At most a few items per worker are in flight: the writer is slower than the workers, and
    results waiting for it would otherwise pile up in memory.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    bar = make_bar(len(items), progress)
    try:
        if jobs == 1 or len(items) < 4:
            for item in items:
                yield function(item)
                bar.update(1)
            return
        window = 4 * jobs
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            pending = deque()
            for item in items:
                pending.append(pool.submit(function, item))
                if len(pending) >= window:
                    yield pending.popleft().result()
                    bar.update(1)
            while pending:
                yield pending.popleft().result()
                bar.update(1)
    finally:
        bar.close()


def make_bar(total, progress):
    from tqdm import tqdm

    show = progress if progress is not None else sys.stderr.isatty()
    return tqdm(total=total, unit="file", desc="indexing", disable=not show, file=sys.stderr)
