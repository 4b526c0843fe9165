"""The limit on pages shared by every format that has them (PDF, OFD)."""
from .. import settings
from ..errors import UnreadableDocument

# A notice is a few pages, a report with annexes a few dozen; NOTICES_MAX_PAGES raises it.
DEFAULT_MAX_PAGES = 300


def check_page_count(total: int, name: str):
    limit = int(settings.number("NOTICES_MAX_PAGES", DEFAULT_MAX_PAGES))
    if total > limit:
        raise UnreadableDocument(f"{name} has {total} pages, more than the {limit} pages of one notice; "
                                 f"split it, or raise NOTICES_MAX_PAGES.")
