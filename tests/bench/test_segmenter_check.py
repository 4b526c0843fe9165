"""jieba-next as the engine loads it cuts plain jieba's words, word for word, in both modes, on a
sample of generated notices and on the seeds (bench/segmenter_check.py does it on 2,000 passages)."""
from bench import segmenter_check
from bench.generate import generate
from indexer.engine import segmenter

from ..conftest import CORPUS


def test_jieba_next_and_plain_jieba_cut_the_same_words(tmp_path):
    texts = segmenter_check.passages(generate(200, tmp_path / "corpus-200"), 200) + segmenter_check.whole_texts(CORPUS)
    report = segmenter_check.compare(*segmenter.segmenters(), texts)
    assert report["texts"] == 200 + len(list(CORPUS.glob("*.txt")))
    assert [(report[mode]["differing"], report[mode]["first"]) for mode in segmenter_check.MODES] == [(0, [])] * 2


def test_a_difference_is_counted_and_shown_where_it_starts():
    class Reference:
        cut = cut_for_search = staticmethod(lambda text: iter(text.split()))

    class Candidate:
        cut = cut_for_search = staticmethod(lambda text: iter(text.replace("公务 接待", "公务接待").split()))

    report = segmenter_check.compare(Reference(), Candidate(), [("a", "整改 公务 接待 问题"), ("b", "食堂 管理")])
    assert report["cut"]["differing"] == 1
    assert report["cut"]["first"] == [{"text": "a", "piece": 1, "jieba": "整改/公务/接待/问题",
                                       "jieba_next": "整改/公务接待/问题"}]
