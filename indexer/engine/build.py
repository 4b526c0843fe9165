"""`notices index`: bring the index up to date with a folder of documents.

New and changed files (by content id) are read in batches by worker processes; each batch becomes
a segment (parsed, segmented, its postings built and written by the worker). Removed and replaced
notices are marked deleted in the segments that hold them. The notices' records and the manifest
are committed once at the end, so readers see the whole build or none of it. Files that cannot be
read are skipped with a reason; they never stop the build.
"""
import contextlib
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import settings
from ..document.containers import Member, is_container
from ..document.errors import shown_name, undecodable
from ..document.parse import SidecarError, file_content_id, parse_file
from ..document.sidecar import is_sidecar, sidecar_path
from . import archives, labels, merge, stat_cache, store
from .faults import damaged, from_os_error
from .labels import current_fingerprint, relabel_passages, relabel_tasks, save_relabelled, taxonomy_record
from .meta import IndexMeta, SegmentEntry
from .recognised import RecognisedText
from .segment import INITIAL_LABELS, Segment, SegmentDamaged, SegmentWriter, remove
from .workers import Workers

SKIP_NAMES = {".DS_Store", "Thumbs.db"}
# A batch is read by one worker and becomes one segment. A worker's memory grows with its batch
# (sorting the postings holds several arrays of 8 bytes a letter: about 0.55 GB more per 1,000
# notices of the benchmark's size), so a batch is kept to what fits a worker in well under a
# gigabyte; a build merges the segments of its batches into one (streamed from disk).
BATCH_MAX = 1000
IN_PROCESS_MAX = 16   # so few files are read in this process: spawning workers would cost more


class BuildPoints:
    """Hears of the named points a build passes: "scanned" (the files to read are known),
    "reading:N" (a reader, a worker process or the build itself, has read the N-th file of its
    batch), "after:N" (N notices are written), "commit" (just before the commit). The program's
    own does nothing; tests install one (`build.points = ...`, tests/paused_build.py) that stops
    a build at a point, to kill it there rather than after a guessed delay. It travels to the
    worker processes with their tasks, so it must pickle."""

    def reached(self, point: str):
        pass


points = BuildPoints()


@dataclass
class BatchTask:
    """A batch for a reader (a worker process): (source, path or Member, content id) of each file."""
    files: list
    corpus: str
    segments: str           # the folder its segment is written in
    index: str              # the index folder (what OCR read before is kept there)
    points: BuildPoints


@dataclass
class BatchResult:
    """A batch read: its segment's name (None if no file could be read), its notices as
    (notice JSON, content id) in segment order, and the files skipped as (source, reason)."""
    segment: str | None
    notices: list
    skipped: list


@dataclass
class BuildReport:
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    unchanged: int = 0
    relabelled: int = 0   # notices whose labels were computed again after a taxonomy edit
    skipped: list = field(default_factory=list)  # (source, reason)
    seconds: float = 0.0
    notices: int = 0
    passages: int = 0

    def as_dict(self) -> dict:
        return {
            "added": self.added, "updated": self.updated, "removed": self.removed, "unchanged": self.unchanged,
            "relabelled": self.relabelled, "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
            "seconds": round(self.seconds, 2),
            "notices": self.notices, "passages": self.passages, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }


@dataclass
class Scanned:
    """What the scan found: source (relative path) → path of every candidate document (a str: a
    Path a file costs time at 100,000 files), and source → the names of the sidecars in its
    folder, as the folder's listing gave them."""
    files: dict
    sidecars_beside: dict


@dataclass
class Found:
    """The files a build looks at: source → path (or Member of a container), the sidecars beside
    each, the containers to remember (None when only touched files were scanned, which met none),
    and the sources it answers for (None: every one; else the touched ones, the rest unchanged)."""
    files: dict
    sidecars_beside: dict
    containers: dict | None
    scope: frozenset | None


