"""A draft or a feedback list → its problems, read like any published document.

Staff draft a rectification notice from the problems an inspection group fed back. What they paste
or upload goes through the same reading and cleaning as a notice, in any file kind, encoding,
script and numbering style; its problems are told apart with the outline's numbering rules, and
typed with the taxonomy. Nothing here keeps the draft.
"""
import re
from dataclasses import dataclass

from . import meta, outline, taxonomy
from .clean import clean, simplify_if_traditional
from .dates import cn_number
from .errors import UnreadableDocument, shown_name
from .uploads import read_upload

# A draft is a few thousand characters; each problem costs one similarity lookup.
MAX_CHARS = 200_000
MAX_PROBLEMS = 100
WHOLE_TITLE_CHARS = 40

# A line above the list that names the document rather than a problem: "关于…的整改方案(讨论稿)".
DOCUMENT_HEADING = re.compile(r"^[^。]{2,60}(?:方案|清单|通报|报告|意见|台账)(?:\([^()]{1,10}\))?$")


@dataclass
class DraftProblem:
    seq: int
    title: str
    text: str
    path: list        # the headings above it in the draft
    category: str | None
    types: list


@dataclass
class Draft:
    text: str         # as read: cleaned, in simplified script
    problems: list
    # How the problems were told apart: "numbering" (one numbered list, whatever its styles), "outline"
    # (a draft notice's problem sections, else the innermost numbered items), "lines" (one problem a
    # line), or "whole" (no problem recognised: the whole text is one problem).
    found_by: str


def draft_from_bytes(data: bytes, name: str) -> Draft:
    """A draft given as a file's content, of any kind read.read_bytes reads (scans by OCR in the
    upload reader's pool, within its budget: uploads.py)."""
    return draft_from_text(read_upload(data, shown_name(name)).text)


def draft_from_text(text: str) -> Draft:
    if len(text) > MAX_CHARS:
        raise UnreadableDocument(f"The draft is {len(text):,} characters long, more than the {MAX_CHARS:,} "
                                 f"a draft may have; give only the part that lists the problems.")
    cleaned = clean(text)
    # A draft may mix scripts line by line (one problem pasted from a traditional source).
    lines = [simplify_if_traditional(line) for line in cleaned.text.split("\n") if line]
    if not lines:
        raise UnreadableDocument("The draft is empty: paste the problems it lists, or give a file that holds them.")
    found_by, pieces = split(lines)
    if len(pieces) > MAX_PROBLEMS:
        raise UnreadableDocument(f"The draft lists {len(pieces)} problems, more than the {MAX_PROBLEMS} looked up "
                                 f"at once; split it into smaller parts.")
    labels = taxonomy.default()
    problems = [DraftProblem(seq, title, body, path, *labels.assign(path, title, body))
                for seq, (path, title, body) in enumerate(pieces, 1)]
    return Draft("\n".join(lines), problems, found_by)


def split(lines: list) -> tuple[str, list]:
    """(how they were found, [(path, title, text)]) for the problems of a draft's cleaned lines."""
    body, _ = outline.split_footer(lines)  # the signature and date under a draft are no problem
    tree = outline.parse_tree("\n".join(body))
    numbered = list(walk(tree))
    if len(numbered) > 1 and [number_of(n) for n in numbered] == list(range(1, len(numbered) + 1)):
        # 1, 2, 3 … across every marker: one list, however its items are numbered (一、 (二) 3.),
        # though the outline nests a new style under the one before it.
        return "numbering", [([], node.title, node.text()) for node in numbered]
    if is_draft_notice(lines):
        # Its problems are found as in any notice, without the sections on how the work was
        # organised or what comes next.
        notice = outline.build("\n".join(lines))
        if notice.problems:
            return "outline", [(p.path, p.title, p.text) for p in notice.problems]
    if numbered:
        return "outline", [(node.path(), node.title, node.text()) for node in outline.leaves(tree)]
    if len(lines) > 1 and DOCUMENT_HEADING.match(lines[0]):
        lines = lines[1:]
    if len(lines) > 1:
        return "lines", [([], *outline.split_title(line)) for line in lines]
    whole = "\n".join(lines)
    title, _ = outline.split_title(lines[0])
    if len(title) > WHOLE_TITLE_CHARS:
        title = title[:WHOLE_TITLE_CHARS] + "…"
    return "whole", [([], title, whole)]


def is_draft_notice(lines: list) -> bool:
    """A draft of the progress notice itself, rather than a list of the problems fed back: it says
    so at its top, or reports how each problem was rectified."""
    return (meta.doc_type(None, "\n".join(lines)) == "整改通报"
            or any(outline.RECTIFICATION_OPENER.match(line) for line in lines))


def walk(node: outline.Node):
    """The numbered headings below node, in the order they are written."""
    for child in node.children:
        yield child
        yield from walk(child)


def number_of(node: outline.Node) -> int | None:
    """一 → 1, 12 → 12; None for a number lost to a decoding fault."""
    if node.number.isdigit():
        return int(node.number)
    return cn_number(node.number) or None
