"""Runs of characters that are no Chinese text: what is left of a line whose bytes were decoded out
of step (GB18030 read one byte off, bytes lost on the way) once every repair has been tried. Such a
run is neither shown nor indexed as words: each of its characters becomes the lost-character mark □,
and the run is kept, as it read, in the record (Notice.unreadable); the published line stays in the
original text.

The knowledge used, and why it holds:
- A decoding out of step pairs each byte with the wrong neighbour. The pairs land anywhere in the
  character set: in its private-use area and symbol rows (bopomofo, box drawing, kana), or on one
  of the thousands of characters a modern text never uses. GB2312 puts the 3,755 characters of
  everyday text in its first level; a character outside that level which fewer than RARE_IN_WORDS
  of jieba's 350,000 dictionary words hold (寏 none, 衤 one) is not written on purpose. Such a
  character, or a private-use or replacement character, is an *anchor*. Rare characters that are
  real (those of names and places, 鲖, 喆) are held by dictionary words, and are never enough alone.
- Fluent text is made of words: nearly every character forms a dictionary word with a neighbour,
  or is a word by itself that the language uses often (的, 对, 将). A character that does neither
  is an *orphan*. Names and slogans have two or three orphans in a row; what a misaligned decoding
  leaves hardly forms words at all.
A run (the characters between two punctuation marks) is unreadable when an orphan in it is an
anchor, and orphans make up a third or more of it and at least MIN_ORPHANS characters.

Before a run is marked, it is decoded again one byte further on from each place where the
misalignment may begin (the repair of a shifted decoding): a fluent reading replaces the run.
"""
import functools
import math
import re
import importlib.util
from pathlib import Path

LOST_MARK = "□"  # how Chinese print marks a character that cannot be read

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# What only a decoder leaves in Chinese text: private use, the replacement character, and the
# symbol rows of GB2312 that misaligned pairs fall on (bopomofo, box drawing, kana).
# (Not the katakana middle dot U+30FB, which joins the parts of foreign names in Chinese text.)
DECODER_DEBRIS = "\ue000-\uf8ff\ufffd\u3100-\u312f\u2500-\u257f\u3040-\u30fa"
RUN = re.compile(f"[{CJK}{DECODER_DEBRIS}]+")
DEBRIS = re.compile(f"[{DECODER_DEBRIS}]")
LEVEL_ONE = 3755          # GB2312's first level: the characters of everyday text
RARE_IN_WORDS = 3         # a character fewer dictionary words hold than this is rare
# A character used by itself this often (jieba's frequency of the one-character word) is fluent
# text alone: 的 318,825, 将 ~30,000; one that is only a part of words (荒 1,040, 措 209) is not.
COMMON_ALONE = 5000
MIN_ORPHANS = 4
MIN_CHINESE_ORPHANS = 2
MIN_ORPHAN_SHARE = 1 / 3


class Vocabulary:
    """jieba's dictionary as its text: a word per line, "word frequency tag". Two Chinese characters
    side by side in it are always inside one word (words are separated by spaces, digits and line
    breaks), so a pair is found by a substring search. Tables are made only when first needed: a
    document whose rare characters are all held by words never needs them."""

    def __init__(self, text: str):
        self.text = text

    @functools.cached_property
    def frequency_alone(self) -> dict:
        return {char: int(count) for char, count in re.findall("^(.) ([0-9]+)", self.text, re.M)}

    @functools.cached_property
    def frequency_of_pair(self) -> dict:
        return {pair: int(count) for pair, count in re.findall("^(..) ([0-9]+)", self.text, re.M)}

    @functools.lru_cache(maxsize=1 << 14)
    def joins(self, pair: str) -> bool:
        """Do the two characters stand side by side inside some word?"""
        return pair in self.text

    def alone(self, char: str) -> int:
        """How often char is a word by itself (0 when it is none)."""
        return self.frequency_alone.get(char, 0)

    def commonness(self, text: str) -> float:
        """How common the two-character words of text are, together (log frequencies summed)."""
        return sum(math.log1p(self.frequency_of_pair.get(text[i:i + 2], 0)) for i in range(len(text) - 1))

    @functools.lru_cache(maxsize=1 << 14)
    def is_rare(self, char: str) -> bool:
        """Outside GB2312's first level, and held by fewer than RARE_IN_WORDS words (its occurrences
        in the dictionary's text, counted up to that many)."""
        if char in level_one():
            return False
        found, start = 0, 0
        while found < RARE_IN_WORDS and (start := self.text.find(char, start) + 1):
            found += 1
        return found < RARE_IN_WORDS


