"""Lines pages print around a document are never its title (lines written for this test)."""
import pytest

from indexer.document.furniture import is_furniture, without_bullet
from indexer.document.parse import parse_text

FURNITURE = [
    "首页 > 工作动态 > 巡察工作",
    " > 县区动态 > 正文",
    "某某新闻网>>本地>>纪检",
    "网站首页 • 巡视巡察 • 正文",
    "首页 → 通知公告",
    "您现在的位置：首页",
    "| 索引号 | 000123/2024-0099 | 主题分类 | 党务公开 |",
    "索引号 | 000123/2024-0099 | 发布机构 | 某某局 |",
    "欢迎访问某某区人民政府门户网站 设为首页 加入收藏",
    "欢迎进入某某县中医院官方网站！",
    "第B04版:综合新闻",
    "发布机构:",  # lines are cleaned (widths unified) before they are read
    "某某日报",
    "某某新闻网",
]
HEADLINES = [
    "某某县委第二巡察组进驻县林业局开展巡察",
    "中共某某局党组关于巡察整改进展情况的通报",
    "市委新一轮巡察启动 12家单位将迎来巡察组",
    "巡察公告",
    "在2023年全县巡察工作会议上的讲话",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_page_furniture_is_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", HEADLINES)
def test_a_headline_is_not_furniture(line):
    assert not is_furniture(line)


def test_a_list_items_bullet_is_not_part_of_the_headline():
    assert without_bullet("• 中共某某局党组关于巡察整改情况的通报") == "中共某某局党组关于巡察整改情况的通报"


def test_breadcrumb_continuation_above_a_headline_is_not_joined_to_it():
    notice = parse_text("您当前的位置：首页\n > 工作动态 > 巡察工作\n\n临海市委第二巡察组向市林业局党委反馈巡察情况\n"
                        "根据市委统一部署，2023年6月8日，市委第二巡察组向市林业局党委反馈了巡察情况。会议由局党委书记主持。")
    assert notice.title == "临海市委第二巡察组向市林业局党委反馈巡察情况"
    assert notice.title_derived is False
    assert notice.doc_type == "反馈"
