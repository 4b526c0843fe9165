"""Metadata of a notice from its cleaned text: title, issuer, dates, inspection facts, doc_type.

Every function returns None for what the text does not say.
"""
import datetime as dt
import re

from .dates import full_dates, iso, make_date
from .outline import DATE_LINE, SIGNATURE_LINE, match_marker

TITLE_WORDS = re.compile(r"通报|情况|公告|报告|讲话|意见|决定|通知|公示|方案|发言")
ORG_END = re.compile(r"(党组|党委|党工委|委员会|办公室|办公厅|机关|政府|人大常委会|政协|纪委|监委|局|委|院|厅|部|组|中心|公司|学校|大学|医院|支部|总支)$")
PUBLISHED_LABEL = re.compile(r"(?:发布|印发|公开|成文|发文)(?:时间|日期)[:]\s*")


# --- title -------------------------------------------------------------------------------------
def find_title(lines: list) -> tuple[str | None, int]:
    """An explicit title at the top, possibly split over lines. Returns (title, lines it took)."""
    taken = []
    for line in lines[:4]:
        if len(line) > 60 or "。" in line or match_marker(line) or DATE_LINE.match(line) or line.startswith(("根据", "同志们")):
            break
        taken.append(line)
    while taken:
        title = "".join(taken)
        if TITLE_WORDS.search(taken[-1]) or "关于" in title:
            return title, len(taken)
        taken.pop()
    return None, 0


# --- signature: issuer and date at the end ------------------------------------------------------
def find_signature(footer: list) -> tuple[str | None, dt.date | None]:
    """The issuer and date in the closing lines (outline.split_footer peels them off the end)."""
    tail = footer
    for i in range(len(tail) - 1, -1, -1):
        if DATE_LINE.match(tail[i].replace(" ", "")):
            dates = full_dates(tail[i].replace(" ", ""))
            issuer = None
            above = [line.strip() for line in tail[max(0, i - 2):i]]
            if above and SIGNATURE_LINE.match(above[-1]) and ORG_END.search(above[-1]) and not match_marker(above[-1]):
                issuer = above[-1]
                if len(above) == 2 and is_signature_start(above[0]):  # a long name set on two lines
                    issuer = above[0] + issuer
            return issuer, dates[0] if dates else None
    return None, None


def is_signature_start(line: str) -> bool:
    """The first line of a name signed on two lines: 中共某某县委巡察工作 / 领导小组办公室."""
    return (bool(SIGNATURE_LINE.match(line)) and len(line) <= 20 and line.startswith(("中共", "中国共产党"))
            and not ORG_END.search(line) and not match_marker(line))


def issuer_from_title(title: str | None) -> str | None:
    if not title or "关于" not in title:
        return None
    head = title.split("关于", 1)[0].strip()
    return head if head and ORG_END.search(head) else None


def published_label(text: str) -> dt.date | None:
    """'发布时间：2025-11-28' as pages print it."""
    m = PUBLISHED_LABEL.search(text)
    if m:
        dates = full_dates(text[m.end(): m.end() + 20])
        return dates[0] if dates else None
    return None


# --- inspection facts ---------------------------------------------------------------------------
COMMITTEE = r"(?:中央|省委|自治区党委|市委|州委|盟委|县委|区委|旗委|市|县|区)?"
NUMBERED_GROUP = re.compile(COMMITTEE + r"(?:第[一二三四五六七八九十]+(?:交叉)?巡[察视]组|巡[察视][一二三四五六七八九十]+组|(?:交叉)?巡[察视][一二三四五六七八九十]*组)")
ROUND = re.compile(r"(?:[一二三四五六七八九十]+届)?" + COMMITTEE + r"第[一二三四五六七八九十\d]+轮")
DAY = r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
PERIOD = re.compile(DAY + r"\s*(?:至|到|—|-|～|~)\s*" + DAY)
# Sentences end at 。 or ; (split, not matched: a regex searching a long run without either for
# 反馈 would start again at every character).
SENTENCE_END = re.compile(r"[。;]")