def scan(corpus: Path, report: BuildReport) -> Scanned:
    """Every candidate document under corpus.

    Walks without following directory links (no loops), skips hidden files and sidecars. File
    names are data: a name that is not UTF-8, or a link leading out of the corpus, is skipped with
    its reason, and names are escaped wherever they are shown. What the folders' listings tell
    (which entry is a folder, a file, a link; which sidecars there are) is not asked of the disk
    again, file by file: at 100,000 files that cost seconds of stat calls."""
    found, beside = {}, {}
    inside = corpus.resolve()
    for prefix, entries, sidecars in walk(corpus):
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name in SKIP_NAMES or is_sidecar(name):
                continue
            source = prefix + name
            problem = unindexable(entry.path, source, inside, entry.is_symlink())
            if problem:
                report.skipped.append((shown_name(source), problem))
                continue
            found[source] = entry.path
            beside[source] = sidecars
    return Scanned(found, beside)


def scan_touched(corpus: Path, touched: Collection[str], plan: "Plan", remembered: stat_cache.StatCache,
                 report: BuildReport) -> Found | None:
    """The touched sources that are documents now, found as the scan would find them; None when
    only a scan of the whole corpus can tell what changed: a folder appeared, went, moved or was
    replaced by a file (its files' own events can be missed while a watch on it is being set up),
    a container or a sidecar changed (members to list again; the id of the document beside it),
    or a notice leaving the index has a copy elsewhere (shadows_a_copy)."""
    inside = corpus.resolve()
    found, beside, scope, skipped = {}, {}, set(), []
    folders = folders_of(plan.indexed)
    for touched_source in touched:
        source = os.path.normpath(touched_source)
        if unscanned(source):
            continue
        parts = source.split(os.sep)
        path = os.path.join(corpus, source)
        if is_sidecar(parts[-1]) or is_container(parts[-1]) or source in folders or os.path.isdir(path):
            return None
        scope.add(source)
        if not os.path.lexists(path):
            continue  # gone: its notice, if it had one, leaves the index
        if Path(path).parent.resolve() != inside.joinpath(*parts[:-1]):
            scope.discard(source)
            continue  # under a linked folder, which the scan does not enter
        problem = unindexable(path, source, inside, os.path.islink(path))
        if problem:
            skipped.append((shown_name(source), problem))
            continue
        found[source] = path
        beside[source] = None  # the sidecar looked for on disk
    if shadows_a_copy(frozenset(scope), plan, remembered):
        return None
    report.skipped.extend(skipped)
    return Found(found, beside, None, frozenset(scope))


def unscanned(source: str) -> bool:
    """Whether a path relative to the corpus (normalised) is one the scan never looks at: outside the
    corpus, hidden at any depth (an editor's swap file; "." and ".." too), or the desktop's own file."""
    parts = source.split(os.sep)
    return os.path.isabs(source) or any(part.startswith(".") for part in parts) or parts[-1] in SKIP_NAMES


def folders_of(sources) -> set:
    """Every folder that holds a source, at any depth ("a" and "a/b" for "a/b/c.txt")."""
    folders = set()
    for source in sources:
        folder = os.path.dirname(source)
        while folder and folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    return folders


def shadows_a_copy(scope: frozenset, plan: "Plan", remembered: stat_cache.StatCache) -> bool:
    """Whether a notice the touched sources take out of the index (gone or changed) has a copy
    elsewhere in the corpus, skipped while it was indexed ("the same content as …"): a scan of
    the whole corpus indexes the copy instead, as the scan of touched files alone cannot."""
    leaving = {plan.indexed[source] for source in scope if source in plan.indexed}
    return bool(leaving) and any(
        isinstance(entry, list) and entry[-1] in leaving
        for source, entry in remembered.entries.items() if source not in plan.indexed and source not in scope)


def walk(top: Path, prefix: str = ""):
    """(what its files' sources begin with: "" or "folder/…/", its entries that are not folders
    sorted by name, the names of its sidecars) for top and each folder below it, in os.walk's
    order: folders sorted, hidden ones and links to folders not entered, one that cannot be listed
    passed over."""
    try:
        with os.scandir(top) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    folders, others = [], []
    for entry in entries:
        (folders if is_folder(entry) else others).append(entry)
    yield prefix, others, frozenset(e.name for e in others if is_sidecar(e.name) and is_file(e))
    for entry in folders:
        if not entry.name.startswith(".") and not os.path.islink(entry.path):
            yield from walk(Path(entry.path), prefix + entry.name + os.sep)


