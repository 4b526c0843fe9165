"""Problem types on the wording inspection groups publish (issue 20): terse titles and idioms, several
types in one title, generic words that need a second word, the model's explanations, and the model
kept in step with the labelled problems it is trained on."""
import tomllib

import numpy as np
import pytest

from indexer.cli import explanation_lines
from indexer.document import classifier, taxonomy


@pytest.mark.parametrize("title, expected", [
    ("“三会一课”流于形式", "组织生活"),
    ("组织生活随意化", "组织生活"),
    ("上轮巡察反馈问题整改不到位", "巡察整改"),
    ("整改事项挂账未销号", "巡察整改"),
    ("超职数配备干部", "干部选拔任用"),
    ("干部调整未经动议程序", "干部选拔任用"),
    ("公务支出以现金结算为主", "公务卡"),
    ("“四种形态”运用不充分", "纪检监督"),
    ("隐患排查整治不彻底", "安全生产"),
    ("关于“三会一课”流于形式的问题", "组织生活"),
])
def test_terse_and_idiomatic_titles_get_their_type(title, expected):
    assert expected in taxonomy.default().types_of([], title, "")


def test_every_type_a_title_names_counts():
    types = taxonomy.default().types_of([], "支部换届不及时、党费收缴不规范、发展党员程序不严", "")
    assert {"基层党组织建设", "党费", "发展党员"} <= set(types)


@pytest.mark.parametrize("title, not_this", [
    ("投资项目收益低于预期", "工程项目"),   # an investment's return
    ("新增医疗服务项目未经论证", "工程项目"),  # a medical service
    ("参政议政能力有待提升", "协商和提案"),   # said of a county bureau's cadres
    ("资金使用效益不高", "惠民资金"),
])
def test_a_generic_word_alone_does_not_decide(title, not_this):
    assert not_this not in taxonomy.default().types_of([], title, "")


def test_a_generic_word_beside_a_second_word_of_its_type_decides():
    labels = taxonomy.default()
    assert "工程项目" in labels.types_of([], "项目施工转包给无资质单位", "")
    assert "协商和提案" in labels.types_of([], "政协专题协商议政质量不高", "")


@pytest.mark.parametrize("title, expected", [
    ("担当意识不强,主责主业聚焦不够", "履职尽责"),
    ("结余药品管理不规范", "医疗服务和药品"),
    ("立德树人根本任务落实不到位", "教育教学"),
    ("高价彩礼问题仍然存在", "移风易俗"),
    ("村务监督委员会监督缺位", "村务监督"),
    ("违法建设管控不力", "违法建设和土地利用"),
    ("案件久拖不结", "司法办案"),
])
def test_the_new_types_are_found(title, expected):
    assert expected in taxonomy.default().types_of([], title, "")


def test_a_type_the_model_gave_is_explained_by_the_title_words_that_weighed_most():
    labels = taxonomy.default()
    title = "接待费用在其他科目中列支"   # 列支 alone is a weak word of 财务管理; the model agrees strongly
    found = [e for e in taxonomy.explain([], title, "", labels)["types"] if "probability" in e]
    assert found, "the model gives this title a type the keywords do not"
    for evidence in found:
        assert evidence["probability"] >= labels.threshold
        assert evidence["words"] and all(word in title and len(word) > 1 for word in evidence["words"])
    lines = explanation_lines(taxonomy.explain([], title, "", labels))
    assert any(line.startswith(f"{found[0]['name']} ← title, model 0.") for line in lines)


def test_without_the_model_the_types_come_from_the_keywords_alone_and_the_fingerprint_differs(tmp_path):
    data = (taxonomy.Path(taxonomy.__file__).parents[1] / "data" / "taxonomy.toml").read_text(encoding="utf-8")
    start = data.index("[model]")
    without = tmp_path / "taxonomy.toml"
    without.write_text(data[:start] + data[data.index("\n\n", start):], encoding="utf-8")
    rules_only = taxonomy.load(without)
    assert rules_only.model is None
    assert rules_only.fingerprint != taxonomy.default().fingerprint
    assert "财务管理" not in rules_only.types_of([], "接待费用在其他科目中列支", "")
    assert "财务管理" in taxonomy.default().types_of([], "接待费用在其他科目中列支", "")


def test_the_fingerprint_changes_with_the_model_file():
    assert taxonomy.fingerprint("data", b"one model") != taxonomy.fingerprint("data", b"another model")


def test_the_model_reads_the_same_n_grams_as_it_was_trained_on():
    model = taxonomy.default().model
    for title in ("关于“三会一课”流于形式的问题", "公务支出以现金结算为主", "", "、、"):
        rows, _ = model.scores(title)
        expected = sorted(row for row in map(model.vocabulary.get, classifier.title_features(title)) if row is not None)
        assert sorted(rows) == expected


def test_the_shipped_model_is_the_one_its_script_trains_from_the_labelled_problems():
    from indexer.data import make_classifier

    names = [label.name for label in taxonomy.default().types]
    trained = make_classifier.train(make_classifier.training_problems(), names)
    with np.load(taxonomy.Path(taxonomy.__file__).parents[1] / "data" / "classifier.npz") as shipped:
        assert list(shipped["types"]) == names
        assert list(shipped["grams"]) == list(trained["grams"])
        assert np.allclose(shipped["coef"], trained["coef"], atol=1e-5)
        assert np.allclose(shipped["intercept"], trained["intercept"], atol=1e-5)


def test_the_held_out_problems_are_not_trained_on():
    from indexer.data import make_classifier

    trained_titles = {p["title"] for p in make_classifier.training_problems()}
    for name in make_classifier.HELD_OUT:
        held_out = make_classifier.LABELLED / name
        assert held_out.exists()
        titles = {p["title"] for p in tomllib.loads(held_out.read_text(encoding="utf-8"))["problem"]}
        assert titles and not titles & trained_titles
