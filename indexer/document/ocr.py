"""Pictures of pages → lines of text with their positions, by OCR.

The engine is RapidOCR: PaddleOCR's PP-OCRv6 models for Chinese run by ONNX Runtime, the models
inside the installed package, so nothing is downloaded when it runs. It is loaded once per process,
on the first picture. Each file has a page limit and a time budget (NOTICES_OCR_MAX_PAGES,
NOTICES_OCR_SECONDS): a long scan is refused with its reason rather than holding a build for hours.
"""
import contextvars
import functools
import time
from dataclasses import dataclass

from .. import settings
from .errors import UnreadableDocument
from .reflow import Line, Page

# The size pages are read at: an A4 page at 150 dpi. Characters of body text are then about 25
# pixels high, which the recogniser reads as well as larger ones, and the detector is quicker.
PAGE_PIXELS = 1240 * 1754


class PageCounter:
    """Reports pages read to a progress callback: progress(pages_done, pages_total)."""

    def __init__(self, total: int, progress=None):
        self.done, self.total, self.progress = 0, total, progress

    def tick(self):
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


@dataclass
class Budget:
    """How much OCR one file may cost: pages, seconds, and what to tell the user beyond them."""
    pages: int
    seconds: float
    advice_pages: str
    advice_seconds: str


def build_budget() -> Budget:
    return Budget(settings.whole("OCR_MAX_PAGES"), settings.number("OCR_SECONDS"),
                  "split it, or raise NOTICES_OCR_MAX_PAGES", "raise NOTICES_OCR_SECONDS")


# The budget of the file being read here, when it is not the build's (an upload's: uploads.py).
BUDGET: contextvars.ContextVar = contextvars.ContextVar("ocr_budget", default=None)


def read_pictures(pictures, count: int, name: str, counter: PageCounter) -> list:
    """The Pages of count pictures (an iterable, so that each is made only when its turn comes)."""
    if not count:
        return []
    budget = BUDGET.get() or build_budget()
    if count > budget.pages:
        raise UnreadableDocument(f"{name} has {count} pages to read by OCR, more than the limit of {budget.pages}; "
                                 f"{budget.advice_pages}.")
    started = time.monotonic()
    pages = []
    for picture in pictures:
        pages.append(recognise(picture))
        counter.tick()
        if len(pages) < count and time.monotonic() - started > budget.seconds:
            raise UnreadableDocument(f"{name} takes more than the {budget.seconds:.0f} s OCR budget of one file "
                                     f"({len(pages)} of {count} pages read); pages {len(pages) + 1}–{count} were not "
                                     f"read: {budget.advice_seconds}.")
    return pages


@functools.cache
def engine():
    from rapidocr import RapidOCR

    return RapidOCR(params={
        # Without the angle classifier: it turns some full lines upside down, and they are lost.
        "Global.use_cls": False,
        # Quiet: its log would mix with the build's report on stderr.
        "Global.log_level": "critical",
        # One thread: the build reads files in one process per core, and threads within each only
        # compete (measured: 4.9 s a page with one, 6.6 s with two, on two busy cores).
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })


def recognise(picture) -> Page:
    """The lines of one picture of a page (a PIL image), in reading order."""
    import numpy as np

    found = engine()(np.asarray(picture.convert("RGB")))
    if found.boxes is None:
        return Page(picture.width, [])
    boxes = [(float(points[:, 0].min()), float(points[:, 0].max()), float(points[:, 1].min()),
              float(points[:, 1].max()), text) for points, text in zip(found.boxes, found.txts)]
    return Page(picture.width, lines_of(boxes))


def lines_of(boxes: list) -> list:
    """Boxes of text (left, right, top, bottom, text) → Lines: boxes side by side are one line."""
    rows = []
    for box in sorted(boxes, key=lambda b: (b[2] + b[3]) / 2):
        middle = (box[2] + box[3]) / 2
        if rows and rows[-1][0] <= middle <= rows[-1][1]:
            rows[-1][2].append(box)
        else:
            rows.append((box[2], box[3], [box]))
    lines = []
    for _, _, row in rows:
        row.sort(key=lambda b: b[0])
        lines.append(Line(" ".join(b[4] for b in row), row[0][0], max(b[1] for b in row)))
    return lines
