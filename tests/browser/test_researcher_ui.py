"""Issue 26 in a real browser, at desktop and phone width: grouped counts that open every matching
passage, the status facet by state, places typed short, bad values said in Chinese, page size,
past the last page, the header's current page, and how places and dates read."""
import pytest

from .conftest import assert_accessible, screenshot

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(WIDTHS))
def sized(request, browser):
    """A page at each width; (page, width name). No script errors, no CSP violations."""
    context = browser.new_context(viewport=WIDTHS[request.param], locale="zh-CN", is_mobile=request.param == "phone")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page, request.param
    context.close()
    assert errors == [], errors


def fits(page) -> bool:
    """Nothing wider than the window (no sideways scrolling on a phone)."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1


def test_grouped_results_count_notices_and_open_each_notices_other_passages(server, sized):
    page, width = sized
    page.goto(server + "/?q=整改")
    page.click("a.group-toggle")
    page.wait_for_selector("details.others")
    total = page.inner_text("p.total")
    assert "份通报 ·" in total and total.startswith("共 ")
    details = page.query_selector("details.others")
    summary = details.query_selector("summary")
    more = int(details.get_attribute("data-others"))
    assert summary.inner_text() == f"本通报另有 {more} 段匹配"
    assert not details.query_selector("li").is_visible()
    summary.click()
    listed = details.query_selector_all("li a")
    assert len(listed) == min(more, 20) and listed[0].is_visible()
    assert fits(page)
    screenshot(page, f"researcher-grouped-open-{width}")
    target = listed[0].get_attribute("href")
    listed[0].click()
    page.wait_for_load_state()
    assert "/notice/" in page.url
    if "#" in target:
        assert page.query_selector(target[target.index("#"):]) is not None


def test_the_status_facet_counts_states_and_the_notice_shows_its_own_words(server, sized):
    page, width = sized
    page.goto(server + "/?kind=problem")
    facet = page.query_selector("section.facet[data-facet=status]")
    values = [a.inner_text() for a in facet.query_selector_all("li a")]
    assert values and set(values) <= {"已完成", "基本完成", "持续推进", "未完成"}
    facet.query_selector("li a").click()
    page.wait_for_load_state()
    chip = page.query_selector("a.chip[data-key=status]")
    assert chip is not None and "整改状态：" in chip.inner_text()
    screenshot(page, f"researcher-status-facet-{width}")
    page.goto(server + "/?status=已完成&kind=problem&limit=50")
    worded = page.query_selector("article.hit:has(span.tag.status[title='原文：已完成并长期坚持'])")
    assert worded is not None  # filed under 已完成, its own words kept
    worded.query_selector("h3 a").click()
    page.wait_for_load_state()
    assert "整改进度原文：“已完成并长期坚持”" in page.inner_text("main")


def typed_into_the_box(page, server, query: str, answer: str):
    """The query typed into the search box of the home page and sent with Enter; waits for the answer's element."""
    page.goto(server + "/")
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(answer)


def test_a_place_typed_short_is_understood_and_said(server, sized):
    page, width = sized
    typed_into_the_box(page, server, "食堂 city:泉州", "p.understood")
    assert "已理解为：“泉州” → 泉州市" in page.inner_text("p.understood")
    assert page.input_value("input[name=q]") == "食堂 city:泉州"
    assert page.query_selector_all("article.hit")
    assert "市：泉州市" in page.inner_text("a.chip[data-key=city]")
    assert fits(page)
    screenshot(page, f"researcher-understood-{width}")


def test_a_bad_value_is_a_sentence_in_chinese_with_the_query_kept(server, sized):
    page, width = sized
    typed_into_the_box(page, server, "year:lately 食堂", "p.bad-value")
    assert "“year:lately”不是年份" in page.inner_text("p.bad-value")
    assert page.input_value("input[name=q]") == "year:lately 食堂"
    assert page.query_selector_all("article.hit")  # the search ran without the bad condition
    assert "年以前" not in page.inner_text("main")
    screenshot(page, f"researcher-bad-value-{width}")
    response = page.goto(server + "/?q=食堂&page=two")
    assert response.status == 200 and "页码要写成" in page.inner_text("p.bad-value")


def test_page_size_and_past_the_last_page(server, sized):
    page, width = sized
    page.goto(server + "/?q=整改")
    assert len(page.query_selector_all("article.hit")) == 10
    page.click("p.controls a:text-is('20')")
    page.wait_for_load_state()
    assert "limit=20" in page.url and len(page.query_selector_all("article.hit")) == 20
    page.goto(server + "/?q=整改&page=99")
    past = page.inner_text("p.past-last")
    assert "没有第 99 页" in past and "没有找到结果" not in page.inner_text("main")
    screenshot(page, f"researcher-past-last-{width}")
    page.click("p.past-last a")
    page.wait_for_load_state()
    assert page.query_selector_all("article.hit") and page.query_selector("a[rel=next]") is None


def test_the_header_marks_the_page_you_are_on_and_keeps_the_search(server, sized):
    page, width = sized
    page.goto(server + "/?q=食堂")
    assert page.get_attribute("nav.links a[aria-current=page]", "href").startswith("/?q=")
    page.click("nav.links a:text-is('图表')")
    page.wait_for_load_state()
    current = page.query_selector("nav.links a[aria-current=page]")
    assert current.inner_text() == "图表" and "q=" in page.url
    screenshot(page, f"researcher-header-current-{width}")


