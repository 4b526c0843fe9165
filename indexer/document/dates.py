"""The date grammar of published documents: complete dates, partial dates, date lines.

Forms: 2022-03-28, 2022/3/28, 2022年3月28日, 二〇二二年三月二十八日, a date-time 2022-03-28 19:28:44,
and partial dates that still name a year (于2018年1月4至5日, 2020年10月).
"""
import datetime as dt
import re

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
FULL_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
CN_FULL_DATE = re.compile(r"([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
# A year with its month, whatever follows: 2018年1月4至5日, 2020年10月, 2019-06.
YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月|(\d{4})-(\d{1,2})(?![\d])")
CN_YEAR_MONTH = re.compile(r"([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月")
TIME = r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
DATE_AT_START = re.compile(
    r"^[(]?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2}"
    r"|[〇零○O一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)" + TIME + r"\s*[)]?"
)
FIRST_YEAR, LAST_YEAR = 1949, 2100


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十八 → 28, 三十一 → 31."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return CN_DIGITS.get(text, 0)


def cn_year(text: str) -> int:
    return int("".join(str(CN_DIGITS[c]) for c in text))


def make_date(year, month, day) -> dt.date | None:
    try:
        date = dt.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None
    return date if FIRST_YEAR <= date.year <= LAST_YEAR else None


def iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def full_dates(text: str) -> list:
    """Every complete, valid date in text (Arabic or Chinese numerals), in order of appearance."""
    found = []
    for m in FULL_DATE.finditer(text):
        parts = m.groups()[:3] if m.group(1) else m.groups()[3:]
        found.append((m.start(), make_date(*parts)))
    for m in CN_FULL_DATE.finditer(text):
        found.append((m.start(), make_date(cn_year(m.group(1)), cn_number(m.group(2)), cn_number(m.group(3)))))
    return [d for _, d in sorted(found, key=lambda x: x[0]) if d]


def first_date(text: str) -> dt.date | None:
    dates = full_dates(text)
    return dates[0] if dates else None


def partial_years(text: str) -> list:
    """Years of the dates that name at least a year and a month, complete or not."""
    years = []
    for m in YEAR_MONTH.finditer(text):
        year, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if 1 <= int(month) <= 12:
            years.append(int(year))
    for m in CN_YEAR_MONTH.finditer(text):
        if 1 <= cn_number(m.group(2)) <= 12:
            years.append(cn_year(m.group(1)))
    return [y for y in years if FIRST_YEAR <= y <= LAST_YEAR]


def year_of_text(text: str) -> int | None:
    """The year of the latest complete date; without one, of the latest partial date; else None."""
    dates = full_dates(text)
    if dates:
        return max(dates).year
    years = partial_years(text)
    return max(years) if years else None


def parse_date(value: str) -> dt.date | None:
    """A date written in a field or a meta tag: '2022-03-28 19:28', '2022年3月28日', '20220328'."""
    value = value.strip()
    found = first_date(value)
    if found:
        return found
    m = re.match(r"^(\d{4})(\d{2})(\d{2})(?:\d{4,6})?$", value)
    return make_date(*m.groups()) if m else None


def date_at_start(line: str) -> tuple[dt.date | None, str]:
    """A line that opens with a date (and perhaps a time): (the date, the rest of the line)."""
    m = DATE_AT_START.match(line)
    if not m:
        return None, line
    return first_date(m.group(0)), line[m.end():].strip()
