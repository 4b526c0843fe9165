"""A segmenter's dictionary with the user dictionary already in it, kept on disk between processes.

jieba and jieba-next each keep their main dictionary (about 500,000 words and prefixes) as a marshal
cache, and read it with `marshal.load` on the open file: one small read per object, about 0.9 s on
this machine, where `marshal.loads` of the same bytes takes 0.3 s with the garbage collector paused
(the dictionary is one dict of strings and numbers: nothing for the collector to find). jieba-next
then builds its Rust prefix tree from that dictionary, and again after the user dictionary's words
invalidate it. An index update of ten notices is a fresh process that pays all this before its
first word, so the frequencies with the user dictionary applied are kept here, and a process loads
them in one read and builds the prefix tree once.

The file's name is a digest of everything the frequencies come from: the package and its version,
its location, the user dictionary's bytes and Python's version. A file that does not read as what
was written is ignored, and one that cannot be written is not an error: the library's own loading
is always the way back. The words cut are checked afterwards, whichever way the dictionary came
(segmenter.agrees_with_reference).
"""
import gc
import hashlib
import marshal
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

FOLDER = "notices-segmenter"


def folder() -> Path:
    """The user's cache folder ($XDG_CACHE_HOME, else ~/.cache), ours inside it."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / FOLDER


def cache_path(module, version: str, user_dictionary: bytes) -> Path:
    digest = hashlib.sha256()
    for part in (module.__name__, version, getattr(module, "__file__", "") or "", sys.version):
        digest.update(part.encode() + b"\0")
    digest.update(user_dictionary)
    return folder() / f"{module.__name__}-{digest.hexdigest()[:24]}.marshal"


@contextmanager
def collector_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(tokenizer, path: Path) -> bool:
    """Give tokenizer the kept frequencies at path, as if its dictionary and the user dictionary had
    been loaded; False (tokenizer untouched) when there are none or they do not read."""
    try:
        data = path.read_bytes()
        with collector_paused():
            frequencies, total = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(frequencies, dict) or not isinstance(total, int) or not frequencies:
        return False
    with tokenizer.lock:
        tokenizer.FREQ, tokenizer.total = frequencies, total
        tokenizer.initialized = True
    return True


def save(tokenizer, path: Path) -> None:
    """Keep tokenizer's frequencies at path (written whole or not at all); a folder that cannot be
    written (read-only, full) leaves things as they were."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump((tokenizer.FREQ, tokenizer.total), out)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        pass


def supported(module) -> bool:
    """Whether module has jieba's tokenizer shape (a default tokenizer with FREQ, total, lock)."""
    tokenizer = getattr(module, "dt", None)
    return all(hasattr(tokenizer, name) for name in ("FREQ", "total", "lock", "initialized"))
