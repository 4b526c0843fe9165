"""The rules behind every genre, one at a time: committee, level words, publishing body, masthead,
fields, page facts, dates and doc_type. Places are real divisions; the texts are invented."""
import datetime as dt

import pytest

from indexer.document import dates
from indexer.document.clean import clean, remove_widgets
from indexer.document.committee import jurisdiction
from indexer.document.fields import field_pairs, read_fields
from indexer.document.masthead import read_masthead, strip_news_lead
from indexer.document.meta import doc_type
from indexer.document.pagefacts import title_head, url_date
from indexer.document.parse import parse_text
from indexer.document.read import read_bytes


def place(notice) -> tuple:
    return notice.region["province"], notice.region["city"], notice.region["county"]


# --- the committee that runs the inspection ------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("衡山县委第二巡察组进驻县民政局开展巡察", "衡山县"),
    ("卫滨区委第一巡察组向区人大机关反馈巡察意见", "卫滨区"),
    ("汝州市委第六巡察组进驻市交通运输局", "汝州市"),
    ("额济纳旗委第三巡察组召开动员会", "额济纳旗"),
    ("红河州委第二巡察组进驻州林草局", "红河州"),
    ("塔城地委第一巡察组进驻", "塔城地区"),
    ("衡阳县县委第一巡察组正式进驻", "衡阳县"),                  # the unit written twice
    ("十一届衡山县委第二轮巡察动员部署会召开", "衡山县"),          # a round of the committee
    ("根据麒麟区委巡察工作领导小组统一部署", "麒麟区"),
    ("根据祁阳市委统一安排,市委第一巡察组进驻", "祁阳市"),
    ("开封市鼓楼区委第二巡察组进驻", "开封市鼓楼区"),             # with its parent, kept for the resolver
    ("根据衡阳市委统一部署,祁东县委第二巡察组进驻", "祁东县"),    # the most local committee
])
def test_the_committee_running_the_inspection_names_the_place(text, expected):
    assert jurisdiction(text).place == expected


def test_a_committee_that_is_inspected_or_only_mentioned_does_not_count():
    assert jurisdiction("市长主持会议。向阳区委书记出席会议并讲话。").place is None
    assert jurisdiction("市委第二巡察组向江城县委反馈巡察情况").place is None


def test_a_level_word_alone_refers_to_the_division_named_for_it_earlier():
    assert jurisdiction("根据江城县委统一安排,今年以来……县委派出3个巡察组").place == "江城县"
    assert jurisdiction("4月6日,丘北县召开会议。会议指出……本轮巡察,县委派出4个巡察组").place == "丘北县"
    # A division of another level is not the one the word stands for.
    assert jurisdiction("长沙县召开会议。根据市委统一部署,市委第一巡察组进驻").place is None


def test_central_and_provincial_inspections_never_take_the_inspected_places():
    central = jurisdiction("中央第五、第六、第七巡视组分别进驻山西省、吉林省、安徽省,对省委开展常规巡视。"
                           "省委将全力支持配合巡视组工作。")
    assert (central.place, central.higher) == (None, True)
    provincial = jurisdiction("省委第三巡视组向黔东南州委反馈巡视情况。州委书记主持会议。")
    assert (provincial.place, provincial.higher) == (None, True)
    assert jurisdiction("湖南省委第二巡视组向常德市委反馈巡视情况").place == "湖南省"


def test_a_local_inspection_that_follows_a_provincial_plan_is_still_local():
    where = jurisdiction("根据省委巡视工作部署,县委第二巡察组进驻县财政局")
    assert (where.place, where.higher) == (None, False)
    notice = parse_text("根据省委巡视工作部署和县委安排,县委第二巡察组对祁东县财政局党组开展了巡察。现将整改进展情况予以公布。"
                        "\n一、关于预算管理不规范的问题\n整改进展情况:已完成。")
    assert notice.region["county"] == "祁东县"  # the inspected body decides, as the issuer would


