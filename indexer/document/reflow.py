"""Lines as laid out on pages (a PDF's text layer, OCR) → paragraphs, one per line.

A printed notice breaks its lines wherever the column is full; the outline needs its paragraphs
back (a heading that wraps is still one heading). What the layout tells decides each break:
  - a line that ends well before the column's usual right edge ends its paragraph;
  - a line indented from the column's left edge starts a paragraph (first-line indent, centred
    titles, right-aligned signatures);
  - a heading number at the start of a line after a sentence-final stop starts a paragraph, and
    so does the next number of a list (2. after 1.), whatever the line before ends with.
Otherwise the next line continues the paragraph. Page numbers and running headers are dropped.
"""
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .clean import unify_widths
from .dates import cn_number
from .outline import match_marker


@dataclass
class Line:
    text: str
    left: float    # where its first and last characters are on the page, in the page's unit
    right: float


@dataclass
class Page:
    width: float   # in points for a PDF's text layer, in pixels for a picture
    lines: list = field(default_factory=list)  # in reading order

    def in_widths(self) -> "Page":
        """The page with positions as fractions of its width: pages of any unit and size compare."""
        return Page(1.0, [Line(line.text, line.left / self.width, line.right / self.width) for line in self.lines])


@dataclass
class Column:
    left: float
    right: float
    em: float      # the width of one full-width character

    def is_full(self, line: Line, next_text: str) -> bool:
        """Whether the line ends because the next word did not fit in the column.

        The gap left is narrower than the next word: one Chinese character, or a whole number or
        Latin word, which are not broken (each letter or digit half a character wide).
        """
        word = LEADING_WORD.match(next_text)
        room = 1.2 * self.em + (0.6 * self.em * len(word.group(0)) if word else 0.0)
        return line.right >= self.right - room

    def is_indented(self, line: Line) -> bool:
        # First-line indents are two characters; less is the jitter of scans and glyph shapes.
        return line.left > self.left + 1.5 * self.em


LEADING_WORD = re.compile(r"[A-Za-z0-9%.,]+")
SENTENCE_END = "。！？；：!?;:"
CLOSING = "”’\"'）)」』》"
# '- 3 -', '—3—', '3', '第3页', '第3页 共8页', '共8页 第3页', '3/8', 'Page 3 of 8'; OCR reads a dash as 一.
PAGE_NUMBER = re.compile(r"^[-—–－一_~·]*\d{1,4}[-—–－一_~·]*$|^(?:共\d+页)?第\d+页(?:/?共\d+页)?$|^\d+/\d+$"
                         r"|^page\d+(?:of\d+)?$", re.I)
# Lines this close to a page's top or bottom may be furniture.
FURNITURE_LINES = 2
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}])\\s+(?=[{CJK}])")
# Pages with fewer lines than this borrow the document's column: too few to measure their own.
MIN_LINES_FOR_COLUMN = 6


def reflow(pages: list) -> str:
    """The paragraphs of the pages' lines, one per line of the result."""
    pages = drop_furniture([page.in_widths() for page in pages])
    document_column = measure_column([line for page in pages for line in page.lines])
    paragraphs, previous, numbers = [], None, {}
    for page in pages:
        column = measure_column(page.lines) if len(page.lines) >= MIN_LINES_FOR_COLUMN else document_column
        for line in page.lines:
            text = tidy(line.text)
            if not text:
                continue
            marker = numbered(text)
            if previous and not next_in_list(marker, numbers) and continues(previous, line, text, column):
                paragraphs[-1] = join(paragraphs[-1], text)
            else:
                paragraphs.append(text)
                if marker:
                    numbers[marker[0]] = marker[1]
            previous = (line, column)
    return "\n".join(paragraphs)


def numbered(text: str) -> tuple | None:
    """(kind, number) of the outline number a line starts with (outline.match_marker's kinds)."""
    marker = match_marker(unify_widths(text))
    if not marker or marker[1] == "?":
        return None
    kind, number, _ = marker
    return kind, int(number) if number.isdigit() else cn_number(number)


def next_in_list(marker: tuple | None, numbers: dict) -> bool:
    """Whether a line's number follows the last paragraph number of its kind (2. after 1.)."""
    return bool(marker) and numbers.get(marker[0]) == marker[1] - 1


def continues(previous: tuple, line: Line, text: str, column: Column) -> bool:
    """Whether line goes on with the paragraph of the line before it."""
    before, before_column = previous
    if not before_column.is_full(before, text) or column.is_indented(line):
        return False
    ends_sentence = before.text.rstrip().rstrip(CLOSING).endswith(tuple(SENTENCE_END))
    return not (ends_sentence and match_marker(unify_widths(text)))


def join(paragraph: str, text: str) -> str:
    # Words in Latin letters broken at a line's end were separated by a space.
    if paragraph[-1:].isascii() and paragraph[-1:].isalnum() and text[:1].isascii() and text[:1].isalpha():
        return paragraph + " " + text
    return paragraph + text


def tidy(text: str) -> str:
    """Spaces between Chinese characters are letter-spacing of the layout, not text."""
    return SPACE_BETWEEN_CJK.sub("", text.strip())


def measure_column(lines: list) -> Column:
    """The column the body text is set in: its left edge, its usual right edge, its character width."""
    if not lines:
        return Column(0.0, 1.0, 1.0)
    em = statistics.median(line_em(line) for line in lines)
    lefts = sorted(line.left for line in lines)
    left = lefts[len(lefts) // 10]  # a low percentile: a stray mark further left is not the margin
    return Column(left, usual_right_edge(lines, em), em)


def line_em(line: Line) -> float:
    """The width of a full-width character in this line (half-width ones count a half)."""
    units = sum(0.5 if ch.isascii() else 1.0 for ch in line.text if not ch.isspace())
    return (line.right - line.left) / max(units, 1.0)


def usual_right_edge(lines: list, em: float) -> float:
    """Where full lines end: the right edge most lines share, within a character.

    Full lines end together (justified text); the last lines of paragraphs end anywhere.
    """
    rights = sorted(line.right for line in lines)
    best, best_count, start = rights[-1], 0, 0
    for end, right in enumerate(rights):  # the fullest window one character wide, the rightmost of equals
        while right - rights[start] > em:
            start += 1
        if end - start + 1 >= best_count:
            best, best_count = rights[(start + end) // 2], end - start + 1
    return best


def drop_furniture(pages: list) -> list:
    """Pages without their page numbers and running headers and footers."""
    running = running_lines(pages)
    kept = []
    for page in pages:
        edge = set(range(FURNITURE_LINES)) | set(range(len(page.lines) - FURNITURE_LINES, len(page.lines)))
        kept.append(Page(page.width, [
            line for i, line in enumerate(page.lines)
            if not (i in edge and (is_page_number(line.text) or furniture_key(line.text) in running))
        ]))
    return kept


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(re.sub(r"\s", "", text)))


def furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s", "", text))


def running_lines(pages: list) -> set:
    """Texts on the first or last line of at least half the pages (three at least): headers, footers."""
    if len(pages) < 3:
        return set()
    counts = Counter()
    for page in pages:
        counts.update({furniture_key(line.text) for line in page.lines[:1] + page.lines[-1:]})
    return {key for key, n in counts.items() if key and n >= max(3, len(pages) / 2)}