def is_folder(entry: os.DirEntry) -> bool:
    """As os.walk tells them: a link to a folder is one (and is not entered), a link that cannot
    be followed is not."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def unindexable(path: str, source: str, corpus: Path, is_link: bool) -> str | None:
    """Why the file at path is not read, or None. Only a link can lead out of the corpus: the
    walk enters no linked folder, so a file that is not a link is inside it."""
    if undecodable(source):
        guess = os.fsencode(source).decode("gb18030", errors="replace")
        return (f"its name is not UTF-8 (as unzipping an archive made on Windows leaves it; in GB18030 it reads "
                f"{shown_name(guess)}); rename it to index it.")
    if not is_link:
        return None
    link = Path(path)
    if not link.exists():
        return "it is a broken or looping symbolic link."
    if not link.resolve().is_relative_to(corpus):
        return "it is a link to a file outside the corpus folder, which is not indexed."
    return None


def read_one(source: str, path: str, corpus: str, pages=None, recognised=None):
    """Parse one file. Returns (notice JSON or None, (source, reason) or None).

    A broken sidecar does not cost the document: it is indexed without the sidecar, and the
    sidecar is reported as skipped. pages(done, total) hears of the pages read."""
    try:
        try:
            return parse_file(path, root=corpus, progress=pages, recognised=recognised).to_json(), None
        except SidecarError as e:
            notice = parse_file(path, root=corpus, use_sidecar=False, progress=pages, recognised=recognised)
            where = Path(source).parent
            return notice.to_json(), (str(where / e.sidecar) if where != Path(".") else e.sidecar,
                                      f"{e} The document was indexed without it.")
    except TooSlow:
        return None, (source, f"it took more than the {settings.number('DOCUMENT_SECONDS'):.0f} s one document may "
                              f"take to read, and was skipped; raise NOTICES_DOCUMENT_SECONDS if it is a real notice.")
    except RecursionError:
        return None, (source, "its structure is nested too deeply to read.")
    except MemoryError:
        return None, (source, "it is too large to read in memory.")
    except Exception as e:  # one broken file never stops a build; say what happened
        reason = str(e) if is_unreadable(e) else f"it could not be parsed ({type(e).__name__}: {e})."
        return None, (source, reason)


# A notice of a few lines, in this project's own words: what warm_up reads.
WARM_UP_NOTICE = ("中共某县委巡察办关于巡察整改进展情况的通报\n"
                  "一、关于党组织建设方面的问题\n1.组织生活制度落实不到位。整改情况：已完成整改，建立台账。\n")


def warm_up():
    """Read a small notice in this process and forget it: what a first file costs a process once
    (the segmenter's dictionary, the gazetteer, the problem types' model) is paid before any file
    arrives, as an indexer that keeps running (watch.py) wants."""
    from ..document.parse import parse_text

    SegmentWriter().add(parse_text(WARM_UP_NOTICE, source="warm-up").to_json())


def is_unreadable(error: Exception) -> bool:
    from ..document.errors import UnreadableDocument

    return isinstance(error, UnreadableDocument)


def read_batch(task: BatchTask, report=lambda message: None) -> BatchResult:
    """In a worker: read a batch of files and write them as one segment."""
    writer, notices, skipped = SegmentWriter(), [], []
    recognised = RecognisedText(Path(task.index))
    seconds = settings.number("DOCUMENT_SECONDS")
    for done, (source, path, content_id) in enumerate(task.files, 1):
        pages = FilePages(report)
        with time_budget(seconds):
            notice, problem = read_one(source, path, task.corpus, pages, recognised)
        pages.finish()
        if problem:
            skipped.append(problem)
        if notice is not None:
            # The notice's id is the content id of the bytes it was parsed from (with its sidecar's),
            # not of those the scan hashed: a file rewritten in between is read again next time.
            writer.add(notice)
            notices.append((notice, notice["id"]))
        task.points.reached(f"reading:{done}")
    name = writer.write(Path(task.segments)) if len(writer) else None
    return BatchResult(name, notices, skipped)


class TooSlow(Exception):
    """A document took longer than its budget to read and parse."""


@contextlib.contextmanager
def time_budget(seconds: float):
    """Raise TooSlow in the code within once seconds have passed, so that no document holds the
    build (and its lock) for hours. A timer signal, so only in a process's main thread, where the
    build's readers run (its worker processes, or the build itself for a few files); code in C
    (a regular expression, a page being rendered) is interrupted when it returns to Python."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise TooSlow()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class FilePages:
    """One file's pages on the build's progress bar: a file counts one page until it says it has
    more (a PDF, a scan); the bar then grows, and moves a page at a time."""

    def __init__(self, report):
        self.report, self.done, self.total = report, 0, 1

    def __call__(self, done: int, total: int):
        if total > self.total:
            self.report(("more", total - self.total))
            self.total = total
        if done > self.done:
            self.report(done - self.done)
            self.done = done

    def finish(self):
        if self.done < self.total:
            self.report(self.total - self.done)


