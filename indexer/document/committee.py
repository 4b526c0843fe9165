"""The party committee that runs the inspection a document is about, and the place it governs.

City and county committees inspect (巡察) the bodies of their own jurisdiction, so theirs is the
document's region when no issuer names one: `某某县委第二巡察组进驻…`, `根据某某县委统一安排`,
`十一届某某县委第二轮巡察`, `来源:某某区委巡察办`. A level word alone (`县委`) refers back to a division
(seats.py). Central and provincial committees inspect (巡视) whole provinces and cities: the places
they inspect are never the document's region.
"""
import re
from dataclasses import dataclass

from .regions import GENERIC, gazetteer, resolve
from .seats import referent, seats

# Only the opening names the committee; the rest of a long notice would cost time for nothing.
READ_CHARS = 2500
LEVEL_WORD = re.compile(r"自治区党委|地委|[省县区市旗州盟]委")
CENTRAL = re.compile(r"中央(?:第[一二三四五六七八九十]+[、,和及]?)*(?:巡视组|轮巡视)|中央巡视")
# What a running committee does right after its name (within the same clause).
CLAUSE = re.compile(r"[^。;!?\n]{0,16}")
CITY_RUNS = re.compile(r"巡察|统一部署|统一安排|部署安排|安排部署")
PROVINCE_RUNS = re.compile(r"巡视|统一部署|统一安排|部署安排|安排部署")
# A committee after these words is inspected, not inspecting (向某某州委反馈, 对省委开展巡视).
OBJECT_BEFORE = re.compile(r"(?:向|对|到|赴|进驻)$")
OWN_ORGAN = re.compile(r"^(?:第[一二三四五六七八九十]+)?巡[察视](?:组|办|机构|工作领导小组)")


@dataclass
class Committee:
    place: str | None     # the division it governs, as the text names it (with its parent when named beside it)
    inspects: str         # "巡察" (city, county) or "巡视" (province, centre)
    offset: int


@dataclass
class Jurisdiction:
    place: str | None     # the place of the committee that runs the inspection, when the text names it
    higher: bool          # a central or provincial inspection with no local committee: inspected places never decide


def jurisdiction(text: str, own: list = ()) -> Jurisdiction:
    """own: what names the document's own body (issuer, publisher, source), for a level word the text
    itself does not tie to a division."""
    text = text[:READ_CHARS]
    committees = running_committees(text, own)
    local = [c for c in committees if c.inspects == "巡察"]
    if local:  # a city or county inspection, even when it follows a provincial plan
        named = [c for c in local if c.place]
        return Jurisdiction(deepest(named) if named else None, False)
    higher = [c for c in committees if c.inspects == "巡视"]
    named = [c for c in higher if c.place]
    return Jurisdiction(named[0].place if named else None, bool(higher))


def running_committees(text: str, own: list = ()) -> list:
    found = None  # the seats of organs the text names, found once and only for a level word standing alone
    committees = [Committee(None, "巡视", m.start()) for m in CENTRAL.finditer(text)]
    for m in LEVEL_WORD.finditer(text):
        word = m.group(0)
        inspects = "巡视" if word in ("省委", "自治区党委") else "巡察"
        after = CLAUSE.match(text, m.end()).group(0)
        if text[m.end():m.end() + 1] == "、" or not (CITY_RUNS if inspects == "巡察" else PROVINCE_RUNS).search(after):
            continue
        name_start, place = named_before(text, m.start(), word)
        if OBJECT_BEFORE.search(text[max(0, name_start - 2):name_start]) and not OWN_ORGAN.match(after):
            continue
        if place is None and inspects == "巡察":
            found = seats(text) if found is None else found
            place = referent(word, m.start(), found, own)
        committees.append(Committee(place, inspects, m.start()))
    return sorted(committees, key=lambda c: c.offset)


def named_before(text: str, at: int, word: str) -> tuple[int, str | None]:
    """The division whose committee the level word at offset at is: (where its name starts, the name).

    江城县委 (the unit 县 is shared), 衡阳县县委 (written twice), 塔城地委 (地区), 开封市鼓楼区委 (with its parent).
    """
    places = gazetteer()
    if word == "地委":
        start = next((s for s in range(max(0, at - 8), at - 1) if text[s:at] + "地区" in places.by_name), at)
        name = text[start:at] + "地区" if start < at else None
    else:
        end = at + (3 if word == "自治区党委" else 1)
        name = places.name_ending_at(text, end)
        if name is None and (doubled := places.name_ending_at(text, at)) and doubled[-1] == word[0]:
            end, name = at, doubled
        start = end - len(name) if name else at
    if name is None:
        return at, None
    parent = places.name_ending_at(text, start)
    if parent:
        return start - len(parent), parent + name
    return start, None if GENERIC.match(name) else name


def deepest(committees: list) -> str:
    """The most local of the committees (a county's group over the city's plan it follows)."""
    def depth(committee):
        region = resolve([committee.place])
        return 3 if region.county else 2 if region.city else 1

    return max(committees, key=lambda c: (depth(c), -c.offset)).place
