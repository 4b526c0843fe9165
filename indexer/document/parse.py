"""One file → one Notice, the stages in the order data flows, each a module of its own:

read (bytes → text, and a page's facts) → clean (repairs, script) → masthead (headline, date line,
fields; page furniture is never a headline: furniture.py) → meta.find_title → meta.doc_type → outline (sections, problems, footer) → meta (issuer,
dates, inspection facts) → committee and regions → taxonomy (categories, types).
A sidecar (sidecar.py) overrides what it names.
"""
import os
import re
from collections.abc import Container
from pathlib import Path

from . import dates, meta, outline, regions, status as statuses, taxonomy
from .clean import clean, simplify_if_traditional, unify_widths, xml_safe
from .committee import jurisdiction
from .containers import Member, payload_id as content_id  # one id of content for files and records
from .furniture import is_furniture
from .masthead import field_date, read_masthead, strip_news_lead
from .notice import Notice, Problem, Section, problem_id, section_id
from .pagefacts import title_head
from .read import read_bytes, read_document
from .sidecar import SidecarError, read_sidecar, sidecar_path

__all__ = ["SidecarError", "content_id", "file_content_id", "parse_file", "parse_text"]


def file_content_id(path: Path, files_beside: Container[str] | None = None) -> str:
    """The id of a file's content together with its sidecar's: what the index is incremental by.
    files_beside: the names of the files in its folder, when known (sidecar.sidecar_path)."""
    data = path.read_bytes()
    sidecar = sidecar_path(path, files_beside)
    return content_id(data + sidecar.read_bytes()) if sidecar else content_id(data)


def parse_file(path, root=None, use_sidecar=True, progress=None, recognised=None) -> Notice:
    """The notice in the file at path; progress(pages_done, pages_total) is called as pages are read,
    and recognised keeps what OCR read (read.read_document)."""
    if isinstance(path, Member):
        return parse_member(path, root, progress, recognised)
    path = Path(path)
    raw = read_document(path, progress, recognised)
    data_id = content_id(raw.data)
    source = os.path.relpath(path, root) if root else path.name
    overrides = {}
    sidecar = sidecar_path(path) if use_sidecar else None
    if sidecar:
        fields, sidecar_bytes = read_sidecar(sidecar)
        overrides = xml_safe_values(fields)
        data_id = content_id(raw.data + sidecar_bytes)
    notice = parse_text(raw.text, source, data_id, overrides, page=raw.fields)
    notice.file_kind, notice.encoding = raw.kind, raw.encoding
    notice.text_source, notice.pages = raw.source, raw.pages
    return notice


def parse_member(member: Member, root=None, progress=None, recognised=None) -> Notice:
    """A record of a web archive or a member of a ZIP file: its address is the notice's source_url,
    and the day it was captured a date of last resort (after the document's own)."""
    data = member.read()
    raw = read_bytes(data, member.name, progress, recognised)
    container = os.path.relpath(member.container, root) if root else Path(member.container).name
    page = {**raw.fields, "captured": member.captured}
    if member.url:
        page["url"] = member.url
    notice = parse_text(raw.text, f"{container}#{member.label}", content_id(data), page=page)
    notice.file_kind, notice.encoding = raw.kind, raw.encoding
    notice.text_source, notice.pages = raw.source, raw.pages
    return notice