def on_bar(bar, message):
    """A report from a reader: pages done, or ("more", pages) the bar did not know of."""
    if isinstance(message, tuple):
        bar.total += message[1]
        bar.refresh()
    else:
        bar.update(message)


def batches(files: list, jobs: int) -> list:
    """Files in batches: two a worker at least (so that a slow batch does not hold the end
    alone), BATCH_MAX at most."""
    size = min(BATCH_MAX, max(1, math.ceil(len(files) / (2 * jobs))))
    return [files[i:i + size] for i in range(0, len(files), size)]


def in_workers(function, tasks: list, jobs: int, bar, in_process: bool):
    """function(task, report) over tasks, in worker processes unless in_process; results as they finish."""
    if in_process or jobs == 1 or len(tasks) == 1:
        for task in tasks:
            yield function(task, lambda message: on_bar(bar, message))
        return
    with Workers(min(jobs, len(tasks)), function) as workers:
        for kind, payload in workers.run(tasks):
            if kind == "report":
                on_bar(bar, payload)
            elif kind == "done":
                yield payload
            else:
                number, text = payload
                raise OSError(number, text) if number else RuntimeError(f"a worker failed: {text}")


def read_all(todo: list, corpus: Path, index_path: Path, jobs: int, progress):
    """Every batch's result, as the batches finish."""
    in_process = len(todo) <= IN_PROCESS_MAX
    # Batches are for workers to share; a few files read here become one segment, not several to merge.
    chunks = ([todo] if todo else []) if in_process else batches(todo, jobs)
    tasks = [BatchTask(chunk, str(corpus), str(index_path / store.SEGMENTS), str(index_path), points)
             for chunk in chunks]
    with make_bar(len(todo), progress, "indexing", "page") as bar:
        yield from in_workers(read_batch, tasks, jobs, bar, in_process=in_process)


def relabel_all(entries: list, segments: Path, jobs: int, progress) -> dict:
    """Segment name → its new labels file, for the entries labelled with another taxonomy."""
    tasks = relabel_tasks(segments, [e.name for e in entries])
    with make_bar(sum(t.passages for t in tasks), progress, "relabelling", "passage") as bar:
        try:
            results = list(in_workers(relabel_passages, tasks, jobs, bar, in_process=False))
        finally:
            labels.opened.cache_clear()  # run in this process (one job): keep no segment open after
    return save_relabelled(segments, results)


def run(corpus, index_path, rebuild=False, jobs=None, progress=None, wait_seconds=0.0,
        touched: Collection[str] | None = None) -> BuildReport:
    """Bring the index at index_path up to date with corpus. A fault of the disk or of the index
    files is raised as an IndexFault with its sentence; the previous index is left as it was.

    touched: the sources (paths relative to corpus) that may have changed since the last build,
    as a watcher of the folder tells them (watch.py); every other file is taken to be as that
    build left it, and is neither listed nor checked. None: the whole corpus is scanned."""
    corpus, index_path = Path(corpus), Path(index_path)
    if not corpus.is_dir():
        raise FileNotFoundError(f"The corpus folder {corpus} does not exist.")
    try:
        return update(corpus, index_path, rebuild, jobs, progress, wait_seconds, touched)
    except OSError as e:
        fault = from_os_error(e, index_path)
        if fault is None:
            raise
        raise fault from None
    except SegmentDamaged as e:
        raise damaged(index_path, str(e)) from None


