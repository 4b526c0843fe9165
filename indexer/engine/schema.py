"""The one registry of filters and facets, and the kinds of passage.

Everything that names a filter derives from FACETS: the query language's `name:value`, the facet
counts, request parameters, the command line's options and the web page's state and labels.
Adding a facet ("inspection round", "issuer level") is one entry here and its values in
generation.py (from a notice's facts or a passage's labels).
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    """A single-valued facet: each passage has at most one value."""
    name: str            # in URLs, on the command line (as --name with - for _), in `name:value` queries
    label: str           # on the web page, over the facet's list
    order: str = "count"    # how its values are listed: "count" (most first) or "value" (newest first)
    below: tuple = ()    # facets narrowed by this one (choosing a province resets city and county)
    chip: str = ""       # the label of a chosen value, where space is short (省：福建省); else label
    # Where a passage's value comes from: its notice's facts ("notice"), its own record in the
    # segment ("passage"), or the labels the taxonomy gave it ("labels", replaced on relabelling).
    source: str = "notice"
    ranged: bool = False  # values are numbers, and a filter may name a range ("2020-2023")

    multi = False

    @property
    def chip_label(self) -> str:
        return self.chip or self.label

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class MultiValuedFacet(Facet):
    """A facet whose passages may have several values (a problem has up to four types)."""
    multi = True


FACETS = (
    Facet("province", "省份", below=("city", "county"), chip="省"),
    Facet("city", "城市", below=("county",), chip="市"),
    Facet("county", "县区"),
    Facet("year", "年份", order="value", ranged=True),
    MultiValuedFacet("type", "问题类型", source="labels"),
    Facet("category", "巡察重点", source="labels"),
    Facet("doc_type", "文件类型"),
    Facet("status", "整改状态", source="passage"),
)
FACET_NAMES = tuple(f.name for f in FACETS)
BY_NAME = {f.name: f for f in FACETS}

# What a passage is: a notice's headline and opening, one of its problems, or another section.
KINDS = ("notice", "problem", "section")
PASSAGE_KINDS = KINDS
