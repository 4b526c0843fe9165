"""The outline grammar: every numbering depth of DOMAIN.md, on samples written for the test."""
from indexer.document.outline import build, split_title

FOUR_LEVELS = """根据市委统一部署,市委巡察组对某机关开展了巡察。
一、整改工作的组织领导情况
(一)提高站位。召开会议研究部署。
(二)压实责任。成立领导小组。
二、巡察反馈问题的整改进展情况
(一)聚焦党的理论和路线方针政策、党中央决策部署方面
1.关于理论学习不深入的问题
(1)针对学习形式单一的问题。
整改进展情况:一是丰富学习形式。二是开展研讨。
(2)针对学用结合不紧的问题。
整改进展情况:建立学用结合机制。
2. 关于落实决策部署有差距的问题
(1)针对调研不深入的问题。
整改进展情况:开展专题调研5次。
(二)聚焦巡视巡察、审计等监督发现问题整改方面
1.关于整改主体责任落实不够到位的问题
整改进展情况:一是立行立改。
2.关于长效整改意识不够强的问题
整改进展情况:建立长效机制。
三、巡察反馈问题线索的处理情况
未收到问题线索。
四、下一步工作打算
(一)持续抓好整改。
某机关办公室
2025年11月28日"""


def test_four_levels_with_leaves_at_two_depths():
    outline = build(FOUR_LEVELS)
    titles = [p.title for p in outline.problems]
    assert titles == ["针对学习形式单一的问题", "针对学用结合不紧的问题", "针对调研不深入的问题",
                      "关于整改主体责任落实不够到位的问题", "关于长效整改意识不够强的问题"]
    first = outline.problems[0]
    assert first.path == ["二、巡察反馈问题的整改进展情况", "(一)聚焦党的理论和路线方针政策、党中央决策部署方面",
                          "1.关于理论学习不深入的问题"]
    assert first.text == "整改进展情况:一是丰富学习形式。二是开展研讨。"
    assert outline.problems[3].path[-1] == "(二)聚焦巡视巡察、审计等监督发现问题整改方面"


def test_sections_other_than_problems_are_kept_whole():
    outline = build(FOUR_LEVELS)
    titles = [s.title for s in outline.sections]
    assert titles == ["", "一、整改工作的组织领导情况", "三、巡察反馈问题线索的处理情况", "四、下一步工作打算", ""]
    assert "成立领导小组" in outline.sections[1].text
    assert outline.sections[-1].text == "某机关办公室\n2025年11月28日"


RUNNING_NUMBERS = """二、巡察反馈问题集中整改进展情况
(一)关于“贯彻落实党的路线方针政策”方面
1.关于“理论学习不深入。学习形式单一”方面问题
(1)针对“理论学习不扎实”问题
整改进展情况:一是落实第一议题制度。
(2)针对“理论创新存在短板”问题
整改进展情况:成立研究会。
(二)关于“全面从严治党责任落实”方面
1.关于“内控管理不严格”方面问题
(3)针对“因私出国境证照管理有漏洞,存在风险隐患”问题
整改进展情况:核对持证信息。
三、下一步整改打算
继续抓好整改。"""


def test_numbering_that_runs_on_across_sections():
    outline = build(RUNNING_NUMBERS)
    assert [p.seq for p in outline.problems] == [1, 2, 3]
    assert outline.problems[2].title == "针对“因私出国境证照管理有漏洞,存在风险隐患”问题"
    assert outline.problems[2].path[1] == "(二)关于“全面从严治党责任落实”方面"


def test_a_full_stop_inside_quotes_does_not_end_a_heading():
    assert split_title("关于“理论学习不深入。学习形式单一”方面问题") == ("关于“理论学习不深入。学习形式单一”方面问题", "")
    assert build(RUNNING_NUMBERS).problems[0].path[2] == "1.关于“理论学习不深入。学习形式单一”方面问题"


TITLE_AND_TEXT_ON_ONE_LINE = """二、巡察整改任务落实情况
(一)聚焦落实党中央各项决策部署方面
1.持续强化理论武装。一是严格第一议题制度。二是完善学习计划。
2.全面优化提案办理。修订提案工作条例。
(?)聚焦资金财务管理方面
3.严格执行采购制度。一是强化制度意识。
三、下一步工作打算
(一)持续加强政治建设。"""


def test_title_and_text_on_one_line_and_a_number_lost_to_decoding():
    outline = build(TITLE_AND_TEXT_ON_ONE_LINE)
    assert [p.title for p in outline.problems] == ["持续强化理论武装", "全面优化提案办理", "严格执行采购制度"]
    assert outline.problems[0].text == "一是严格第一议题制度。二是完善学习计划。"
    assert outline.problems[2].path[-1] == "(?)聚焦资金财务管理方面"


TOP_LEVEL_PROBLEMS_WITH_STATUS = """根据市委统一部署,市委第四巡察组对某机关党组进行了巡察。
一、关于学习贯彻党的路线方针政策有差距的问题
整改进度：已完成并长期坚持
整改进展情况：一是强化思想政治引领。二是提高履职能力。
二、关于全面从严治党意识不强的问题
整改进度:已完成
整改进展情况:一是坚决克服形式主义。
三、关于选人用人程序不够到位的问题（已完成）
整改进展情况:加强党建基础工作。
欢迎社会各界对巡察整改落实情况进行监督,联系方式:电话0000-0000000。
中共某某市政协机关党组
2021年12月31日"""


def test_top_level_problems_with_their_status():
    from indexer.document.clean import unify_widths

    outline = build(unify_widths(TOP_LEVEL_PROBLEMS_WITH_STATUS))
    assert [p.status for p in outline.problems] == ["已完成并长期坚持", "已完成", "已完成"]
    assert outline.problems[2].title == "关于选人用人程序不够到位的问题"
    assert outline.problems[0].text == "整改进展情况:一是强化思想政治引领。二是提高履职能力。"
    assert "欢迎社会各界" not in outline.problems[2].text
    assert outline.sections[-1].text.startswith("欢迎社会各界")


def test_inline_enumerations_stay_inside_their_problem():
    outline = build(FOUR_LEVELS)
    assert len(outline.problems) == 5
    assert "二是开展研讨" in outline.problems[0].text


def test_without_a_problem_section_headings_followed_by_their_rectification_are_problems():
    text = "一、关于食堂管理不严的问题\n整改情况:建立餐费归集制度。\n二、关于公务卡使用不规范的问题\n整改情况:全面清理。"
    assert [p.title for p in build(text).problems] == ["关于食堂管理不严的问题", "关于公务卡使用不规范的问题"]


def test_a_speech_has_no_problems():
    assert build(FOUR_LEVELS, find_problems=False).problems == []


def test_the_seeds_have_the_expected_problem_counts(parsed_seeds):
    counts = {name: len(notice.problems) for name, notice in parsed_seeds.items()}
    assert counts == {"000": 22, "001": 20, "002": 12, "003": 0, "004": 3}
