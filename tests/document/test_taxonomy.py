"""Categories and types: the seeds' problems checked by hand, the reading rules, older frameworks,
explanations, relabelling and the fingerprint."""
import copy

import pytest

from indexer.document import taxonomy
from indexer.document.parse import parse_text

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


def test_a_problem_whose_title_names_its_topic_does_not_take_its_neighbours_from_the_heading(parsed_seeds):
    # "1.关于干部队伍管理和机关党建工作不够到位的问题" groups it with cadre and party-building problems.
    problem = next(p for p in parsed_seeds["000"].problems if "意识形态" in p.title)
    assert problem.types == ["意识形态"]


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


def test_the_types_researchers_ask_for_exist_and_every_label_is_described():
    labels = taxonomy.default()
    asked = {"公务用车", "公务接待", "津补贴", "礼品礼金", "办公用房", "惠民资金", "乡村振兴", "工程项目", "村级三资",
             "生态环保", "安全生产", "营商环境", "党费", "发展党员", "信访", "档案管理", "编外人员", "政务公开",
             "协商和提案", "社情民意", "委员履职", "统战工作",
             # issue 20
             "履职尽责", "医疗服务和药品", "教育教学", "移风易俗", "村务监督", "违法建设和土地利用"}
    assert asked <= set(labels.type_groups())
    descriptions = labels.descriptions()
    assert len(descriptions) == len(labels.types) + len(labels.categories)
    assert all(descriptions.values())
    focuses = {c.name for c in labels.categories}
    assert set(labels.type_groups().values()) <= focuses
    assert {f.category for f in labels.frameworks} <= focuses | {None}


@pytest.mark.parametrize("title, types", [
    ("集体资产底数不清", ["村级三资"]),               # 资产 inside 集体资产 is not 资产管理
    ("政府采购化整为零规避公开招标", ["政府采购"]),
    ("镇级工程项目应招标未招标", ["工程项目"]),        # tendering for works is not procurement
    ("工作经费使用不规范", ["财务管理"]),              # 经费 alone counts when nothing else is named
    ("党组织工作经费使用中存在优亲厚友,违规为亲属办理低保", ["惠民资金"]),
    ("高龄津贴发放不精准", ["惠民资金"]),              # not 津补贴
    ("设立投诉接待中心", ["信访"]),                    # not 公务接待
    ("营造良好政治生态用力不足", []),                  # not 生态环保
    ("网络安全管理存在漏洞", []),                      # not 安全生产
    ("食堂财务管理不严", ["食堂管理", "财务管理"]),
])
def test_generic_words_count_only_where_they_mean_the_type(title, types):
    assert taxonomy.default().types_of([], title, "") == types


def test_the_title_decides_before_the_heading_and_the_heading_before_the_text():
    labels = taxonomy.default()
    path = ["二、整改情况", f"(三)聚焦{FOCUS_3}方面", "1.关于干部队伍和机关党建工作不扎实的问题"]
    assert labels.types_of(path, "宣传阵地管理不严", "") == ["意识形态"]
    assert labels.types_of(path, "有的同志心存侥幸", "") == ["干部管理", "基层党组织建设"]
    recurring = "对低保户逐户复核,清退不符合条件的低保对象,新增低保一律公示。"
    assert labels.types_of([], "民生政策落实有偏差", recurring) == ["惠民资金"]
    assert labels.types_of(path, "宣传阵地管理不严", recurring) == ["意识形态", "惠民资金"]


def test_at_most_four_types_specific_before_broad_then_as_named():
    labels = taxonomy.default()
    assert labels.types_of([], "落实中央八项规定精神不严格,公务接待超标准", "") == ["公务接待", "作风建设"]
    assert labels.types_of([], "公车私用、公款吃喝、违规发放津补贴、收受礼金、办公用房超标", "") == \
        ["公务用车", "公务接待", "津补贴", "礼品礼金"]


@pytest.mark.parametrize("heading, category", [
    ("(一)关于党的领导弱化方面的问题", FOCUS_1),
    ("(二)党的建设缺失方面", FOCUS_3),
    ("(三)全面从严治党不力方面", FOCUS_2),
    ("(一)落实党的路线方针政策和党中央决策部署方面", FOCUS_1),
    ("(二)落实全面从严治党战略部署方面", FOCUS_2),
    ("(三)落实新时代党的组织路线方面", FOCUS_3),
    ("(四)落实巡视巡察整改情况", FOCUS_4),
    ("一、政治纪律方面", FOCUS_1),
    ("二、组织纪律方面", FOCUS_3),
    ("三、廉洁纪律方面", FOCUS_2),
    ("四、群众纪律方面", FOCUS_2),
    ("五、工作纪律方面", None),
    ("六、生活纪律方面", None),
    ("(一)政治纪律和组织纪律方面", None),   # two focuses named: not clear
])
def test_older_framework_headings_map_onto_the_four_focuses_or_none(heading, category):
    # The title alone would say 群众身边不正之风 (津补贴's group): the heading decides, even for null.
    assert taxonomy.default().category(["二、整改情况", heading], "违规发放津补贴", "") == category


