"""Cleaning: each defect class of real files, on small samples written for the test."""
import pytest

from indexer.document import clean as cleaning
from indexer.document.clean import (clean, detect_script, is_boilerplate, remove_artefacts, remove_romanisation,
                           repair_gb18030_shift, unify_widths)


def shifted(text: str, lost: bytes = b"\xa1") -> str:
    """The defect as it happens: a line's bytes decoded from one byte too early, after a stray
    byte shown as '?', so every double-byte pair straddles two characters."""
    return "?" + (lost + text.encode("gb18030")).decode("gb18030", errors="replace")


# As in the real files, the shifted decoder falls back into step at a trail byte in the ASCII
# range (黨 is FC 68, read as 'h'); what comes after is intact.
@pytest.mark.parametrize("line", [
    "（一）聚焦落實黨中央各項決策部署方面",
    "（二）聚焦全面從嚴治黨方面",
    "（四）持續深化全面從嚴治黨,",
])
def test_lines_decoded_one_byte_off_are_repaired(line):
    garbled = shifted(line)
    assert garbled != "?" + line
    assert repair_gb18030_shift(garbled) == line


def test_the_sample_line_from_the_domain_notes_is_repaired():
    assert repair_gb18030_shift("?。ㄒ唬┚劢孤鋵嶞h中央各項決策部署方面") == "（一）聚焦落實黨中央各項決策部署方面"


def test_ordinary_lines_starting_with_a_question_mark_are_left_alone():
    assert repair_gb18030_shift("?这是一个问题吗") == "?这是一个问题吗"
    assert repair_gb18030_shift("一、关于问题") == "一、关于问题"


def test_romanisation_after_characters_is_dropped_with_tone_marks():
    assert remove_romanisation("根據(jù)市委統(tǒng)一部署,安鄉(xiāng)縣") == "根據市委統一部署,安鄉縣"
    assert remove_romanisation("學(xué)習(xí)") == "學習"
    # damaged copies: the character before the romanisation replaced by '?' or '^' is lost, and
    # marked so rather than shown as a '^' that reads like text
    assert remove_romanisation("納入?yún)^(qū)政協(xié)") == "納入□政協"


@pytest.mark.parametrize("kept", ["(一)加强领导", "召开会议(扩大)", "《条例(试行)》", "系统(OA)", "工作(2025年)", "(1)针对"])
def test_real_brackets_are_kept(kept):
    assert remove_romanisation(kept) == kept


def test_word_processor_bookmarks_are_removed():
    assert remove_artefacts("[bookmark: _GoBack]整改进度：已完成") == "整改进度：已完成"


@pytest.mark.parametrize("line", [
    "版权所有 政协某某市委员会 | 违法和不良信息举报电话:0632-0000000",
    "地址:某省某市某区 鲁ICP备00000000号",
    "预览结束,获取全文或定制代笔此类文章,请联系老师!",
    "当前位置：首页 > 政务公开 > 通知公告",
])
def test_site_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


def test_notice_sentences_are_not_boilerplate():
    assert not is_boilerplate("欢迎广大干部群众对巡察整改落实情况进行监督。联系电话:0595-00000000。")
    assert not is_boilerplate("(12)针对“因私出国境证照管理有漏洞,存在风险隐患”问题")


def test_widths_are_unified_for_matching():
    assert unify_widths("（一）关于，问题：１２３") == "(一)关于,问题:123"
    assert unify_widths("⑴针对") == "(1)针对"
    assert unify_widths("㈠聚焦") == "(一)聚焦"


def test_script_is_detected():
    assert detect_script("根據市委統一部署，市委第二交叉巡察組對清城區政協機關開展了巡察。") == "traditional"
    assert detect_script("根据市委统一部署，市委第二交叉巡察组对清城区政协机关开展了巡察。") == "simplified"
    assert detect_script("2025 ABC") is None


