"""Short names of divisions (金华 for 金华市): bodies and zones named after their place, and a level
word's referent named short in a headline. Places are real; the sentences are written for the test."""
import pytest

from indexer.document.parse import parse_text
from indexer.document.regions import resolve, short_name


@pytest.mark.parametrize("name, short", [("金华市", "金华"), ("婺城区", "婺城"), ("江城哈尼族彝族自治县", "江城"),
                                         ("广西壮族自治区", "广西"), ("浦东新区", "浦东"), ("阿拉善盟", "阿拉善"),
                                         ("城区", None), ("矿区", None)])
def test_the_short_name_is_the_name_without_its_unit(name, short):
    assert short_name(name) == short


@pytest.mark.parametrize("source, where, kind", [
    ("中共铜陵高新区工委", ("安徽省", "铜陵市", None), "zone"),
    ("泸州经济技术开发区管委会", ("四川省", "泸州市", None), "zone"),
    ("宁乡人民医院党委", ("湖南省", "长沙市", "宁乡市"), "place prefix"),
    ("中共义乌城市发展集团有限公司委员会", ("浙江省", "金华市", "义乌市"), "place prefix"),
    ("温州职业技术学院", ("浙江省", "温州市", None), "place prefix"),
    ("桐庐第二中学党总支", ("浙江省", "杭州市", "桐庐县"), "place prefix"),
    ("国网德清供电公司党委", ("浙江省", "湖州市", "德清县"), "place prefix"),
    ("来源:绵阳日报", ("四川省", "绵阳市", None), "place prefix"),
])
def test_a_body_or_zone_named_after_its_place_is_in_that_place(source, where, kind):
    region = resolve([("issuer", source)])
    assert (region.province, region.city, region.county) == where
    assert region.source == kind and region.evidence == source


def test_a_full_name_decides_before_a_short_one():
    region = resolve([("issuer", "宁乡市人民医院党委")])
    assert region.county == "宁乡市" and region.source == "issuer"


def test_a_short_name_several_places_share_stays_ambiguous():
    region = resolve([("issuer", "和平法院党组")])
    assert region.province is None and region.county is None
    assert len(region.ambiguous) == 4


@pytest.mark.parametrize("source", ["县人民医院党委", "全县中学校长会", "人民法院党组", "关于全市开发区建设情况的通报"])
def test_a_body_word_after_no_place_name_decides_nothing(source):
    assert resolve([source]).as_dict() == {"province": None, "city": None, "county": None, "ambiguous": []}


def test_a_short_name_in_passing_is_not_a_region():
    assert resolve(["学习借鉴金华经验做法"]).province is None


def test_a_bare_city_committee_refers_to_the_city_its_headline_names_short():
    notice = parse_text("巡察利剑再出鞘 绵阳9家单位迎来巡察组\n时间:2024-04-02\n"
                        "记者从市委巡察办获悉，市委第七轮巡察近日启动，共派出3个巡察组。")
    assert (notice.region["province"], notice.region["city"]) == ("四川省", "绵阳市")


def test_a_headline_learning_from_a_city_does_not_name_the_committee():
    notice = parse_text("我县组织学习绵阳经验做法\n时间:2024-04-02\n"
                        "记者从县委巡察办获悉，县委第七轮巡察近日启动，共派出3个巡察组。")
    assert notice.region["province"] is None


def test_a_city_inspected_by_the_province_is_the_region_of_its_own_notice():
    opening = ("根据省委统一部署，省委第二巡视组于2023年4月至6月对泸州市开展了巡视，8月10日向泸州市委反馈了巡视意见。"
               "现将巡视整改进展情况予以公布。\n一、关于“产业发展后劲不足”的问题\n整改进展情况：出台专项方案。")
    own = parse_text(opening)
    assert (own.region["province"], own.region["city"], own.region["county"]) == ("四川省", "泸州市", None)
    assert own.region_source == "inspected body"


def test_a_city_inspected_through_its_leadership_is_still_the_city():
    notice = parse_text("根据省委统一部署，省委第四巡视组对中共泸州市委员会党政领导班子进行了巡视。"
                        "现将巡视整改进展情况予以公布。\n一、关于“招商引资质效不高”的问题\n整改进展情况：修订招商考核办法。")
    assert (notice.region["province"], notice.region["city"]) == ("四川省", "泸州市")


def test_a_body_of_a_city_inspected_by_the_province_is_not_the_city():
    notice = parse_text("根据省委统一部署，省委第四巡视组对泸州市财政局党组进行了巡视。"
                        "现将巡视整改进展情况予以公布。\n一、关于“预算执行不严”的问题\n整改进展情况：修订预算管理办法。")
    assert notice.region_source != "inspected body"
