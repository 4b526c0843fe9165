"""Limits a user may raise through the environment (NOTICES_…), each with its default."""
import os


def number(name: str, default: float) -> float:
    """The environment variable name as a number; the default when it is unset or not a number."""
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


# Defaults of the limits, one place for all (README: "Limits").
# A .docx is a zip archive: what it unpacks to is checked before anything is unpacked. A notice's
# XML is a few megabytes at most and compresses about ten times; a zip bomb a thousand times.
DOCX_MAX_UNPACKED_MB = 50
DOCX_MAX_RATIO = 200          # of a member's unpacked to packed size, for members over 1 MB unpacked
TEXT_MAX_CHARS = 2_000_000    # text read from any file, before it is parsed (a notice is tens of thousands)
DOCUMENT_SECONDS = 900        # one document's reading and parsing in a build (OCR's own budget is 600 s); over it, skipped
# Uploads to /draft: pages read by OCR one upload at a time, in a pool of its own, never on a request thread.
UPLOAD_OCR_PAGES = 3
UPLOAD_OCR_SECONDS = 10
UPLOAD_WAITING = 1            # uploads that may wait for the one being read; more are asked to retry


def limit(name: str) -> float:
    """The limit NAME (one of the defaults above), as NOTICES_NAME in the environment may raise it."""
    return number(f"NOTICES_{name}", globals()[name])
