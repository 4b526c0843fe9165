"""Places, dates and document kinds as a Chinese page writes them (webapp/display.py)."""
import re

import pytest

from webapp.display import date_line, place_line, province_kind, whole_document


@pytest.mark.parametrize("province, city, county, shown", [
    ("重庆市", "重庆市", "云阳县", "重庆市 云阳县"),           # a municipality is named once
    ("北京市", "北京市", None, "北京市"),
    ("黑龙江省", None, "向阳区", "黑龙江省 向阳区（所属市不详）"),  # no city: said, not skipped
    ("福建省", "泉州市", "晋江市", "福建省 泉州市 晋江市"),
    ("福建省", None, None, "福建省"),
    (None, None, None, "地区不详"),
])
def test_place_lines(province, city, county, shown):
    assert place_line(province, city, county) == shown


@pytest.mark.parametrize("name, kind", [("重庆市", "直辖市"), ("内蒙古自治区", "自治区"), ("福建省", "省"),
                                        ("香港特别行政区", "特别行政区")])
def test_what_a_province_level_division_is_called(name, kind):
    assert province_kind(name) == kind


def test_only_a_rectification_notice_is_a_whole_notice():
    assert whole_document("整改通报") == "整份通报"
    assert all(whole_document(kind) != "整份通报" for kind in ("反馈", "公告", "讲话", "动态", None))


def test_dates_read_in_chinese():
    assert date_line("2025-11-28", 2025) == "2025年11月28日"
    assert date_line(None, 2024) == "2024年"
    assert date_line(None, None) == "日期不详"


def test_the_pages_write_chinese_dates_and_the_badge_by_kind(client):
    body = client.get("/?q=整改&kind=notice").get_data(as_text=True)
    dates = re.findall(r'class="date"[^>]*>([^<]*)</', body)
    assert dates and all(re.fullmatch(r"\d{4}年(\d{1,2}月(\d{1,2}日)?)?|日期不详", d) for d in dates)
    badges = re.findall(r'<span class="kind">([^<]*)</span>', body)
    assert badges  # every whole document is marked by what it is
    notice = client.get(re.search(r'href="(/notice/[^"?#]+)', body).group(1)).get_data(as_text=True)
    assert not re.search(r"<td>\d{4}-\d\d-\d\d</td>", notice)


def test_a_municipality_chip_says_municipality(client):
    body = client.get("/?province=重庆市").get_data(as_text=True)
    assert "直辖市：重庆市" in re.sub(r"<[^>]+>", "", body)
    assert "省：重庆市" not in re.sub(r"<[^>]+>", "", body).replace("直辖市：重庆市", "")
