"""`notices index --watch`: keep the index up to date while documents arrive in the corpus folder.

A process that stays running keeps what every `notices index` pays for again (the interpreter, the
imports, the segmenter's dictionary, the parser's patterns) and is told by the operating system
which files changed (inotify, through watchfiles' Rust watcher), so that it neither walks the
corpus nor checks every file's signature: ten notices are served 0.4 s after they land in a folder
of 10,000, 2 s in one of 100,000 (`notices index`: 1.0 and 2.6 s). Each batch of changes is one
ordinary build of the touched files (build.run with touched), committed as any build is, and not
at all when it changes nothing; a running server picks the new generation up by itself.

What events cannot say safely is left to a scan of the whole corpus (build.scan_touched says
when; a corpus with links is always scanned whole), and the whole corpus is scanned every ten
minutes besides. A build that fails (a full disk, another build holding the lock) leaves the
previous index serving; its changes are kept and tried again a few seconds later or with the next
change.
"""
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchfiles._rust_notify import RustNotify, WatchfilesRustInternalError

from ..errors import NoticesError
from . import build
from .build import BuildReport

# The watcher hands over a batch once no change came for STEP_MS (a copy of many files, or of a
# large one, is one batch), and after DEBOUNCE_MS at the latest while changes keep coming.
STEP_MS = 50
DEBOUNCE_MS = 1600
RETRY_MS = 5000     # a build that failed is tried again this long after, or at the next change
# A scan of the whole corpus this often besides: what no event told (a queue of events that
# overflowed, a folder the system had no watch left for) is found within ten minutes.
RESCAN_S = 600


class Watching:
    """The corpus folder watched, and its index kept up to date: run() until stopped."""

    def __init__(self, corpus: Path, index_path: Path, rebuild: bool = False, jobs: int | None = None,
                 wait_seconds: float = 60.0):
        self.corpus = Path(os.path.abspath(corpus))
        self.index_path = Path(os.path.abspath(index_path))
        # The index's own folder, as the watcher names its paths, when it lies inside the corpus:
        # its files' changes are the builds' own, not documents.
        real_corpus, real_index = self.corpus.resolve(), self.index_path.resolve()
        self.own = self.corpus / real_index.relative_to(real_corpus) if real_index.is_relative_to(real_corpus) else None
        self.rebuild = rebuild  # the first build only
        self.building = False   # a build is running (an interruption now abandons it)
        self.linked = False     # the corpus holds links: its builds scan it all (links_in)
        self.jobs, self.wait_seconds = jobs, wait_seconds
        self.notify = self.started()  # before the first build: nothing written while it runs goes unseen

    def started(self) -> RustNotify:
        try:
            return RustNotify([str(self.corpus)], False, False, 300, True, True)
        except (OSError, WatchfilesRustInternalError) as e:  # the system's watches or instances used up
            raise NoticesError(f"The operating system would not watch {self.corpus} ({e}); run `notices index` "
                               f"without --watch, or raise fs.inotify.max_user_instances and max_user_watches.") from None

    def run(self, updated: Callable[[BuildReport], None], failed: Callable[[NoticesError], None],
            stop: threading.Event | None = None) -> str:
        """Build (the whole corpus first, then each batch of touched files) and wait for changes,
        until the process is interrupted ("signal") or stop is set ("stop"). updated(report) hears
        of each build that committed, failed(error) of each that could not."""
        whole, touched = True, set()
        scanned_at = 0.0
        while True:
            if not self.corpus.is_dir():
                raise NoticesError(f"The corpus folder {self.corpus} is gone; stopped watching it.")
            if time.monotonic() - scanned_at > RESCAN_S:
                whole = True
            if whole or touched:
                try:
                    report = self.build(None if whole or self.linked else touched)
                except NoticesError as error:
                    failed(error)
                else:
                    if whole:
                        build.warm_up()
                        self.linked, scanned_at = links_in(self.corpus), time.monotonic()
                    whole, touched, self.rebuild = False, set(), False
                    updated(report)
            waited = RETRY_MS if whole or touched else max(1, int((scanned_at + RESCAN_S - time.monotonic()) * 1000))
            try:
                changes = self.notify.watch(DEBOUNCE_MS, STEP_MS, waited, stop)
            except WatchfilesRustInternalError:
                # The watcher cannot go on: a name that is not UTF-8 (GBK, from an archive unzipped on
                # Windows), which it keeps failing on, or a fault of its own. A new one, and a scan.
                self.notify.close()
                self.notify, whole = self.started(), True
                continue
            if isinstance(changes, set):
                touched |= self.sources(changes)
            elif changes != "timeout":
                return changes  # "signal" or "stop"

    def build(self, touched: set | None) -> BuildReport:
        """One build; a failure that is not a NoticesError (a worker that died, a fault of the disk
        the build has no sentence for) is said as one too, and the build is tried again."""
        self.building = True  # left set when an interruption ends the build, which is then abandoned
        try:
            report = build.run(self.corpus, self.index_path, rebuild=self.rebuild, jobs=self.jobs, progress=False,
                               wait_seconds=self.wait_seconds, touched=touched)
        except NoticesError:
            self.building = False
            raise
        except Exception as e:
            self.building = False
            raise NoticesError(f"The build failed ({type(e).__name__}: {e}); the previous index is unchanged.") from e
        self.building = False
        return report

    def sources(self, changes: set) -> set:
        """The sources (paths relative to the corpus) of the changed paths that a scan would look
        at: not hidden ones (an editor's swap files), not the desktop's own files, not the index's
        files when the index lies inside the corpus."""
        found = set()
        for _, path in changes:
            if self.own is not None and (Path(path) == self.own or Path(path).is_relative_to(self.own)):
                continue
            source = os.path.relpath(path, self.corpus)
            if not build.unscanned(source):
                found.add(source)
        return found

    def close(self):
        self.notify.close()


def links_in(folder: Path | str) -> bool:
    """Whether a symbolic link lies anywhere in the folder (hidden folders and linked ones not
    entered, as the scan). A link's target changes without an event for the link, and a linked
    folder's files may be told under either name: a corpus with links is scanned whole each time.
    The listing tells links from other entries without asking the disk again for each."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return False
    if any(entry.is_symlink() for entry in entries):
        return True
    return any(links_in(entry.path) for entry in entries
               if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False))
