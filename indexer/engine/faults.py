"""Faults of the disk and of the index files: each one sentence saying what is wrong and what to do,
with its own exit status on the command line (and 503 from the server).

The previous index keeps answering whatever the fault: builds commit all or nothing, and a failed
build removes the files it had started to write.
"""
import errno
import re
from pathlib import Path

from ..errors import NoticesError


class IndexFault(NoticesError):
    """Something wrong with the index or its disk; str() is one sentence for the user. Each kind
    below has its own exit status (the README's table is checked against these: tests/test_docs.py);
    the server answers 503, and keeps answering from the generation in memory where it can."""
    exit_status = 1
    http_status = 503


class IndexBusy(IndexFault):
    """Another build is updating the index."""
    exit_status = 4


class IndexMissing(IndexFault):
    """No index there, or a file where the index folder should be."""
    exit_status = 5


class IndexFromAnotherVersion(IndexFault):
    """An index built by another version."""
    exit_status = 6


class IndexDamaged(IndexFault):
    """Index files cut short, altered or missing."""
    exit_status = 7


class DiskFull(IndexFault):
    """The disk is full (ENOSPC, a quota, or a write the disk cut short)."""
    exit_status = 8


class NotWritable(IndexFault):
    """The index folder cannot be written (read-only, permissions)."""
    exit_status = 9


class StaleLock(IndexFault):
    """A build on another machine holds the lock (a network filesystem)."""
    exit_status = 10


# Each kind's name → the status the command line ends with.
EXIT_STATUSES = {kind.__name__: kind.exit_status for kind in IndexFault.__subclasses__()}


def missing(path: Path) -> IndexMissing:
    if path.exists() and not path.is_dir():
        return IndexMissing(f"{path} is a file, not an index folder; give another --index-dir or move the file away.")
    return IndexMissing(f"There is no index at {path}; build one with `notices index` first.")


def damaged(path: Path, what: str) -> IndexDamaged:
    return IndexDamaged(f"The index at {path} is damaged ({what}); `notices check` says which notices a rebuild "
                        f"restores, and `notices index --rebuild` rebuilds it.")


# numpy's tofile (under np.save) reports a write the disk cut short as "N requested and M written",
# an OSError with no errno: on a full disk that, not ENOSPC, is what a build of arrays sees.
SHORT_WRITE = re.compile(r"\d+ requested and \d+ written")


def is_disk_full(error: OSError) -> bool:
    """A write refused for want of space: ENOSPC, a quota (EDQUOT), or a short write."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return error.errno is None and SHORT_WRITE.fullmatch(str(error).strip()) is not None


def from_os_error(error: OSError, path: Path) -> IndexFault | None:
    """The fault a failed write or read of the index folder means, or None when it is another error."""
    if is_disk_full(error):
        return DiskFull(f"The disk holding {path} is full; free some space and run again (the previous index is "
                        f"unchanged, and nothing this build wrote was kept).")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = "is on a read-only disk" if error.errno == errno.EROFS else "may not be written by this user"
        return NotWritable(f"The index folder {path} {why}; give an --index-dir that can be written, or fix its "
                           f"permissions (the previous index is unchanged).")
    if error.errno in (errno.ENOTDIR, errno.EEXIST) and path.exists() and not path.is_dir():
        return missing(path)
    return None
