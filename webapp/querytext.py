"""The query string as the page edits it: its tokens with their place in the text.

The engine reads queries (its query package, whose tokens this uses: one reading of the syntax); the
page only rewrites their text: a chip takes one filter out of the query, a link quotes one term, and
advanced search writes terms and moves groups in parentheses whole.
"""
import unicodedata
from dataclasses import dataclass

from indexer.engine.search import query_tokens

QUOTES = '"“”'


@dataclass(frozen=True)
class Group:
    """A group in parentheses as one piece of the query (its tokens inside), so that the page can
    move it whole; it stands where a term would."""
    start: int
    end: int
    text: str             # as typed, the minus or NOT before it included
    negated: bool
    inside: tuple         # its tokens, without the outer parentheses
    field = None
    quoted = False
    operator = False
    filter = False
    paren = False

    @property
    def value(self) -> str:
        return self.text


def tokens(text: str) -> list:
    """The tokens of a query as the engine reads them, with their places in the text as typed."""
    return query_tokens(text)


def token_written(token) -> str:
    """A token (or a Group) as the syntax writes it."""
    if isinstance(token, Group):
        return token.text
    if token.paren:
        return ("-" if token.negated else "") + token.value
    return token.value if token.operator else written(token.value, token.quoted, token.field, token.negated)


def tokens_written(found: list) -> str:
    """Tokens as the syntax writes them, a group's parentheses against what they enclose."""
    out = ""
    for token in found:
        piece = token_written(token)
        if out and not out.endswith("(") and not (token.paren and piece == ")"):
            out += " "
        out += piece
    return out


def grouped(text: str) -> list:
    """The query's tokens with each group at the top level folded into one Group."""
    out, depth, opened = [], 0, None
    found = tokens(text)
    for i, token in enumerate(found):
        if token.paren and token.value == "(":
            depth += 1
            if depth == 1:
                opened = i
            continue
        if token.paren:  # tokens() pairs every parenthesis that groups
            depth -= 1
            if depth == 0:
                start = found[opened]
                out.append(Group(start.start, token.end, text[start.start:token.end], start.negated,
                                 tuple(found[opened + 1:i])))
            continue
        if depth == 0:
            out.append(token)
    return out


def written(value: str, quoted: bool = False, field: str | None = None, negated: bool = False) -> str:
    """One term as the syntax reads it; quoted when it must be, to stay one plain term."""
    value = "".join(c for c in value if c not in QUOTES)  # the syntax has no escapes
    if quoted or needs_quotes(value):
        value = f'"{value}"'
    return ("-" if negated else "") + (f"{field}:" if field else "") + value


def needs_quotes(value: str) -> bool:
    """Whether the value, written bare, would read as anything but this one plain term (an operator,
    a field, a minus, a group, several terms)."""
    found = tokens(value)
    return not (len(found) == 1 and same(found[0].value, value) and found[0].field is None
                and not found[0].negated and not found[0].quoted and not found[0].operator)


def same(a: str, b: str) -> bool:
    """Equal once widths are folded (the engine compares normalised text)."""
    return unicodedata.normalize("NFKC", a).strip() == unicodedata.normalize("NFKC", b).strip()


def joined(pieces) -> str:
    return " ".join(p for p in pieces if p)


def without(text: str, chosen: list) -> str:
    """The query with the chosen tokens cut out."""
    kept, position = [], 0
    for token in sorted(chosen, key=lambda t: t.start):
        kept.append(text[position:token.start])
        position = token.end
    kept.append(text[position:])
    return joined("".join(kept).split())


def without_filter(text: str, field: str, value: str, negated: bool) -> str:
    """The query without the filter `field:value` (or `-field:value`) typed into it."""
    return without(text, [t for t in tokens(text)
                          if t.field == field and t.negated == negated and same(t.value, value)])


def quoting(text: str, term: str) -> str:
    """The query with `term` quoted wherever it stands unquoted, so it is searched as written
    (without synonyms); with the quoted term added when it was typed otherwise (in another script)."""
    found = [t for t in tokens(text) if not t.quoted and not t.filter and not t.operator and same(t.value, term)]
    if not found:
        return joined([text.strip(), written(term, quoted=True)])
    out, position = [], 0
    for token in found:
        out.append(text[position:token.start] + written(token.value, True, token.field, token.negated))
        position = token.end
    return "".join(out) + text[position:]


def has_terms(text: str) -> bool:
    """Whether the query searches for words (not only filters): only then is there exact and related."""
    return any(not t.filter and not t.operator and t.value for t in tokens(text))


def negated_terms(text: str) -> set:
    """The terms left out: with a minus, after NOT, or inside a group left out."""
    out, left_out = set(), []   # left_out: for each open group, whether it (or one around it) is left out
    for token in tokens(text):
        if token.paren:
            if token.value == "(":
                left_out.append(token.negated or bool(left_out and left_out[-1]))
            elif left_out:
                left_out.pop()
        elif not token.field and not token.operator and (token.negated or (left_out and left_out[-1])):
            out.add(unicodedata.normalize("NFKC", token.value))
    return out
