"""OpenDocument text (.odt, what LibreOffice and WPS save as ODF) → text: headings, paragraphs and
list items in document order, a table's row as its cells joined by tabs (as a .docx's rows are).

An .odt is a ZIP package (package.py checks it as it does a .docx); its text is in content.xml,
under office:body/office:text, in text:h and text:p elements.
"""
from ..errors import UnreadableDocument
from .base import Format, Read
from .package import Package, children, descendants, local

MEDIA_TYPE = "application/vnd.oasis.opendocument.text"
# ODF stores its media type first, unpacked, as the member "mimetype": the ZIP's first local header
# (30 bytes) is followed by that name and then the type itself.
SIGNATURE = b"mimetype" + MEDIA_TYPE.encode("ascii")
# What a paragraph holds that is not its text: notes (their text is elsewhere on the page), comments.
NOT_TEXT = {"note", "annotation", "tracked-changes", "bookmark-start", "bookmark-end"}


def read_odt(file, progress=None) -> Read:
    package = Package(file.data, file.name, ".odt")
    body = [text for root in [package.xml("content.xml")] for text in descendants(root, "text")
            if local(text.getparent()) == "body"]
    lines = [line for part in body for line in block_lines(part)]
    text = "\n".join(lines)
    if not text.strip():
        raise UnreadableDocument(f"{file.name} is an .odt with no text.")
    return Read(text)


def block_lines(body) -> list:
    """The lines of office:text in document order: each heading and paragraph, each table row (a
    paragraph in a text box inside another is part of that one's text)."""
    lines = []
    for element in body.iter():
        name = local(element)
        if name == "table-row":
            lines.append("\t".join(cell_text(cell) for cell in children(element, "table-cell")))
        elif name in ("p", "h") and not within(element, body, {"p", "h", "table-row", *NOT_TEXT}):
            lines.append(inline_text(element))
    return lines


def within(element, top, names: set) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not top:
        if local(parent) in names:
            return True
        parent = parent.getparent()
    return False


def cell_text(cell) -> str:
    return "\n".join(inline_text(paragraph) for paragraph in cell.iter() if local(paragraph) in ("p", "h"))


def inline_text(element) -> str:
    """A paragraph's text: its spans, text:s (a run of spaces), tabs and line breaks; not its notes."""
    parts = [element.text or ""]
    for child in element:
        name = local(child)
        if name == "s":
            parts.append(" " * spaces(child))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        elif name not in NOT_TEXT:
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def spaces(element) -> int:
    count = next((value for key, value in element.attrib.items() if key.rpartition("}")[2] == "c"), "1")
    return min(int(count), 100) if count.isdigit() else 1


FORMAT = Format(
    name="odt",
    suffixes=(".odt",),
    media_types=(MEDIA_TYPE,),
    sniff=lambda file: file.data[30:30 + len(SIGNATURE)] == SIGNATURE,
    read=read_odt,
    zipped=True,
)
