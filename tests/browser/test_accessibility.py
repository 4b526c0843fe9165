"""WCAG 2.1 AA on every page and state, at desktop and phone width: axe-core (shipped inside
axe-playwright-python, nothing from outside) finds no violation of any rule it runs by default."""
import json
import urllib.request
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# name → (path, the status the page answers with); {notice} and {problem} come from the index.
PAGES = {
    "search-empty": ("/", 200),
    "search-results": ("/?q=因私出国境证照", 200),  # exact and related hits, synonyms, the divider
    "search-exact": ("/?q=因私出国境证照&match=exact", 200),
    "search-chips": ("/?q=食堂 -province:福建省&year=2023-2025&type=食堂管理", 200),
    "search-grouped": ("/?q=整改&group=notice&sort=date&page=2", 200),
    "search-none": ("/?q=食堂&province=山东省", 200),
    "search-no-exact": ("/?q=公务卡管理&match=exact", 200),
    "notice": ("/notice/{notice}", 200),
    "notice-query": ("/notice/{notice}?q=食堂", 200),
    "notice-original": ("/notice/{notice}?q=食堂&view=original", 200),
    "notice-scanned": ("/notice/{scanned}", 200),            # read by OCR: a note says so
    "notice-scanned-original": ("/notice/{scanned}?view=original", 200),  # with the pictures of its pages
    "similar": ("/similar/{problem}", 200),
    "compare": ("/compare?q=食堂", 200),
    "charts": ("/charts?q=整改", 200),
    "advanced": ("/advanced", 200),
    "advanced-filled": ('/advanced?q=食堂 "餐费" 公车 OR 公务用车 -公务卡 title:采购&province=福建省&year=2020-2025', 200),
    "not-found": ("/notice/nope", 404),
    "bad-request": ("/?page=two", 400),
}


@pytest.fixture(scope="module")
def ids(server) -> dict:
    with urllib.request.urlopen(server + "/api/search?q=" + quote("食堂财务管理不严")) as response:
        hit = json.load(response)["hits"][0]
    with urllib.request.urlopen(server + "/api/search?q=" + quote("档案室防潮")) as response:
        scanned = json.load(response)["hits"][0]
    assert scanned["source"] == "scan.png"
    return {"notice": hit["notice_id"], "problem": hit["problem_id"], "scanned": scanned["notice_id"]}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(server, browser, ids, axe, name, width):
    path, status = PAGES[name]
    context = browser.new_context(viewport=WIDTHS[width], locale="zh-CN", is_mobile=width == "phone")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        response = page.goto(server + path.format(**ids))
        assert response.status == status
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
        # The page's own status shows up as a failed load on error pages; nothing else may.
        assert [e for e in errors if not (status >= 400 and f"status of {status}" in e)] == []
    finally:
        context.close()


def test_the_check_does_find_violations(page, axe):
    """The harness itself: a page with an unlabelled field and an image without text fails."""
    page.set_content('<html><body><img src="data:,"><input type="text"></body></html>')
    found = {violation["id"] for violation in axe.run(page).response["violations"]}
    assert {"image-alt", "label", "html-has-lang"} <= found
