"""`notices index --watch`: keep the index up to date while documents arrive in the corpus folder.

A process that stays running keeps what every `notices index` pays for again (the interpreter, the
imports, the segmenter's dictionary, the parser's patterns) and is told by the operating system
which files changed (inotify, through watchfiles' Rust watcher), so that it neither walks the
corpus nor checks every file's signature: ten notices dropped into a folder of 100,000 are served
about as fast as ten dropped into a folder of ten. Each batch of changes is one ordinary build of
the touched files (build.run with touched), committed as any build is; a running server picks the
new generation up by itself.

What events cannot say safely is left to a scan of the whole corpus (build.scan_touched says
when): a folder that appeared, went or moved, a container, a sidecar. A build that fails (a full
disk, another build holding the lock) leaves the previous index serving; its changes are kept and
tried again a few seconds later or with the next change.
"""
import os
import threading
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


class Watching:
    """The corpus folder watched, and its index kept up to date: run() until stopped."""

    def __init__(self, corpus: Path, index_path: Path, rebuild: bool = False, jobs: int | None = None,
                 wait_seconds: float = 60.0):
        self.corpus = Path(os.path.abspath(corpus))
        self.index_path = Path(os.path.abspath(index_path))
        self.rebuild = rebuild  # the first build only
        self.building = False   # a build is running (an interruption now abandons it)
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
        while True:
            if whole or touched:
                try:
                    report = self.build(None if whole else touched)
                except NoticesError as error:
                    failed(error)
                else:
                    if whole:
                        build.warm_up()
                    whole, touched, self.rebuild = False, set(), False
                    updated(report)
            try:
                changes = self.notify.watch(DEBOUNCE_MS, STEP_MS, RETRY_MS if whole or touched else 0, stop)
            except WatchfilesRustInternalError:
                # A name that is not UTF-8 (GBK, from an archive unzipped on Windows): the watcher
                # cannot tell it and keeps failing on it; a new one, and a scan that can.
                self.notify.close()
                self.notify, whole = self.started(), True
                continue
            if isinstance(changes, set):
                touched |= self.sources(changes)
            elif changes != "timeout":
                return changes  # "signal" or "stop"
            if not self.corpus.is_dir():
                raise NoticesError(f"The corpus folder {self.corpus} is gone; stopped watching it.")

    def build(self, touched: set | None) -> BuildReport:
        self.building = True  # left set when an interruption ends the build, which is then abandoned
        try:
            report = build.run(self.corpus, self.index_path, rebuild=self.rebuild, jobs=self.jobs, progress=False,
                               wait_seconds=self.wait_seconds, touched=touched)
        except NoticesError:
            self.building = False
            raise
        self.building = False
        return report

    def sources(self, changes: set) -> set:
        """The sources (paths relative to the corpus) of the changed paths, but for the index's own
        files when the index lies inside the corpus."""
        found = set()
        for _, path in changes:
            if Path(path) == self.index_path or Path(path).is_relative_to(self.index_path):
                continue
            source = os.path.relpath(path, self.corpus)
            if source != "." and not source.startswith(".." + os.sep):
                found.add(source)
        return found

    def close(self):
        self.notify.close()