def test_a_central_item_has_no_region():
    notice = parse_text("中央第三巡视组向山西省委反馈巡视情况\n2019-01-10 来源:某某网\n"
                        "日前,中央第三巡视组向山西省委反馈巡视情况。山西省委书记主持会议。")
    assert notice.region == {"province": None, "city": None, "county": None, "ambiguous": []}


# --- the publishing body -------------------------------------------------------------------------
def test_a_source_line_names_the_region_when_nothing_else_does():
    notice = parse_text("区委第一巡察组召开巡察工作动员会\n发布时间:2021-03-16 来源:凉州区委巡察办\n"
                        "3月15日,区委第一巡察组召开动员会。会议要求被巡察单位积极配合。")
    assert place(notice) == ("甘肃省", "武威市", "凉州区")
    assert notice.issuer is None  # a source line is not an issuer


def test_a_breadcrumb_names_the_region_and_is_never_the_title():
    text = ("您当前的位置:首页 > 苏尼特右旗 > 巡视巡察\n旗委第一巡察组召开巡察反馈会\n"
            "发布时间:2021-06-02\n6月1日,旗委第一巡察组召开反馈会。会议要求抓好整改。")
    assert clean(text).breadcrumbs == ["您当前的位置:首页 > 苏尼特右旗 > 巡视巡察"]
    notice = parse_text(text)
    assert notice.title == "旗委第一巡察组召开巡察反馈会"
    assert place(notice) == ("内蒙古自治区", "锡林郭勒盟", "苏尼特右旗")


def test_a_same_named_district_stays_ambiguous_unless_its_parent_is_named():
    alone = parse_text("区委第一巡察组进驻区财政局\n2021-03-16 来源:向阳区委巡察办\n3月15日,巡察组进驻区财政局。")
    assert place(alone) == ("黑龙江省", None, "向阳区")
    assert len(alone.region["ambiguous"]) == 2
    with_parent = parse_text("鹤岗市向阳区委第一巡察组进驻区财政局\n2021-03-16\n3月15日,巡察组进驻区财政局。")
    assert place(with_parent) == ("黑龙江省", "鹤岗市", "向阳区")
    assert with_parent.region["ambiguous"] == []


# --- masthead: headline, date line, reporter, summary, widgets ------------------------------------
def test_a_headline_is_the_short_line_above_a_date_time_and_source_line():
    lines = ["县委第二巡察组进驻县民政局开展巡察", "2022-03-28 19:28:44 来源:某某新闻网", "根据县委统一部署,巡察组进驻。"]
    head = read_masthead(lines)
    assert (head.headline, head.dated, head.fields["source"], head.taken) == (
        "县委第二巡察组进驻县民政局开展巡察", dt.date(2022, 3, 28), "某某新闻网", 2)


def test_furniture_above_the_headline_and_a_summary_below_are_not_the_document():
    lines = ["某某县人民政府门户网站", "巡察组召开动员会", "来源:本站 发布时间:2020-12-10", "摘要:近日,巡察组召开动员会。",
             "近日,巡察组召开动员会。"]
    head = read_masthead(lines)
    assert (head.headline, head.taken, head.fields["published"]) == ("巡察组召开动员会", 4, "2020-12-10")


def test_a_signature_at_the_end_of_a_short_text_is_not_a_masthead():
    lines = ["为推动全面从严治党向基层延伸,区委第二巡察组将对区总工会开展巡察。", "区总工会", "2025年7月29日"]
    assert read_masthead(lines).headline is None


@pytest.mark.parametrize("line, kept", [
    ("来源:本站 发布时间:2021-06-02 10:11 【字号:大 中 小】【打印】【关闭】", "来源:本站 发布时间:2021-06-02 10:11"),
    ("2022-03-28 来源:某某网 字号:大 中 小 朗读", "2022-03-28 来源:某某网"),
    ("分享到:微信 微博", ""),
    ("浏览次数:312", ""),
    ("组织干部朗读党章,关闭违规账户", "组织干部朗读党章,关闭违规账户"),   # the same words in prose stay
])
def test_widgets_are_removed_and_their_line_keeps_its_facts(line, kept):
    assert " ".join(remove_widgets(line).split()) == kept


