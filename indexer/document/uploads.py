"""Uploaded drafts read off the request thread: OCR in a pool of its own, one file at a time.

Reading a scan by OCR costs about a second of CPU and tens of megabytes a page. Done on the
server's request threads, a few uploads of long scans held every thread for minutes and searches
timed out. So a PDF or a picture uploaded is read by one reader thread (ONNX Runtime lets go of
the interpreter while it works, and the request threads keep answering), within a few pages and
seconds; one more upload may wait for it, and others are asked to come back, rather than holding
a request thread each. Other files (text, .docx, HTML, .ofd) hold no OCR and are read where they come.
"""
import threading
from concurrent.futures import ThreadPoolExecutor, TimeoutError as Waited

from .. import settings
from . import formats, ocr
from .errors import UnreadableDocument
from .read import RawText, read_bytes

READER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="upload-ocr")
GRACE_SECONDS = 30  # beyond the OCR budget: loading the OCR models once, the page under way when it ran out


class Places:
    """Uploads being read or waiting: at most 1 + UPLOAD_WAITING; a place is taken or refused at once."""

    def __init__(self):
        self.lock, self.taken = threading.Lock(), 0

    def take(self) -> bool:
        with self.lock:
            if self.taken >= 1 + settings.whole("UPLOAD_WAITING"):
                return False
            self.taken += 1
            return True

    def give_back(self, *_):
        with self.lock:
            self.taken -= 1


PLACES = Places()


def may_need_ocr(data: bytes, name: str) -> bool:
    """Whether the file is of a format whose pages may be read by OCR (formats.Format.by_ocr)."""
    entry = formats.binary_format(formats.File(data, name))
    return bool(entry and entry.by_ocr)


def read_upload(data: bytes, name: str) -> RawText:
    """The text of an uploaded file; a sentence (UnreadableDocument) for what could not be read."""
    if not may_need_ocr(data, name):
        return read_bytes(data, name)
    if not PLACES.take():
        raise UnreadableDocument(f"{name} was not read: other uploaded scans are being read by OCR now; send it "
                                 f"again in a few seconds, or paste its text.")
    pages, seconds = settings.whole("UPLOAD_OCR_PAGES"), settings.number("UPLOAD_OCR_SECONDS")
    budget = ocr.Budget(pages, seconds, "an upload is read by OCR for a few pages only: upload the pages that list "
                                        "the problems, or paste their text",
                        "paste the text of the pages not read, or upload them alone")
    future = READER.submit(read_within, data, name, budget)
    future.add_done_callback(PLACES.give_back)  # the place is free when the reading ends, not when we stop waiting
    try:
        return future.result(timeout=seconds + GRACE_SECONDS)
    except Waited:
        raise UnreadableDocument(f"{name} was not read: OCR of uploads takes at most {seconds:.0f} s, and it was "
                                 f"not done; paste its text, or upload fewer pages.") from None


def read_within(data: bytes, name: str, budget: "ocr.Budget") -> RawText:
    ocr.BUDGET.set(budget)  # this reader thread's own context: the build's budget is not touched
    return read_bytes(data, name)
