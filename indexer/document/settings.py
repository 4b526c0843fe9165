"""The limits of one document, as the old call sites ask for them; the registry of every setting,
with its default and meaning, is indexer/settings.py.

Kept only while ocr.py, pdf.py, read.py, wordfile.py, uploads.py and engine/build.py still call
these two; once they call indexer.settings directly this module goes."""
from .. import settings


def number(name: str, default: float | None = None) -> float:
    """The setting name (with its NOTICES_ prefix) as a number; its default is the registry's, not the caller's."""
    return settings.number(name)


def limit(name: str) -> float:
    """The setting name (without its prefix) as a number."""
    return settings.number(name)
