"""Filter values as users type them, made into the values the index holds.

A place may be typed short (`福建`, `泉州`, `鲤城`) in the query, the URL or on the command line; the
index holds official names (福建省). Each typed place is looked up in the gazetteer at its level;
when several names fit, the ones the index holds decide. What was understood is reported, so the
page can say `已理解为 福建省` and the command line can print it.
"""
from dataclasses import dataclass, field

from ..document.regions import LEVEL_OF_KEY, typed_names
from .facets import RANGE
from .request import BadRequest
from .schema import BY_NAME


class BadFilterValue(BadRequest):
    """A filter typed into the query with a value its facet cannot take (`year:lately`)."""

    def __init__(self, key: str, value: str):
        self.key, self.value = key, value
        super().__init__(f"{key} must be a number such as 2025 or a range such as 2020-2023, not {value[:20]!r}.")


@dataclass
class Understood:
    filters: dict                                   # facet → value, places as the index names them
    excluded: dict                                  # facet → [values], likewise
    notes: list = field(default_factory=list)       # {"key", "as_typed", "understood", "negated"}
    unclear: list = field(default_factory=list)     # {"key", "as_typed", "candidates", "negated"}


def understand(filters: dict, excluded: dict, typed: dict, held) -> Understood:
    """filters and excluded with each place resolved; `held(key, value)` says whether the index
    holds the value. `typed` are the filters typed into the query: a ranged one that is no number
    raises BadFilterValue (a URL's is checked by Request)."""
    for key, value in typed.items():
        if BY_NAME.get(key) and BY_NAME[key].ranged and not (str(value).isdigit() or RANGE.match(str(value))):
            raise BadFilterValue(key, str(value))
    out = Understood(dict(filters), {key: list(values) for key, values in excluded.items()})
    for key in LEVEL_OF_KEY:
        if out.filters.get(key):
            out.filters[key] = resolved(key, out.filters[key], False, held, out)
        if out.excluded.get(key):
            out.excluded[key] = [resolved(key, value, True, held, out) for value in out.excluded[key]]
    return out


def resolved(key: str, value: str, negated: bool, held, out: Understood) -> str:
    if held(key, value):
        return value
    names = typed_names(key, value)
    if len(names) > 1:
        names = [name for name in names if held(key, name)] or names
    if len(names) == 1:
        if names[0] != value:
            out.notes.append({"key": key, "as_typed": value, "understood": names[0], "negated": negated})
        return names[0]
    if names:
        out.unclear.append({"key": key, "as_typed": value, "candidates": names, "negated": negated})
    return value
