"""One file → one Notice, the stages in the order data flows, each a module of its own:

read (bytes → text) → clean (repairs, script) → meta.find_title → meta.doc_type → outline (sections,
problems, footer) → meta (issuer, dates, inspection facts) → regions → taxonomy (categories, types).
A sidecar (sidecar.py) overrides what it names.
"""
import hashlib
import os
import re
from pathlib import Path

from . import meta, outline, regions, taxonomy
from .clean import clean
from .notice import Notice, Problem, Section
from .read import read_document
from .sidecar import SidecarError, read_sidecar, sidecar_path

__all__ = ["SidecarError", "content_id", "file_content_id", "parse_file", "parse_text"]


def content_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def file_content_id(path: Path) -> str:
    """The id of a file's content together with its sidecar's: what the index is incremental by."""
    data = path.read_bytes()
    sidecar = sidecar_path(path)
    return content_id(data + sidecar.read_bytes()) if sidecar else content_id(data)


def parse_file(path, root=None, use_sidecar=True) -> Notice:
    path = Path(path)
    raw = read_document(path)
    data_id = content_id(raw.data)
    source = os.path.relpath(path, root) if root else path.name
    overrides = {}
    sidecar = sidecar_path(path) if use_sidecar else None
    if sidecar:
        overrides = read_sidecar(sidecar)
        data_id = content_id(raw.data + sidecar.read_bytes())
    notice = parse_text(raw.text, source, data_id, overrides)
    notice.file_kind, notice.encoding = raw.kind, raw.encoding
    return notice


def parse_text(raw_text: str, source: str = "document", notice_id: str | None = None, overrides: dict | None = None) -> Notice:
    overrides = overrides or {}
    notice_id = notice_id or content_id(raw_text.encode("utf-8"))
    cleaned = clean(raw_text)
    lines = cleaned.text.split("\n") if cleaned.text else []

    title, title_lines = meta.find_title(lines)
    body_lines = lines[title_lines:]
    body = "\n".join(body_lines)
    kind = overrides.get("doc_type") or meta.doc_type(title, body)
    tree = outline.build(body, find_problems=kind not in ("讲话",))
    opening = tree.opening()

    signer, signed = meta.find_signature(tree.footer)
    issuer = signer or meta.issuer_from_title(title)
    published = signed or meta.published_label(cleaned.text)
    if "published" in overrides:
        published = meta.make_date(*str(overrides["published"])[:10].split("-"))
    dates = meta.full_dates(cleaned.text)
    year = published.year if published else (max(dates).year if dates else None)

    if "region" in overrides:
        region = {"province": None, "city": None, "county": None, "ambiguous": [], **overrides["region"]}
    else:
        inspected = inspected_body(opening)
        region = regions.resolve([issuer, title, inspected], context=cleaned.text).as_dict()

    title_derived = False
    if overrides.get("title"):
        title = overrides["title"]
    elif not title:
        title, title_derived = derive_title(issuer, kind, opening), True

    labels = taxonomy.default()
    problems = [
        Problem(
            id=f"{notice_id}-p{p.seq}", seq=p.seq, path=p.path, title=p.title,
            category=labels.category(p.path, p.title, p.text), types=labels.types_of(p.path, p.title, p.text),
            status=p.status, text=p.text,
        )
        for p in tree.problems
    ]
    sections = [Section(f"{notice_id}-s{s.seq}", s.seq, s.path, s.title, s.text, s.role) for s in tree.sections]
    return Notice(
        id=notice_id, source=source, title=title, title_derived=title_derived, issuer=issuer, region=region,
        year=year, published=meta.iso(published), inspection=meta.inspection_facts(opening, title),
        doc_type=kind, script=cleaned.script, problems=problems, sections=sections, text=cleaned.text,
        original_text=cleaned.original, source_url=overrides.get("source_url"),
    )


def inspected_body(opening: str) -> str:
    """'…巡察组对清城区政协机关开展了巡察' → '清城区政协机关'."""
    m = re.search(r"对(.{2,40}?)(?:开展|进行)了?.{0,6}巡[察视]", opening)
    return m.group(1) if m else ""


def derive_title(issuer: str | None, kind: str, opening: str) -> str | None:
    """A title for a document published without one; marked title_derived."""
    subject = {"整改通报": "关于巡察整改进展情况的通报", "反馈": "巡察反馈情况", "公告": "公告", "讲话": "讲话", "动态": ""}[kind]
    if issuer:
        return f"{issuer}{subject}" if subject else issuer
    lines = [line for line in opening.split("\n") if len(line) > 12]  # past salutations ("同志们:")
    first = lines[0].split("。", 1)[0] if lines else ""
    if kind == "讲话" and (meeting := re.search(r"召开(?:了)?(?:这次)?(.{2,30}?会议?)", first)):
        return f"在{meeting.group(1)}上的讲话"
    return (first[:40] + ("…" if len(first) > 40 else "")) or None
