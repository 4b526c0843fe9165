"""Metadata: title, issuer, dates and year, inspection facts, doc_type."""
import datetime as dt

import pytest

from indexer.document import meta
from indexer.document.parse import parse_text


def test_a_title_split_over_two_lines_is_joined():
    lines = ["中共某某市政协机关党组关于十二届市委", "第九轮巡察集中整改进展情况的通报", "根据市委统一部署,……"]
    assert meta.find_title(lines) == ("中共某某市政协机关党组关于十二届市委第九轮巡察集中整改进展情况的通报", 2)


def test_no_title_when_the_text_starts_with_the_opening():
    assert meta.find_title(["根据市委巡察工作统一部署,2025年2月26日至3月31日,……"]) == (None, 0)


def test_dates_in_arabic_and_chinese_numerals():
    text = "2025年2月26日至3月31日;印发于二〇二一年十二月三十一日;2024-09-18;2025年13月40日"
    assert meta.full_dates(text) == [dt.date(2025, 2, 26), dt.date(2021, 12, 31), dt.date(2024, 9, 18)]


def test_inspection_facts_from_the_opening():
    opening = ("根据市委统一部署,2025年3月26日至6月26日,市委第一巡察组对市政协机关党组开展了常规巡察。"
               "8月13日,市委巡察组向市政协机关党组反馈了巡察意见。")
    facts = meta.inspection_facts(opening, "中共某某市政协机关党组关于十二届市委第九轮巡察集中整改进展情况的通报")
    assert facts == {"group": "市委第一巡察组", "round": "十二届市委第九轮", "start": "2025-03-26",
                     "end": "2025-06-26", "feedback": "2025-08-13"}


def test_a_period_across_the_new_year_and_a_feedback_date_with_its_year():
    opening = "2024年11月18日至1月20日,县委巡察二组对县政协机关开展了巡察,并于2025年4月2日反馈了巡察意见。"
    facts = meta.inspection_facts(opening, None)
    assert (facts["group"], facts["start"], facts["end"], facts["feedback"]) == (
        "县委巡察二组", "2024-11-18", "2025-01-20", "2025-04-02")


def test_no_facts_is_all_null():
    assert meta.inspection_facts("今天我们召开会议。", None) == {
        "group": None, "round": None, "start": None, "end": None, "feedback": None}


@pytest.mark.parametrize("title, text, kind", [
    (None, "同志们:\n今天,我们召开整改工作会议。", "讲话"),
    ("关于巡察整改进展情况的通报", "根据市委统一部署……现将巡察整改进展情况予以公布。", "整改通报"),
    # A headline of an entry is news of a stage (DOMAIN.md, Genres); an announcement says it is one.
    ("市委第三巡察组进驻某县开展巡察工作", "巡察组进驻期间,设立举报电话,受理来信来电。", "动态"),
    ("关于市委第三巡察组进驻某县开展巡察的公告", "巡察组进驻期间,设立举报电话,受理来信来电。", "公告"),
    (None, "市委第三巡察组进驻某县开展巡察。巡察组进驻期间,设立举报电话,受理来信来电。", "公告"),
    ("市委巡察组向某局反馈巡察情况", "市委第二巡察组向某局党组反馈了巡察意见。", "反馈"),
    ("某县召开2025年巡察工作会议", "会议总结了去年的工作。", "动态"),
])
def test_doc_type(title, text, kind):
    assert meta.doc_type(title, text) == kind


NOTICE = """中共某某市政协机关党组
关于巡察整改进展情况的通报
根据市委统一部署，2021年3月12日至6月20日，市委第四巡察组对市政协机关党组进行了巡察。
一、关于全面从严治党意识不强的问题
整改进展情况：已于2021年9月1日完成。
中共某某市政协机关党组
2021年12月31日"""


def test_issuer_published_and_year_from_the_signature():
    notice = parse_text(NOTICE)
    assert notice.title == "中共某某市政协机关党组关于巡察整改进展情况的通报"
    assert notice.title_derived is False
    assert notice.issuer == "中共某某市政协机关党组"
    assert (notice.published, notice.year) == ("2021-12-31", 2021)


def test_without_a_signature_date_the_year_is_that_of_the_latest_complete_date():
    notice = parse_text(NOTICE.rsplit("\n", 2)[0])
    assert notice.published is None
    assert notice.year == 2021


def test_no_year_at_all_is_null():
    notice = parse_text("同志们:\n今天我们召开会议,部署整改工作。\n一、提高站位\n要认清整改意义。")
    assert (notice.year, notice.published, notice.issuer) == (None, None, None)


def test_a_missing_title_is_derived_and_marked():
    notice = parse_text(NOTICE.split("\n", 2)[2])
    assert notice.title_derived is True
    assert notice.title == "中共某某市政协机关党组关于巡察整改进展情况的通报"
