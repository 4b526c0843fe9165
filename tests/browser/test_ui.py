"""What a drafter and a researcher do, in a real browser."""
import csv
import io
from urllib.parse import parse_qs, urlparse

from .test_draft import assert_accessible
from .conftest import screenshot


def query_of(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_search_click_a_facet_and_remove_its_chip(server, page):
    page.goto(server + "/")
    page.fill("input[name=q]", "食堂")
    page.click("form.searchbox button")
    page.wait_for_selector("article.hit")
    assert query_of(page)["q"] == "食堂"
    assert "针对食堂财务管理不严的问题" in page.inner_text("section.results")
    screenshot(page, "search")

    page.click("section.facet[data-facet=province] a:text('福建省')")
    page.wait_for_selector("a.chip")
    assert query_of(page) == {"q": "食堂", "province": "福建省"}
    provinces = {h.inner_text() for h in page.query_selector_all("article.hit .region")}
    assert provinces and all(p.startswith("福建省") for p in provinces)
    assert page.is_visible("section.facet[data-facet=city]")  # drill-down to cities

    page.click("a.chip")
    page.wait_for_load_state()
    assert query_of(page) == {"q": "食堂"}
    assert page.query_selector("a.chip") is None


def test_traditional_input_and_the_no_results_page(server, page):
    page.goto(server + "/")
    page.fill("input[name=q]", "財務管理")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("article.hit")
    assert "财务管理" in page.inner_text("section.results")
    page.goto(server + "/?q=食堂&province=山东省")
    assert "没有找到结果" in page.inner_text("section.results")
    page.click("text=去掉“省：山东省”")
    page.wait_for_selector("article.hit")


def test_open_a_notice_jump_to_a_problem_similar_and_original(server, page):
    page.goto(server + "/?q=因私出国境证照")
    page.click("article.hit >> nth=0 >> h3 a")
    page.wait_for_selector("nav.outline")
    assert "#p" in page.url
    target = page.url.split("#")[1]
    assert page.is_visible(f"section#{target}")
    assert page.query_selector(f"section#{target} mark") is not None or page.query_selector("mark") is not None
    screenshot(page, "notice")

    page.click("nav.outline li >> nth=1 >> a")
    assert page.url.endswith("#p2")

    page.click("section#p2 a.similar-link")
    page.wait_for_selector("h1:text('其他单位的同类问题')")
    assert page.query_selector_all("article.hit")
    page.go_back()

    page.click("a.original-link")
    page.wait_for_selector("pre.original")
    assert "view=original" in page.url


def test_copy_a_problem_with_its_citation(server, page, browser):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page.goto(server + "/?q=食堂财务管理不严")
    page.click("article.hit >> nth=0 >> h3 a")
    button = page.wait_for_selector("section.problem:target button.copy")
    button.click()
    page.wait_for_selector("section.problem:target button.copy[data-copied=true]")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("针对食堂财务管理不严的问题")
    # the issuer once (here the title names it), the title in 《》, the date as a Chinese document
    # writes it, and the public link, never the loopback one
    cited = copied.split("——引自：")[1]
    assert cited.startswith("《政协晋江市委员会办公室关于巡察整改进展情况的通报》，2025年11月28日")
    assert cited.count("政协晋江市委员会办公室") == 1
    assert "；本库：https://notices.example.org/notice/" in cited and "127.0.0.1" not in copied


def test_export_csv_of_the_current_search(server, page):
    page.goto(server + "/?q=食堂&province=福建省")
    with page.expect_download() as download:
        page.click("a.export-csv")
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and {r["省份"] for r in rows} == {"福建省"}
    assert download.value.suggested_filename.startswith("检索-食堂-")


def test_ticked_results_are_exported_alone(server, page):
    page.goto(server + "/?q=食堂")
    hits = page.query_selector_all("article.hit")
    assert len(hits) >= 3
    wanted = []
    for number in (0, 2):
        hits[number].query_selector("p.pick label").click()
        wanted.append(hits[number].query_selector("input[name=pick]").get_attribute("value"))
    assert page.is_checked(f"input[name=pick][value='{wanted[0]}']")
    assert_accessible(page)
    screenshot(page, "search-ticked")
    with page.expect_download() as download:
        page.click("form#export-picked button.export-picked-csv")
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), "rb").read().decode("utf-8-sig"))))
    assert [row["段落编号"] for row in rows] == wanted
    assert all(row["整改情况（全文）"] for row in rows)


def test_compare_regions(server, page):
    page.goto(server + "/compare")
    page.fill("form.compare-form input[name=q]", "食堂")
    selects = page.query_selector_all("form.compare-form select[name=region]")
    selects[0].select_option("福建省")
    selects[1].select_option("广东省")
    for select in selects[2:]:
        select.select_option("")
    page.click("form.compare-form button")
    page.wait_for_selector("section.column")
    regions = [c.get_attribute("data-region") for c in page.query_selector_all("section.column")]
    assert regions == ["福建省", "广东省"]
    assert all(c.query_selector("article.hit") for c in page.query_selector_all("section.column"))
    assert "食堂" in page.inner_text("section.column >> nth=1")
    screenshot(page, "compare")


def test_charts(server, page):
    page.goto(server + "/charts?q=整改")
    assert len(page.query_selector_all("svg.chart")) == 2
    assert page.query_selector("svg.chart text:text('福建省')") is not None
    screenshot(page, "charts")


def test_grouping_sorting_and_paging_live_in_the_url(server, page):
    page.goto(server + "/?q=整改")
    page.click("a.group-toggle")
    page.wait_for_load_state()
    assert query_of(page).get("group") == "notice"
    notices = [a.get_attribute("href").split("?")[0].split("#")[0] for a in page.query_selector_all("article.hit h3 a")]
    assert len(notices) > 1 and len(notices) == len(set(notices))  # one passage per notice
    page.click("a:text('日期')")
    assert query_of(page) == {"q": "整改", "group": "notice", "sort": "date"}
    page.goto(server + "/?q=整改")
    page.click("a[rel=next]")
    assert query_of(page)["page"] == "2"


def test_phone_width(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/?q=食堂")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # nothing wider than the screen
    screenshot(page, "search-phone")
    context.close()
