"""The division a level word standing alone (县委, 区委, 市委 …) refers to.

A text names a county once and then writes only 县委: the word means the committee of the
division the text named as the seat of an organ of that level (某某县委, 某某县纪委, 中共某某县委员会,
某某县人民政府, 某某县政协) or as the one acting (某某县召开…), the latest such before the word; else
the division of the document's own issuer or publisher. A division named in passing is never meant:
an experience learnt from (学习借鉴某某县经验), a place visited (赴某某县学习), a list of places, a body
reported to (向某某县委反馈). When nothing qualifies the answer is None: unknown, not a guess.
"""
import re

from .regions import GENERIC, gazetteer

# The division a bare level word stands for: its name ends with the unit, at these levels.
UNITS = {"县委": ("县", (3,)), "区委": ("区", (3,)), "市委": ("市", (2, 3)), "旗委": ("旗", (3,)),
         "州委": ("州", (2,)), "盟委": ("盟", (2,)), "地委": ("地区", (2,))}
# Organs right after a division's name; 委托 (to entrust) is a verb, not a committee.
ORGAN = r"委员会|党委|纪委|监委|人大常委会|人大|人民政府|政府|政协|委(?!托)"
SEAT = re.compile(ORGAN)
# A division acting is its organs acting: 某某县召开巡察工作动员部署会.
ACTS = re.compile(r"召开|举行|印发|出台|部署|启动")
# Words before a division that make it a place visited, learnt from, reported or compared to, or
# one of a list (the 、 before it).
PASSING_BEFORE = re.compile(r"(?:向|对|到|赴|进驻|学习|借鉴|考察|参观|前往|来自|对标|与|、)$")
# After the name (or its organ): one of a list, or the source of an experience.
PASSING_AFTER = re.compile(rf"[、等]|(?:{ORGAN})?的?(?:经验|做法|模式)")


def seats(text: str) -> list:
    """(offset, place, name) of each division text names as the seat of an organ or as acting, in
    order. place is the name with the parents the text writes right before it (某某市某某区纪委)."""
    return [(start, place, name) for chain_start, start, place, name in places_named(text)
            if is_seat(text, chain_start, start + len(name), name)]


def places_named(text: str):
    """(where the place's name starts, offset, place, name) of each division name in text, where
    place is the name with its parents: adjacent names are one place written in full (某某省某某县)."""
    chain_start, chain_end, chain = 0, -1, ""
    for start, name, _ in gazetteer().find(text):
        if start == chain_end:
            chain += name
        else:
            chain_start, chain = start, name
        chain_end = start + len(name)
        yield chain_start, start, chain, name


def is_seat(text: str, start: int, end: int, name: str) -> bool:
    if is_passing(text, start, end):
        return False
    after = end + 1 if text[end:end + 1] == name[-1] else end  # the unit written twice: 某某县县委
    return bool(SEAT.match(text, after) or ACTS.match(text, end))


def is_passing(text: str, start: int, end: int) -> bool:
    return bool(PASSING_BEFORE.search(text, max(0, start - 4), start) or PASSING_AFTER.match(text, end))


def referent(word: str, at: int, seats_found: list, own: list) -> str | None:
    """The place the level word at offset at refers to: the latest seat of its level before it, else
    the first place of that level that the document's own sources name (issuer, publisher)."""
    for start, place, name in reversed(seats_found):
        if start < at and of_level(word, name):
            return place
    for source in filter(None, own):
        for chain_start, start, place, name in places_named(source):
            if of_level(word, name) and not is_passing(source, chain_start, start + len(name)):
                return place
    for source in filter(None, own):  # a headline or a paper names its own place short: 涉及某某这些单位
        if name := short_named(word, source):
            return name
    return None


def short_named(word: str, source: str) -> str | None:
    """The full name of the first division of the level word's level that source names by its short
    name (金华 for 金华市), when the short name fits one name only."""
    places = gazetteer()
    for start in range(len(source) - 1):
        short = next((source[start:end] for end in range(min(len(source), start + 8), start + 1, -1)
                      if source[start:end] in places.by_short), None)
        if short:
            names = {d.name for d in places.by_short[short] if of_level(word, d.name)}
            if len(names) == 1 and not is_passing(source, start, start + len(short)):
                return names.pop()
    return None


def of_level(word: str, name: str) -> bool:
    """Whether the division named name is of the level of the committee word (县委: a county)."""
    unit, levels = UNITS[word]
    return (name.endswith(unit) and not GENERIC.match(name)
            and any(d.level in levels for d in gazetteer().candidates[name]))