@functools.cache
def vocabulary() -> Vocabulary:
    """jieba's dictionary, read only when a line has an anchor. Plain jieba's copy (jieba-next ships the
    same file): jieba is always installed, jieba-next only where it loads."""
    return Vocabulary(jieba_dictionary().read_text(encoding="utf-8"))


def jieba_dictionary() -> Path:
    """Plain jieba's dict.txt, found without importing jieba (the import alone takes a quarter of a
    second, paid by every update when jieba-next segments)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed; it is one of the project's requirements.")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@functools.cache
def level_one() -> frozenset:
    """GB2312's first level, decoded from the table itself: rows 16 to 55 (lead bytes B0-D7)."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the five empty cells at the end of row 55
    assert len(chars) == LEVEL_ONE
    return frozenset(chars)


@functools.cache
def outside_level_one() -> re.Pattern:
    """Debris, or a Chinese character outside GB2312's first level: a line without one is fluent."""
    return re.compile(f"[{DECODER_DEBRIS}]|(?![{''.join(sorted(level_one()))}])[{CJK}]")


def orphans(run: str, words: Vocabulary) -> list:
    """For each character of run: does it form no word with a neighbour, and is it no common word alone?"""
    flags = []
    for i, char in enumerate(run):
        joined = (i > 0 and words.joins(run[i - 1:i + 1])) or (i + 1 < len(run) and words.joins(run[i:i + 2]))
        flags.append(not joined and words.alone(char) < COMMON_ALONE)
    return flags


def is_anchor(char: str, words: Vocabulary) -> bool:
    return bool(DEBRIS.match(char)) or words.is_rare(char)


def is_unreadable(run: str, words: Vocabulary) -> bool:
    anchors = [i for i, char in enumerate(run) if is_anchor(char, words)]
    if not anchors:  # most runs: a rare character of a name is held by words, and stops here
        return False
    flags = orphans(run, words)
    count = sum(flags)
    # Chinese characters among the orphans: a rule of box-drawing lines or a row of icon-font glyphs is
    # page furniture, not text decoded out of step.
    chinese_orphans = sum(flag and not DEBRIS.match(char) for char, flag in zip(run, flags))
    return (any(flags[i] for i in anchors) and count >= MIN_ORPHANS and chinese_orphans >= MIN_CHINESE_ORPHANS
            and count >= math.ceil(len(run) * MIN_ORPHAN_SHARE))


def shifted_reading(run: str, start: int) -> str | None:
    """run with its characters from start decoded one byte further on (the first of their bytes
    taken as a stray one); a character whose bytes were cut short becomes □. None when the run
    holds what GB18030 cannot encode."""
    try:
        data = run[start:].rstrip("\ufffd").encode("gb18030")[1:]
    except UnicodeEncodeError:
        return None
    return run[:start] + data.decode("gb18030", errors="replace").replace("\ufffd", LOST_MARK)


def disorder(text: str, words: Vocabulary) -> int | None:
    """How many characters of text form no word (□ aside), or None when it is no reading at all
    (an anchor, or anything but Chinese characters and □)."""
    if not re.fullmatch(f"[{CJK}{LOST_MARK}]+", text):
        return None
    flags = [(char, flag) for char, flag in zip(text, orphans(text, words)) if char != LOST_MARK]
    return None if any(is_anchor(char, words) for char, _ in flags) else sum(flag for _, flag in flags)


def repaired(run: str, words: Vocabulary) -> str | None:
    """The run read again one byte on from where the misalignment starts, when one such reading is
    fluent (at most one character that forms no word); of several, the most fluent, then the one
    whose new words are the commoner (严格 before 把格), then the one that changes least. The
    misalignment starts at the first anchor or before it."""
    first_anchor = next(i for i, char in enumerate(run) if is_anchor(char, words))
    readings = []
    for start in range(first_anchor, -1, -1):
        reading = shifted_reading(run, start)
        score = disorder(reading, words) if reading else None
        if score is not None and score <= 1:
            readings.append((score, -words.commonness(reading[start:]), -start, reading))
    return min(readings)[-1] if readings else None


def mark_unreadable(line: str) -> tuple[str, list]:
    """(line with each unreadable run repaired or marked □ per character, [the runs marked, as they read])."""
    if not outside_level_one().search(line):
        return line, []
    words = vocabulary()
    marked = []

    def judged(match):
        run = match.group()
        if not outside_level_one().search(run) or not is_unreadable(run, words):
            return run
        reading = repaired(run, words)
        if reading:
            return reading
        marked.append(run)
        return LOST_MARK * len(run)

    return RUN.sub(judged, line), marked