def inspection_facts(opening: str, title: str | None) -> dict:
    facts = {"group": None, "round": None, "start": None, "end": None, "feedback": None}
    if m := NUMBERED_GROUP.search(opening):
        facts["group"] = m.group(0)
    for source in (title or "", opening):
        if m := ROUND.search(source):
            facts["round"] = m.group(0)
            break
    start = end = None
    if m := PERIOD.search(opening):
        y1, m1, d1, y2, m2, d2 = m.groups()
        start = make_date(y1, m1, d1) if y1 else None
        if y2:
            end = make_date(y2, m2, d2)
        elif start:
            end = make_date(start.year + (int(m2) < start.month), m2, d2)
    facts["start"], facts["end"] = iso(start), iso(end)
    for sentence in (s for s in SENTENCE_END.split(opening) if "反馈" in s):
        before = sentence[: sentence.index("反馈")]
        days = list(re.finditer(DAY, before))
        if not days:
            continue
        year, month, day = days[-1].groups()
        if not year and end:
            year = end.year + (int(month) < end.month)
        facts["feedback"] = iso(make_date(year, month, day)) if year else None
        break
    return facts


# --- doc_type ----------------------------------------------------------------------------------
# The headline says what a document is; the body is read only when the headline does not tell.
HEADLINE_TYPES = [
    ("讲话", re.compile(r"讲话|上的发言|致辞|讲稿")),
    ("整改通报", re.compile(r"整改.{0,12}(?:通报|公告|公示|公开)|整改(?:工作)?(?:进展|落实|完成)?情况$")),
    ("公告", re.compile(r"公告|通告|公示|举报电话|联系方式")),
    ("反馈", re.compile(r"反馈")),
    ("动态", re.compile(r"进驻|动员|督查|督导|召开|部署|启动|完成|开展|培训|推进")),
]


# A rectification notice reports its own progress (现将整改进展情况通报如下); news that mentions
# someone's 整改情况 in passing (督查整改情况) does not.
REPORTS_RECTIFICATION = re.compile(
    r"整改(?:工作)?(?:进展|落实|完成)?情况的通报|整改进展|集中整改"
    r"|(?:现将|现就|特将)[^。]{0,30}整改[^。]{0,14}情况"
    r"|整改[^。]{0,14}情况[^。]{0,10}(?:予以公布|予以公开|予以公告|通报如下|公布如下|公告如下|报告如下)")
# An announcement of an inspection round tells the public what the group accepts (受理…来信来电来访)
# and how to reach it (a telephone, a mailbox): both, near each other, in the opening.
ACCEPTS_LETTERS = re.compile(r"受理[^。]{0,60}?(?:来信|来电|来访|信访|举报)")
CONTACT = re.compile(r"电话|信箱|邮箱|意见箱|邮政信箱")
# Feedback reported as news: 某某巡察组向某某党委反馈巡察情况, 巡察情况反馈会, 反馈了巡察意见.
FEEDBACK_NEWS = re.compile(r"巡[察视]组[^。]{0,30}?反馈(?:了)?[^。]{0,4}?(?:巡[察视])?(?:意见|情况)|巡[察视](?:情况|意见)?反馈(?:会|大会|会议)")
# A title printed with spaces between its characters (巡 察 公 告).
SPACED = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


LETTER_SPACED = re.compile(r"(?:[\u4e00-\u9fff]\s+)+[\u4e00-\u9fff]")


def unspaced(title: str | None) -> str | None:
    """'巡 察 公 告' → '巡察公告': a title set with a space after every character (a headline's
    space between two phrases stays)."""
    return SPACED.sub("", title) if title and LETTER_SPACED.fullmatch(title.strip()) else title


def doc_type(title: str | None, text: str) -> str:
    """One of notice.DOC_TYPES: by the headline (title) first, else by the opening of the text."""
    title = unspaced(title)
    for kind, words in HEADLINE_TYPES:
        if title and words.search(title):
            return kind
    head = (title or "") + "\n" + text[:400]
    if re.search(r"^(?:各位)?同志们", text[:200], re.M):
        return "讲话"
    if REPORTS_RECTIFICATION.search(head):
        return "整改通报"
    if not title and (announces_inspection(text[:1500]) or "特此公告" in text[-300:]):
        return "公告"
    if FEEDBACK_NEWS.search(text[:600]):
        return "反馈"
    return "动态"


def announces_inspection(opening: str) -> bool:
    """Letters accepted and a way to send them, within a few sentences of each other."""
    accepts = ACCEPTS_LETTERS.search(opening)
    return bool(accepts and CONTACT.search(opening, max(0, accepts.start() - 300), accepts.end() + 300))


TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def title_year(title: str | None) -> int | None:
    """The year a title names (在2023年巡察工作会议上的讲话 → 2023); None when it names none or several."""
    years = {int(y) for y in TITLE_YEAR.findall(title or "")}
    return years.pop() if len(years) == 1 else None
