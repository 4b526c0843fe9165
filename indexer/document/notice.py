"""The Notice and its Problems and Sections, and their JSON form (../shared/CONTRACT.md)."""
from dataclasses import asdict, dataclass, field

# What a published document is; ../shared/CONTRACT.md names them.
DOC_TYPES = ("整改通报", "反馈", "公告", "讲话", "动态")


@dataclass
class Problem:
    id: str
    seq: int
    path: list
    title: str
    category: str | None
    types: list
    status: str | None        # the status in the notice's own words (已完成并长期坚持)
    text: str
    status_state: str | None = None  # the state those words say, of indexer/data/status.toml (已完成)


@dataclass
class Section:
    id: str
    seq: int
    path: list
    title: str
    text: str
    role: str = "body"   # "opening", "body" or "footer" (outline.Section)


def problem_id(notice_id: str, seq: int) -> str:
    return f"{notice_id}-p{seq}"


def section_id(notice_id: str, seq: int) -> str:
    return f"{notice_id}-s{seq}"


def notice_id_of(passage_id: str) -> str:
    """The notice a problem or section id belongs to (its own id for a notice)."""
    head, sep, seq = passage_id.rpartition("-")
    return head if sep and seq[:1] in ("p", "s") and seq[1:].isdigit() else passage_id


def opening_section(sections: list) -> dict | None:
    """The opening of a notice in its JSON form: the text before its first heading."""
    return next((s for s in sections if s.get("role") == "opening"), None)


@dataclass
class Notice:
    id: str
    source: str
    title: str | None
    title_derived: bool
    issuer: str | None
    region: dict
    year: int | None
    published: str | None
    inspection: dict
    doc_type: str
    script: str | None
    problems: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    text: str = ""
    original_text: str = ""
    source_url: str | None = None
    file_kind: str | None = None
    encoding: str | None = None
    text_source: str = "text"  # "ocr" when the text (or part of it) was read from pictures of pages
    pages: int | None = None   # pages of a PDF or an image file
    region_source: str | None = None    # what decided the region (regions.Region.source)
    region_evidence: str | None = None  # the words that decided it
    # Runs of the text no repair could read (legibility.py), as they read: in the text each of their
    # characters is the lost-character mark □. Kept so that nothing published is thrown away.
    unreadable: list = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Notice":
        data = dict(data)
        data["problems"] = [Problem(**p) for p in data.get("problems", [])]
        data["sections"] = [Section(**s) for s in data.get("sections", [])]
        return cls(**data)
