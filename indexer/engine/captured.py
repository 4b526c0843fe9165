"""The page or file a notice was read from, as it was captured: a record of a web archive (WARC) or a
member of a ZIP file read again from its container, or a plain file of the corpus. Given only when
its content is still the one the notice was read from (the notice id is the content's id): a
container rewritten since, or a file changed, gives None, never another page under this notice.

A record is found by the byte offset the build remembered (archives.CONTAINERS_FILE), so one record
is read, not the whole crawl; without that file the container is listed again.
"""
import mimetypes
from dataclasses import dataclass, replace
from pathlib import Path

from ..document.containers import Member, is_container, is_zip, members, payload_id
from ..document.errors import UnreadableDocument
from ..document.sidecar import sidecar_path
from ..document.read import max_bytes
from . import archives

# What a browser shows in place; anything else is offered as a download.
SHOWN_IN_PLACE = ("text/html", "application/xhtml+xml", "application/pdf", "text/plain", "image/")
# Plain corpus files served as captured: pages and PDFs (the other kinds are shown as text already).
PLAIN_KINDS = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml",
               ".pdf": "application/pdf"}


@dataclass(frozen=True)
class Captured:
    data: bytes
    content_type: str          # as captured, with its charset when the server gave one
    url: str | None            # the address it was fetched from (None for a file)
    captured: str | None       # the capture's date and time as the archive states it (ISO 8601)
    name: str                  # a file name for it
    origin: str                # "record" of a web archive, "member" of a ZIP file, or "file" of the corpus

    @property
    def shown_in_place(self) -> bool:
        return self.content_type.lower().startswith(SHOWN_IN_PLACE)


def find(corpus, index_path, source: str, notice_id: str, encoding: str | None = None) -> Captured | None:
    """The capture of the notice `notice_id` read from `source` (a corpus path, or
    "container#address" for a record), or None when it is gone or no longer the same content.
    encoding: the charset the notice was read in, for a plain page that declares none."""
    corpus = Path(corpus)
    container, separator, label = source.partition(archives.SEPARATOR)
    try:
        if separator and is_container(container):
            return from_container(corpus, Path(index_path), container, source, label, notice_id)
        return from_file(corpus / source, notice_id, encoding)
    except (OSError, UnreadableDocument, ValueError, KeyError):
        return None  # moved, cut short or rewritten since it was indexed: nothing to show


def from_file(path: Path, notice_id: str, encoding: str | None) -> Captured | None:
    media = PLAIN_KINDS.get(path.suffix.lower())
    if media is None or not path.is_file():
        return None
    data = path.read_bytes()  # once: its id (with its sidecar's bytes, as the build counted them) and its content
    sidecar = sidecar_path(path)
    if payload_id(data + sidecar.read_bytes() if sidecar else data) != notice_id:
        return None
    if media.startswith("text/") and encoding:
        media += f"; charset={encoding}"
    return Captured(data, media, None, None, path.name, "file")


def from_container(corpus: Path, index_path: Path, container: str, source: str, label: str,
                   notice_id: str) -> Captured | None:
    path = corpus / container
    if not path.is_file():
        return None
    member = remembered(index_path, container, source, path) or listed(path, label)
    if member is None:
        return None
    captured = zip_member(path, member) if is_zip(path) else warc_record(path, member.offset)
    return captured if captured and payload_id(captured.data) == notice_id else None


def remembered(index_path: Path, container: str, source: str, path: Path) -> Member | None:
    """The member as the last build listed it (its record's offset), read from the corpus as it is now."""
    record = archives.load(index_path).get(container)
    member = record.members.get(source) if record else None
    return replace(member, container=str(path)) if member else None


def listed(path: Path, label: str) -> Member | None:
    return next((m for m in members(path)[0] if m.label == label), None)


def zip_member(path: Path, member: Member) -> Captured:
    media = mimetypes.guess_type(member.name)[0] or "application/octet-stream"
    return Captured(member.read(), media, None, member.captured, member.name, "member")


def warc_record(path: Path, offset: int) -> Captured | None:
    from fastwarc import ArchiveIterator

    with open(path, "rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)), None)
        if record is None:
            return None
        url = record.headers.get("WARC-Target-URI")
        media = (record.http_headers.get("Content-Type") if record.is_http else record.headers.get("Content-Type"))
        data = record.reader.read(max_bytes() + 1)
        date = record.headers.get("WARC-Date")
    if len(data) > max_bytes():
        return None
    name = Path(url or "record").name or "index.html"
    return Captured(data, (media or "application/octet-stream").strip(), url, date, name, "record")
