"""The limit on pages shared by every format that has them (PDF, OFD)."""
from ... import settings
from ..errors import UnreadableDocument


def check_page_count(total: int, name: str):
    limit = settings.whole("MAX_PAGES")  # a notice is a few pages, a report with annexes a few dozen
    if total > limit:
        raise UnreadableDocument(f"{name} has {total} pages, more than the {limit} pages of one notice; "
                                 f"split it, or raise NOTICES_MAX_PAGES.")
