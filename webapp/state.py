"""The whole state of a page lives in its URL: reading it, and URLs for changes to it."""
from urllib.parse import urlencode

from flask import request, url_for

from indexer.engine.search import FACETS, PARAMETERS

from .display import province_kind
from .querytext import without_filter

STATE_KEYS = PARAMETERS
# Choosing a place resets the places below it (drill-down).
BELOW = {f.name: f.below for f in FACETS if f.below}
LABELS = {**{f.name: f.chip_label for f in FACETS}, "kind": "范围"}
KIND_NAMES = {"notice": "整份通报", "problem": "问题", "section": "其他段落"}


def current() -> dict:
    """The state in the URL, first value of each key, empty values dropped."""
    return {key: request.args.get(key) for key in STATE_KEYS if request.args.get(key)}


def url_with(endpoint: str = "views.search", state: dict | None = None, **changes) -> str:
    state = dict(current() if state is None else state)
    for key, value in changes.items():
        if value in (None, ""):
            state.pop(key, None)
        else:
            state[key] = value
        for below in BELOW.get(key, ()):
            state.pop(below, None)
    if "page" not in changes:
        state.pop("page", None)  # a new search starts at page one
    return url_for(endpoint) + ("?" + urlencode(state) if state else "")


def year_value(low: str, high: str) -> str | None:
    """The `year` parameter for a range from two boxes: "2020-2023", one year, or an open end."""
    low, high = (low or "").strip(), (high or "").strip()
    if low.isdigit() and high.isdigit() and int(low) > int(high):
        low, high = high, low
    if low and low == high:
        return low
    return f"{low}-{high}" if low or high else None


def year_bounds(value: str | None) -> tuple:
    """("2020", "2023") for "2020-2023", ("2025", "2025") for one year, ("", "") for none."""
    value = (value or "").strip()
    if value.isdigit():
        return value, value
    for dash in "-–~至":
        if dash in value:
            low, _, high = value.partition(dash)
            return low.strip(), high.strip()
    return "", ""


def shown_value(key: str, value: str) -> str:
    """A chosen value as a chip says it: a kind of passage or a year range in words."""
    if key == "kind":
        return KIND_NAMES.get(value, value)
    if key != "year" or value.isdigit():
        return value
    low, high = year_bounds(value)
    if low and high:
        return f"{low}—{high}"
    return f"{low} 年起" if low else f"{high} 年以前"


def chips(state: dict, result: dict | None = None, endpoint: str = "views.search") -> list:
    """The filters in force as removable chips: those of the URL, then those typed into the query
    (`province:福建省`, and negated `-province:福建省`), which are removed from the query's text."""
    out = [chip(key, state[key], url_with(endpoint, state=state, **{key: None})) for key in LABELS if state.get(key)]
    if result is None:
        return out
    q = state.get("q", "")
    # A place typed short (province:福建) is filtered by its full name; removing it removes what was typed.
    typed_as = {(u["key"], u["understood"], u["negated"]): u["as_typed"] for u in result.get("understood", [])}
    for key, value in result.get("filters", {}).items():
        if key not in state and key in LABELS:
            as_typed = typed_as.get((key, value, False), value)
            out.append(chip(key, value, url_with(endpoint, state=state, q=without_filter(q, key, as_typed, False)), typed=True))
    for key, values in result.get("excluded_filters", {}).items():
        for value in values:
            as_typed = typed_as.get((key, value, True), value)
            out.append(chip(key, value, url_with(endpoint, state=state, q=without_filter(q, key, as_typed, True)),
                            typed=True, negated=True))
    return out


def understood_state(state: dict, result: dict) -> dict:
    """The state with each place of the URL typed short (province=福建) as the index names it, so
    chips, facets and links carry the full name (福建省)."""
    full = {(u["key"], u["as_typed"]): u["understood"] for u in result.get("understood", []) if not u["negated"]}
    return {key: full.get((key, value), value) for key, value in state.items()}


def chip(key: str, value: str, remove_url: str, typed: bool = False, negated: bool = False) -> dict:
    label = province_kind(value) if key == "province" else LABELS[key]  # 直辖市：重庆市, not 省：重庆市
    return {"key": key, "label": label, "value": shown_value(key, value), "remove_url": remove_url,
            "typed": typed, "negated": negated}
