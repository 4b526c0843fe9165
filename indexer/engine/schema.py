"""The one registry of filters and facets, and the kinds of passage.

A facet is one entry in FACETS that says where its value comes from, and everything that names a
filter derives from it: the segment keeps its values, the generation makes its column, the counts,
a hit's fields, the query language's `name:value`, request parameters, the command line's options,
the web page's facet lists, labels and chips, the CSV's columns, /compare's levels and the
filters of precedents. Three sources, one class each:

  NoticeFacet   read from a notice's JSON form (CONTRACT.md) when it is indexed, kept in the
                segment's table of notices (a new one needs a rebuild to have values)
  PassageFacet  a field of the passage itself (segment.Passage), kept per passage in the segment,
                and turned into the facet's value when a generation is loaded
  LabelFacet    the labels the taxonomy gave a problem, replaced on relabelling without a rebuild
"""
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from ..document.status import default as status_vocabulary
from .levels import issuer_level


@dataclass(frozen=True)
class Facet:
    """What every facet has, whatever its source."""
    name: str            # in URLs, on the command line (as --name with - for _), in `name:value` queries
    label: str           # on the web page, over the facet's list, and as the CSV's column header
    order: str = "count"    # how its values are listed: "count" (most first) or "value" (newest first)
    below: tuple = ()    # facets narrowed by this one (choosing a province resets city and county)
    chip: str = ""       # the label of a chosen value, where space is short (省：福建省); else label
    ranged: bool = False  # values are numbers, and a filter may name a range ("2020-2023")
    compared: bool = False    # /compare may put its values side by side, one column each
    precedents: bool = False  # narrows a draft's precedents (the draft page's filter lists)
    advanced: bool = False    # a list of its values on the advanced search form
    hit_key: str = ""    # the key of its value in a hit and a passage, where it is not the name

    source = ""
    multi = False        # a passage may have several values (then a hit shows a list)

    @property
    def key(self) -> str:
        return self.hit_key or self.name

    @property
    def chip_label(self) -> str:
        return self.chip or self.label

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    def shown(self, value):
        """The value as a hit carries it: unknown is None, a number is a number, several are a list."""
        if self.multi:
            return list(value or [])
        if value in (None, ""):
            return None
        return int(value) if self.ranged and str(value).isdigit() else value


@dataclass(frozen=True)
class NoticeFacet(Facet):
    """A fact of the whole notice, the same for all its passages."""
    # The notice's JSON form (CONTRACT.md) → its value; None when unknown.
    read: Callable[[dict], str | None] = dataclasses.field(kw_only=True)
    source = "notice"


@dataclass(frozen=True)
class PassageFacet(Facet):
    """A field of each passage as the segment keeps it (segment.Passage), read into the facet's
    value when the generation is loaded, so the reading may change without a rebuild."""
    field: str = dataclasses.field(kw_only=True)   # the segment.Passage field the segment keeps
    table: str = dataclasses.field(kw_only=True)   # the name of its list of distinct values in the segment
    read: Callable[[str | None], str | None] = dataclasses.field(kw_only=True)   # kept value → facet value
    source = "passage"


@dataclass(frozen=True)
class LabelFacet(Facet):
    """The taxonomy's labels of a problem: its category (single) or its types (multi)."""
    source = "labels"


@dataclass(frozen=True)
class MultiLabelFacet(LabelFacet):
    multi = True


def region_part(key: str) -> Callable[[dict], str | None]:
    def read(notice: dict) -> str | None:
        return (notice.get("region") or {}).get(key)
    return read


def year_of(notice: dict) -> str | None:
    return str(notice["year"]) if notice.get("year") else None


def doc_type_of(notice: dict) -> str | None:
    return notice.get("doc_type")


def state_of(words: str | None) -> str | None:
    """A status facet counts states (已完成), not the notices' many wordings of them."""
    return status_vocabulary().state_of(words)


FACETS: tuple[Facet, ...] = (
    NoticeFacet("province", "省份", below=("city", "county"), chip="省", compared=True, precedents=True, advanced=True,
                read=region_part("province")),
    NoticeFacet("city", "城市", below=("county",), chip="市", compared=True, precedents=True, advanced=True,
                read=region_part("city")),
    NoticeFacet("county", "县区", compared=True, precedents=True, advanced=True, read=region_part("county")),
    NoticeFacet("year", "年份", order="value", ranged=True, precedents=True, read=year_of),
    MultiLabelFacet("type", "问题类型", advanced=True, hit_key="types"),
    LabelFacet("category", "巡察重点"),
    NoticeFacet("doc_type", "文件类型", advanced=True, read=doc_type_of),
    PassageFacet("status", "整改状态", field="status", table="statuses", read=state_of),
    NoticeFacet("issuer_level", "发文层级", chip="层级", compared=True, advanced=True, read=issuer_level),
)
FACET_NAMES = tuple(f.name for f in FACETS)
BY_NAME = {f.name: f for f in FACETS}


def register(facet: Facet):
    """Add a facet to the registry. The other modules derive their lists when they are imported:
    a facet is registered before them (as a plugin would be), and a build indexes its values."""
    global FACETS, FACET_NAMES, BY_NAME
    if facet.name in BY_NAME:
        raise ValueError(f"a facet named {facet.name!r} is registered already")
    FACETS = (*FACETS, facet)
    FACET_NAMES = tuple(f.name for f in FACETS)
    BY_NAME = {f.name: f for f in FACETS}


def of_source(source: str) -> tuple:
    return tuple(f for f in FACETS if f.source == source)


# What a passage is: a notice's headline and opening, one of its problems, or another section.
KINDS = ("notice", "problem", "section")
PASSAGE_KINDS = KINDS
