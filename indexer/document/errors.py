"""The one error type for a file that cannot be turned into text."""
import re

from ..errors import NoticesError


class UnreadableDocument(NoticesError):
    """A file that cannot be turned into text; str() is one sentence for the user."""
    http_status = 400  # as a draft it reaches the server as (engine/precedents.py)


# Characters a message shows escaped: controls (a line break would forge a line of a summary),
# format characters (a right-to-left override would reverse what follows), line and paragraph
# separators, and the lone surrogates that stand for bytes of a file name that are not UTF-8.
ESCAPED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def shown_name(name: str) -> str:
    """A file name (any bytes) as one printable line for a message: what is not printable is
    escaped, a byte that is not UTF-8 as \\xNN."""
    return "".join(escaped(ch) for ch in name)


def escaped(ch: str) -> str:
    import unicodedata

    if unicodedata.category(ch) not in ESCAPED_CATEGORIES:
        return ch
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


STAND_INS = re.compile("[\udc80-\udcff]")  # os.fsdecode's stand-ins for bytes that are not UTF-8


def undecodable(name: str) -> bool:
    """Whether a name from the file system holds bytes that are not UTF-8 (asked of every file of
    a corpus at every build: a regular expression, not a loop in Python)."""
    return STAND_INS.search(name) is not None
