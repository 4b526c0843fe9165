"""Analysis: how text becomes index terms, in two ways with one job each.

- words: jieba segmentation with the field's user dictionary, for ranking by meaning. It runs
  behind one seam (segmenter.py): jieba-next, a Rust port about three times as fast, where it loads
  and cuts the words plain jieba cuts; else plain jieba, the reference. Plain jieba stays the
  yardstick of speed (bench/) and of the words (bench/segmenter_check.py).
- letters: the letters and digits of a text, lowercased, punctuation dropped. Their overlapping
  pairs (bigrams) are indexed with their positions, so that any string a passage holds is found
  by joining the positions of its bigrams, whatever the segmentation made of it: '出国境证照' and
  '出国(境)证照' have the same letters.

Terms are stored as 64-bit keys: a bigram is its two code points (every letter is in the Basic
Multilingual Plane), a word a hash of its text.
"""
import functools
import hashlib
import re
from array import array

import numpy as np

from .segmenter import segmenter

LETTER = r"0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u00c0-\u024f"
WORD_CHAR = re.compile(f"[{LETTER}]")
NOT_LETTER = re.compile(f"[^{LETTER}]+")
RUN = re.compile(r"[0-9a-zA-Z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u00c0-\u024f]+")
STOPWORDS = frozenset("的 了 和 与 及 等 是 在 对 为 将 把 并 或 也 就 都 而 被 以 于 其 之 中 上 下 年 月 日 个 一 有 该".split())


# --- words ---------------------------------------------------------------------------------------
def jieba_ready():
    """The segmenter of this process, loaded with the user dictionary (once; segmenter.py chooses it)."""
    return segmenter()


def words(text: str, for_query: bool = False) -> list:
    """jieba words of text, lowercased, without punctuation and stopwords.

    Documents use the search mode (a long word also yields its parts) so that a short query word
    finds it; queries use the precise mode.
    """
    jieba = jieba_ready()
    pieces = jieba.cut(text) if for_query else jieba.cut_for_search(text)
    return [word for word in map(normalised, pieces) if word]


# Between texts segmented in one call. jieba cuts its input into blocks at every character that
# is not a letter, a digit or a few joiners, and segments each block alone, so one call over
# many texts gives each text the words it would get alone, for a fraction of the calls.
TEXT_SEPARATOR = "\u2029"


def words_of_texts(texts: list) -> list:
    """words() of each text (the search mode), segmented in one call."""
    joined = TEXT_SEPARATOR.join(text.replace(TEXT_SEPARATOR, " ") for text in texts)
    out, current = [], []
    for piece in jieba_ready().cut_for_search(joined):
        if piece == TEXT_SEPARATOR:
            out.append(current)
            current = []
        elif word := normalised(piece):
            current.append(word)
    out.append(current)
    return out


@functools.lru_cache(maxsize=1 << 18)
def normalised(piece: str) -> str | None:
    """A piece of jieba's output as an index word: lowercased, or None for punctuation and stopwords."""
    piece = piece.strip().lower()
    return piece if piece and piece not in STOPWORDS and WORD_CHAR.search(piece) else None


def word_key(word: str) -> int:
    """A stable 64-bit key for a word (the same in every process and on every machine)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


# --- letters and bigrams -----------------------------------------------------------------------
LONG_TEXT = 512   # characters: from this many, letters() picks them out with numpy (a passage's text
                  # took 20 ns a character by the pattern, a quarter of that by a table)


@functools.cache
def is_letter_table() -> np.ndarray:
    """For every code point of the basic plane, whether LETTER holds it (the pattern, asked once)."""
    table = np.zeros(1 << 16, dtype=bool)
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 1 << 16)))
    found = np.frombuffer("".join(WORD_CHAR.findall(every)).encode("utf-32-le"), dtype=np.uint32)
    table[found] = True
    return table



def letters(text: str) -> str:
    """The letters and digits of text, lowercased, in one string: what the bigrams are made of."""
    lowered = text.lower()
    if len(lowered) < LONG_TEXT:
        return NOT_LETTER.sub("", lowered)
    points = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kept = points[is_letter_table()[np.minimum(points, 0xFFFF)]]   # beyond the basic plane: no letter of ours
    return kept.tobytes().decode("utf-32-le")


def indexable(text: str) -> bool:
    return bool(WORD_CHAR.search(text.lower()))


def code_points(letter_text: str) -> np.ndarray:
    return np.frombuffer(letter_text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def bigram_keys(letter_text: str) -> np.ndarray:
    """The key of the bigram starting at each position; the last letter stands alone (its second
    code point is 0), so that every letter starts exactly one key."""
    points = code_points(letter_text)
    if not len(points):
        return points
    following = np.zeros(len(points), dtype=np.int64)
    following[:-1] = points[1:]
    return (points << 16) | following


def letter_prefix_range(letter: str) -> tuple[int, int]:
    """Keys of every bigram that starts with the letter, as a half-open range."""
    point = ord(letter)
    return point << 16, (point + 1) << 16


def term_bigrams(letter_text: str) -> list:
    """(offset, key) of the bigrams a term of two or more letters is made of."""
    keys = bigram_keys(letter_text)[:-1]
    return list(enumerate(keys.tolist()))


# --- from letters back to characters (highlighting) ------------------------------------------------
def letter_runs(text: str) -> array:
    """Where the text's letters and digits stand: (letter index, character offset) of every run.
    It maps a place in the letters back to the characters of the text."""
    out, letters_before = array("I"), 0
    for run in RUN.finditer(text):
        out.extend((letters_before, run.start()))
        letters_before += run.end() - run.start()
    return out
