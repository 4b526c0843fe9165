"""In a browser: the notice page of a crawled notice links its archived page, which opens as captured;
a notice with characters no repair could read shows them marked and explained. axe on both pages."""
import urllib.request

import pytest

from indexer.engine import build

from ..document.printing import print_pdf
from ..live_server import live_server
from ..webapp.test_captured import GARBLED_RUN, GARBLED_NOTICE, PAGE, write_crawl
from .conftest import assert_accessible


@pytest.fixture(scope="module")
def crawled_server(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("browser-crawl")
    write_crawl(corpus / "crawl.warc.gz", PAGE.encode("gbk"), print_pdf(["中共样例镇党委关于巡察整改进展情况的通报"]))
    (corpus / "farm.txt").write_text(GARBLED_NOTICE, encoding="utf-8")
    index = tmp_path_factory.mktemp("browser-crawl-index")
    build.run(corpus, index, jobs=1, progress=False)
    with live_server(index, seconds=30) as url:
        yield url


def notice_url(base: str, query: str) -> str:
    import json
    from urllib.parse import quote

    with urllib.request.urlopen(f"{base}/api/search?q={quote(query)}") as answer:
        return f"{base}/notice/{json.load(answer)['hits'][0]['notice_id']}"


def test_the_archived_page_is_linked_and_opens_as_captured(crawled_server, page):
    page.goto(notice_url(crawled_server, "鱼塘承包费"))
    link = page.get_by_role("link", name="查看存档页面（2025-06-05 抓取）")
    assert link.is_visible()
    assert_accessible(page)
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/captured")
    assert page.get_by_role("heading", name="中共样例镇党委关于巡察整改进展情况的通报").is_visible()


def test_characters_no_repair_could_read_are_marked_and_explained(crawled_server, page):
    page.goto(notice_url(crawled_server, "补贴农机"))
    note = page.get_by_role("note").filter(has_text="无法辨认的字")
    assert note.is_visible()
    assert page.locator(".problem .text .lost").count() == len(GARBLED_RUN)
    assert not page.get_by_text(GARBLED_RUN).is_visible()  # on demand only
    note.get_by_text("乱码原样（1 处）").click()
    assert page.get_by_text(GARBLED_RUN).is_visible()
    assert_accessible(page)
