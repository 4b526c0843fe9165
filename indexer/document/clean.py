"""Raw text → cleaned text: repairs, romanisation, artefacts, boilerplate, widths, script.

`clean()` returns both the cleaned simplified text (what is indexed and matched) and the
original lines (what is displayed as published).
"""
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

from opencc import OpenCC

from .legibility import LOST_MARK, mark_unreadable

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@dataclass
class Cleaned:
    text: str           # cleaned, simplified, one logical line per paragraph
    original: str       # as published, newlines normalised, nothing removed
    script: str | None  # "simplified", "traditional", or None when there is no Chinese text
    breadcrumbs: list = field(default_factory=list)  # the page's breadcrumb lines, cleaned; not in text
    unreadable: list = field(default_factory=list)   # runs no repair could read, as they read: □ in text


def clean(raw: str) -> Cleaned:
    original = normalise_newlines(raw)
    lines, breadcrumbs = [], []
    for line in original.split("\n"):
        line = repair_gb18030_shift(line)
        line = remove_artefacts(line)
        line = remove_romanisation(line)
        line = remove_widgets(unify_widths(line)).strip()
        if is_breadcrumb(line):
            breadcrumbs.append(line)  # furniture, but it names the site's division
        elif line and not is_boilerplate(line):
            lines.append(line)
    text = "\n".join(lines)
    script = detect_script(text)
    if script == "traditional":
        text = to_simplified(text)
        breadcrumbs = [to_simplified(line) for line in breadcrumbs]
    text, unreadable = mark_unreadable_lines(text)  # judged in simplified script, the dictionary's
    return Cleaned(text=text, original=original.strip("\n"), script=script, breadcrumbs=breadcrumbs,
                   unreadable=unreadable)


def mark_unreadable_lines(text: str) -> tuple[str, list]:
    """(text with the runs no repair could read marked □, those runs as they read): legibility.py."""
    lines, unreadable = [], []
    for line in text.split("\n"):
        line, runs = mark_unreadable(line)
        lines.append(line)
        unreadable.extend(runs)
    return "\n".join(lines), unreadable


# Characters XML (and so .docx, and most viewers) cannot hold: C0 controls other than tab and line
# breaks, the non-characters U+FFFE/U+FFFF, and lone surrogates (file names or text decoded with
# surrogateescape). A vertical tab or form feed separates lines or pages: it becomes a line break.
ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff\ufeff]")
LINE_SEPARATORS = re.compile("\r\n?|[\x0b\x0c]")


def normalise_newlines(text: str) -> str:
    return ILLEGAL.sub("", LINE_SEPARATORS.sub("\n", text))


def xml_safe(text: str) -> str:
    """Text without the characters XML cannot hold, line breaks kept (for text that never went
    through clean(), such as a query quoted in an export)."""
    return normalise_newlines(text)


# --- GB18030 text decoded one byte off -------------------------------------------------------
# A line whose first byte was lost decodes as '?' followed by shifted double-byte pairs: box
# drawing, bopomofo, private-use and rare characters. Encoding that run again and decoding from
# its second byte realigns the pairs; the decoder resynchronises by itself on the next ASCII byte.
SUSPECT = re.compile(r"[\u2500-\u257f\u3100-\u312f\ue000-\uf8ff\ufffd\u01cd-\u01dc\u0250-\u02ff\u3400-\u4dbf]")


def repair_gb18030_shift(line: str) -> str:
    if not line or line[0] not in "?？" or len(line) < 3 or not SUSPECT.search(line[1:6]):
        return line
    try:
        data = line[1:].encode("gb18030")
    except UnicodeEncodeError:
        return line
    repaired = data[1:].decode("gb18030", errors="replace")
    if suspicion(repaired.replace("\ufffd", "")) >= suspicion(line[1:]):
        return line
    # Bytes lost with the first one often take the outline number's second byte and the closing
    # bracket with them: '（订聚焦…' was '（二）聚焦…'. The lead byte left names the numeral.
    lost_number = re.match(r"[（(]([^一二三四五六七八九十\d）)])(?![^（(]{0,2}[）)])", repaired)
    if lost_number:
        numeral = NUMERAL_BY_LEAD_BYTE.get(lost_number.group(1).encode("gb18030", errors="replace")[:1])
        repaired = f"({numeral or '?'})" + repaired[lost_number.end():]
    # A character whose bytes the first decoding lost for good ('兼\ufffd?' where '兼治' was) is
    # marked as lost, not left as a question mark that reads like text.
    return LOST_CHARACTER.sub(LOST_MARK, repaired)


