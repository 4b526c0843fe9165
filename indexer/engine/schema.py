"""The one registry of filters and facets, and the Whoosh fields they live in.

Everything that names a filter derives from FACETS: the query language's `name:value`, the facet
counts, request parameters, the command line's options and the web page's state and labels.
Adding a facet ("inspection round", "issuer level") is one entry here and a column in store.py.
"""
from dataclasses import dataclass

from whoosh import fields

from .analysis import bigram_analyzer, word_analyzer


@dataclass(frozen=True)
class Facet:
    """A single-valued facet: each passage has at most one value."""
    name: str            # in URLs, on the command line (as --name with - for _), in `name:value` queries
    label: str           # on the web page, over the facet's list
    order: str = "count"    # how its values are listed: "count" (most first) or "value" (newest first)
    below: tuple = ()    # facets narrowed by this one (choosing a province resets city and county)
    chip: str = ""       # the label of a chosen value, where space is short (省：福建省); else label

    multi = False

    @property
    def column(self) -> str:
        return self.name

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
    SEPARATOR = "|"

    @property
    def column(self) -> str:
        return self.name + "_list"


FACETS = (
    Facet("province", "省份", below=("city", "county"), chip="省"),
    Facet("city", "城市", below=("county",), chip="市"),
    Facet("county", "县区"),
    Facet("year", "年份", order="value"),
    MultiValuedFacet("type", "问题类型"),
    Facet("category", "巡察重点"),
    Facet("doc_type", "文件类型"),
    Facet("status", "整改状态"),
)
FACET_NAMES = tuple(f.name for f in FACETS)
BY_NAME = {f.name: f for f in FACETS}

# Passages are problems or other sections; a notice's own document holds its whole JSON.
PASSAGE_KINDS = ("problem", "section")


def schema() -> fields.Schema:
    column = dict(stored=True, sortable=True)
    facet_columns = {f.column: fields.ID(sortable=True) if f.multi else fields.ID(**column) for f in FACETS}
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        notice_id=fields.ID(stored=True, sortable=True),
        kind=fields.ID(stored=True, sortable=True),
        source=fields.ID(stored=True),
        content_id=fields.ID(stored=True),
        seq=fields.NUMERIC(stored=True),
        # What a passage says, four ways: its words (jieba) for ranking by meaning, and its
        # character bigrams for finding every string wherever it occurs. Frequencies only: exact
        # sequences are confirmed on the letters held in memory (evaluate.LettersTable).
        title_words=fields.TEXT(analyzer=word_analyzer(), field_boost=2.0, phrase=False),
        body_words=fields.TEXT(analyzer=word_analyzer(), phrase=False),
        title_bigrams=fields.TEXT(analyzer=bigram_analyzer(), phrase=False),
        body_bigrams=fields.TEXT(analyzer=bigram_analyzer(), phrase=False),
        # As written, for display and for the letters table.
        title=fields.STORED(),
        body=fields.STORED(),
        body_runs=fields.STORED(),   # analysis.letter_runs(body): letters → character offsets
        title_runs=fields.STORED(),
        path=fields.STORED(),
        notice_title=fields.STORED(),
        issuer=fields.STORED(),
        types=fields.STORED(),
        notice_json=fields.STORED(),
        published=fields.ID(stored=True, sortable=True),
        **facet_columns,
    )