def test_a_framework_heading_stays_in_the_problem_path():
    notice = parse_text("\n".join([
        "中共某某镇委员会关于巡察整改进展情况的通报",
        "一、关于党的建设缺失方面的问题",
        "1.党费收缴不规范的问题",
        "整改情况:重新核定交纳基数,补交差额。",
        "二、工作纪律方面的问题",
        "1.上班时间脱岗离岗的问题",
        "整改情况:落实考勤制度。",
    ]))
    first, second = notice.problems
    assert first.path == ["一、关于党的建设缺失方面的问题"] and first.category == FOCUS_3 and first.types == ["党费"]
    assert second.path == ["二、工作纪律方面的问题"] and second.category is None and second.types == ["干部管理"]


def test_explain_names_the_words_and_where_they_are():
    path = ["二、整改情况", f"(二)聚焦{FOCUS_2}方面"]
    text = "车辆统一停放。对低保户复核,清退低保对象,新增低保公示。"
    explained = taxonomy.explain(path, "公车私用", text)
    assert explained["category"] == {"name": FOCUS_2, "where": "path", "words": ["群众身边", "不正之风", "腐败问题"],
                                     "count": 3, "heading": path[1]}
    assert explained["types"] == [{"name": "公务用车", "where": "title", "words": ["公车私用"], "count": 1},
                                  {"name": "惠民资金", "where": "text", "words": ["低保"], "count": 3}]
    framework = taxonomy.explain(["五、工作纪律方面"], "上班时间脱岗离岗", "")["category"]
    assert framework["name"] is None and framework["framework"] == "六大纪律" and framework["words"] == ["工作纪律"]
    via_type = taxonomy.explain([], "公车私用", "")["category"]
    assert via_type == {"name": FOCUS_2, "where": "title", "words": ["公车私用"], "count": 1, "via": "公务用车"}


def test_relabelling_recomputes_the_labels_and_nothing_else(tmp_path, parsed_seeds):
    notice = parsed_seeds["000"].to_json()
    kept = copy.deepcopy(notice)
    assert taxonomy.relabel(notice) == notice
    custom = tmp_path / "taxonomy.toml"
    custom.write_text('[[category]]\nname = "自定义"\nkeywords = ["聚焦"]\n'
                      '[[type]]\nname = "用餐"\nkeywords = ["食堂"]\n', encoding="utf-8")
    relabelled = taxonomy.relabel(notice, taxonomy.load(custom))
    assert notice == kept
    assert {k: v for k, v in relabelled.items() if k != "problems"} == {k: v for k, v in notice.items() if k != "problems"}
    for before, after in zip(notice["problems"], relabelled["problems"]):
        assert {k: v for k, v in after.items() if k not in ("category", "types")} == \
               {k: v for k, v in before.items() if k not in ("category", "types")}
        assert after["category"] == "自定义"
    assert [p["seq"] for p in relabelled["problems"] if p["types"]] == [13]


def test_the_fingerprint_follows_the_file(tmp_path):
    custom = tmp_path / "taxonomy.toml"
    custom.write_text('[[type]]\nname = "菜园"\nkeywords = ["菜园"]\n', encoding="utf-8")
    first, again = taxonomy.load(custom), taxonomy.load(custom)
    assert first.fingerprint == again.fingerprint and len(first.fingerprint) == 16
    custom.write_text('[[type]]\nname = "菜园"\nkeywords = ["菜园", "果园"]\n', encoding="utf-8")
    assert taxonomy.load(custom).fingerprint != first.fingerprint
    assert taxonomy.load().fingerprint == taxonomy.default().fingerprint != first.fingerprint


def every_fixture_problem(parsed_seeds) -> list:
    """(path, title, text) of the problems of every seed, facet fixture and hand-labelled set."""
    from indexer.document.parse import parse_file

    from ..conftest import FIXTURES
    from .measure_labels import labelled_problems

    notices = [*parsed_seeds.values(), *map(parse_file, sorted((FIXTURES / "facets").glob("*.txt")))]
    found = [(p.path, p.title, p.text) for notice in notices for p in notice.problems]
    for labelled in sorted(FIXTURES.glob("labelled_problems*.toml")):
        found += [(p.get("path", []), p["title"], p["text"]) for p in labelled_problems(labelled)]
    return found


def test_labels_of_all_problems_at_once_are_the_labels_of_each_alone(parsed_seeds):
    problems = every_fixture_problem(parsed_seeds)
    one_by_one = taxonomy.load()  # each its own cache: every title worked out alone here, all at once there
    expected = [one_by_one.assign(*problem) for problem in problems]
    assert len(problems) > 1000 and any(types for _, types in expected)
    assert taxonomy.load().assign_all(problems) == expected
    assert taxonomy.load().assign_all([]) == []


def test_a_notice_relabelled_at_once_gets_each_problems_own_labels(parsed_seeds):
    notice = parsed_seeds["001"].to_json()
    relabelled = taxonomy.relabel(notice, taxonomy.load())
    alone = taxonomy.load()
    assert [(p["category"], p["types"]) for p in relabelled["problems"]] == \
        [tuple(alone.assign(p["path"], p["title"], p["text"])) for p in notice["problems"]]


def test_the_model_gives_a_title_the_same_log_odds_asked_alone_or_with_others(parsed_seeds):
    import numpy as np

    model = taxonomy.default().model
    titles = [title for _, title, _ in every_fixture_problem(parsed_seeds)][:600] + ["", "，。"]
    together = model.logits_of(titles)
    assert np.array_equal(together, np.array([model.logits(title) for title in titles]))  # the same bits
    for title, logits in zip(titles, together):  # and what tf-idf times the coefficients gives
        rows, values = model.scores(title)
        assert np.allclose(logits, values @ model.weights[rows] + model.intercept, rtol=0, atol=1e-9)
