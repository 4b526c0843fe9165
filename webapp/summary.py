"""What the search page says above its hits: how many match exactly and how many are related, the
switch between all and exact, and which synonyms were searched too."""
import unicodedata

from .querytext import has_terms, negated_terms, quoting
from .state import url_with


def matches(result: dict, state: dict) -> dict | None:
    """精确 and 相关 counts with the switch's URLs; None when the query has no words to match."""
    if not has_terms(state.get("q", "")):
        return None
    return {
        "exact_only": result["match"] == "exact", "exact": result["total_exact"],
        "related": result["total_all"] - result["total_exact"],
        "all_url": url_with(state=state, match=None), "exact_url": url_with(state=state, match="exact"),
    }


def synonyms(result: dict, state: dict) -> list:
    """For each term that brought synonyms: them, whether the term was excluded (its synonyms then
    were excluded too), and the URL of the same search with the term quoted (as written only)."""
    q = state.get("q", "")
    negated = negated_terms(q)
    return [{"term": term, "synonyms": added, "excluded": unicodedata.normalize("NFKC", term) in negated,
             "as_written_url": url_with(state=state, q=quoting(q, term))}
            for term, added in result.get("expanded", {}).items()]


def suggestions(result: dict, state: dict) -> list:
    """Did you mean: for each term the index does not hold, the near term it holds and the URL of
    the same search with it instead."""
    q = state.get("q", "")
    return [{"term": s["term"], "instead": s["instead"], "url": url_with(state=state, q=q.replace(s["term"], s["instead"]))}
            for s in result.get("suggestions", []) if s["term"] in q]
