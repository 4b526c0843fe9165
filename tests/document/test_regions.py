"""The gazetteer and the resolver, on places well beyond the seeds."""
import pytest

from indexer.document.regions import gazetteer, resolve


def region(*sources, context=""):
    return resolve(list(sources), context=context).as_dict()


def test_the_gazetteer_is_complete():
    places = gazetteer()
    current = [d for d in places.by_code.values() if not d.former]
    provinces = {d.name for d in current if d.level == 1}
    assert len(provinces) == 34
    assert {"内蒙古自治区", "广西壮族自治区", "新疆维吾尔自治区", "香港特别行政区", "台湾省"} <= provinces
    assert 330 <= sum(1 for d in current if d.level == 2) <= 350
    assert 2800 <= sum(1 for d in current if d.level == 3) <= 3100


@pytest.mark.parametrize("source, expected", [
    ("政协晋江市委员会办公室", ("福建省", "泉州市", "晋江市")),                        # county-level city
    ("中共枣庄市政协机关党组", ("山东省", "枣庄市", None)),                          # prefecture only
    ("政协清远市清城区委员会办公室", ("广东省", "清远市", "清城区")),                # district with its city
    ("江城县政协办公室", ("云南省", "普洱市", "江城哈尼族彝族自治县")),              # autonomous county, short
    ("中共长阳土家族自治县委员会", ("湖北省", "宜昌市", "长阳土家族自治县")),
    ("中共阿拉善盟委员会", ("内蒙古自治区", "阿拉善盟", None)),                     # league
    ("额济纳旗政协", ("内蒙古自治区", "阿拉善盟", "额济纳旗")),                     # banner
    ("鄂温克族自治旗纪委", ("内蒙古自治区", "呼伦贝尔市", "鄂温克族自治旗")),
    ("红河州委巡察办", ("云南省", "红河哈尼族彝族自治州", None)),                   # autonomous prefecture, short
    ("仙桃市政协", ("湖北省", None, "仙桃市")),                                      # county-level city under a province
    ("北京市朝阳区政协", ("北京市", "北京市", "朝阳区")),                            # municipality
    ("中共新疆维吾尔自治区委员会", ("新疆维吾尔自治区", None, None)),
])
def test_places_resolve_to_official_full_names(source, expected):
    got = region(source)
    assert (got["province"], got["city"], got["county"]) == expected
    assert got["ambiguous"] == []


@pytest.mark.parametrize("name, count, province", [("鼓楼区", 4, None), ("朝阳区", 2, None), ("向阳区", 2, "黑龙江省")])
def test_a_name_of_several_places_is_reported_not_guessed(name, count, province):
    got = region(f"{name}政协机关")
    assert got["county"] == name
    assert got["city"] is None
    assert got["province"] == province  # both 向阳区 are in 黑龙江省: that much is known
    assert len(got["ambiguous"]) == count
    assert all(option["county"] == name for option in got["ambiguous"])


def test_a_duplicated_name_is_settled_by_its_parent_named_beside_it():
    assert region("南京市鼓楼区政协")["city"] == "南京市"
    assert region("长春市朝阳区纪委")["province"] == "吉林省"


def test_a_duplicated_name_is_settled_by_a_parent_the_text_mentions():
    got = region("鼓楼区政协", context="根据福州市委统一部署,……")
    assert (got["province"], got["city"], got["ambiguous"]) == ("福建省", "福州市", [])


def test_places_mentioned_in_passing_are_not_the_issuers():
    # The issuer names its city only; a district visited in the text is not its county.
    got = region("中共枣庄市政协机关党组", context="先后赴峄城区政协、台儿庄区政协调研")
    assert got["county"] is None


def test_no_place_named_is_all_null():
    assert region("市政协机关", "区委办公室") == {"province": None, "city": None, "county": None, "ambiguous": []}


def test_a_former_county_name_still_resolves():
    got = region("横县政协")
    assert (got["province"], got["city"]) == ("广西壮族自治区", "南宁市")
