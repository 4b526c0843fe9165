"""Did you mean, from the index's own words; no synonyms built inside a term the index does not know."""
import random
import re

import numpy as np
import pytest

from indexer.engine import build, evaluate, vocabulary
from indexer.engine.analysis import letters
from indexer.engine.search import Engine, Request
from indexer.engine.vocabulary import did_you_mean, fills_between

NOTICE = ("中共{unit}委员会关于巡察整改进展情况的通报\n"
          "一、巡察反馈问题的整改情况\n"
          "（一）关于机关食堂管理不规范的问题\n整改进展情况：完善食堂管理制度，食堂账目按月公示。\n"
          "（二）关于公务用车管理不严的问题\n整改进展情况：公务用车实行统一调度，建立用车台账。\n"
          "中共{unit}委员会\n2025年5月6日\n")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("vocabulary-corpus")
    for n, unit in enumerate(("甲县教育局", "乙县卫生局")):
        (corpus / f"{n}.txt").write_text(NOTICE.format(unit=unit), encoding="utf-8")
    index = tmp_path_factory.mktemp("vocabulary-index")
    build.run(corpus, index, jobs=1, progress=False)
    return Engine(index, background=False)


def search(engine, q):
    return engine.search(Request.from_params({"q": q}))


@pytest.mark.parametrize("typo, meant", [("食唐管理", "食堂管理"), ("食唐", "食堂"), ("用车台帐", "用车台账")])
def test_a_term_one_character_from_a_held_term_gets_it_suggested(engine, typo, meant):
    result = search(engine, typo)
    assert result["total_exact"] == 0
    assert result["suggestions"] == [{"term": typo, "instead": meant}]
    assert search(engine, meant)["total_exact"] > 0  # the suggestion finds something


def test_a_term_the_index_holds_gets_no_suggestion(engine):
    assert search(engine, "食堂管理")["suggestions"] == []


def test_a_term_nothing_is_near_gets_no_suggestion(engine):
    assert search(engine, "量子纠缠")["suggestions"] == []


def test_no_synonyms_are_built_inside_a_term_the_index_does_not_know(engine):
    assert search(engine, "公车食唐")["expanded"] == {}
    assert search(engine, "公务用车食唐")["expanded"] == {}


def test_a_synonym_table_word_is_still_expanded(engine):
    assert "公务用车" in search(engine, "公车")["expanded"].get("公车", [])


@pytest.fixture(scope="module")
def segmented(tmp_path_factory):
    """Segments from two builds; then one notice of the first is deleted (its file removed), its
    segment kept with the notice marked deleted."""
    corpus, index = tmp_path_factory.mktemp("segmented-corpus"), tmp_path_factory.mktemp("segmented-index")
    builds = [("甲县教育局", "丙县水利局独有单位", "丁县财政局", "戊县民政局", "己县司法局"), ("乙县卫生局",)]
    for units in builds:
        for unit in units:
            (corpus / f"{unit}.txt").write_text(NOTICE.format(unit=unit), encoding="utf-8")
        build.run(corpus, index, jobs=1, progress=False)
    (corpus / "丙县水利局独有单位.txt").unlink()
    build.run(corpus, index, jobs=1, progress=False)
    _, generation = Engine(index, background=False).current()
    assert len(generation.parts) >= 2 and any(part.deleted.any() for part in generation.parts)
    return index


def fresh_evaluator(index):
    """A generation's evaluator with nothing looked up yet."""
    _, generation = Engine(index, background=False).current()
    return generation.evaluator


@pytest.mark.parametrize("term", ["食堂", "用车台账", "整改进展", "水利局独有", "局", "堂"])
@pytest.mark.parametrize("count", [1, 2, 3, 50])
@pytest.mark.parametrize("chunk", [1, 3, 1024])
def test_the_first_passages_of_a_term_are_those_its_whole_postings_begin_with(segmented, monkeypatch, term, count,
                                                                               chunk):
    monkeypatch.setattr(evaluate, "FIRST_CHUNK", chunk)  # read a few occurrences at a time, or all at once
    monkeypatch.setattr(evaluate, "LETTER_HEAD", chunk)
    first = fresh_evaluator(segmented).first_passages("body_bigrams", term, count)
    whole = fresh_evaluator(segmented).exact("body_bigrams", term).docs
    assert first.tolist() == whole[:count].tolist()


def test_a_term_occurs_only_in_live_passages(segmented):
    evaluator = fresh_evaluator(segmented)
    assert evaluator.occurs("食堂管理") and evaluator.occurs("乙县卫生局")
    assert not evaluator.occurs("水利局独有")  # its notice is deleted, its passages still in the segment
    assert not evaluator.occurs("食唐管理")


def test_the_fills_between_two_sides_are_what_the_pattern_finds():
    # Short strings over four letters: overlaps, repeats and matches at both ends are common.
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice("甲乙丙丁") for _ in range(rng.randint(0, 12)))
        term = "".join(rng.choice("甲乙丙丁") for _ in range(rng.randint(1, 4)))
        at = rng.randrange(len(term))
        before, after = term[:at], term[at + 1:]
        assert fills_between(text, before, after) == re.findall(re.escape(before) + "(.)" + re.escape(after), text)


class TextsAsIndex:
    """An evaluator over a few texts, as did-you-mean asks one: a term's first passages and
    whether it occurs, found in the texts' letters."""

    def __init__(self, texts):
        self.letters = [letters(text) for text in texts]

    def first_passages(self, field_name, term, count):
        return np.array([n for n, held in enumerate(self.letters) if term in held][:count], dtype=np.int64)

    def occurs(self, term):
        return any(term in held for held in self.letters)


class HoldsEverything(str):
    """A text that says it holds any letter asked: no passage can be passed over unread."""

    def __contains__(self, letter):
        return True


def test_a_suggestion_is_the_same_when_passages_without_the_other_side_go_unread(monkeypatch):
    # A passage is passed over, its letters never made, when it lacks one of the Chinese letters
    # besides the fill. Over random texts (letters split by punctuation, a Latin letter in either
    # case) the suggestion is the one read from every passage, and fewer passages are read.
    made = []
    monkeypatch.setattr(vocabulary, "letters", lambda text: made.append(text) or letters(text))
    rng = random.Random(5)
    alphabet = "甲乙丙丁戊己庚辛壬癸，。 Aa"
    letters_made = {"passing over": 0, "reading all": 0}
    for _ in range(3000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(rng.randint(1, 8))]
        term = "".join(rng.choice("甲乙丙丁戊a") for _ in range(rng.randint(2, 4)))
        index = TextsAsIndex(texts)
        found = {}
        for how, body_of in (("passing over", texts.__getitem__),
                             ("reading all", lambda docnum: HoldsEverything(texts[docnum]))):
            made.clear()
            found[how] = did_you_mean(index, body_of, term)
            letters_made[how] += sum(1 for text in made if text in texts)   # the passages' (not the term's)
        assert found["passing over"] == found["reading all"], (texts, term)
    assert letters_made["passing over"] < letters_made["reading all"]


def test_a_fill_is_found_across_punctuation_and_case():
    texts = ["奢，靡之风", "A，b丙丁"]
    assert did_you_mean(TextsAsIndex(texts), texts.__getitem__, "奢靡之凤") == "奢靡之风"
    assert did_you_mean(TextsAsIndex(texts), texts.__getitem__, "ab丙戊") == "ab丙丁"