def test_traditional_text_becomes_simplified_and_the_original_is_kept():
    raw = "根據(jù)市委統(tǒng)一部署，對清城區(qū)政協(xié)機關(guān)開展了巡察。\n版权所有 某网站"
    cleaned = clean(raw)
    assert cleaned.script == "traditional"
    assert cleaned.text == "根据市委统一部署,对清城区政协机关开展了巡察。"
    assert cleaned.original == raw


def test_simplified_text_is_not_sent_through_opencc(monkeypatch):
    def refuse(text):
        raise AssertionError("converted text that was already simplified")

    monkeypatch.setattr(cleaning, "to_simplified", refuse)
    assert clean("根据市委统一部署，对市政协机关开展了巡察。").script == "simplified"


def undecodable_in_gbk(pair: bytes) -> bool:
    try:
        pair.decode("gbk")
    except UnicodeDecodeError:
        return True
    return False


# The numerals whose second byte with the closing bracket's first byte is no GBK character (while
# the pair before, the bracket's second byte with the numeral's first, is one): the shifted decoder
# dropped that pair, and the number's second byte with it.
DROPPED = [n for n in "一二三四五六七八九十"
           if undecodable_in_gbk(n.encode("gbk")[1:] + "）".encode("gbk")[:1])
           and not undecodable_in_gbk("（".encode("gbk")[1:] + n.encode("gbk")[:1])]


@pytest.mark.parametrize("numeral", DROPPED)
def test_an_outline_number_whose_second_byte_was_lost_is_named_by_its_lead_byte(numeral):
    data = ("（" + numeral + "）聚焦资金财务管理方面").encode("gb18030")
    shifted_pairs = b"\xa1" + data  # decoded a byte off: (a1 a3)(a8 lead)(trail a3)(a9 …)
    damaged = shifted_pairs[:4] + shifted_pairs[6:]  # the undecodable pair dropped
    garbled = "?" + damaged.decode("gbk", errors="replace")
    # (the line's last character is split, as a line without ASCII to fall back into step on is)
    assert repair_gb18030_shift(garbled).startswith(f"({numeral})聚焦资金财务管理方")


def test_a_character_lost_for_good_in_a_repaired_line_is_marked_not_shown_as_a_question_mark():
    # Decoded a byte off, '治' was split between two pairs; the second, with the ASCII comma, was no
    # character, and the decoder wrote '?' for its first byte: that byte is gone.
    data = "（四）注重标本兼治,健全长效机制".encode("gbk")
    garbled = "?" + (b"\xa1" + data).decode("gbk", errors="replace").replace("\ufffd", "?")
    repaired = repair_gb18030_shift(garbled)
    assert repaired.startswith("（四）注重标本兼□,健全")
    assert "?" not in repaired and "\ufffd" not in repaired


@pytest.mark.parametrize("control", ["\x01", "\x08", "\x0e", "\x1f", "\ufffe", "\uffff", "\ud800", "\udcff"])
def test_characters_xml_cannot_hold_are_removed(control):
    cleaned = clean(f"一、整改情况\n加强{control}管理。")
    assert cleaned.text == "一、整改情况\n加强管理。"
    assert control not in cleaned.original


def test_vertical_tab_and_form_feed_separate_lines():
    assert clean("第一页的话\x0c第二页的话\x0b第三行").text == "第一页的话\n第二页的话\n第三行"


def test_the_words_opencc_leaves_traditional_are_simplified_from_the_data():
    from indexer.document.clean import to_simplified

    assert to_simplified("著力解決群眾反映的問題，確保件件有著落") == "着力解决群众反映的问题，确保件件有着落"
    assert to_simplified("隨著整改深入，幹部執著於實效") == "随着整改深入，干部执着于实效"


def test_a_true_著_stays():
    from indexer.document.clean import to_simplified

    assert to_simplified("成效顯著，著名學者的著作") == "成效显著，著名学者的著作"


def test_every_line_of_the_exceptions_table_is_a_pair_and_keeps_its_length():
    from indexer.document.clean import _over_traditional

    _, table = _over_traditional()
    assert len(table) >= 20
    assert all(len(a) == len(b) and a != b and "著" in a and "着" in b for a, b in table.items())