def parse_text(raw_text: str, source: str = "document", notice_id: str | None = None, overrides: dict | None = None,
               page: dict | None = None) -> Notice:
    """page: what the file states outside its text (read.RawText.fields), such as an HTML page's meta tags."""
    overrides = overrides or {}
    notice_id = notice_id or content_id(raw_text.encode("utf-8"))
    page = normalised(page or {})
    cleaned = clean(raw_text)
    lines = cleaned.text.split("\n") if cleaned.text else []

    head = read_masthead(lines)
    fields = {**page.get("fields", {}), **head.fields}
    after_head = lines[head.taken:]
    headlines = [page.get("headline"), head.headline, fields.get("title")]
    confirmed = title_head(page["title"]) if "title" in page else None  # a <title> only when the text repeats it
    if after_head and after_head[0] in headlines + [confirmed]:
        headlines.append(after_head.pop(0))
    notice_title, title_lines = meta.find_title(after_head)
    body_lines = after_head[title_lines:]
    body = "\n".join(body_lines)
    title = meta.unspaced(next((t for t in headlines + [notice_title] if t and not is_furniture(t)), None))
    kind = overrides.get("doc_type") or meta.doc_type(title, body)
    tree = outline.build(body, find_problems=kind not in ("讲话",))
    opening = tree.opening()

    signer, signed = meta.find_signature(tree.footer)
    issuer = (signer or meta.issuer_from_title(title) or meta.issuer_from_title(notice_title)
              or publisher_of(fields.get("publisher")))
    published = (signed or field_date(fields) or head.dated or meta.published_label(cleaned.text)
                 or dates.parse_date(page.get("published") or page.get("url_date") or page.get("captured") or ""))
    if "published" in overrides:
        published = meta.make_date(*str(overrides["published"])[:10].split("-"))
    year = published.year if published else None
    if year is None and kind == "讲话":  # a speech's title names the year it was given in
        year = meta.title_year(title)
    if year is None:
        year = dates.year_of_text(cleaned.text)

    if "region" in overrides:
        region = {"province": None, "city": None, "county": None, "ambiguous": [], **overrides["region"]}
        region_source, region_evidence = "sidecar", None
    else:
        found = region_of(kind, issuer, title, opening, fields, page, cleaned)
        region, region_source, region_evidence = found.as_dict(), found.source, found.evidence

    title_derived = False
    if overrides.get("title"):
        title = overrides["title"]
    elif not title:
        title, title_derived = derive_title(issuer, kind, opening), True

    labels = taxonomy.default()
    found = [p for p in tree.problems if not is_contact(p.path, p.title)]
    assigned = labels.assign_all((p.path, p.title, p.text) for p in found)
    problems = [Problem(id=problem_id(notice_id, p.seq), seq=p.seq, path=p.path, title=p.title,
                        category=category, types=types, status=p.status, text=p.text,
                        status_state=statuses.default().state_of(p.status))
                for p, (category, types) in zip(found, assigned)]
    sections = [Section(section_id(notice_id, s.seq), s.seq, s.path, s.title, s.text, s.role) for s in tree.sections]
    return Notice(
        id=notice_id, source=source, title=title, title_derived=title_derived, issuer=issuer, region=region,
        year=year, published=meta.iso(published), inspection=meta.inspection_facts(opening, title),
        doc_type=kind, script=cleaned.script, problems=problems, sections=sections, text=cleaned.text,
        original_text=cleaned.original, source_url=web_address(overrides.get("source_url")) or web_address(page.get("url")),
        region_source=region_source, region_evidence=region_evidence, unreadable=cleaned.unreadable,
    )


def web_address(url: str | None) -> str | None:
    """An http or https address, else None: a javascript: or file: "address" must never become a link."""
    url = (url or "").strip()
    return url if re.match(r"https?://[^\s/]+", url, re.I) else None


def normalised(page: dict) -> dict:
    """Page facts in the form the text has after cleaning: unified widths, simplified script."""
    def norm(value):
        if isinstance(value, dict):
            return {k: norm(v) for k, v in value.items()}
        return simplify_if_traditional(unify_widths(xml_safe(value))).strip() if isinstance(value, str) else value

    return norm(page)


def xml_safe_values(values: dict) -> dict:
    """A sidecar's strings without what XML cannot hold: they reach titles and exports uncleaned."""
    return {k: xml_safe(v) if isinstance(v, str) else v for k, v in values.items()}


def publisher_of(name: str | None) -> str | None:
    """A 发布机构 field is the issuer when it names an organisation."""
    return name if name and meta.ORG_END.search(name) else None


