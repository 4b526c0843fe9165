"""Highlighting: terms found in a passage's letters, mapped back to its characters, then rendered."""
import pytest

from indexer.engine.highlight import merge, render, snippet, spans


def marked(text: str, terms: list) -> str:
    return render(text, merge(spans(text, terms)))


@pytest.mark.parametrize("text, terms, expected", [
    ("加强食堂管理。", ["食堂"], "加强<mark>食堂</mark>管理。"),
    ("因私出国(境)证照管理", ["出国境证照"], "因私<mark>出国(境)证照</mark>管理"),  # across the brackets inside it
    ("食堂，食堂。", ["食堂"], "<mark>食堂</mark>，<mark>食堂</mark>。"),
    ("财务管理制度", ["财务管理", "管理制度"], "<mark>财务管理制度</mark>"),      # overlapping spans merge
    ("公务卡 Card", ["card"], "公务卡 <mark>Card</mark>"),                          # letters are matched lowercased
    ("<b>过期</b>&内容", ["过期"], "&lt;b&gt;<mark>过期</mark>&lt;/b&gt;&amp;内容"),  # the text is escaped
    ("没有命中", ["食堂"], "没有命中"),
])
def test_marks(text, terms, expected):
    assert marked(text, terms) == expected


def test_a_snippet_is_a_window_around_the_first_match():
    text = "甲" * 200 + "食堂" + "乙" * 200
    found = spans(text, ["食堂"])
    out = snippet(text, found, width=40)
    assert out.startswith("…") and out.endswith("…") and "<mark>食堂</mark>" in out
    assert len(out.replace("<mark>", "").replace("</mark>", "")) == 40 + 2


def test_a_snippet_without_matches_is_the_start_of_the_text():
    assert snippet("一二三四五六", [], width=4) == "一二三四…"
    assert snippet("一二", [], width=4) == "一二"
