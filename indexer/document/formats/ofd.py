"""OFD files (GB/T 33190, the national standard for fixed-layout e-government documents) → text.

An OFD is a ZIP package of XML parts. OFD.xml names each document's root (DocBody/DocRoot, such as
Doc_0/Document.xml); Document.xml lists the pages (Pages/Page/@BaseLoc, such as Pages/Page_0/Content.xml)
and the template pages they are drawn on; a page's Content.xml holds TextObjects, each with its
Boundary on the page, and in them TextCode runs placed at X, Y (the baseline) within it. The text
layer is read as a PDF's is: runs on one baseline make a line, left to right; lines top to bottom;
then the re-flow (reflow.py) turns the printed lines back into paragraphs.

No well-kept package reads OFD (easyofd has one maintainer and pulls in PyMuPDF, under the AGPL;
ofdreader has had one release), so the XML is read here, with lxml. Not read: pages that are only
pictures (an OFD's images are not read by OCR), annotations and seals; nor is a page drawn as a picture.
"""
import math
import posixpath
from dataclasses import dataclass

from ..errors import UnreadableDocument
from ..reflow import Line, Page, reflow
from .base import Format, Read
from .package import Package, children, descendants, local, part_key
from .paging import check_page_count

ROOT_PART = "OFD.xml"
A4 = (0.0, 0.0, 210.0, 297.0)  # millimetres, OFD's unit: the page when the document does not say
DEFAULT_SIZE = 3.5             # millimetres (10.5 pt), a TextObject's font size when it does not say


def read_ofd(file, progress=None) -> Read:
    package = Package(file.data, file.name, ".ofd")
    pages = [page for root in document_roots(package) for page in document_pages(package, root)]
    check_page_count(len(pages), file.name)  # before any page is parsed
    read = []
    for number, page in enumerate(pages, 1):
        read.append(page_read(package, page))
        if progress:
            progress(number, len(pages))
    text = reflow(read)
    if not text.strip():
        raise UnreadableDocument(f"{file.name} is an .ofd without a text layer (its pages may be pictures, which "
                                 f"are not read by OCR in an .ofd); print it to PDF to index it.")
    return Read(text, len(pages))


@dataclass
class PageEntry:
    """A page as its document lists it: its content part, the document's template pages, its default box."""
    content: str
    templates: dict   # template ID → its content part
    box: tuple        # (x, y, width, height) unless the page says otherwise


def document_roots(package: Package) -> list:
    """The Document.xml of each document the package holds (OFD.xml's DocBody/DocRoot), in order."""
    roots = [root.text.strip() for body in children(package.xml(ROOT_PART), "DocBody")
             for root in children(body, "DocRoot") if root.text and root.text.strip()]
    if not roots:
        raise UnreadableDocument(f"{package.name} is not a readable .ofd: its {ROOT_PART} names no document.")
    return [located(package, "", root) for root in roots]


def located(package: Package, folder: str, location: str) -> str:
    """A part named in a part in folder: relative to that folder, or (as some producers write it) to the package."""
    location = location.strip()
    if location.startswith("/"):
        return location.lstrip("/")
    relative = posixpath.join(folder, location)
    return relative if package.has(relative) or not package.has(location) else location


def document_pages(package: Package, document_path: str) -> list:
    """The PageEntry of each page of one document, in page order (nothing of the pages parsed yet)."""
    document, folder = package.xml(document_path), posixpath.dirname(document_path)
    common = next(iter(children(document, "CommonData")), None)
    templates = {template.get("ID"): located(package, folder, template.get("BaseLoc"))
                 for template in (descendants(common, "TemplatePage") if common is not None else [])
                 if template.get("BaseLoc")}
    box = physical_box(common, A4)
    pages = []
    for page in [page for listed in children(document, "Pages") for page in children(listed, "Page")]:
        if not page.get("BaseLoc"):
            raise UnreadableDocument(f"{package.name} is not a readable .ofd: a page of {document_path} has no "
                                     f"BaseLoc.")
        pages.append(PageEntry(located(package, folder, page.get("BaseLoc")), templates, box))
    return pages


def page_read(package: Package, page: PageEntry) -> Page:
    """A page's lines: its own text and that of the template pages it is drawn on, by their places."""
    content = package.xml(page.content)
    used = [page.templates[template.get("TemplateID")] for template in children(content, "Template")
            if template.get("TemplateID") in page.templates]
    runs = [run for root in [*(package.xml(path) for path in used), content] for run in text_runs(root)]
    return Page(physical_box(content, page.box)[2], lines_of(runs))


