"""Citations as a Chinese document writes them."""
import pytest

from indexer.engine.citation import chinese_date, citation, web_address


def test_the_issuer_once_the_title_in_brackets_and_a_chinese_date():
    assert citation("某某办公室", "某某办公室关于巡察整改进展情况的通报", "2025-11-28") == \
        "《某某办公室关于巡察整改进展情况的通报》，2025年11月28日"
    assert citation("政协某县委员会办公室", "关于巡察整改进展情况的通报", "2024-05-01") == \
        "政协某县委员会办公室《关于巡察整改进展情况的通报》，2024年5月1日"
    assert citation(None, "关于整改情况的通报", None, 2023) == "《关于整改情况的通报》，2023年"
    assert citation("某局", None, None) == "某局"


def test_the_source_address_where_the_notice_has_one():
    assert citation("某局", "关于整改情况的通报", "2025-01-02", source_url="https://www.example.gov.cn/a/1.html") == \
        "某局《关于整改情况的通报》，2025年1月2日，https://www.example.gov.cn/a/1.html"


@pytest.mark.parametrize("url", ["http://127.0.0.1:5000/notice/x", "http://localhost/notice/x", "http://[::1]/a",
                                 "javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/a", "", None,
                                 "http://0.0.0.0/a", "https://example.org/a b"])
def test_never_a_loopback_or_non_web_address(url):
    assert web_address(url) is None
    assert "notice" not in citation("某局", "通报", None, source_url=url)


def test_dates():
    assert chinese_date("2025-11-28") == "2025年11月28日"
    assert chinese_date("2025-03") == "2025年3月"
    assert chinese_date(None, 2021) == "2021年" and chinese_date(None) == ""
