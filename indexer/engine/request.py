"""A search request: parameters from a URL or the command line, checked against their bounds."""
from dataclasses import dataclass, field

from ..errors import NoticesError
from .facets import RANGE
from .schema import BY_NAME, FACET_NAMES, PASSAGE_KINDS

MAX_LIMIT = 100
MAX_PAGE = 1000
MAX_QUERY_CHARS = 500
MAX_FILTER_CHARS = 100
SORTS = ("relevance", "date", "oldest")  # date: newest first
# The parameters a request reads; the web page keeps exactly these in its URL.
PARAMETERS = ("q", *FACET_NAMES, "match", "sort", "group", "page", "limit", "kind")
MATCHES = ("all", "exact")  # every match, or only where each term occurs as written (精确)


class BadRequest(NoticesError, ValueError):
    """A search request outside the bounds; str() says which bound."""
    exit_status = 2
    http_status = 400


@dataclass
class Request:
    q: str = ""
    filters: dict = field(default_factory=dict)
    page: int = 1
    limit: int = 10
    sort: str = "relevance"
    group: bool = False
    kinds: tuple = PASSAGE_KINDS
    exact_only: bool = False
    notice: str | None = None  # restrict to one notice (the benchmark's recall check)

    @classmethod
    def from_params(cls, params: dict) -> "Request":
        """From CLI options or URL parameters; raises BadRequest with a clear sentence."""
        q = str(params.get("q") or "")
        if len(q) > MAX_QUERY_CHARS:
            raise BadRequest(f"The query is {len(q)} characters long; at most {MAX_QUERY_CHARS} are allowed.")
        page = to_int(params.get("page"), 1, "page", 1, MAX_PAGE)
        limit = to_int(params.get("limit"), 10, "limit", 1, MAX_LIMIT)
        sort = str(params.get("sort") or "relevance")
        if sort not in SORTS:
            raise BadRequest(f"sort must be one of {', '.join(SORTS)}, not {sort!r}.")
        filters = {}
        for name in FACET_NAMES:
            value = params.get(name)
            if value not in (None, ""):
                filters[name] = str(value).strip()[:MAX_FILTER_CHARS]
                if BY_NAME[name].ranged and not (filters[name].isdigit() or RANGE.match(filters[name])):
                    raise BadRequest(f"{name} must be a number such as 2025 or a range such as 2020-2023, "
                                     f"not {filters[name][:20]!r}.")
        group = str(params.get("group") or "").lower() in ("1", "true", "notice", "yes", "on")
        kind = params.get("kind")
        kinds = (kind,) if kind in PASSAGE_KINDS else PASSAGE_KINDS
        match = str(params.get("match") or "all")
        if match not in MATCHES:
            raise BadRequest(f"match must be one of {', '.join(MATCHES)}, not {match[:20]!r}.")
        return cls(q, filters, page, limit, sort, group, kinds, match == "exact")


def to_int(value, default, name, low, high) -> int:
    if value in (None, ""):
        return default
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON's 5.0 is the whole number 5 (JSON Schema counts it an integer)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {str(value)[:20]!r}.")
    if not low <= number <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, not {number}.")
    return number