NUMERAL_BY_LEAD_BYTE = {numeral.encode("gb18030")[:1]: numeral for numeral in "一二三四五六七八九十"}
LOST_CHARACTER = re.compile(f"\ufffd[?？]?|(?<=[{CJK}])[?？](?=[{CJK},，。;；、])")


def suspicion(text: str) -> int:
    return len(SUSPECT.findall(text[:40]))


# --- word-processor artefacts ------------------------------------------------------------------
ARTEFACTS = re.compile(r"\[(?:bookmark|BOOKMARK): ?[^\]]*\]|\{\\[a-z]+[^}]*\}|<!--.*?-->")


def remove_artefacts(line: str) -> str:
    return ARTEFACTS.sub("", line)


# --- romanisation in brackets after characters: 根據(jù) → 根據 ---------------------------------
INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
FINALS = ("(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in"
          "|ua|uo|ui|un|ve|vn|ue|a|o|e|i|u|v)")
PINYIN_SYLLABLE = re.compile(f"^{INITIALS}{FINALS}$")
LETTERS = "a-zA-Z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f"
# After a character, or after the '?' and '^' that damaged copies leave in a character's place.
ROMANISATION = re.compile(f"(?<=[{CJK}])[(（]([{LETTERS}]{{1,7}})[)）]")
LOST_BEFORE_READING = re.compile(f"[?^？][(（]([{LETTERS}]{{1,7}})[)）]")
# Damaged too: the character and the opening bracket replaced by '?': 納入?yún)
DAMAGED_ROMANISATION = re.compile(f"[?？]([{LETTERS}]{{1,7}})[)）]")


# Where either form could begin: letters right after an opening bracket or a '?'. Most lines have
# none, and this search skips them faster than the lookbehind of ROMANISATION can.
ROMANISATION_START = re.compile(f"[(（?？][{LETTERS}]")


def remove_romanisation(line: str) -> str:
    if not ROMANISATION_START.search(line):
        return line
    line = ROMANISATION.sub(lambda m: "" if is_pinyin(m.group(1)) else m.group(0), line)
    # A '^' or '?' whose reading followed it stood for a character the copy lost: marked as lost.
    line = LOST_BEFORE_READING.sub(lambda m: LOST_MARK if is_pinyin(m.group(1)) else m.group(0), line)
    return DAMAGED_ROMANISATION.sub(lambda m: "" if is_pinyin(m.group(1)) and has_tone(m.group(1)) else m.group(0), line)


def has_tone(word: str) -> bool:
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", word)) or "ü" in word


def is_pinyin(word: str) -> bool:
    if word != word.lower():
        return False
    decomposed = unicodedata.normalize("NFD", word)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ü", "v")
    return bool(PINYIN_SYLLABLE.match(bare)) and (has_tone(word) or len(bare) >= 2)


# --- widths ------------------------------------------------------------------------------------
def _width_table():
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = 0x20  # ideographic space
    for i in range(20):  # ⑴…⒇ and ①…⑳ are outline numbers: spell them as (1)…(20)
        table[0x2474 + i] = f"({i + 1})"
        table[0x2460 + i] = f"({i + 1})"
        table[0x2488 + i] = f"{i + 1}."  # ⒈…⒛
    for i, numeral in enumerate("一二三四五六七八九十"):
        table[0x3220 + i] = f"({numeral})"  # ㈠…㈩
    return table


WIDTHS = _width_table()
# Runs of the characters WIDTHS maps: translating only them skips a dictionary lookup for every
# other character of the text.
WIDE_RUN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(WIDTHS)) + "]+")


def unify_widths(text: str) -> str:
    return WIDE_RUN.sub(lambda run: run.group().translate(WIDTHS), text)


# --- page widgets --------------------------------------------------------------------------------
# Buttons that pages print beside a headline's date and source: removed from the line, which keeps
# its facts. A bare word counts only standing apart from other characters (朗读 in prose stays).
WIDGET_WORDS = "打印本页|关闭窗口|打印|关闭|收藏|纠错|朗读|返回顶部|视力保护色|我要打印|分享"
WIDGETS = re.compile(
    rf"【[^【】]{{0,10}}(?:{WIDGET_WORDS}|字[号体])[^【】]{{0,10}}】|【\s*[大中小]\s*】"
    rf"|\[\s*(?:{WIDGET_WORDS})\s*\]"
    r"|字[号体][:]?\s*(?:[\[【(]?\s*[大中小]\s*[\]】)]?\s*){1,3}"
    r"|分享到(?:[:].*)?$"
    r"|(?:浏览|阅读|点击|访问)(?:次数|量|数)[:]?\s*\d*次?"
    rf"|(?:(?<=\s)|^)(?:{WIDGET_WORDS})(?=\s|$)"
)
WIDGETS_MAX_LEN = 160


