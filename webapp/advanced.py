"""Advanced search (高级检索): form fields → a query in the search box's syntax and URL filters,
and back, so the form can open filled in from the current search.

The query it writes is what a user could have typed: all of these words as written, the exact
phrase quoted, any of these joined by OR, another set of any of these as a group in parentheses
(`(a OR b)`), none of these with a minus, title words as `title:`.
"""
from indexer.engine.search import FACETS

from .querytext import Group, grouped, joined, token_written, tokens, tokens_written, written
from .state import year_bounds, year_value

TEXT_FIELDS = ("all", "phrase", "any", "anyof", "none", "title")
# The facets the registry offers on this form; places and types have fields of their own, the rest a list each.
FILTER_FIELDS = tuple(f.name for f in FACETS if f.advanced)
LISTED_FIELDS = tuple(name for name in FILTER_FIELDS if name not in ("province", "city", "county", "type"))
LABELS = {f.name: f.label for f in FACETS}
YEAR_FIELDS = ("year_from", "year_to")
HELD_FILTERS = (*FILTER_FIELDS, "year")   # filters typed into a query that the form's fields hold
FORM_FIELDS = (*TEXT_FIELDS, *FILTER_FIELDS, *YEAR_FIELDS, "match")
# Settings of the search the form does not show; it carries them along.
CARRIED = ("category", "status", "sort", "group", "kind", "limit")


def is_form(args) -> bool:
    """Whether the URL holds the form's own fields (else it is a search to take apart)."""
    return any(key in args for key in TEXT_FIELDS)


def from_form(args) -> dict:
    return {key: (args.get(key) or "").strip()[:500] for key in (*FORM_FIELDS, *CARRIED)}


def compose(fields: dict) -> dict:
    """The search's URL state for the form's fields: q in our syntax, and the filters."""
    any_words = [written(t.value, t.quoted) for t in words(fields.get("any"))]
    group_words = [written(t.value, t.quoted) for t in words(fields.get("anyof"))]
    q = joined([
        tokens_written(typed(fields.get("all"))),
        written(fields["phrase"], quoted=True) if fields.get("phrase") else "",
        " OR ".join(any_words),
        f"({' OR '.join(group_words)})" if len(group_words) > 1 else joined(group_words),
        joined(written(t.value, t.quoted, negated=True) for t in words(fields.get("none"))),
        joined(written(t.value, t.quoted, field="title") for t in words(fields.get("title"))),
    ])
    state = {"q": q, **{key: fields.get(key) for key in (*FILTER_FIELDS, *CARRIED)},
             "year": year_value(fields.get("year_from"), fields.get("year_to")),
             "match": "exact" if fields.get("match") == "exact" else None}
    return {key: value for key, value in state.items() if value}


def words(text: str | None) -> list:
    """The terms of one field: split at spaces, quotes keep a phrase whole; operators, minus signs
    and field names are the form's to write."""
    return [t for t in tokens(text or "") if not t.operator]


def typed(text: str | None) -> list:
    """The all-words field as written (it may hold any syntax), without operators dangling at its
    end, which would swallow the next field's term (a group's closing parenthesis is no such one)."""
    found = tokens(text or "")
    while found and found[-1].operator and not found[-1].paren:
        found.pop()
    return found