def test_the_lead_of_a_newspaper_item_is_not_part_of_a_derived_title():
    assert strip_news_lead("本报讯(记者 某某 通讯员 某某)近日,巡察组进驻。") == "近日,巡察组进驻。"
    assert strip_news_lead("某某新闻网讯 通讯员某某报道 根据县委统一部署") == "根据县委统一部署"
    notice = parse_text("本报讯 近日,汝阳县委第二巡察组对柏树乡整改情况开展督查。督查组逐项核对。\n(记者 某某)")
    assert notice.title_derived and notice.title.startswith("近日")


def test_a_speech_title_is_never_its_salutation():
    notice = parse_text("同志们:\n今天,我们召开巡察整改工作推进会议,部署整改。\n一、提高站位\n要认清意义。")
    assert notice.title_derived and "同志们" not in notice.title


# --- disclosure fields --------------------------------------------------------------------------
def test_disclosure_fields_on_one_line_with_bullets():
    line = "• 信息索引号:113300/2021-01 • 文件名称:关于巡察整改情况的通报 • 发布机构:中共某某局党组 • 成文日期:2021-09-01"
    assert field_pairs(line) == [("other", "113300/2021-01"), ("title", "关于巡察整改情况的通报"),
                                 ("publisher", "中共某某局党组"), ("signed", "2021-09-01")]


def test_disclosure_fields_as_table_cells():
    fields, taken = read_fields(["索引号:", "113300/2021-01", "发布机构:", "中共某某局党组", "文号:", "成文日期:", "2021年9月1日"])
    assert fields == {"other": "113300/2021-01", "publisher": "中共某某局党组", "signed": "2021年9月1日"}
    assert taken == set(range(7))


def test_a_prose_line_is_not_a_field_line():
    assert field_pairs("根据区委统一安排部署,来源:不详") == []


def test_disclosure_fields_give_title_issuer_and_date():
    notice = parse_text("• 信息索引号:113300/2021-01 • 文件名称:中共凉州区财政局党组关于巡察整改情况的通报 "
                        "• 发布机构:中共凉州区财政局党组 • 成文日期:2021-09-01\n"
                        "根据区委统一安排部署,区委第二巡察组对区财政局党组开展了巡察。\n一、关于预算管理不规范的问题\n整改进展情况:已完成。")
    assert notice.title == "中共凉州区财政局党组关于巡察整改情况的通报"
    assert (notice.issuer, notice.published, notice.doc_type) == ("中共凉州区财政局党组", "2021-09-01", "整改通报")
    assert place(notice) == ("甘肃省", "武威市", "凉州区")


# --- dates ---------------------------------------------------------------------------------------
def test_a_partial_date_gives_the_year_but_not_the_publication_date():
    assert dates.year_of_text("于2018年1月4至5日分别反馈") == 2018
    notice = parse_text("麒麟区委巡察组集中反馈巡察情况\n巡察组于2018年1月4至5日分别向6家单位反馈巡察意见。会议要求抓好整改。")
    assert (notice.published, notice.year) == (None, 2018)


def test_the_year_is_that_of_the_latest_complete_date_before_any_partial_one():
    assert dates.year_of_text("2020年10月至2021年1月开展巡察,2020年12月3日召开会议") == 2020
    assert dates.year_of_text("10月8日召开会议") is None


def test_an_inspection_period_never_becomes_the_publication_date():
    notice = parse_text("县委第二巡察组进驻县财政局\n根据县委统一部署,县委第二巡察组于2023年4月10日至6月9日对县财政局开展巡察。")
    assert (notice.published, notice.year) == (None, 2023)


@pytest.mark.parametrize("line, date", [
    ("2022-03-28 19:28:44 来源:某某新闻网", dt.date(2022, 3, 28)),
    ("(2023年5月16日)", dt.date(2023, 5, 16)),
    ("二〇二二年三月二十八日", dt.date(2022, 3, 28)),
    ("2022/3/28 09:00", dt.date(2022, 3, 28)),
])
def test_a_date_at_the_start_of_a_line(line, date):
    assert dates.date_at_start(line)[0] == date


