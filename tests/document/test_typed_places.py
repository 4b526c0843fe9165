"""Places as users type them (`福建`, `泉州`, `鲤城`) made official names through the gazetteer."""
import pytest

from indexer.document.regions import typed_names


@pytest.mark.parametrize("key, typed, names", [
    ("province", "福建", ["福建省"]), ("province", "福建省", ["福建省"]), ("province", "内蒙古", ["内蒙古自治区"]),
    ("city", "泉州", ["泉州市"]), ("city", "泉州市", ["泉州市"]), ("county", "鲤城", ["鲤城区"]),
    ("province", "吉林", ["吉林省"]), ("city", "吉林", ["吉林市"]),     # one short name, two levels
    ("city", "北京", ["北京市"]), ("province", "北京", ["北京市"]),     # a municipality is its own city
    ("city", "红河州", ["红河哈尼族彝族自治州"]),
    ("city", "不是地名", []),
])
def test_typed_places(key, typed, names):
    assert typed_names(key, typed) == names


def test_a_short_name_several_places_share_gives_them_all():
    assert {"朝阳区", "朝阳县"} <= set(typed_names("county", "朝阳"))
