"""The precedents of a draft as a document to draft from: Markdown or Word (.docx), built in memory.

One heading per problem of the draft, and under it each precedent: its title, where and when, how
it was rectified, and its citation (issuer, notice title, date, link).
"""
import io
import re

from docx import Document

TITLE = "起草参考：草稿中的问题与其他单位的整改先例"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def summary(result: dict, labels: dict) -> list:
    """The lines under the title: what the precedents were narrowed to, and how many there are."""
    lines = []
    if result["filters"]:
        lines.append("只看：" + "，".join(f"{labels[name]} {value}" for name, value in result["filters"].items()))
    lines.append(f"草稿中的问题 {len(result['problems'])} 个，每个列出最相似的 {result['limit']} 条先例。")
    return lines


def where_and_when(hit: dict) -> str:
    region = " ".join(filter(None, (hit["province"], hit["city"], hit["county"]))) or "地区不详"
    return f"{region} · {hit['published'] or hit['year'] or '日期不详'}"


def citation(hit: dict) -> str:
    return f"引自：{hit['citation']}"


def markdown_of(result: dict, labels: dict, link_of) -> bytes:
    """link_of(hit) → the absolute address of the precedent's problem in its notice."""
    out = [f"# {TITLE}", "", *[escaped(line) for line in summary(result, labels)], ""]
    for problem in result["problems"]:
        out += [f"## {problem['seq']}. {escaped(problem['title'])}", ""]
        if problem["text"]:
            out += [quoted(problem["text"]), ""]
        if not problem["hits"]:
            out += ["（没有找到其他通报中的同类问题。）", ""]
        for number, hit in enumerate(problem["hits"], 1):
            out += [f"### 先例 {number}：{escaped(hit['title'])}", "", escaped(where_and_when(hit)), "",
                    *[escaped(line) for line in hit["text"].split("\n")], "",
                    f"> {escaped(citation(hit))}，<{link_of(hit)}>", ""]
    return "\n".join(out).encode("utf-8")


def escaped(text: str) -> str:
    """Markdown's marks in a text taken as it is."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def quoted(text: str) -> str:
    return "\n".join("> " + escaped(line) for line in text.split("\n"))


def docx_of(result: dict, labels: dict, link_of) -> bytes:
    document = Document()
    document.add_heading(TITLE, level=0)
    for line in summary(result, labels):
        document.add_paragraph(line)
    for problem in result["problems"]:
        document.add_heading(f"{problem['seq']}. {problem['title']}", level=1)
        if problem["text"]:
            document.add_paragraph(problem["text"], style="Quote")
        if not problem["hits"]:
            document.add_paragraph("（没有找到其他通报中的同类问题。）")
        for number, hit in enumerate(problem["hits"], 1):
            document.add_heading(f"先例 {number}：{hit['title']}", level=2)
            document.add_paragraph(where_and_when(hit))
            for line in hit["text"].split("\n"):
                document.add_paragraph(line)
            document.add_paragraph(f"{citation(hit)}，{link_of(hit)}", style="Intense Quote")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
