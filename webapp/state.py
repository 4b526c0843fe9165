"""The whole state of a page lives in its URL: reading it, and URLs for changes to it."""
from urllib.parse import urlencode

from flask import request, url_for

from indexer.engine.search import FACETS, PARAMETERS

STATE_KEYS = PARAMETERS
# Choosing a place resets the places below it (drill-down).
BELOW = {f.name: f.below for f in FACETS if f.below}
LABELS = {**{f.name: f.chip_label for f in FACETS}, "kind": "范围"}


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


def chips(state: dict) -> list:
    """Selected filters as removable chips: label, value and the URL without it."""
    return [
        {"key": key, "label": LABELS[key], "value": state[key], "remove_url": url_with(state=state, **{key: None})}
        for key in LABELS
        if state.get(key)
    ]
