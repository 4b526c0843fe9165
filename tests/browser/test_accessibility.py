"""WCAG 2.1 AA on every page and state, at desktop and phone width: axe-core (shipped inside
axe-playwright-python, nothing from outside) finds no violation of any rule it runs by default."""
import json
import tomllib
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
TABLE = tomllib.loads((Path(__file__).parent / "pages.toml").read_text(encoding="utf-8"))
# name → (path, the status the page answers with)
PAGES = {**{name: (path, 200) for name, path in TABLE["pages"].items()},
         **{name: (page["path"], page["status"]) for name, page in TABLE["errors"].items()}}


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