def region_of(kind, issuer, title, opening, fields, page, cleaned) -> regions.Region:
    """The issuer's region; else the jurisdiction of the committee that runs the inspection; else the
    publishing body's (发布机构, 来源, a breadcrumb, the site). Places inspected by a central or
    provincial group never decide, except in the inspected place's own rectification notice: a city
    or county inspected by the province (省委第N巡视组对某某市进行了巡视) reports on itself."""
    publishers = [("publisher", fields.get("publisher")), ("publisher", fields.get("source")),
                  ("page field", page.get("source")), *[("page field", b) for b in cleaned.breadcrumbs],
                  ("page field", page.get("breadcrumb")), ("publisher", page.get("site"))]
    where = jurisdiction("\n".join(filter(None, [title, cleaned.text])), own=[issuer, title, *(p for _, p in publishers)])
    inspected = inspected_body(opening)
    if where.higher and not (kind == "整改通报" and is_division(inspected)):
        inspected = ""
    sources = [("issuer", issuer)]
    if kind == "整改通报":  # the inspected body is the notice's own issuer
        sources.append(("inspected body", inspected))
    sources += [("committee", where.place), ("title", None if where.higher else title), *publishers,
                ("inspected body", inspected)]
    return regions.resolve(sources, context=cleaned.text)


INSPECTED = [re.compile(r"对(.{2,40}?)(?:开展|进行)了?.{0,6}巡[察视]"), re.compile(r"向(.{2,20}?)反馈(?:了)?巡[察视]")]


def inspected_body(opening: str) -> str:
    """'…巡察组对清城区政协机关开展了巡察' → '清城区政协机关'; '…巡视组向某某市委反馈巡视意见' → '某某市委'."""
    for pattern in INSPECTED:
        if m := pattern.search(opening):
            return m.group(1)
    return ""


def is_division(body: str) -> bool:
    """Whether the body inspected is a division itself (某某市, 中共某某县委员会, 某某市党政领导班子),
    not one of its bodies (某某市财政局)."""
    name = re.sub(r"^(?:中共|中国共产党)", "", body)
    name = re.sub(r"(?:党政)?(?:领导班子.*)?$", "", name)
    name = re.sub(r"(?:党委|委员会|委)$", "", name)
    return name in regions.gazetteer().by_name


# How to reach the inspection group or the issuer is never a problem: a heading that announces it
# (反映问题联系方式, 监督举报渠道) or an item that opens with a contact label (电话:, 电子邮箱:).
CONTACT_HEADING = re.compile(r"联系方式|联系电话|举报(?:电话|方式|渠道)|监督(?:电话|方式|渠道)|反映问题的?(?:渠道|方式|途径)")
# …unless the heading names a shortcoming (举报渠道不畅通 is a problem).
SHORTCOMING = re.compile(r"不|未|没|缺|差|弱|难|少|乏|滞后|单一|问题")
CONTACT_LABEL = re.compile(r"^(?:联系|举报|监督|值班|受理)?(?:电话|手机|传真|邮箱|电子邮箱|信箱|邮政信箱|通信地址|通讯地址|地址|邮编|邮政编码|联系人)\s*[:]")


def is_contact(path: list, title: str) -> bool:
    """A heading that quotes a problem (关于“举报电话无人接听”问题) names a problem, not a contact."""
    headings = [h for h in [*path, title] if "“" not in h and "关于" not in h]
    return bool(CONTACT_LABEL.match(title)
                or any(CONTACT_HEADING.search(h) and not SHORTCOMING.search(h) and len(h) <= 20 for h in headings))


def derive_title(issuer: str | None, kind: str, opening: str) -> str | None:
    """A title for a document published without one; marked title_derived."""
    subject = {"整改通报": "关于巡察整改进展情况的通报", "反馈": "巡察反馈情况", "公告": "公告", "讲话": "讲话", "动态": ""}[kind]
    if issuer and subject:  # news is told by its first sentence, not by who published it
        return f"{issuer}{subject}"
    lines = [strip_news_lead(line) for line in opening.split("\n") if not is_furniture(line)]
    lines = [line for line in lines if len(line) > 12]  # past salutations ("同志们:")
    first = lines[0].split("。", 1)[0] if lines else ""
    if kind == "讲话" and (meeting := re.search(r"召开(?:了)?(?:这次)?(.{2,30}?会议?)", first)):
        return f"在{meeting.group(1)}上的讲话"
    return (first[:40] + ("…" if len(first) > 40 else "")) or issuer
