"""Analysis: how text becomes index terms.

Two analyzers, one job each:
- words: jieba segmentation with the field's user dictionary, for ranking by meaning;
- bigrams: overlapping character pairs over the letters and digits of the text (punctuation
  skipped), for recall: every string that occurs in a passage is a phrase of its bigrams, whatever
  jieba made of it. '出国境证照' and '出国(境)证照' give the same bigrams.

Segmentation is the expensive step, so it can run in worker processes: `segment()` returns the
words as one space-joined string, and the words analyzer passes such a `Segmented` value through
without segmenting it again.
"""
import functools
import logging
import re
from array import array
from importlib import resources

from whoosh.analysis import Token, Tokenizer

WORD_CHAR = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u00c0-\u024f]")
STOPWORDS = frozenset("的 了 和 与 及 等 是 在 对 为 将 把 并 或 也 就 都 而 被 以 于 其 之 中 上 下 年 月 日 个 一 有 该".split())


class Segmented(str):
    """Text already segmented: words separated by single spaces."""


@functools.cache
def jieba_ready():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    dictionary = resources.files("indexer") / "data" / "userdict.txt"
    with resources.as_file(dictionary) as path:
        jieba.load_userdict(str(path))
    jieba.initialize()
    return jieba


def words(text: str, for_query: bool = False) -> list:
    """jieba words of text, lowercased, without punctuation and stopwords.

    Documents use the search mode (a long word also yields its parts) so that a short query word
    finds it; queries use the precise mode.
    """
    jieba = jieba_ready()
    pieces = jieba.cut(text) if for_query else jieba.cut_for_search(text)
    out = []
    for piece in pieces:
        piece = piece.strip().lower()
        if piece and piece not in STOPWORDS and WORD_CHAR.search(piece):
            out.append(piece)
    return out


def segment(text: str) -> Segmented:
    return Segmented(" ".join(words(text)))


class WordTokenizer(Tokenizer):
    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        pieces = value.split(" ") if isinstance(value, Segmented) else words(value, for_query=(mode == "query"))
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, piece in enumerate(pieces, start_pos):
            if not piece:
                continue
            token.text = piece
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
            yield token


NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u00c0-\u024f]+")


def letters(text: str) -> str:
    """The letters and digits of text, lowercased, in one string: what the bigram field indexes."""
    return NOT_WORD.sub("", text.lower())


def indexable(text: str) -> list:
    """(character, offset) for the letters and digits of text, lowercased."""
    return [(ch, i) for i, ch in enumerate(text.lower()) if WORD_CHAR.match(ch)]


def bigrams(text: str) -> list:
    """[(bigram, startchar, endchar)]. A lone last character is kept as a unigram so that a
    one-character query (a prefix search) reaches the end of a passage too."""
    kept = indexable(text)
    out = [(a + b, i, j + 1) for (a, i), (b, j) in zip(kept, kept[1:])]
    if kept:
        ch, i = kept[-1]
        out.append((ch, i, i + 1))
    return out


RUN = re.compile(r"[0-9a-zA-Z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u00c0-\u024f]+")


def letter_runs(text: str) -> bytes:
    """Where the text's letters and digits stand: (letter index, character offset) of every run,
    as packed 32-bit integers. Stored with each passage, it maps a place in the letters (where the
    bigram field and exact matching work) back to characters of the text (for highlighting)."""
    out, letters_before = array("I"), 0
    for run in RUN.finditer(text):
        out.extend((letters_before, run.start()))
        letters_before += run.end() - run.start()
    return out.tobytes()


def unpack_runs(packed: bytes) -> array:
    runs = array("I")
    runs.frombytes(packed or b"")
    return runs


def query_bigrams(text: str) -> list:
    """The bigrams a query string must match in sequence ([] when it has no letters or digits)."""
    kept = [ch for ch, _ in indexable(text)]
    if len(kept) == 1:
        return kept
    return [a + b for a, b in zip(kept, kept[1:])]


class BigramTokenizer(Tokenizer):
    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (gram, start, end) in enumerate(bigrams(value), start_pos):
            token.text = gram
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def word_analyzer():
    return WordTokenizer()


def bigram_analyzer():
    return BigramTokenizer()
