"""Faults of the disk and of the index files: each one sentence saying what is wrong and what to do,
with its own exit status on the command line (and 503 from the server).

The previous index keeps answering whatever the fault: builds commit all or nothing, and a failed
build removes the files it had started to write.
"""
import errno
import re
from pathlib import Path


class IndexFault(Exception):
    """Something wrong with the index or its disk; str() is one sentence for the user."""
    status = 1


def fault(name: str, status: int, meaning: str) -> type:
    """A kind of IndexFault and the exit status the command line ends with."""
    return type(name, (IndexFault,), {"status": status, "__doc__": meaning, "__module__": __name__})


IndexBusy = fault("IndexBusy", 4, "Another build holds the index.")
IndexMissing = fault("IndexMissing", 5, "No index at the place asked for (or that place is not a folder).")
IndexFromAnotherVersion = fault("IndexFromAnotherVersion", 6, "An index written by another version of the program.")
IndexDamaged = fault("IndexDamaged", 7, "The index files are cut short, altered or missing.")
DiskFull = fault("DiskFull", 8, "The disk holding the index is full.")
NotWritable = fault("NotWritable", 9, "The index folder cannot be written (read-only, permissions).")
StaleLock = fault("StaleLock", 10, "A build on another machine holds the lock; nothing here can tell if it runs.")

EXIT_STATUSES = {cls.__name__: cls.status for cls in
                 (IndexBusy, IndexMissing, IndexFromAnotherVersion, IndexDamaged, DiskFull, NotWritable, StaleLock)}


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
