"""How to reach the issuer or the inspection group is never a problem; a problem about reporting
channels still is (texts written for the test)."""
from indexer.document.parse import parse_text

NOTICE = """中共某某局党组关于巡察整改情况的通报
根据县委统一部署，县委第一巡察组对局党组开展了巡察。现将整改情况通报如下。
一、巡察反馈问题整改情况
（一）监督方式单一，举报渠道不畅通。整改情况：已开通网上举报平台，每月公布办理结果。
（二）财务管理不规范。整改情况：已修订财务报销制度。
二、反映问题的渠道
（一）电话：0571-00000000
（二）邮箱：xcb@example.cn
欢迎干部群众监督。联系人：某某，联系电话：0000-1234567
中共某某局党组
2023年10月20日"""


def test_a_contact_block_under_a_numbered_heading_is_not_a_problem():
    titles = [p.title for p in parse_text(NOTICE).problems]
    assert titles == ["监督方式单一,举报渠道不畅通", "财务管理不规范"]


def test_contact_lines_stay_in_the_text_for_search():
    assert "xcb@example.cn" in parse_text(NOTICE).text


def test_an_untitled_notice_that_reports_its_own_rectification_is_one():
    notice = parse_text("根据区委统一部署，区委第一巡察组对区医保局党组开展了巡察。现就巡察整改有关情况通报如下。\n"
                        "一、整改工作开展情况\n成立整改工作领导小组，逐项制定整改措施。")
    assert notice.doc_type == "整改通报"


def test_news_that_checks_others_rectification_is_news():
    notice = parse_text("近日，县委第二巡察组对县交通运输局党组开展巡察“回头看”，重点检查上一轮巡察反馈问题的整改情况。\n"
                        "督查组通过查阅资料、个别谈话等方式，对整改不到位的问题提出明确要求。")
    assert notice.doc_type == "动态"
