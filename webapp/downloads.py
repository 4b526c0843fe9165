"""What a download is called and what its cells may hold: names from the content, safe CSV cells."""
import datetime
import re
from urllib.parse import quote

UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|\s.,，。;；、()（）\[\]{}“”‘’\'`#%&+=@!^~$]+')
TOPIC_CHARS = 12
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def topic(text: str | None) -> str:
    """A few characters of text that can stand in a file name."""
    return UNSAFE_IN_NAME.sub("-", text or "").strip("-")[:TOPIC_CHARS].strip("-")


def file_name(kind: str, about: str | None, extension: str, today: datetime.date | None = None) -> str:
    """'整改先例-食堂财务管理-2026-12-01.docx': what it is, what about, when."""
    day = (today or datetime.date.today()).isoformat()
    return "-".join(part for part in (kind, topic(about), day) if part) + "." + extension


def content_disposition(name: str, ascii_name: str) -> str:
    """An attachment header with the name for every browser: RFC 6266/5987 filename* for the
    non-ASCII name, and an ASCII one for clients that read only filename."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def cell(value) -> str:
    """A CSV cell that no spreadsheet runs as a formula: one starting with = + - @ (or a tab or a
    carriage return) is prefixed with an apostrophe, which spreadsheets show as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
