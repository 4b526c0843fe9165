"""Highlighting: terms found in a passage's letters, mapped back to its characters; the best window;
HTML for the web, bold for a terminal, plain text for pipes and spreadsheets."""
import pytest

from indexer.engine.highlight import (BOLD, RESET, as_html, as_plain, best_window, on_terminal, plain_spans, spans,
                                      whole)


def marked(text: str, terms: list) -> str:
    return as_html(whole(text, spans(text, terms)))


@pytest.mark.parametrize("text, terms, expected", [
    ("加强食堂管理。", ["食堂"], "加强<mark>食堂</mark>管理。"),
    ("因私出国(境)证照管理", ["出国境证照"], "因私<mark>出国(境)证照</mark>管理"),  # across the brackets inside it
    ("食堂，食堂。", ["食堂"], "<mark>食堂</mark>，<mark>食堂</mark>。"),
    ("财务管理制度", ["财务管理", "管理制度"], "<mark>财务管理制度</mark>"),      # overlapping spans merge
    ("公务卡 Card", ["card"], "公务卡 <mark>Card</mark>"),                          # letters are matched lowercased
    ("<b>过期</b>&内容", ["过期"], "&lt;b&gt;<mark>过期</mark>&lt;/b&gt;&amp;内容"),  # the text is escaped
    ('修订"三重一大"决策制度', ["决策制度"], '修订&quot;三重一大&quot;<mark>决策制度</mark>'),
    ("没有命中", ["食堂"], "没有命中"),
])
def test_marks_in_html(text, terms, expected):
    assert marked(text, terms) == expected


def test_the_window_with_the_most_distinct_terms_wins_over_the_first_match():
    text = "食堂" + "甲" * 200 + "食堂账目与餐费" + "乙" * 200
    window = best_window(text, spans(text, ["食堂", "餐费"]), width=40)
    plain = as_plain(window)
    assert "食堂账目与餐费" in plain and plain.startswith("…") and plain.endswith("…")
    assert len(window.text) == 40


def test_between_equals_the_window_with_more_occurrences_wins():
    text = "食堂" + "甲" * 100 + "食堂乙食堂" + "丙" * 100
    window = best_window(text, spans(text, ["食堂"]), width=40)
    assert window.text.count("食堂") == 2


def test_a_short_text_is_shown_whole_and_a_text_without_matches_from_its_start():
    assert as_plain(best_window("一二三", [], width=4)) == "一二三"
    assert as_plain(best_window("一二三四五六", [], width=4)) == "一二三四…"


@pytest.mark.parametrize("bold, expected", [
    (True, f"…乙{BOLD}食堂{RESET}乙…"),
    (False, "…乙食堂乙…"),
])
def test_a_terminal_gets_bold_and_a_pipe_plain_text(bold, expected):
    text = "甲甲乙食堂乙丁丁"
    window = best_window(text, spans(text, ["食堂"]), width=4)
    assert on_terminal(as_plain(window), plain_spans(window), bold) == expected


def test_plain_text_carries_no_markup_or_entities():
    text = 'A&B <公告> "三重一大"决策制度'
    window = whole(text, spans(text, ["决策制度"]))
    assert as_plain(window) == text
    assert "&" in as_plain(window) and "&amp;" not in as_plain(window)
