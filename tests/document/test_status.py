"""The status vocabulary (indexer/data/status.toml): a notice's own words filed under one state."""
import pytest

from indexer.document import status
from indexer.document.parse import parse_text


@pytest.mark.parametrize("words, state", [
    ("已完成", "已完成"), ("完成", "已完成"), ("已完成并长期坚持", "已完成"), ("已整改到位", "已完成"),
    ("阶段性完成", "基本完成"), ("基本完成", "基本完成"), ("部分完成", "基本完成"),
    ("持续推进", "持续推进"), ("正在整改", "持续推进"), ("长期坚持", "持续推进"),
    ("尚未完成", "未完成"), ("未完成", "未完成"), ("未整改", "未完成"),
])
def test_each_wording_is_filed_under_its_state(words, state):
    assert status.default().state_of(words) == state


def test_words_that_name_no_state_stay_unknown():
    assert status.default().state_of("见附件") is None
    assert status.default().state_of(None) is None
    assert status.default().state_of("") is None


def test_the_vocabulary_has_the_four_states_and_no_phrase_twice():
    vocabulary = status.default()
    assert vocabulary.names == ("未完成", "基本完成", "已完成", "持续推进")
    phrases = [p for _, listed in vocabulary.states for p in listed]
    assert len(phrases) == len(set(phrases))


def test_a_state_whose_phrase_holds_another_states_is_read_first():
    """未完成 holds 完成 and 阶段性完成 holds 完成: the order of the data decides, so they must come first."""
    vocabulary = status.default()
    for i, (name, phrases) in enumerate(vocabulary.states):
        for phrase in phrases:
            assert vocabulary.state_of(phrase) == name, (phrase, name)


def test_a_parsed_notice_keeps_its_own_words_and_the_state():
    text = ("关于某单位巡察整改进展情况的通报\n"
            "一、巡察反馈问题的整改情况\n"
            "（一）关于学习制度落实不到位的问题\n整改进度：阶段性完成\n已建立学习台账，每月检查一次。\n"
            "（二）关于公务接待审批不严的问题\n整改进度：正在推进中\n修订接待办法，明确审批权限。\n")
    notice = parse_text(text, "status.txt")
    assert [(p.status_state, p.status) for p in notice.problems] == [("基本完成", "阶段性完成"),
                                                                      ("持续推进", "正在推进中")]
    problem = notice.to_json()["problems"][0]
    assert (problem["status"], problem["status_state"]) == ("阶段性完成", "基本完成")  # the contract's field unchanged
