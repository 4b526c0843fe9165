"""The one error type for a file that cannot be turned into text."""


class UnreadableDocument(Exception):
    """A file that cannot be turned into text; str() is one sentence for the user."""
