"""Re-flow: lines as printed on pages → paragraphs, from what the layout tells."""
import pytest

from indexer.document.reflow import Line, Page, reflow

EM = 10.0
LEFT = 100.0
RIGHT = LEFT + 36 * EM  # a column of 36 full-width characters
FILLER = "整改工作扎实推进各项措施落实到位长效机制逐步健全" * 3


def line(text, indent=0, right=None):
    """A line set from the column's left edge (plus indent characters), all characters full-width."""
    left = LEFT + indent * EM
    return Line(text, left, right if right is not None else left + len(text) * EM)


def full(text="", indent=0):
    """A full line: text, then filler up to the column's end."""
    return line((text + FILLER)[: 36 - indent], indent)


def paragraphs(*pages):
    return reflow([Page(LEFT * 2 + 36 * EM, list(lines)) for lines in pages]).split("\n")


def test_a_heading_that_wraps_is_one_paragraph_again():
    heading = "一、关于学习贯彻党的路线方针政策和中央省委市委决策部署有差距加强和改进新时代人民政协工作没有全面发力的问题"
    assert paragraphs([line(heading[:34], 2), line(heading[34:]), line("整改进度:已完成", 2)]) == \
        [heading, "整改进度:已完成"]


def test_a_short_line_ends_its_paragraph_and_an_indent_starts_one():
    first, second = full("根据", 2), full("按照", 2)
    assert paragraphs([first, line("予以公布。"), second, line("情况如下")]) == \
        [first.text + "予以公布。", second.text + "情况如下"]


def test_a_full_line_before_an_indented_one_ends_its_paragraph():
    first, last = full("整改进展情况:", 2), line((FILLER[:35] + "。"))
    assert paragraphs([first, last, line("二、关于全面从严治党意识不强的问题", 2)]) == \
        [first.text + last.text, "二、关于全面从严治党意识不强的问题"]


@pytest.mark.parametrize("stop", ["。", "。”", ";"])
def test_without_indents_a_numbered_heading_after_a_full_stop_starts_a_paragraph(stop):
    ending = line(FILLER[: 36 - len(stop)] + stop)
    assert paragraphs([ending, line("(一)关于理论学习不深入的问题"), line("1.学习制度落实不到位")]) == \
        [ending.text, "(一)关于理论学习不深入的问题", "1.学习制度落实不到位"]


def test_the_next_number_of_a_list_starts_a_paragraph_whatever_ends_the_line_before():
    items = ["1.食堂收支管理混乱", "2.证照保管不严", "3.保密意识淡薄"]
    assert paragraphs([line(text) for text in items]) == items  # short lines of about one length
    wrapped = [full("1.关于"), line("3.5亿元资金"), full("2.关于")]  # 3.5 is no list number
    assert paragraphs(wrapped) == [wrapped[0].text + "3.5亿元资金", wrapped[2].text]


def test_a_line_short_by_a_number_that_did_not_fit_goes_on_and_by_a_character_does_not():
    # Numbers are not broken: the next word, 2025, needed two characters of room.
    lines = [line(FILLER[:32], 2, right=RIGHT - 1.8 * EM), line("2025年6月4日反馈了巡察意见。"),
             line(FILLER[:32], 2, right=RIGHT - 1.8 * EM), line("反馈了巡察意见。"), full(), full(), full()]
    assert paragraphs(lines)[:3] == [FILLER[:32] + "2025年6月4日反馈了巡察意见。", FILLER[:32], "反馈了巡察意见。"]


def test_a_paragraph_goes_on_across_a_page_break():
    first = [line("中共某某县委办公室", 12)] + [full("", 2)] * 5 + [full("措施")]
    second = [line("落实到位。"), line("二、关于作风建设方面的问题", 2)] + [full("", 2)] * 5
    result = paragraphs(first, second)
    assert result[-7].endswith(full("措施").text + "落实到位。")
    assert result[-6] == "二、关于作风建设方面的问题"


def test_page_numbers_and_running_headers_are_dropped():
    pages = [[line("内部资料 注意保存", 14), full("关于", 2), line("改的内容。"), line(f"— {n} —", 17)] for n in range(1, 5)]
    pages[-1].append(line("第4页 共4页", 15))
    text = "\n".join(paragraphs(*pages))
    for furniture in ("内部资料", "— 1 —", "— 4 —", "第4页"):
        assert furniture not in text
    assert text.count("改的内容。") == 4


def test_a_number_in_the_middle_of_a_page_is_not_a_page_number():
    lines = [line("附件目录", 15), full("", 2), line("如下:"), line("3", 2), full("", 2), line("完。"), line("附后", 2)]
    assert "3" in paragraphs(lines)


def test_spaces_between_chinese_characters_are_layout_and_latin_words_keep_theirs():
    lines = [line("通  报", 16, right=LEFT + 20 * EM), line("Party building and the rectification of inspection", right=RIGHT),
             line("findings in 2025 年度。", right=LEFT + 12 * EM)] + [full("", 2), full()] * 3
    assert paragraphs(lines)[:2] == ["通报", "Party building and the rectification of inspection findings in 2025 年度。"]