def test_a_speech_dated_under_its_headline():
    notice = parse_text("在全县巡察工作会议上的讲话\n(2023年5月16日)\n同志们:\n今天召开会议。\n一、提高认识\n要重视。")
    assert (notice.title, notice.published, notice.doc_type) == ("在全县巡察工作会议上的讲话", "2023-05-16", "讲话")


# --- doc_type from the headline -------------------------------------------------------------------
@pytest.mark.parametrize("headline, kind", [
    ("县委第二巡察组进驻县民政局开展巡察", "动态"),
    ("区委第三巡察组召开巡察工作动员会", "动态"),
    ("县委巡察组开展整改落实情况督查", "动态"),
    ("区委第一巡察组向区教育局党组反馈巡察情况", "反馈"),
    ("关于区委第二巡察组反馈意见整改情况的通报", "整改通报"),
    ("中共某某局党组关于巡察集中整改进展情况的通报", "整改通报"),
    ("县委第一巡察组关于进驻县教育局开展巡察的公告", "公告"),
    ("在全县巡察整改工作推进会上的讲话", "讲话"),
])
def test_doc_type_by_the_headline(headline, kind):
    # The body would say otherwise: the headline decides.
    assert doc_type(headline, "巡察组进驻期间设立举报电话,受理来信来电。现将整改进展情况予以公布。") == kind


# --- HTML page facts ----------------------------------------------------------------------------
PAGE = """<html><head><title>某某县委巡察组进驻县财政局_某某县人民政府</title>
<meta name="ArticleTitle" content="祁东县委巡察组进驻县财政局"><meta name="PubDate" content="2023-04-11 16:25">
<meta name="SiteName" content="某某县人民政府"><meta name="ContentSource" content="祁东县融媒体中心">
<link rel="canonical" href="http://www.example.org/art/2023/4/12/1.html"></head>
<body><div class="crumb">首页 &gt; 工作动态</div><div class="article"><h1>祁东县委巡察组进驻县财政局</h1>
<p>4月10日,县委巡察组进驻县财政局开展巡察。巡察组将工作两个月左右,受理来信来电来访。</p></div></body></html>"""


def test_an_html_page_returns_its_facts_beside_its_text():
    raw = read_bytes(PAGE.encode("utf-8"), "page.html")
    assert raw.fields["headline"] == "祁东县委巡察组进驻县财政局"
    assert (raw.fields["published"], raw.fields["source"], raw.fields["site"]) == ("2023-04-11", "祁东县融媒体中心", "某某县人民政府")
    assert raw.fields["breadcrumb"] == "首页 > 工作动态"
    assert "首页" not in raw.text and "进驻县财政局开展巡察" in raw.text


def test_the_meta_date_is_published_when_the_text_has_none():
    raw = read_bytes(PAGE.encode("utf-8"), "page.html")
    notice = parse_text(raw.text, page=raw.fields)
    assert (notice.title, notice.published, notice.title_derived) == ("祁东县委巡察组进驻县财政局", "2023-04-11", False)
    assert notice.source_url == "http://www.example.org/art/2023/4/12/1.html"


@pytest.mark.parametrize("url, date", [
    ("http://a.gov.cn/art/2022/3/28/art_1.html", None),         # a month without two digits is not a date path
    ("http://a.gov.cn/xwzx/2022/03/28/1.html", dt.date(2022, 3, 28)),
    ("http://a.gov.cn/c/2022-05/30/4391219.shtml", dt.date(2022, 5, 30)),
    ("http://a.gov.cn/zwgk/202203/t20220328_123.html", dt.date(2022, 3, 28)),
    ("http://a.gov.cn/Html/szyw/20170220100330.html", None),   # digits run on: not a date alone
])
def test_a_date_in_the_address(url, date):
    assert url_date(url) == date


def test_the_headline_part_of_a_page_title():
    assert title_head("县委巡察组进驻县财政局_某某县人民政府") == "县委巡察组进驻县财政局"
    assert title_head("关于巡察整改进展情况的通报-某某区人民政府门户网站") == "关于巡察整改进展情况的通报"