def update(corpus: Path, index_path: Path, rebuild: bool, jobs, progress, wait_seconds,
           touched: Collection[str] | None = None) -> BuildReport:
    started = time.monotonic()
    report = BuildReport()
    jobs = max(1, jobs or os.cpu_count() or 1)
    segments = index_path / store.SEGMENTS
    with store.build_lock(index_path, wait_seconds):
        store.sweep_leftovers(index_path)  # of a killed build: gone now, not at the next commit only
        commit = store.Commit(index_path, rebuild)
        written = []  # segment folders this build wrote: removed again if it fails
        try:
            plan = read_plan(index_path, commit, corpus)
            remembered = stat_cache.load(index_path, commit.rebuild)
            found = find_files(corpus, index_path, None if commit.rebuild else touched, plan, remembered, report)
            todo = changed_files(found.files, found.sidecars_beside, plan, report, remembered)
            drop_replaced(todo, found.files, plan, commit, report, found.scope)
            points.reached("scanned")
            for result in read_all(todo, corpus, index_path, jobs, progress):
                written += [segments / result.segment] if result.segment else []
                take(result, plan, commit, report)
            stale = plan.stale(current_fingerprint())
            # Touched files that change nothing (a file saved unchanged, one that is no notice, a
            # copy) make no new generation, which every server would load again.
            committed = found.scope is None or bool(stale or report.added or report.updated or report.removed)
            if committed:
                if stale:
                    plan.relabelled(relabel_all(stale, segments, jobs, progress), current_fingerprint())
                    report.relabelled = sum(int((~plan.deleted[e.name]).sum()) for e in stale)
                manifest = plan.manifest(segments, written)
                points.reached("commit")
                commit.finish(manifest)
        except BaseException:
            abandon(commit, written)
            raise
        if not committed:
            abandon(commit, written)
        if found.containers is not None:  # a scan of touched files met none (it scans all for one)
            archives.remember(index_path, found.containers)
        remembered.save(index_path)  # what it says of the files holds whether or not anything was committed
        report.notices, report.passages = (plan.notices, plan.passages) if committed else plan.live_counts()
        report.seconds = time.monotonic() - started
        try:
            if committed:  # else the last build's report still says what the index holds
                store.write_json_atomic(index_path / store.REPORT_FILE, report.as_dict())
        except OSError:  # committed already: a full disk now must not say the build failed
            pass
    return report


def find_files(corpus: Path, index_path: Path, touched: Collection[str] | None, plan: "Plan",
               remembered: stat_cache.StatCache, report: BuildReport) -> Found:
    """The touched files alone when they can tell what changed (scan_touched), else every file.
    Notes on the way what it finds: files skipped (report), files unchanged (report.unchanged and,
    for the untouched ones, remembered)."""
    only = None if touched is None else scan_touched(corpus, touched, plan, remembered, report)
    if only is None:
        scanned = scan(corpus, report)
        files, containers = archives.expand(scanned.files, plan.indexed, index_path, report)
        return Found(files, scanned.sidecars_beside, containers, None)
    scope = only.scope or frozenset()  # a scan of touched files always says its scope
    report.unchanged = sum(1 for source in plan.indexed if source not in scope)
    remembered.keep_all_but(scope)
    return only


def abandon(commit: store.Commit, written: list):
    """Leave the index as it was: the commit cancelled, the segments this build wrote removed."""
    commit.abandon()
    for folder in written:
        remove(folder)


