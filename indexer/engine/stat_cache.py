"""What a build remembers of each file it hashed, so that the next one need not read it again.

A build tells new and changed files from unchanged ones by content id. Hashing every file of the
corpus at every build costs 1.5 s at 10,000 notices and ten times that at 100,000, even to add ten.
So, as git's index does, a build that has committed keeps every file's signature (its size,
mtime_ns and inode, and its sidecar's, or None when it has none) beside the content id it found
(CACHE_FILE in the index folder), and the next build takes the content id from there when the
signature is the same, without reading the file. The members of WARC and ZIP files carry their
own content ids (archives.py) and are not in it.

It is an optimisation only, and never decides what is right:
- a missing, unreadable or malformed file (or one of another version) means every file is hashed;
  `notices index --rebuild` does not read it at all (and writes it anew);
- a signature is taken before the file is read, so a file changed after it was stat'ed has
  another signature next time;
- racy files: a file can be written again within the timestamp tick its signature holds (a few
  milliseconds on Linux, 2 s on FAT) and keep the same mtime. An entry is trusted only when the
  file's (and its sidecar's) mtime is more than RACY_NS older than the cache file's write time and
  than the moment its build began taking signatures (a long build could otherwise stat a file
  between two writes of the same tick); a more recent file is hashed again, and trusted once older.

What it misses, as git does when told not to trust ctime (core.trustctime false): a file rewritten
in place (the same inode) with content of the same size and its mtime then set back to the old
value (touch -d, os.utime, a tool that "preserves timestamps"). The ctime would tell, since nothing
sets it back, but it also changes with chmod, chown and renames, each of which would cost a read.
A rebuild reads every file.
"""
import os
import time
from collections.abc import Collection
from pathlib import Path

from . import json_files, store

CACHE_FILE = "stat_cache.json"
VERSION = 1
RACY_NS = 2_000_000_000


def signature(path: Path | str, sidecar: Path | None) -> list:
    """[size, mtime_ns, inode, the sidecar's [size, mtime_ns, inode] or None] of the file as it is
    now (links followed, as reading does); OSError when it cannot be stat'ed. A list, as JSON
    gives it back."""
    return [*stat_of(path), stat_of(sidecar) if sidecar else None]


def stat_of(path: Path | str) -> list:
    # the sidecar's inode too: a sidecar replaced by another file (mv keeps mtimes) is told by it
    status = os.stat(path)
    return [status.st_size, status.st_mtime_ns, status.st_ino]


def newest_mtime(signature: list) -> int:
    return max(signature[1], signature[3][1] if signature[3] else 0)


class StatCache:
    """The content ids the last build remembered (entries: source → [*signature, content id]),
    and those this build finds, remembered when it has committed."""

    def __init__(self, entries: dict, trusted_before_ns: int):
        self.entries = entries
        self.trusted_before_ns = trusted_before_ns    # files modified since may be racy
        self.began_ns = time.time_ns()               # before this build takes any signature
        self.found: dict = {}

    def content_id(self, source: str, signature: list) -> str | None:
        """The remembered content id of source when its signature is the same and not racy (and
        then remembered for the next build too), else None."""
        entry = self.entries.get(source)
        if not (isinstance(entry, list) and len(entry) == 5 and isinstance(entry[4], str)):
            return None
        if entry[:4] != signature or newest_mtime(signature) >= self.trusted_before_ns:
            return None
        self.found[source] = entry
        return entry[4]

    def note(self, source: str, signature: list, content_id: str):
        """The content id of a file just read, under the signature taken before reading it."""
        self.found[source] = [*signature, content_id]

    def keep_all_but(self, touched: Collection[str]):
        """Carry the entries of every file but the touched ones over, as they were: a build of
        touched files (a watcher's) checks no other, and the next full build still finds them."""
        self.found.update((s, e) for s, e in self.entries.items() if s not in touched)

    def save(self, index_path: Path):
        """Write the entries of this build's files (those of files gone are dropped), atomically.
        Never an error: without the file the next build hashes every file."""
        data = {"version": VERSION, "began_ns": self.began_ns, "files": self.found}
        try:
            store.write_atomic(index_path / CACHE_FILE, json_files.encoded(data))
        except (OSError, TypeError):  # a full disk, a name JSON cannot write: the index is committed already
            pass


def load(index_path: Path, rebuild: bool) -> StatCache:
    """The cache the last build wrote; an empty one for a rebuild, or when it is missing or unreadable."""
    if rebuild:
        return StatCache({}, 0)
    try:
        with open(index_path / CACHE_FILE, "rb") as handle:
            written_ns = os.fstat(handle.fileno()).st_mtime_ns
            data = json_files.parsed(handle.read())
        if data["version"] != VERSION or not isinstance(data["files"], dict):
            return StatCache({}, 0)
        return StatCache(data["files"], min(written_ns, int(data["began_ns"])) - RACY_NS)
    except (OSError, ValueError, KeyError, TypeError):
        return StatCache({}, 0)
