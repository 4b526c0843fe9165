"""The precedents of a draft as a document to draft from: Markdown or Word (.docx), built in memory.

One heading per problem of the draft, and under it each precedent: its title, how close it is and
why, where and when, how it was rectified, and its citation as a Chinese document writes it (the
issuer once, the title in 《》, the date, the source address). Links to this service only with a
public address (NOTICES_PUBLIC_URL): the request's Host header is never written into a file.
"""
import io
import re

from docx import Document

from indexer.engine.search import chinese_date, xml_safe

from .downloads import content_disposition, file_name
from .settings import notice_link

TITLE = "起草参考：草稿中的问题与其他单位的整改先例"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


CLOSENESS = {"strong": "相近", "partial": "部分相近"}
NONE_FOUND = "（没有找到其他通报中的相近做法。）"


def export_name(result: dict, extension: str) -> str:
    """'整改先例-食堂财务管理-2026-12-01.docx': named after the draft's first problem (its first type,
    else its title)."""
    first = result["problems"][0] if result["problems"] else {}
    about = (first.get("types") or [None])[0] or first.get("title")
    return file_name("整改先例", about, extension)


def disposition(result: dict, extension: str) -> str:
    """The Content-Disposition header of an export: its name from the content, an ASCII fallback."""
    return content_disposition(export_name(result, extension), file_name("precedents", None, extension))


def summary(result: dict, labels: dict) -> list:
    """The lines under the title: what the precedents were narrowed to, and how many there are."""
    lines = []
    if result["filters"]:
        lines.append("只看：" + "，".join(f"{labels[name]} {value}" for name, value in result["filters"].items()))
    lines.append(f"草稿中的问题 {len(result['problems'])} 个，每个最多列出 {result['limit']} 条相近的先例，"
                 "不够相近的不列。")
    return lines


def found_few(problem: dict, result: dict) -> str | None:
    count = len(problem["hits"])
    return f"只找到 {count} 条相近做法。" if 0 < count < int(result["limit"]) else None


def where_and_when(hit: dict) -> str:
    region = " ".join(filter(None, (hit["province"], hit["city"], hit["county"]))) or "地区不详"
    return f"{region} · {chinese_date(hit['published'], hit['year']) or '日期不详'}"


def why(hit: dict) -> str:
    """'相近 · 共同的词：食堂、账目 · 同类：食堂管理'."""
    parts = [CLOSENESS.get(hit.get("closeness"), "")]
    if hit.get("shared_words"):
        parts.append("共同的词：" + "、".join(hit["shared_words"]))
    if hit.get("shared_types"):
        parts.append("同类：" + "、".join(hit["shared_types"]))
    return " · ".join(part for part in parts if part)


def citation(hit: dict) -> str:
    """'引自：某某办公室《关于……的通报》，2025年11月28日，https://…' with this service's public link
    to the passage when there is one."""
    link = notice_link(hit["notice_id"], hit["seq"])
    return f"引自：{hit['citation']}" + (f"；本库：{link}" if link else "")


def markdown_of(result: dict, labels: dict) -> bytes:
    """Links come from the public address (NOTICES_PUBLIC_URL), never from the request."""
    out = [f"# {TITLE}", "", *[escaped(line) for line in summary(result, labels)], ""]
    for problem in result["problems"]:
        out += [f"## {problem['seq']}. {escaped(problem['title'])}", ""]
        if problem["text"]:
            out += [quoted(problem["text"]), ""]
        if not problem["hits"]:
            out += [NONE_FOUND, ""]
        if few := found_few(problem, result):
            out += [few, ""]
        for number, hit in enumerate(problem["hits"], 1):
            out += [f"### 先例 {number}：{escaped(hit['title'])}", "", escaped(why(hit)), "",
                    escaped(where_and_when(hit)), "", *[escaped(line) for line in hit["text"].split("\n")], "",
                    f"> {escaped(citation(hit))}", ""]
    return "\n".join(out).encode("utf-8")


def escaped(text: str) -> str:
    """Markdown's marks in a text taken as it is."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def quoted(text: str) -> str:
    return "\n".join("> " + escaped(line) for line in text.split("\n"))


class SafeDocument:
    """A python-docx Document whose text never holds what XML cannot (a sidecar's title may hold an
    escaped control character that cleaning never saw): one such character made the export a 500."""

    def __init__(self):
        self.document = Document()

    def add_heading(self, text: str, level: int):
        return self.document.add_heading(xml_safe(text), level=level)

    def add_paragraph(self, text: str, style: str | None = None):
        return self.document.add_paragraph(xml_safe(text), style=style)

    def save(self, out):
        self.document.save(out)


def docx_of(result: dict, labels: dict) -> bytes:
    """Links come from the public address (NOTICES_PUBLIC_URL), never from the request."""
    document = SafeDocument()
    document.add_heading(TITLE, level=0)
    for line in summary(result, labels):
        document.add_paragraph(line)
    for problem in result["problems"]:
        document.add_heading(f"{problem['seq']}. {problem['title']}", level=1)
        if problem["text"]:
            document.add_paragraph(problem["text"], style="Quote")
        if not problem["hits"]:
            document.add_paragraph(NONE_FOUND)
        if few := found_few(problem, result):
            document.add_paragraph(few)
        for number, hit in enumerate(problem["hits"], 1):
            document.add_heading(f"先例 {number}：{hit['title']}", level=2)
            document.add_paragraph(why(hit))
            document.add_paragraph(where_and_when(hit))
            for line in hit["text"].split("\n"):
                document.add_paragraph(line)
            document.add_paragraph(citation(hit), style="Intense Quote")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
