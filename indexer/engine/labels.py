"""The taxonomy a generation was labelled with, as the manifest records it.

Pages group types under their focus, and show each type's description, as the index was
labelled, not as today's data file says: the manifest carries that part of the taxonomy.
"""
from ..document import taxonomy


def labels_entry() -> dict:
    """What the manifest records of the taxonomy the build labelled with."""
    current = taxonomy.default()
    return {"taxonomy": {"type_groups": current.type_groups()}}
