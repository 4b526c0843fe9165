"""Exact before related, the switch between them, the synonyms searched, year ranges and negated
filters, in a real browser."""
from urllib.parse import parse_qs, urlparse

from .conftest import screenshot


def query_of(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def matches(page) -> list:
    return [a.get_attribute("data-match") for a in page.query_selector_all("article.hit")]


def test_exact_hits_then_a_divider_then_related_ones_and_the_switch(server, page):
    page.goto(server + "/")
    page.fill("input[name=q]", "因私出国境证照")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("article.hit")
    assert matches(page) == ["exact", "exact", "exact", "related"]
    summary = page.inner_text("p.total")
    assert "精确 3 段" in summary and "相关 1 段" in summary
    divider = page.query_selector(".related-divider")
    assert divider.is_visible() and "含检索词的大部分词语" in divider.inner_text()
    # It stands between the last exact hit and the first related one, on the screen too.
    hits = page.query_selector_all("article.hit")
    assert hits[2].bounding_box()["y"] < divider.bounding_box()["y"] < hits[3].bounding_box()["y"]
    heading = page.get_by_role("heading", name="相关结果")
    assert heading.is_visible()
    screenshot(page, "search-exact-and-related")

    page.get_by_role("navigation", name="匹配范围").get_by_role("link", name="精确").click()
    page.wait_for_load_state()
    assert query_of(page) == {"q": "因私出国境证照", "match": "exact"}
    assert matches(page) == ["exact"] * 3 and page.query_selector(".related-divider") is None
    assert page.get_attribute("nav.match-switch a[data-match=exact]", "aria-current") == "true"
    assert "相关 1 段未显示" in page.inner_text("p.total")
    screenshot(page, "search-exact-only")

    page.click("nav.match-switch a[data-match=all]")
    page.wait_for_load_state()
    assert query_of(page) == {"q": "因私出国境证照"} and len(matches(page)) == 4


def test_the_synonyms_searched_and_the_term_as_written(server, page):
    page.goto(server + "/?q=因私出国境证照")
    line = page.inner_text("p.expanded")
    assert "也检索了：因私出入境证件、因私护照" in line
    page.click("a.as-written")
    page.wait_for_load_state()
    assert query_of(page) == {"q": '"因私出国境证照"'}
    assert page.input_value("input[name=q]") == '"因私出国境证照"'
    assert page.query_selector("p.expanded") is None
    page.goto(server + "/?q=公务用车")
    assert "也检索了：公车" in page.inner_text("p.expanded")
    screenshot(page, "search-synonyms")


def test_a_year_range_and_a_negated_filter_as_chips(server, page):
    page.goto(server + "/?q=食堂 -province:福建省")
    chip = page.query_selector("a.chip.excluded")
    assert "不含省：福建省" in chip.inner_text().replace(" ", "")
    assert all("福建省" not in r.inner_text() for r in page.query_selector_all("article.hit .region"))
    page.fill("#year-from", "2025")
    page.fill("#year-to", "2023")
    page.click("form.year-range button")
    page.wait_for_load_state()
    assert query_of(page) == {"q": "食堂 -province:福建省", "year": "2023-2025"}
    assert page.is_visible("a.chip[data-key=year]")
    screenshot(page, "search-year-range-and-negated-filter")

    page.click("a.chip.excluded")
    page.wait_for_load_state()
    assert query_of(page) == {"q": "食堂", "year": "2023-2025"}
    assert page.input_value("input[name=q]") == "食堂"
    page.click("a.chip[data-key=year]")
    page.wait_for_load_state()
    assert query_of(page) == {"q": "食堂"}
