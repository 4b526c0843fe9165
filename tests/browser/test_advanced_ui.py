"""Advanced search in a real browser: fill the form, land on the search page with the query in
the box, come back to the form filled from that search."""
from urllib.parse import parse_qs, urlparse

from .conftest import assert_accessible, screenshot


def query_of(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def fill_words(page, any_label: str):
    """All of 管理, any of 证照 证件 (in the row any_label names), none of 食堂."""
    page.get_by_label("包含全部这些词").fill("管理")
    page.get_by_label(any_label).fill("证照 证件")
    page.get_by_label("不包含这些词").fill("食堂")


def test_compose_a_search_and_come_back_to_it(server, page):
    page.goto(server + "/")
    page.click("nav.links >> text=高级检索")
    page.wait_for_selector("form.advanced-form")
    fill_words(page, "包含任意一个词")
    page.get_by_label("省份").select_option("山东省")
    page.get_by_label("从").fill("2024")
    page.get_by_label("至").fill("2026")
    page.get_by_label("问题类型").select_option("因私出国(境)证照")
    page.get_by_role("button", name="预览检索式").click()
    page.wait_for_selector("code.query")
    assert page.inner_text("code.query") == "管理 证照 OR 证件 -食堂"
    assert query_of(page)["any"] == "证照 证件"  # the form's own state is in the URL
    screenshot(page, "advanced")

    page.get_by_role("button", name="检索", exact=True).last.click()
    page.wait_for_selector("article.hit")
    assert urlparse(page.url).path == "/"
    assert query_of(page) == {"q": "管理 证照 OR 证件 -食堂", "province": "山东省", "year": "2024-2026",
                              "type": "因私出国(境)证照"}
    assert page.input_value("header input[name=q]") == "管理 证照 OR 证件 -食堂"
    assert all(r.inner_text().startswith("山东省") for r in page.query_selector_all("article.hit .region"))

    page.click("nav.links >> text=高级检索")
    page.wait_for_selector("form.advanced-form")
    assert page.get_by_label("包含全部这些词").input_value() == "管理"
    assert page.get_by_label("包含任意一个词").input_value() == "证照 证件"
    assert page.get_by_label("不包含这些词").input_value() == "食堂"
    assert page.get_by_label("省份").input_value() == "山东省"
    assert page.get_by_label("问题类型").input_value() == "因私出国(境)证照"


def test_advanced_search_at_phone_width(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + '/advanced?q=食堂 "餐费" 公车 OR 公务用车 -公务卡 title:采购&province=福建省')
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "advanced-phone")
    context.close()


def test_the_group_row_writes_a_group_and_comes_back(server, page):
    page.goto(server + "/advanced")
    fill_words(page, "并且包含另一组中任意一个词")
    page.get_by_role("button", name="预览检索式").click()
    page.wait_for_selector("code.query")
    assert page.inner_text("code.query") == "管理 (证照 OR 证件) -食堂"
    assert_accessible(page)
    screenshot(page, "advanced-group")

    page.get_by_role("button", name="检索", exact=True).last.click()
    page.wait_for_selector("article.hit")
    assert query_of(page) == {"q": "管理 (证照 OR 证件) -食堂"}
    marked = {m.inner_text() for m in page.query_selector_all("article.hit mark")}
    assert marked & {"证照", "证件"}   # the group's words are searched and marked

    page.click("nav.links >> text=高级检索")
    page.wait_for_selector("form.advanced-form")
    assert page.get_by_label("并且包含另一组中任意一个词").input_value() == "证照 证件"
    assert page.get_by_label("包含全部这些词").input_value() == "管理"
    assert page.get_by_label("不包含这些词").input_value() == "食堂"
    assert_accessible(page)
