"""Facets for the page: each a small object that turns the search result's counts into plain
dicts with value, count, selected and a toggle URL (selecting again removes the filter).

Which facets there are, and their labels, come from the engine's registry; this module only
decides how many rows each shows and when a facet appears (cities once a province is chosen).
"""
from indexer.engine.search import FACETS

from .state import url_with

LABEL = {f.name: f.label for f in FACETS}


class Facet:
    def __init__(self, name: str, shown_when: str | None = None, limit: int = 12):
        self.name, self.label, self.shown_when, self.limit = name, LABEL[name], shown_when, limit

    def visible(self, state: dict) -> bool:
        return self.shown_when is None or bool(state.get(self.shown_when))

    def rows(self, result: dict, state: dict, endpoint: str = "views.search") -> list:
        descriptions = result.get("type_descriptions", {})  # of problem types and categories
        out = []
        for row in result["facets"].get(self.name, [])[: self.limit]:
            selected = state.get(self.name) == row["value"]
            out.append({
                "value": row["value"], "count": row["count"], "selected": selected,
                "description": descriptions.get(row["value"]),
                "toggle_url": url_with(endpoint, state=state, **{self.name: None if selected else row["value"]}),
            })
        return out

    def truncated(self, result: dict) -> bool:
        listed = result["facets"].get(self.name, [])
        return len(listed) > self.limit or bool(result.get("facets_truncated", {}).get(self.name))

    def as_dict(self, result: dict, state: dict, endpoint: str = "views.search") -> dict:
        return {"name": self.name, "label": self.label, "rows": self.rows(result, state, endpoint),
                "truncated": self.truncated(result), "chosen": state.get(self.name)}


class TypeFacet(Facet):
    """Problem types, listed under the focus each belongs to in the index's own taxonomy."""

    def groups(self, result: dict, state: dict, endpoint: str = "views.search") -> list:
        group_of = result.get("type_groups", {})
        grouped = {}
        for row in self.rows(result, state, endpoint):
            grouped.setdefault(group_of.get(row["value"]) or "其他", []).append(row)
        return [{"category": name, "rows": rows} for name, rows in grouped.items()]


def places() -> list:
    """The facets that narrow one another (province → city → county: the registry's `below`),
    each shown once the one just above it is chosen."""
    narrowed = {name for f in FACETS for name in f.below}
    chain = [f for f in FACETS if f.below or f.name in narrowed]
    above = {}
    for f in chain:
        for name in f.below:
            above[name] = f.name  # the last one naming it is the nearest above it
    return [Facet(f.name, shown_when=above.get(f.name), limit=PLACE_LIMITS.get(f.name, 40)) for f in chain]


PLACE_LIMITS = {"county": 60}   # rows shown; a province has fewer cities than a city counties
PLACE_FACETS = places()
# Problem types, the multi-valued labels of the taxonomy, listed under their focus.
TYPES = next(TypeFacet(f.name, limit=40) for f in FACETS if f.source == "labels" and f.multi)
# Every other facet of the registry, in its order, under the places and types.
OTHER_FACETS = [Facet(f.name, limit=15) for f in FACETS if f.name not in {*(p.name for p in PLACE_FACETS), TYPES.name}]


def sidebar(result: dict, state: dict, endpoint: str = "views.search") -> dict:
    """The facets, each row's link on the page given (the search page, or the charts of the search)."""
    return {
        "places": [f.as_dict(result, state, endpoint) for f in PLACE_FACETS if f.visible(state)],
        "types": TYPES.groups(result, state, endpoint), "types_facet": {"name": TYPES.name, "label": TYPES.label},
        "others": [f.as_dict(result, state, endpoint) for f in OTHER_FACETS],
    }
