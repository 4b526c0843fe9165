"""What a level word standing alone (县委, 区委, 市委) refers to: a division named as the seat of an
organ of that level, else the document's own issuer or publisher; never one named in passing.
Places are real divisions; the texts are invented."""
import pytest

from indexer.document.committee import jurisdiction
from indexer.document.seats import referent, seats


def seat_places(text: str) -> list:
    return [place for _, place, _ in seats(text)]


# --- what makes a division a seat ----------------------------------------------------------------
@pytest.mark.parametrize("text, place", [
    ("根据会泽县委统一安排", "会泽县"),
    ("会泽县纪委监委派员列席", "会泽县"),
    ("会泽县人民政府办公室印发通知", "会泽县"),
    ("会泽县政协机关党组", "会泽县"),
    ("中共会泽县委员会办公室", "会泽县"),
    ("政协会泽县委员会", "会泽县"),
    ("会泽县县委书记出席", "会泽县"),              # the unit written twice
    ("3月2日,会泽县召开巡察工作动员部署会", "会泽县"),  # the division acting through its organs
    ("开封市鼓楼区纪委", "开封市鼓楼区"),          # with the parent written before it
])
def test_a_division_named_as_the_seat_of_an_organ(text, place):
    assert seat_places(text) == [place]


@pytest.mark.parametrize("text", [
    "学习借鉴浙江省安吉县经验",                   # an experience learnt from
    "推广安吉县委的做法",
    "赴德清县纪委监委学习考察",                   # a place visited
    "先后到吴兴区、南浔区调研",                   # a list of places
    "走访德清县、安吉县等地",
    "市委第二巡察组向墨江县委反馈巡察情况",        # the body reported to
    "市委第一巡察组对会泽县政协机关开展巡察",       # the body inspected
    "会泽县委托第三方评估",                       # 委托 is a verb
    "会泽县地处滇东北",                           # a place, not an organ
])
def test_a_division_named_in_passing_is_not_a_seat(text):
    assert seat_places(text) == []


# --- what the level word refers to ---------------------------------------------------------------
def test_the_latest_seat_of_the_level_before_the_word():
    text = "根据会泽县委统一部署,曲靖市纪委派员指导。宣威市人民政府配合。县委第一巡察组进驻"
    found = seats(text)
    at = text.index("县委第一")
    assert referent("县委", at, found, []) == "会泽县"      # 宣威市 is a city, not a county
    assert referent("市委", at, found, []) == "宣威市"      # county-level cities count for 市委
    assert referent("县委", 0, found, []) is None           # only what comes before the word


def test_the_documents_own_body_when_the_text_names_no_seat():
    text = "县委第一巡察组赴德清县学习。县委第一巡察组召开会议"
    found = seats(text)
    assert referent("县委", len(text) - 4, found, ["宁洱县融媒体中心"]) == "宁洱县"
    assert referent("县委", len(text) - 4, found, ["普洱市纪委监委"]) is None   # not a county
    assert referent("县委", len(text) - 4, found, ["赴德清县学习的报道"]) is None  # in passing there too
    assert referent("县委", len(text) - 4, found, [None, "", "宁洱县人民政府"]) == "宁洱县"


# --- the committee running the inspection --------------------------------------------------------
def test_a_county_learnt_from_is_not_the_committees_place():
    text = "县委第二巡察组进驻县民政局。会议提出,要学习借鉴浙江省安吉县经验。县委第二巡察组组长作动员讲话"
    assert jurisdiction(text).place is None
    assert jurisdiction(text, own=["宁洱县融媒体中心"]).place == "宁洱县"


def test_a_seat_named_first_outweighs_a_place_named_in_passing_later():
    text = ("3月20日,汉滨区召开巡察工作动员部署会。会议强调,要学习借鉴湖州市吴兴区经验。"
            "本轮巡察,区委派出4个巡察组")
    assert jurisdiction(text).place == "汉滨区"


def test_the_body_reported_to_is_not_the_place_of_a_later_level_word():
    text = "普洱市委第三巡察组向墨江县委反馈巡察情况。县委书记表示,县委将以此次巡察反馈为契机抓好整改"
    assert jurisdiction(text).place == "普洱市"


def test_an_own_body_of_another_level_leaves_the_word_unknown():
    where = jurisdiction("县委第一巡察组赴德清县学习。县委第一巡察组召开会议", own=["普洱市人民政府门户网站"])
    assert where.place is None
