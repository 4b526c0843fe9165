"""The segmenter seam: jieba-next where it loads and agrees with plain jieba, else plain jieba with the
same dictionary and the same words; the build's summary line says which runs."""
import sys
import types
from importlib import metadata

import pytest

from indexer.document.clean import clean
from indexer.engine import analysis, segmenter as seam

from ..conftest import SEEDS


@pytest.fixture
def without_jieba_next(monkeypatch):
    """A machine where jieba-next is not installed: importing it fails as it would there."""
    monkeypatch.setitem(sys.modules, "jieba_next", None)  # `import jieba_next` raises ImportError


@pytest.fixture
def fallback(without_jieba_next):
    return seam.choose()


@pytest.fixture(scope="module")
def seed_texts():
    return [clean(seed.read_text(encoding="utf-8")).text for seed in SEEDS]


def test_the_sample_holds_plain_jiebas_words_with_the_user_dictionary():
    """The self-check's expectations are plain jieba's own output (after a user dictionary edit,
    `python -m indexer.engine.segmenter` prints them anew)."""
    reference = seam.load_reference()
    for text, cut, search in seam.SAMPLE:
        assert "/".join(reference.cut(text)) == cut
        assert "/".join(reference.cut_for_search(text)) == search


def test_jieba_next_runs_where_it_loads_and_agrees():
    assert seam.segmenter().name == "jieba-next" and seam.segmenter().fallback_reason is None
    assert seam.segmenter_line() == f"分词：jieba-next {metadata.version('jieba-next')}"


def test_without_jieba_next_plain_jieba_runs_and_the_summary_says_so(fallback):
    assert fallback.name == "jieba" and fallback.module is sys.modules["jieba"]
    assert fallback.line() == f"分词：jieba {metadata.version('jieba')} (jieba-next 不可用)"


def test_a_jieba_next_that_cuts_other_words_is_not_used(monkeypatch):
    def one_by_one(text, *args, **kwargs):
        return iter(text)

    broken = types.ModuleType("jieba_next")
    broken.set_log_level = broken.load_userdict = broken.initialize = lambda *args: None
    broken.cut = broken.cut_for_search = one_by_one
    monkeypatch.setitem(sys.modules, "jieba_next", broken)
    chosen = seam.choose()
    assert chosen.name == "jieba"
    assert chosen.line().endswith("(jieba-next 与 jieba 分词不同)")


def test_the_fallback_gives_the_same_words_in_both_modes(fallback, seed_texts):
    accelerator = seam.segmenter()
    assert accelerator.name == "jieba-next"
    for text in seed_texts:
        assert list(fallback.cut_for_search(text)) == list(accelerator.cut_for_search(text))
        assert list(fallback.cut(text)) == list(accelerator.cut(text))


def test_index_words_and_one_call_batching_are_the_same_on_the_fallback(monkeypatch, fallback, seed_texts):
    queries = ["食堂财务管理", "因私出国（境）证照", "三重一大", "公务接待 超标准"]
    expected = ([analysis.words(t) for t in seed_texts], analysis.words_of_texts(seed_texts),
                [analysis.words(q, for_query=True) for q in queries])
    monkeypatch.setattr(analysis, "segmenter", lambda: fallback)
    assert analysis.jieba_ready() is fallback
    assert ([analysis.words(t) for t in seed_texts], analysis.words_of_texts(seed_texts),
            [analysis.words(q, for_query=True) for q in queries]) == expected
    assert analysis.words_of_texts(seed_texts) == [analysis.words(t) for t in seed_texts]



@pytest.mark.parametrize("text", ["毣瑖駥", "报账员毣瑖", "䶮龑同志", "财务管理"])
def test_hmm_ties_go_the_way_plain_jieba_breaks_them(text):
    """Characters the HMM never saw make competing paths tie; jieba-next is given jieba's way out."""
    import jieba.finalseg as reference

    probability, states = reference.viterbi(text, "BMES", reference.start_P, reference.trans_P, reference.emit_P)
    assert seam.viterbi_as_jieba(text, reference.start_P, reference.trans_P, reference.emit_P) == \
        (probability, "".join(states))


def test_the_accelerator_keeps_runs_of_rare_characters_apart_as_plain_jieba_does():
    assert list(seam.load_accelerator().cut("原报账员毣瑖駥经手")) == list(seam.load_reference().cut("原报账员毣瑖駥经手"))
