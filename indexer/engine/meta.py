"""The index's metadata as types: what a generation commits, and what a segment is made of.

    IndexMeta      the manifest a commit stores in the record: the format, the segments in order,
                   the corpus folder and the taxonomy the passages were labelled with
    SegmentEntry   one segment of a generation, with the side files the generation names for it
                   (its labels, which of its notices are deleted)
    SegmentMeta    a segment's own meta.json: its counts and the size and checksum of every file
    components()   the files every segment has (tantivy calls them a segment's components)

Each reads and writes exactly the JSON that is on disk, so an index written before these types
existed opens unchanged.
"""
from dataclasses import dataclass, field, replace

from .schema import of_source
from .segment import FORMAT as SEGMENT_FORMAT
from .segment import FREQUENCY, IN_MEMORY, INITIAL_LABELS, POSITIONAL, TEXTS

SEGMENT_META = "meta.json"
NOTICE_TABLE = "notices.json"
SIDE_FILE_PREFIXES = ("labels-", "deleted-")  # side files: replaced without rewriting the segment


@dataclass(frozen=True)
class SegmentEntry:
    """A segment as one generation sees it: its folder's name and the side files that apply."""
    name: str
    labels: str = INITIAL_LABELS       # the labels file (labels-<taxonomy fingerprint>.npz)
    fingerprint: str | None = None     # of the taxonomy its labels were computed with; None: unknown
    deleted: str | None = None         # the file marking its deleted notices; None: none deleted

    def side_files(self) -> set:
        return {name for name in (self.labels, self.deleted) if name}

    def relabelled(self, labels: str, fingerprint: str) -> "SegmentEntry":
        return replace(self, labels=labels, fingerprint=fingerprint)

    def with_deletions(self, deleted: str) -> "SegmentEntry":
        return replace(self, deleted=deleted)

    def to_json(self) -> dict:
        return {"name": self.name, "labels": self.labels, "fingerprint": self.fingerprint, "deleted": self.deleted}

    @classmethod
    def from_json(cls, data: dict) -> "SegmentEntry":
        return cls(name=data["name"], labels=data["labels"],
                   fingerprint=data.get("fingerprint"), deleted=data.get("deleted"))


@dataclass
class IndexMeta:
    """The manifest: the segments of a generation, in order. A record with none yet is IndexMeta()."""
    segments: list = field(default_factory=list)   # [SegmentEntry]
    format: str | None = None     # store.FORMAT of the build that wrote it
    corpus: str | None = None     # the corpus folder, resolved (where the page images of scans are)
    taxonomy: dict | None = None  # {"fingerprint", "type_groups", "descriptions"} as labelled

    def to_json(self) -> dict:
        out: dict = {"format": self.format} if self.format is not None else {}
        out["segments"] = [entry.to_json() for entry in self.segments]
        if self.corpus is not None:
            out["corpus"] = self.corpus
        if self.taxonomy is not None:
            out["taxonomy"] = self.taxonomy
        return out

    @classmethod
    def from_json(cls, data: dict) -> "IndexMeta":
        if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
            raise ValueError("the manifest names no list of segments")  # noqa: TRY004 (a damaged index, as bad JSON is)
        return cls(segments=[SegmentEntry.from_json(entry) for entry in data["segments"]], format=data.get("format"),
                   corpus=data.get("corpus"), taxonomy=data.get("taxonomy"))


@dataclass(frozen=True)
class FileRecord:
    """A segment file's size and CRC-32, written with it and checked by `notices check`."""
    bytes: int
    crc32: int

    def to_json(self) -> dict:
        return {"bytes": self.bytes, "crc32": self.crc32}

    @classmethod
    def from_json(cls, data: dict) -> "FileRecord":
        return cls(bytes=int(data["bytes"]), crc32=int(data["crc32"]))


@dataclass
class SegmentMeta:
    """A segment's meta.json."""
    passages: int
    notices: int
    files: dict   # file name → FileRecord, every component but meta.json itself
    format: int = SEGMENT_FORMAT

    def missing(self) -> list:
        """The components this segment's meta.json does not list."""
        return [name for name in components() if name not in self.files]

    def to_json(self) -> dict:
        return {"format": self.format, "passages": self.passages, "notices": self.notices,
                "files": {name: record.to_json() for name, record in self.files.items()}}

    @classmethod
    def from_json(cls, data: dict) -> "SegmentMeta":
        return cls(passages=int(data["passages"]), notices=int(data["notices"]), format=int(data.get("format", SEGMENT_FORMAT)),
                   files={name: FileRecord.from_json(record) for name, record in data["files"].items()})


def components() -> tuple:
    """The files every segment has beside meta.json: per passage arrays, texts, postings, the notice table."""
    arrays = [*IN_MEMORY, *(facet.field for facet in of_source("passage"))]
    arrays += [f"{name}_{part}" for name in TEXTS for part in ("text", "offsets")]
    arrays += [f"{name}_{part}" for name in POSITIONAL for part in ("keys", "starts", "occurrences")]
    arrays += [f"{name}_{part}" for name in FREQUENCY for part in ("keys", "starts", "docs", "tf")]
    return (*(f"{name}.npy" for name in arrays), NOTICE_TABLE)


def is_side_file(file_name: str) -> bool:
    return file_name.startswith(SIDE_FILE_PREFIXES)
