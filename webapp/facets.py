"""Facets for the page: each a small object that turns the search result's counts into plain
dicts with value, count, selected and a toggle URL (selecting again removes the filter)."""
from indexer.document.taxonomy import default as default_taxonomy

from .state import url_with


class Facet:
    def __init__(self, name: str, label: str, shown_when: str | None = None, limit: int = 12):
        self.name, self.label, self.shown_when, self.limit = name, label, shown_when, limit

    def visible(self, state: dict) -> bool:
        return self.shown_when is None or bool(state.get(self.shown_when))

    def rows(self, result: dict, state: dict) -> list:
        out = []
        for row in result["facets"].get(self.name, [])[: self.limit]:
            selected = state.get(self.name) == row["value"]
            out.append({
                "value": row["value"], "count": row["count"], "selected": selected,
                "toggle_url": url_with(state=state, **{self.name: None if selected else row["value"]}),
            })
        return out

    def as_dict(self, result: dict, state: dict) -> dict:
        return {"name": self.name, "label": self.label, "rows": self.rows(result, state)}


class TypeFacet(Facet):
    """Problem types, listed under the focus each belongs to."""

    def groups(self, result: dict, state: dict) -> list:
        group_of = default_taxonomy().type_groups()
        grouped = {}
        for row in self.rows(result, state):
            grouped.setdefault(group_of.get(row["value"]) or "其他", []).append(row)
        return [{"category": name, "rows": rows} for name, rows in grouped.items()]


PLACE_FACETS = [Facet("province", "省份", limit=40), Facet("city", "城市", shown_when="province", limit=40),
                Facet("county", "县区", shown_when="city", limit=60)]
OTHER_FACETS = [Facet("year", "年份", limit=15), Facet("category", "巡察重点"), Facet("doc_type", "文件类型"),
                Facet("status", "整改状态")]
TYPES = TypeFacet("type", "问题类型", limit=40)


def sidebar(result: dict, state: dict) -> dict:
    return {
        "places": [f.as_dict(result, state) for f in PLACE_FACETS if f.visible(state)],
        "types": TYPES.groups(result, state),
        "others": [f.as_dict(result, state) for f in OTHER_FACETS],
    }