def remove_widgets(line: str) -> str:
    return WIDGETS.sub(" ", line) if len(line) <= WIDGETS_MAX_LEN else line


# --- breadcrumbs ---------------------------------------------------------------------------------
BREADCRUMB = re.compile(
    r"^(?:您)?(?:当前|现在|目前|所在)?的?(?:位置|所在位置)[:]|^(?:当前|現在)位置|^(?:网站)?首页\s*[>›»/]"
)


def is_breadcrumb(line: str) -> bool:
    return len(line) <= BOILERPLATE_MAX_LEN and bool(BREADCRUMB.search(line))


# --- boilerplate -------------------------------------------------------------------------------
# Site furniture and adverts: a line is dropped when it is short and holds one of these words, or
# is one of the whole lines below. Every word starts with a literal character, which lets the
# regex engine skip to the places where one could start.
BOILERPLATE = re.compile(
    r"版权所有|版權所有|ICP备|ICP備|公网安备|公網安備|不良信息举报|不良信息舉報|网站标识码|網站標識碼|技术支持[:：]"
    r"|主办单位[:：]|承办单位[:：]|当前位置[:：]|當前位置|您现在的位置|打印本页|关闭窗口|【字体|字号[:：]?[大中小]"
    r"|浏览次数|阅读次数|分享到[:：]|扫一扫|上一篇[:：]|下一篇[:：]|预览结束|获取全文|定制代笔|联系老师|点击下载|下载全文"
    r"|责任编辑[:：]|Copyright|All Rights Reserved"
)
BOILERPLATE_LINE = re.compile(r"首页\s*[>›»]|\s*(?:首页|网站首页)\s*$")
BOILERPLATE_MAX_LEN = 160


def is_boilerplate(line: str) -> bool:
    return len(line) <= BOILERPLATE_MAX_LEN and bool(BOILERPLATE.search(line) or BOILERPLATE_LINE.match(line))


# --- script ------------------------------------------------------------------------------------
@functools.cache
def traditional_only_characters() -> frozenset:
    """Characters that OpenCC converts when going to simplified: the marks of traditional text."""
    dictionary = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and source not in targets.split():
            chars.add(source)
    return frozenset(chars)


CJK_RUN = re.compile(f"[{CJK}]+")


@functools.cache
def traditional_mark() -> re.Pattern:
    """One traditional-only Chinese character: counted by the regex engine, not a Python loop."""
    chars = sorted(ch for ch in traditional_only_characters() if CJK_RUN.fullmatch(ch))
    return re.compile("[" + "".join(chars) + "]")


def detect_script(text: str) -> str | None:
    cjk = sum(map(len, CJK_RUN.findall(text)))
    if not cjk:
        return None
    marked = len(traditional_mark().findall(text))
    return "traditional" if marked >= 3 and marked / cjk > 0.04 else "simplified"


@functools.cache
def _converter():
    return OpenCC("t2s")


T2S_EXCEPTIONS = resources.files("indexer") / "data" / "t2s_exceptions.tsv"


@functools.cache
def _over_traditional() -> tuple:
    """(pattern, {word: simplified}) for the words OpenCC leaves traditional (t2s_exceptions.tsv)."""
    table = {}
    for line in T2S_EXCEPTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, simplified = line.split("\t")
            table[written.strip()] = simplified.strip()
    longest_first = sorted(table, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, longest_first))), table


def to_simplified(text: str) -> str:
    pattern, table = _over_traditional()
    return pattern.sub(lambda m: table[m.group()], _converter().convert(text))


def simplify_if_traditional(text: str) -> str:
    """For short strings such as queries: convert only when a traditional character is present."""
    traditional = traditional_only_characters()
    return to_simplified(text) if any(ch in traditional for ch in text) else text


def normalise_query(text: str) -> str:
    """The same cleaning a document gets, for a user's query."""
    return simplify_if_traditional(unify_widths(xml_safe(text))).strip()
