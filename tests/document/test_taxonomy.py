"""Categories and types, against expectations checked by hand on the seeds' problems."""
import pytest

from indexer.document import taxonomy

FOCUS_1 = "党的理论和路线方针政策、党中央决策部署"
FOCUS_2 = "群众身边不正之风和腐败问题"
FOCUS_3 = "基层党组织领导班子和干部队伍建设"
FOCUS_4 = "巡视巡察、审计等监督发现问题整改"


@pytest.mark.parametrize("seed, title_part, category, types", [
    ("000", "食堂财务管理不严", FOCUS_2, {"食堂管理", "财务管理"}),
    ("000", "意识形态工作责任制落实不到位", FOCUS_3, {"意识形态"}),
    ("000", "组织生活会质量不够高", FOCUS_3, {"组织生活"}),
    ("000", "整改主体责任落实不够到位", FOCUS_4, {"因私出国(境)证照"}),
    ("001", "理论学习不扎实", FOCUS_1, {"理论学习"}),
    ("001", "保密工作抓得不严不实", FOCUS_1, {"保密工作"}),
    ("001", "因私出国境证照管理有漏洞", FOCUS_2, {"因私出国(境)证照"}),
    ("001", "政府采购不规范", FOCUS_2, {"政府采购"}),
    ("001", "民主集中制执行不规范", FOCUS_3, {"民主集中制"}),
    ("001", "干部选拔任用工作不规范", FOCUS_3, {"干部选拔任用"}),
    ("002", "严格执行采购制度", FOCUS_2, {"政府采购"}),
    ("002", "规范公务支出结算", FOCUS_2, {"公务卡"}),
    ("002", "严格执行民主集中制", FOCUS_3, {"民主集中制"}),
    ("002", "规范党内组织生活", FOCUS_3, {"组织生活"}),
    ("004", "全面从严治党意识不强", FOCUS_2, {"作风建设"}),
    ("004", "选人用人程序不够到位", FOCUS_3, {"干部选拔任用"}),
])
def test_seed_problems_get_their_category_and_types(parsed_seeds, seed, title_part, category, types):
    problem = next(p for p in parsed_seeds[seed].problems if title_part in p.title)
    assert problem.category == category
    assert types <= set(problem.types)
    assert len(problem.types) <= taxonomy.MAX_TYPES


def test_every_seed_problem_has_a_category(parsed_seeds):
    for notice in parsed_seeds.values():
        assert all(p.category for p in notice.problems)


def test_older_wordings_fall_under_the_current_focus():
    labels = taxonomy.default()
    assert labels.category(["(二)关于“全面从严治党责任落实和作风建设”方面"], "针对“四风”问题", "") == FOCUS_2
    assert labels.category(["三、关于贯彻落实新时代组织路线不够有力,选人用人程序不够到位的问题"], "", "") == FOCUS_3


def test_a_passing_mention_in_the_text_is_not_a_type():
    labels = taxonomy.default()
    assert "财务管理" not in labels.types_of([], "针对理论学习不扎实的问题", "完善学习制度及财务制度。")
    assert labels.category([], "针对某问题", "没有任何关键词") is None


def test_the_taxonomy_file_is_editable(tmp_path):
    custom = tmp_path / "taxonomy.toml"
    custom.write_text('[[category]]\nname = "自定义"\nkeywords = ["菜园"]\n[[type]]\nname = "菜园"\nkeywords = ["菜园"]\n',
                      encoding="utf-8")
    labels = taxonomy.load(custom)
    assert labels.category([], "关于菜园管理的问题", "") == "自定义"
    assert labels.types_of([], "关于菜园管理的问题", "") == ["菜园"]
