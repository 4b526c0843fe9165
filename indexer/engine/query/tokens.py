"""A query string → its tokens, each with its place in the text as typed (the page edits the text
by these places; parse.py builds the tree from them).

A token is a term (quoted or not, with a minus or after NOT), a `field:value`, an operator (OR |
AND && NOT NEAR/n) or a parenthesis that groups.

When a parenthesis groups (the rule; anything else is text, as in '因私出国(境)证照管理'):
- `(` opens a group where a token starts: at the start of the query, after a space, after another
  opening `(`, after a minus (`-(…)` leaves the group out) or after NOT.
- `)` closes a group where a token ends: before a space, the end of the query or another `)`; but
  a term's own parentheses come first: in `(出国(境))` the first `)` closes the `(` inside the
  term, the last closes the group.
- Parentheses that find no partner are text: glued to a term they stay part of it (`(食堂` is
  the term '(食堂'), alone they are punctuation and match nothing. Nothing ever raises.
"""
import re
from dataclasses import dataclass, replace

from ..schema import FACET_NAMES

# A minus, a field name and its colon, then a quoted value (closed or not) or a run of other characters.
PIECE = re.compile(r'(?P<minus>-)?(?:(?P<field>[a-z_]+):)?(?P<value>"[^"]*"?|“[^”]*”?|[^\s"“]*)')
QUOTES = '"“”'
FIELDS = (*FACET_NAMES, "title")
OPERATORS = ("OR", "|", "AND", "&&", "NOT")
NEAR = re.compile(r"NEAR/(\d{1,3})")   # NEAR/n: n letters at most between the two terms
OPEN, CLOSE = "(", ")"
# Full-width ASCII as a phone keyboard types it (－ ： ＂ （ ）) read as ASCII, one character for one,
# so that a token's place in the folded text is its place in the text as typed.
HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)} | {0x3000: 0x20}


@dataclass(frozen=True)
class Token:
    """One token of a query, where it stands in the text as typed (a NOT before it included)."""
    start: int
    end: int
    value: str                  # without its quotes, as typed
    field: str | None = None    # a facet's name or "title"; None for a term or an operator
    negated: bool = False       # written with a minus, or after NOT
    quoted: bool = False
    paren: bool = False         # a parenthesis that groups (value "(" or ")")

    @property
    def operator(self) -> bool:
        if self.paren:
            return True
        return (self.field is None and not self.quoted and not self.negated
                and (self.value in OPERATORS or near_distance(self.value) is not None))

    @property
    def filter(self) -> bool:
        return self.field not in (None, "title")


def near_distance(value: str) -> int | None:
    """n of a NEAR/n operator, or None when the value is not one."""
    m = NEAR.fullmatch(value)
    return int(m.group(1)) if m else None


def tokens(text: str) -> list:
    """The tokens of a query, in order; NOT is folded into the token after it. A lone minus, an
    empty `title:` and a stray quote are not tokens; parentheses without a partner are text."""
    text = (text or "").translate(HALF_WIDTH)
    out, not_at, position = [], None, 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        if text.startswith(OPEN, position) or text.startswith("-" + OPEN, position):
            minus = text[position] == "-"
            end = position + 1 + minus
            out.append(Token(position if not_at is None else not_at, end, OPEN, negated=minus or not_at is not None,
                             paren=True))
            not_at, position = None, end
            continue
        if text.startswith(CLOSE, position):
            out.append(Token(position, position + 1, CLOSE, paren=True))
            position += 1
            continue
        m = PIECE.match(text, position)
        if m is None or m.end() == position:  # a lone quote closing nothing
            position += 1
            continue
        position = m.end()
        raw, name = m.group("value"), m.group("field")
        quoted = raw[:1] in QUOTES
        value = raw.strip(QUOTES) if quoted else raw
        closers = 0 if quoted else closing_parentheses(value)
        value = value[:len(value) - closers]
        if name and name not in FIELDS:  # not a field: the colon belongs to the term
            value, name = f"{name}:{value}", None
        if value:
            if not name and not quoted and not m.group("minus") and value == "NOT":
                not_at = m.start() if not_at is None else not_at
            else:
                out.append(Token(m.start() if not_at is None else not_at, m.end() - closers, value, name,
                                 bool(m.group("minus")) or not_at is not None, quoted))
                not_at = None
        out.extend(Token(m.end() - closers + i, m.end() - closers + i + 1, CLOSE, paren=True) for i in range(closers))
    return partnered(out)


def closing_parentheses(value: str) -> int:
    """How many of the `)` that end a run of text close groups: those its own `(` leave over."""
    closers = len(value) - len(value.rstrip(CLOSE))
    inside = value[:len(value) - closers]
    own = max(0, inside.count(OPEN) - inside.count(CLOSE))
    return max(0, closers - own)


def partnered(found: list) -> list:
    """The tokens with every parenthesis that has no partner turned back into text."""
    waiting, alone = [], set()
    for i, token in enumerate(found):
        if token.paren and token.value == OPEN:
            waiting.append(i)
        elif token.paren:
            if waiting:
                waiting.pop()
            else:
                alone.add(i)
    alone.update(waiting)
    if not alone:
        return found
    out = []
    for i, token in enumerate(found):
        if i not in alone:
            out.append(token)
        elif token.value == OPEN and i + 1 < len(found) and glued(token, found[i + 1]):
            found[i + 1] = replace(found[i + 1], start=token.start, value=OPEN + found[i + 1].value,
                                   negated=token.negated)
        elif token.value == CLOSE and out and glued(out[-1], token):
            out[-1] = replace(out[-1], end=token.end, value=out[-1].value + CLOSE)
        else:
            out.append(replace(token, paren=False))  # punctuation alone: a term that matches nothing
    return out


def glued(before: Token, after: Token) -> bool:
    """Whether two tokens touch and the plain term among them can take the parenthesis as text."""
    term = after if before.paren else before
    return (before.end == after.start and not term.paren and term.field is None and not term.quoted
            and not (term is after and term.negated))