def test_places_dates_and_badges_read_right(server, sized):
    page, width = sized
    page.goto(server + "/?kind=notice")
    for date in page.query_selector_all("article.hit .date"):
        text = date.inner_text()
        assert "-" not in text and ("年" in text or text == "日期不详")
    for hit in page.query_selector_all("article.hit"):
        region = hit.query_selector("span.region").inner_text().split(" ")
        assert len(region) == len(set(region))  # no place named twice
    page.goto(server + "/?province=重庆市")
    assert "直辖市：重庆市" in page.inner_text("a.chip[data-key=province]")
    screenshot(page, f"researcher-municipality-chip-{width}")


def test_a_typo_gets_the_index_s_near_term_and_no_made_up_synonyms(server, sized):
    page, width = sized
    typed_into_the_box(page, server, "整改惜施", "p.did-you-mean")
    assert "您是不是要找：整改措施" in page.inner_text("p.did-you-mean")
    screenshot(page, f"researcher-did-you-mean-{width}")
    page.click("p.did-you-mean a")
    page.wait_for_load_state()
    assert page.input_value("input[name=q]") == "整改措施" and page.query_selector_all("article.hit")
    page.goto(server + "/?q=公务用车食唐")
    assert page.query_selector("p.expanded") is None  # nothing "also searched" for a string nobody wrote


def test_charts_are_a_view_of_the_search_full_width_with_links_and_csv(server, sized):
    page, width = sized
    page.goto(server + "/?q=整改&province=福建省")
    page.click("nav.links a:text-is('图表')")
    page.wait_for_selector("svg.chart")
    assert "省：福建省" in page.inner_text("a.chip[data-key=province]")
    assert "统计了" in page.inner_text("p.total")
    grid = page.query_selector("svg.chart").bounding_box()
    column = page.query_selector("section.charts-page").bounding_box()
    assert grid["width"] >= column["width"] - 40 or grid["width"] >= 500  # the column's width, or scrolls
    assert fits(page)
    screenshot(page, f"researcher-charts-{width}")
    with page.expect_download() as download:
        page.click("a.chart-csv >> nth=0")
    assert download.value.suggested_filename.endswith(".csv")
    with page.expect_navigation():  # a cell is a link (the click the browser sends on a tap or Enter)
        page.eval_on_selector("svg.chart a", "a => a.dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    assert page.url.startswith(server + "/?") and "kind=problem" in page.url and page.query_selector_all("article.hit")


def test_compare_chooses_types_from_a_list_and_marks_exact_and_related(server, sized):
    page, width = sized
    page.goto(server + "/compare?q=食堂")
    options = page.query_selector_all("select[name=type] option")
    assert len(options) > 1 and all("（" in o.inner_text() for o in options[1:])
    assert page.query_selector_all("span.match-mark[data-match]")
    assert fits(page)
    screenshot(page, f"researcher-compare-{width}")


def test_sort_by_date_both_ways(server, sized):
    page, width = sized
    page.goto(server + "/?kind=notice")  # one hit a notice, so that dates differ

    def shown_dates():
        return [d.get_attribute("datetime") for d in page.query_selector_all("article.hit time[datetime]")]

    page.click("p.controls a:text-is('日期（新→旧）')")
    page.wait_for_load_state()
    newest = shown_dates()
    page.click("p.controls a:text-is('日期（旧→新）')")
    page.wait_for_load_state()
    oldest = shown_dates()
    assert "sort=oldest" in page.url and page.inner_text("p.controls strong[aria-current]") == "日期（旧→新）"
    assert len(set(newest)) > 1 and newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    assert fits(page)
    screenshot(page, f"researcher-oldest-first-{width}")


def cities_of(page, server, province: str, kind: str = "") -> list:
    result = page.request.get(f"{server}/api/search?limit=1&province={province}{kind}").json()
    return [row["value"] for row in result["facets"]["city"]]


def test_the_advanced_page_city_list_follows_the_chosen_province(server, sized):
    page, width = sized
    page.goto(server + "/advanced")
    everywhere = page.eval_on_selector_all("datalist#adv-cities option", "os => os.map(o => o.value)")
    page.select_option("select#adv-province", "福建省")
    page.wait_for_selector("datalist#adv-cities[data-offered]", state="attached")
    offered = page.eval_on_selector_all("datalist#adv-cities option", "os => os.map(o => o.value)")
    assert offered == cities_of(page, server, "福建省") and set(offered) < set(everywhere)
    assert_accessible(page)
    screenshot(page, f"researcher-advanced-cities-{width}")


def test_the_draft_page_city_list_follows_the_chosen_province(server, sized):
    page, width = sized
    page.goto(server + "/draft")
    page.select_option("select#filter-province", "山东省")
    page.wait_for_selector("select#filter-city[data-offered]", state="attached")
    offered = page.eval_on_selector_all("select#filter-city option", "os => os.map(o => o.value)")
    assert offered[0] == "" and offered[1:] == cities_of(page, server, "山东省", "&kind=problem")
    assert "泉州市" not in offered  # a city of another province is no longer offered
    assert_accessible(page)
    assert fits(page)
    screenshot(page, f"researcher-draft-cities-{width}")
