"""The top of a published page, above the document's own words: its headline and what is printed
around it (a date-time and source line, a reporter line, labelled fields, a 摘要).

A news headline is a short line followed by such a line; a table of fields (信息索引号, 文件名称,
发布机构, 成文日期) may stand before or after it. Short lines above the headline are page
furniture. A document without any of this (a notice that opens with its title) has no masthead.
"""
import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import date_at_start, parse_date
from .fields import bare_label, field_pairs, is_field_line, read_fields
from .furniture import is_furniture, without_bullet
from .meta import ORG_END, find_title
from .outline import match_marker

# The masthead sits in the first lines; the document starts at the first sentence of prose.
TOP_LINES = 15
HEADLINE_MAX = 60
PROSE_START = re.compile(r"^(?:根据|按照|为深入|为进一步|为切实|同志们|各位|本报讯|近日|日前|近期|[^\s,。]{2,12}讯[\s(])")
REPORTER = re.compile(r"^[(]?\s*(?:本报记者|记者|通讯员|特约通讯员|文/图|文/|图/|撰稿|供稿|作者)[\s:/]")
ISSUER_START = re.compile(r"^(?:中共|中国共产党|政协|共青团)")
SUMMARY = re.compile(r"^(?:内容)?(?:摘要|导读|核心提示)[:]")
# What a newspaper or a news site puts before the first sentence: 本报讯(记者 某某), 某某网讯 通讯员某某报道.
NEWS_LEAD = re.compile(
    r"^(?:本报讯|本网讯|[^\s,。]{2,12}讯)\s*(?:[(][^()]{0,40}[)])?\s*(?:(?:特约)?(?:记者|通讯员)[^\s,。]{0,24}?报道\s*)?"
)


@dataclass
class Masthead:
    headline: str | None = None
    fields: dict = field(default_factory=dict)   # fields.FIELD_NAMES keys → values
    dated: dt.date | None = None                 # the date of the date line under the headline
    taken: int = 0                               # lines at the top that are masthead, not document


def read_masthead(lines: list) -> Masthead:
    top = [without_bullet(line) for line in lines[:TOP_LINES]]
    masthead = Masthead()
    pending = []  # short lines not yet known to be a headline or furniture
    beside_date = []
    i = 0
    while i < len(top):
        line = top[i]
        date, rest = date_at_start(line)
        if bare_label(line) and i + 1 < len(top) and not is_field_line(top[i + 1]):
            i += 1  # a table cell: the label, then its value on the next line
        elif is_field_line(line) or SUMMARY.match(line) or REPORTER.match(line) and is_short(line) or is_furniture(line):
            pass
        elif date and (not rest or field_pairs(rest) or is_short(rest, 30)):
            masthead.dated = masthead.dated or date
            beside_date.extend(field_pairs(rest))  # 2022-03-28 19:28 来源:某某
        elif is_headline(line):
            pending.append(i)
            i += 1
            continue
        else:
            if pending and masthead.headline is None and masthead.taken and is_prose(line) and is_lone_headline(top[pending[-1]]):
                masthead.headline, masthead.taken = top[pending[-1]], i  # furniture, the headline, then prose
            break
        if pending and masthead.headline is None:
            masthead.headline = headline_of([top[j] for j in pending])
        pending = []
        i += 1
        masthead.taken = i
    if masthead.taken == 0 and len(lines) > 1 and is_lone_headline(lines[0]) and is_prose(lines[1]):
        return Masthead(headline=lines[0], taken=1)
    if masthead.taken >= len(lines):  # nothing below it: a signature and its date, not a masthead
        return Masthead()
    masthead.fields = read_fields(top[:masthead.taken])[0]
    for name, value in beside_date:
        masthead.fields.setdefault(name, value)
    return masthead


def field_date(fields: dict) -> dt.date | None:
    """The date a page's fields give: the signing date, else the publication date."""
    for name in ("signed", "published"):
        if name in fields and (date := parse_date(fields[name])):
            return date
    return None


def is_short(line: str, limit: int = HEADLINE_MAX) -> bool:
    return len(line) <= limit and "。" not in line


def is_headline(line: str) -> bool:
    return (4 <= len(line) <= HEADLINE_MAX and "。" not in line and line.count(",") < 2 and not line.endswith((":", ","))
            and not PROSE_START.match(line) and not match_marker(line) and not is_furniture(line))


def is_lone_headline(line: str) -> bool:
    """A headline with nothing printed under it: a short line with no clause in it that is not
    just the issuer's name (中共某某党组 above a notice that has no title)."""
    return is_headline(line) and "," not in line and not (ISSUER_START.match(line) and ORG_END.search(line))


def is_prose(line: str) -> bool:
    return "。" in line or len(line) > HEADLINE_MAX


def headline_of(lines: list) -> str:
    """The line above the date line; with the one before it when the two make one title."""
    if len(lines) >= 2:
        title, taken = find_title(lines[-2:])
        if taken == 2:
            return title
    return lines[-1]


def strip_news_lead(line: str) -> str:
    """'本报讯(记者 某某)近日,…' → '近日,…'."""
    return NEWS_LEAD.sub("", line, count=1).strip()
