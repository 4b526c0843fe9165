"""Analysis: jieba-next's words are plain jieba's, and bigram keys are what exact matching needs."""
import pytest

from indexer.document.clean import clean
from indexer.engine.analysis import (bigram_keys, letter_prefix_range, letters, normalised, term_bigrams, words,
                                     words_of_texts)
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