def take_apart(state: dict) -> dict:
    """The form's fields for a search: the query's terms into their fields, what no field can say
    (a second phrase, negated filters, category:, a group that is more than a set of words joined
    by OR) left in all-words as written; URL filters win over filters typed into the query."""
    fields = {key: "" for key in (*FORM_FIELDS, *CARRIED)}
    rest, phrase, any_group, one_of, none, title, filters = [], None, None, None, [], [], {}
    pieces = grouped(state.get("q", ""))
    for clause, extra in clauses(pieces):
        terms = [t for t in clause if not t.operator]
        plain = all(t.value in ("OR", "|") for t in clause[1::2])  # not NEAR
        if extra:
            rest.append(extra)
        elif len(terms) == 1 and one_of is None and (alternatives := words_of_group(terms[0])):
            one_of = alternatives
        elif len(terms) > 1 and plain and any_group is None and not any(isinstance(t, Group) for t in terms):
            any_group = terms
        elif len(terms) == 1 and terms[0].quoted and phrase is None:
            phrase = terms[0]
        else:
            rest.append(clause_written(clause))
    for token in (t for t in pieces if not t.operator and not isinstance(t, Group)):
        if token.field == "title":
            title.append(written(token.value, token.quoted))
        elif token.field is None and token.negated:
            none.append(written(token.value, token.quoted))
        elif token.filter and not token.negated and (token.field in FILTER_FIELDS or token.field == "year"):
            filters[token.field] = token.value
    fields.update(
        all=joined(rest), phrase=phrase.value if phrase else "",
        any=joined(written(t.value, t.quoted) for t in any_group or ()),
        anyof=joined(written(t.value, t.quoted) for t in one_of or ()), none=joined(none), title=joined(title),
    )
    filters.update({key: state[key] for key in HELD_FILTERS if state.get(key)})
    fields.update({key: filters[key] for key in FILTER_FIELDS if key in filters})
    fields["year_from"], fields["year_to"] = year_bounds(filters.get("year"))
    fields["match"] = state.get("match", "")
    fields.update({key: state[key] for key in CARRIED if state.get(key)})
    return fields


def clauses(found: list) -> list:
    """[(terms and groups with the OR and NEAR/n that join them, None)] for the query's positive
    terms and groups, read as the engine reads them (OR or NEAR joins a term to the clause before
    it), and [([], text)] for groups left out, negated filters and filters no field of the form
    holds, in order."""
    out, last, joining = [], None, None
    for token in found:
        if token.operator:
            joining = token if token.value != "AND" and token.value != "&&" and last is not None else None
            continue
        if token.field is None and not token.negated:
            if joining is not None:
                last.extend((joining, token))
            else:
                last = [token]
                out.append((last, None))
        elif isinstance(token, Group) or (token.filter and (token.negated or token.field not in HELD_FILTERS)):
            out.append(([], token_written(token)))  # a group left out, or a filter no field holds
        joining = None
    return out


def clause_written(clause: list) -> str:
    return " ".join("OR" if t.operator and t.value in ("OR", "|") else token_written(t) for t in clause)


def words_of_group(piece) -> list | None:
    """The terms of a group that is only terms joined by OR (what the group row writes), else None."""
    if not isinstance(piece, Group) or piece.negated or len(piece.inside) < 3:
        return None
    terms, joins = piece.inside[0::2], piece.inside[1::2]
    if any(t.operator or t.field or t.negated for t in terms):
        return None
    if any(not j.operator or j.value not in ("OR", "|") for j in joins):
        return None
    return list(terms)


def choices(overview: dict, cities: dict, counties: dict, fields: dict) -> dict:
    """What the form offers, from the index: places (cities of the chosen province, counties of
    the chosen city), the span of years, problem types under their focus, doc types. A value in
    the fields stays offered even when the index does not hold it."""
    def values(result: dict, name: str) -> list:
        listed = [row["value"] for row in result["facets"][name]]
        chosen = fields.get(name)
        return listed + [chosen] if chosen and chosen not in listed else listed

    grouped = {}
    for name, focus in overview.get("type_groups", {}).items():
        grouped.setdefault(focus or "其他", []).append(name)
    if fields.get("type") and fields["type"] not in overview.get("type_groups", {}):
        grouped.setdefault("其他", []).append(fields["type"])
    years = sorted(int(row["value"]) for row in overview["facets"]["year"] if row["value"].isdigit())
    return {
        "provinces": values(overview, "province"), "cities": values(cities, "city"),
        "counties": values(counties, "county"),
        "lists": [{"name": name, "label": LABELS[name], "values": values(overview, name)} for name in LISTED_FIELDS],
        "types": [{"focus": focus, "types": names} for focus, names in grouped.items()],
        "descriptions": overview.get("type_descriptions", {}),
        "first_year": years[0] if years else None, "last_year": years[-1] if years else None,
    }
