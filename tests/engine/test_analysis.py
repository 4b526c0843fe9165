"""Analysis: jieba-next's words are plain jieba's, and bigram keys are what exact matching needs."""
import random

import pytest

from indexer.document.clean import clean
from indexer.engine.analysis import (bigram_keys, letter_prefix_range, letters, normalised, term_bigrams, words,
                                     words_of_texts)
from indexer.engine import analysis
from indexer.engine.segmenter import load_reference

from ..conftest import SEEDS


@pytest.fixture(scope="module")
def reference():
    """Plain jieba with the same user dictionary (loaded once in a process, as the seam loads it)."""
    return load_reference()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_jieba_next_gives_the_words_plain_jieba_gives(reference, seed):
    text = clean(seed.read_text(encoding="utf-8")).text
    expected = [w for w in map(normalised, reference.cut_for_search(text)) if w]
    assert words(text) == expected


def test_many_texts_segmented_in_one_call_get_the_words_each_would_get_alone():
    texts = ["加强食堂财务管理", "", "因私出国（境）证照集中保管。", "三重一大\u2029事项"]
    assert words_of_texts(texts) == [words(t) for t in texts]


def test_letters_drop_punctuation_and_fold_case():
    assert letters("因私出国(境)证照, OK!") == "因私出国境证照ok"


def test_every_letter_starts_one_bigram_key():
    keys = bigram_keys("食堂管理")
    assert len(keys) == 4 and int(keys[-1]) & 0xFFFF == 0  # the last letter stands alone
    low, high = letter_prefix_range("食")
    assert low <= int(keys[0]) < high


def test_a_term_is_its_bigrams_at_their_offsets():
    assert [offset for offset, _ in term_bigrams("食堂管理")] == [0, 1, 2]


def test_a_long_texts_letters_picked_by_table_are_the_patterns():
    """From LONG_TEXT characters letters() uses a table of the basic plane: the same letters as the
    pattern, whatever the text holds (capitals that lower into letters, full-width forms, surrogates
    left by a bad decoding, characters beyond the basic plane, the ranges' edges)."""
    rng = random.Random(1)
    codes = [*range(0x20, 0x300), *range(0x3000, 0x3100), *range(0x33F0, 0x3410), *range(0x4DBE, 0x4E02),
             *range(0x9FFE, 0xA002), *range(0xF8FE, 0xFB02), *range(0xFF00, 0xFF60),
             0x130, 0x212A, 0x1E9E, 0xD800, 0xDCFF, 0x1F600, 0x20000, 0xFFFF, 0x10061, 0x14E00, 0x24E01]
    pool = [chr(code) for code in codes]
    for _ in range(1000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(analysis.LONG_TEXT, 3 * analysis.LONG_TEXT)))
        assert analysis.letters(text) == analysis.NOT_LETTER.sub("", text.lower())