def changed_files(files: dict, sidecars_beside: dict, plan: "Plan", report: BuildReport,
                  remembered: stat_cache.StatCache) -> list:
    """(source, path, content id) of the new and changed files; the others counted unchanged."""
    todo = []
    for source, path in files.items():
        try:
            if isinstance(path, Member):
                cid = path.content_id
            else:
                cid = file_id(source, path, sidecars_beside[source], remembered)
        except OSError as e:
            report.skipped.append((source, f"it cannot be read ({e.strerror or e})."))
            continue
        if plan.indexed.get(source) == cid:
            report.unchanged += 1
        else:
            todo.append((source, path if isinstance(path, Member) else str(path), cid))
    return todo


def file_id(source: str, path: str, sidecars: frozenset, remembered: stat_cache.StatCache) -> str:
    """The content id of the file and its sidecar: the one the last build found if neither has
    changed since (stat_cache), else read now. The signature is taken first, so that a file
    written while it is read is read again next time."""
    signature = stat_cache.signature(path, sidecar_path(path, sidecars))
    cid = remembered.content_id(source, signature)
    if cid is None:
        cid = file_content_id(Path(path), sidecars)
        remembered.note(source, signature, cid)
    return cid


def drop_replaced(todo: list, files: dict, plan: "Plan", commit: store.Commit, report: BuildReport,
                  scope: frozenset | None = None):
    """Notices whose files are gone or changed leave the index (a changed one comes back read
    anew). scope: the only sources that can have gone (a scan of touched files), else all."""
    redone = {source for source, _, _ in todo}
    indexed = plan.indexed.items() if scope is None else [(s, plan.indexed[s]) for s in scope if s in plan.indexed]
    for source, notice_id in indexed:
        if source in redone or source not in files:
            plan.delete(notice_id)
            commit.delete_notice(notice_id)
            if source not in files:
                report.removed.append(source)


def take(result: BatchResult, plan: "Plan", commit: store.Commit, report: BuildReport):
    """A batch read by a worker: its segment, and its notices into the record."""
    report.skipped.extend(result.skipped)
    for source, reason in result.skipped:
        if source in plan.indexed and source not in report.removed:
            report.removed.append(source)  # readable before, unreadable now: gone from the index
    if not result.segment:
        return  # no file of the batch could be read: it wrote no segment and has no notices
    plan.add_segment(result.segment, len(result.notices))
    for ordinal, (notice, cid) in enumerate(result.notices):
        source = notice["source"]
        if notice["id"] in plan.present:
            # The same document under another name: one copy in the results is enough.
            plan.mark_deleted(result.segment, ordinal)
            report.skipped.append((source, f"it has the same content as {plan.present[notice['id']]}; indexed once."))
            if source in plan.indexed:
                report.removed.append(source)
            continue
        commit.add_notice(notice, cid)
        plan.present[notice["id"]] = source
        (report.updated if source in plan.indexed else report.added).append(source)
        points.reached(f"after:{len(report.added) + len(report.updated)}")


def read_plan(index_path: Path, commit: store.Commit, corpus: Path) -> "Plan":
    """What is indexed now (nothing for a rebuild, which never reads the old files)."""
    try:
        return Plan(index_path, commit, corpus)
    except (ValueError, EOFError, KeyError, IndexError) as e:  # the record's files, cut or altered
        raise damaged(index_path, f"{type(e).__name__} reading what is indexed") from None