def physical_box(element, default: tuple) -> tuple:
    """(x, y, width, height) of the Area/PhysicalBox (or CommonData's PageArea) under element."""
    for area in [] if element is None else [a for a in element if local(a) in ("Area", "PageArea")]:
        for box in children(area, "PhysicalBox"):
            numbers = floats(box.text)
            if len(numbers) == 4 and numbers[2] > 0:
                return tuple(numbers)
    return default


def floats(text: str | None) -> list:
    """The numbers of an attribute ("0 0 210 297"); [] when any is not a finite number."""
    try:
        numbers = [float(part) for part in (text or "").split()]
    except ValueError:
        return []
    return numbers if all(math.isfinite(number) for number in numbers) else []


@dataclass
class Run:
    """A TextCode's text where it stands on the page: its left and right edge, its baseline, its size."""
    text: str
    left: float
    right: float
    baseline: float
    size: float


def text_runs(page) -> list:
    """Every TextCode run of a page (or template page), at its place on the page, in the order written."""
    runs = []
    for text_object in descendants(page, "TextObject"):
        if text_object.get("Visible", "true").lower() == "false":
            continue
        box = floats(text_object.get("Boundary")) or [0.0, 0.0]
        a, b, c, d, e, f = matrix(text_object.get("CTM"))
        size = (float_or(text_object.get("Size"), DEFAULT_SIZE)) * math.hypot(a, b)
        x = y = 0.0
        for code in children(text_object, "TextCode"):
            x, y = float_or(code.get("X"), x), float_or(code.get("Y"), y)  # an absent X or Y is the last one's
            text = code.text or ""
            if not text.strip():
                continue
            advances = [step * math.hypot(a, b) for step in deltas(code.get("DeltaX"), len(text) - 1)]
            left, baseline = box[0] + a * x + c * y + e, box[1] + b * x + d * y + f
            runs.append(Run(text, left, left + run_width(text, advances, size), baseline, size))
    return runs


def matrix(ctm: str | None) -> tuple:
    numbers = floats(ctm)
    return tuple(numbers) if len(numbers) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def float_or(text: str | None, default: float) -> float:
    numbers = floats(text)
    return numbers[0] if len(numbers) == 1 else default


def deltas(text: str | None, wanted: int) -> list:
    """DeltaX: the advance after each character, the first `wanted` of them; "g N D" stands for N
    advances of D (N is not trusted: only as many are made as there are characters)."""
    parts, index = (text or "").split(), 0
    out: list = []
    while index < len(parts) and len(out) < wanted:
        if parts[index] == "g" and index + 2 < len(parts):
            count = int(parts[index + 1]) if parts[index + 1].isdigit() else 0
            out.extend([float_or(parts[index + 2], 0.0)] * min(count, wanted - len(out)))
            index += 3
        else:
            out.append(float_or(parts[index], 0.0))
            index += 1
    return out


def run_width(text: str, advances: list, size: float) -> float:
    """From the first character's left edge to the last one's right: the advances given, the rest by their size."""
    widths = [size / 2 if ch.isascii() else size for ch in text]
    steps = [advances[i] if i < len(advances) else widths[i] for i in range(len(text) - 1)]
    return sum(steps) + widths[-1]


def lines_of(runs: list) -> list:
    """Runs → Lines, top to bottom: runs whose baselines are within half a character are one line, left to right."""
    rows: list = []
    for run in sorted(runs, key=lambda r: (r.baseline, r.left)):
        if rows and abs(run.baseline - rows[-1][0].baseline) <= rows[-1][0].size / 2:
            rows[-1].append(run)
        else:
            rows.append([run])
    return [line_of(sorted(row, key=lambda r: r.left)) for row in rows]


def line_of(row: list) -> Line:
    """One line's runs joined, with a space where the gap between two runs is one (spaced(…))."""
    text = row[0].text
    for before, run in zip(row, row[1:]):
        text += (" " if spaced(before, run) else "") + run.text
    return Line(text, row[0].left, max(run.right for run in row))


def spaced(before: Run, run: Run) -> bool:
    """Whether the gap between two runs on a line stands for a space.

    Glyph widths are guessed where no DeltaX gives them, so a gap is only taken for a space where it
    cannot be a guess: between Latin letters (a word space is a third of a character), or wider than
    two characters (columns of a table). Numbers are never split, nor Chinese text (reflow removes
    spaces between Chinese characters anyway)."""
    gap = run.left - before.right
    letters = is_letter(before.text[-1:]) and is_letter(run.text[:1])
    return gap > 2 * run.size or (letters and gap > run.size / 3)


def is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


FORMAT = Format(
    name="ofd",
    suffixes=(".ofd",),
    media_types=("application/ofd",),
    sniff=lambda file: any(part_key(member) == part_key(ROOT_PART) for member in file.members),
    read=read_ofd,
    zipped=True,
)
