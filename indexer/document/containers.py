"""Web archives and ZIP files as kept: each response record of a WARC (ISO 28500), or each member of
a ZIP, is one document, with the address it was fetched from and the day it was captured.

WARC records are read with fastwarc (about 24,000 records/s against warcio's 3,600 on a generated
10,000-record crawl: bench/warc_speed.py); fastwarc does not read the older ARC format, so .arc.gz
files are not containers here. A Member names its record by the container's path and the record's
byte offset, so a worker reads only that record, not the container again.
"""
import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from . import formats
from .errors import UnreadableDocument
from .read import max_bytes

WARC_SUFFIXES = (".warc", ".warc.gz")
ZIP_SUFFIXES = (".zip",)
# A response's media type → the file name suffix the readers know it by: the formats read (formats.FORMATS),
# and kinds that are refused with a sentence of the reader (or read, when they are text in disguise).
SUFFIX_OF_TYPE = {
    **formats.media_types(),
    "application/msword": ".doc", "image/gif": ".gif", "image/webp": ".webp", "image/bmp": ".bmp",
}
DOCUMENT_SUFFIXES = set(SUFFIX_OF_TYPE.values()) | formats.suffixes() | {".wps", ".rtf"}


@dataclass(frozen=True)
class Member:
    """One document inside a container: where to read it, and what the container says of it."""
    container: str            # the container's path
    key: str                  # WARC: the record's URL; ZIP: the member's name as stored
    label: str                # after the container's name in the notice's source: the URL, or the member's name
    name: str                 # a file name whose suffix tells the readers its kind
    offset: int               # WARC: the record's byte offset; ZIP: unused
    content_id: str           # of the payload: what makes a re-read container update only changed records
    url: str | None = None
    captured: str | None = None   # the capture's day (ISO), a date of last resort

    def read(self) -> bytes:
        if is_zip(self.container):
            with zipfile.ZipFile(self.container) as archive:
                return bounded_read(archive, archive.getinfo(self.key))
        from fastwarc import ArchiveIterator

        with open(self.container, "rb") as stream:
            stream.seek(self.offset)
            record = next(iter(ArchiveIterator(stream)), None)
            if record is None:
                raise UnreadableDocument(f"the record at byte {self.offset} of {Path(self.container).name} is gone.")
            data = record.reader.read(max_bytes() + 1)
        if len(data) > max_bytes():
            raise UnreadableDocument(f"the record is more than the {max_bytes() / 1048576:.0f} MB limit for one "
                                     f"notice; raise NOTICES_MAX_MB if it is a real notice.")
        return data


def is_container(path) -> bool:
    name = str(path).lower()
    return name.endswith(WARC_SUFFIXES) or name.endswith(ZIP_SUFFIXES)


def is_zip(path) -> bool:
    return str(path).lower().endswith(ZIP_SUFFIXES)


def payload_id(data: bytes) -> str:
    """The id of a content (a file's bytes, a record's payload): the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(data).hexdigest()[:16]


def members(path) -> tuple[list, list]:
    """([Member], [(key, why it is skipped)]) of the container at path."""
    return zip_members(path) if is_zip(path) else warc_members(path)


def warc_members(path) -> tuple[list, list]:
    from fastwarc import ArchiveIterator, WarcRecordType

    found, skipped, digests = {}, [], {}
    wanted = WarcRecordType.response | WarcRecordType.revisit | WarcRecordType.resource
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream, record_types=wanted):
            url = record.headers.get("WARC-Target-URI") or ""
            if record.record_type == WarcRecordType.revisit:
                skipped.append((url, "a revisit record: the content of an earlier capture, not stored again."))
                continue
            status = record.http_headers.status_code if record.is_http else 200
            if status != 200:
                skipped.append((url, f"the server answered HTTP {status}, not a document."))
                continue
            media = (record.http_content_type if record.is_http else record.headers.get("Content-Type")) or ""
            name = document_name(url, media.split(";")[0].strip().lower())
            if name is None:
                skipped.append((url, f"its content type ({media or 'none given'}) is not a document."))
                continue
            data = record.reader.read(max_bytes() + 1)
            cid = payload_id(data)
            if cid in digests:
                skipped.append((url, f"the same content as {digests[cid]}; indexed once."))
                continue
            digests[cid] = url
            day = record.record_date.date().isoformat() if record.record_date else None
            # A later capture of the same address replaces the earlier one.
            found[url] = Member(str(path), url, url, name, record.stream_pos, cid, url, day)
    return list(found.values()), skipped


def document_name(url: str, media: str) -> str | None:
    """A name for the record's payload: the URL's own file name when it has a document's suffix,
    else one made from the media type; None for what is no document (scripts, styles, fonts)."""
    last = PurePosixPath(urlsplit(url).path).name or "index.html"
    if PurePosixPath(last).suffix.lower() in DOCUMENT_SUFFIXES:
        return last
    suffix = SUFFIX_OF_TYPE.get(media)
    return (last + suffix) if suffix else None


def zip_members(path) -> tuple[list, list]:
    found, skipped, digests = [], [], {}
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return [], [("", "it is not a readable ZIP file.")]
    with archive:
        for info in archive.infolist():
            name = member_name(info)
            if info.is_dir() or any(part.startswith((".", "__MACOSX")) for part in PurePosixPath(name).parts):
                continue
            if PurePosixPath(name).suffix.lower() not in DOCUMENT_SUFFIXES | {".txt"}:
                skipped.append((name, "it is not a document of a kind that is read."))
                continue
            try:
                data = bounded_read(archive, info)
            except UnreadableDocument as e:
                skipped.append((name, str(e)))
                continue
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as e:
                skipped.append((name, f"it cannot be unpacked ({e})."))
                continue
            cid = payload_id(data)
            if cid in digests:
                skipped.append((name, f"the same content as {digests[cid]}; indexed once."))
                continue
            digests[cid] = name
            day = "%04d-%02d-%02d" % info.date_time[:3] if info.date_time[0] > 1980 else None
            found.append(Member(str(path), info.filename, name, PurePosixPath(name).name, 0, cid, None, day))
    return found, skipped


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its maker wrote it: ZIP files made on Chinese Windows store names in
    GBK without the UTF-8 flag, which zipfile then decodes as CP437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def bounded_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes, refused past the size limit of one notice whatever its header claims
    (a zip bomb states a small size and unpacks to gigabytes)."""
    limit = max_bytes()
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise UnreadableDocument(f"it unpacks to more than the {limit / 1048576:.0f} MB limit for one notice.")
    return data