class Plan:
    """What the build will commit: the segments, which of their notices are deleted, and the
    notices present (id → source)."""

    def __init__(self, index_path: Path, commit: store.Commit, corpus: Path):
        self.folder = index_path / store.SEGMENTS
        self.corpus = corpus.resolve()  # where the original files are (the page images of scans)
        self.entries = []       # SegmentEntry, in order
        self.deleted = {}       # segment name → bool array over its notices
        self.segments = {}      # segment name → Segment (opened only when needed)
        self.where = {}         # notice id → (segment name, ordinal) of what is indexed now
        self.present = {}
        self.added = set()      # names of the segments this build wrote (its batches)
        self.notices = self.passages = 0  # live, once the manifest is made
        if commit.rebuild:
            self.indexed = {}
            return
        with commit.ix.searcher() as searcher:
            previous = store.read_manifest(searcher)
        self.indexed = {}       # source → id of the live notice read from it (the content id of what was read)
        for entry in previous.segments:
            segment = self.open(entry.name)
            self.entries.append(entry)
            self.deleted[entry.name] = segment.deleted(entry.deleted).copy()
            for ordinal, notice in enumerate(segment.notices):
                if not self.deleted[entry.name][ordinal]:
                    self.where[notice["id"]] = (entry.name, ordinal)
                    self.indexed[notice["source"]] = notice["id"]
        self.present = {notice_id: source for source, notice_id in self.indexed.items()}

    def open(self, name: str) -> Segment:
        if name not in self.segments:
            self.segments[name] = Segment(self.folder / name)
        return self.segments[name]

    def delete(self, notice_id: str):
        self.present.pop(notice_id, None)
        if notice_id in self.where:
            self.mark_deleted(*self.where.pop(notice_id))

    def mark_deleted(self, name: str, ordinal: int):
        self.deleted[name][ordinal] = True

    def add_segment(self, name: str, notices: int):
        self.added.add(name)
        self.entries.append(SegmentEntry(name=name, labels=INITIAL_LABELS, fingerprint=current_fingerprint()))
        self.deleted[name] = np.zeros(notices, dtype=bool)

    def stale(self, fingerprint: str) -> list:
        """The entries labelled with another taxonomy than today's (and holding live notices)."""
        return [e for e in self.entries if e.fingerprint != fingerprint and not self.deleted[e.name].all()]

    def relabelled(self, files: dict, fingerprint: str):
        self.entries = [e.relabelled(files[e.name], fingerprint) if e.name in files else e for e in self.entries]

    def live_counts(self) -> tuple[int, int]:
        """(notices, passages) live in the segments as they are, before any merge; a segment all
        of whose notices are deleted is not opened (this build's may have been removed again)."""
        notices = passages = 0
        for entry in self.entries:
            mask = self.deleted[entry.name]
            if mask.all():
                continue
            live_notices, live_passages = live_in(self.open(entry.name), mask)
            notices, passages = notices + live_notices, passages + live_passages
        return notices, passages

    def manifest(self, folder: Path, written: list) -> IndexMeta:
        """The segments to commit: deletions written beside them, and segments merged when there
        are too many or too much of one is deleted."""
        entries = [e for e in self.entries if not self.deleted[e.name].all()]
        merged = []
        # A build's batches exist to bound a worker's memory and to share the work: the build
        # commits what they hold as one segment (a query pays for every segment).
        batches = [e.name for e in entries if e.name in self.added]
        if len(batches) > 1:
            entries, merged = merge.plan_and_merge(folder, entries, self.deleted, self.open, merge.Chosen(batches))
            self.deleted.update({name: np.zeros(len(self.open(name).notices), dtype=bool) for name in merged})
        entries, merged_again = merge.plan_and_merge(folder, entries, self.deleted, self.open)
        merged += merged_again
        written.extend(folder / name for name in merged)
        out = []
        for entry in entries:
            segment = self.open(entry.name)
            mask = self.deleted.get(entry.name, np.zeros(len(segment.notices), dtype=bool))
            if mask.any() and entry.name not in merged:
                entry = entry.with_deletions(write_deletions(folder / entry.name, mask))
            out.append(entry)
            live_notices, live_passages = live_in(segment, mask)
            self.notices, self.passages = self.notices + live_notices, self.passages + live_passages
        return IndexMeta(segments=out, format=store.FORMAT, corpus=str(self.corpus), taxonomy=taxonomy_record())


def live_in(segment: Segment, deleted: np.ndarray) -> tuple[int, int]:
    """(notices, passages) of the segment that are not deleted."""
    return int((~deleted).sum()), int((~deleted[np.asarray(segment["notice"])]).sum())


def write_deletions(folder: Path, mask: np.ndarray) -> str:
    name = f"deleted-{time.time_ns()}.npy"
    np.save(folder / name, mask, allow_pickle=False)
    return name


def make_bar(total, progress, description, unit):
    from tqdm import tqdm

    show = progress if progress is not None else sys.stderr.isatty()
    return tqdm(total=total, unit=unit, desc=description, disable=not show, file=sys.stderr)
