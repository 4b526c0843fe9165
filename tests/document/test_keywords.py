"""The three reading rules of keywords: longer words win, not_in phrases silence, weak words need support."""
from dataclasses import dataclass

from indexer.document.keywords import Vocabulary


@dataclass
class Entry:
    keywords: tuple
    weak: tuple = ()
    not_in: tuple = ()


ASSETS, VILLAGE, RECEPTION, PROCUREMENT, WORKS = range(5)
VOCABULARY = Vocabulary.of([
    Entry(("资产管理",), weak=("资产",)),
    Entry(("集体资产", "三资")),
    Entry(("公务接待", "接待"), not_in=("接待群众",)),
    Entry(("政府采购", "采购"), weak=("招标",)),
    Entry(("工程项目",)),
])


def words(text):
    return {label: [m.word for m in found] for label, found in VOCABULARY.matches(text).items()}


def test_a_word_inside_a_longer_word_of_another_label_belongs_to_the_longer_one():
    assert words("集体资产底数不清") == {VILLAGE: ["集体资产"]}


def test_a_longer_word_of_the_same_label_counts_once():
    assert words("政府采购不规范") == {PROCUREMENT: ["政府采购"]}


def test_a_not_in_phrase_silences_its_label_only():
    assert words("接待群众不热情") == {}
    assert words("公务接待超标准") == {RECEPTION: ["公务接待"]}


def test_a_weak_word_needs_its_own_label_or_an_empty_field():
    assert words("招标程序不规范") == {PROCUREMENT: ["招标"]}
    assert words("工程项目应招标未招标") == {WORKS: ["工程项目"]}
    assert words("采购应招标未招标") == {PROCUREMENT: ["采购", "招标", "招标"]}


def test_every_occurrence_counts():
    assert words("采购计划和采购合同") == {PROCUREMENT: ["采购", "采购"]}
