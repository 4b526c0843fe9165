"""A real server (waitress, through `notices serve`) and Debian's Chromium driven by Playwright."""
import os
import shutil
from pathlib import Path

import pytest

from indexer.engine import build

from ..document.printing import image_file, print_pdf, scan
from ..live_server import live_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PUBLIC_URL = "https://notices.example.org"  # the address links that leave the machine use (NOTICES_PUBLIC_URL)
SCANNED_LINES = ["一、关于档案室防潮设施缺失的问题", "整改进展情况：已完成。"]  # a page of a scan, read by OCR
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("browser-corpus")
    for path in (ROOT / "corpus").glob("*.txt"):
        shutil.copy(path, corpus)
    for path in (ROOT / "tests" / "fixtures" / "facets").glob("*.txt"):
        shutil.copy(path, corpus / f"fixture_{path.name}")
    (corpus / "scan.png").write_bytes(image_file(scan(print_pdf(SCANNED_LINES, chars_per_line=16, page=(300.0, 110.0),
                                                                margin_y=30, page_numbers=False)), "PNG"))
    index = tmp_path_factory.mktemp("browser-index")
    build.run(corpus, index, jobs=2, progress=False)
    with live_server(index, env={"NOTICES_PUBLIC_URL": PUBLIC_URL}, seconds=30) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "Chromium is missing: `make test` installs it (sh .ci/install-chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert errors == [], errors  # no script errors, no CSP violations


WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def assert_accessible(page):
    """axe-core finds no violation of WCAG 2.1 AA (nor of its best practices) on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def screenshot(page, name: str):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
