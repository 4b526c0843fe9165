"""Atom feeds of searches: /feed parses back as Atom with every required element, lists the newest
matching passages first with their notice, region and link, and grows when a build adds a notice."""
import shutil
import time

import pytest
from lxml import etree

from indexer.engine import build
from webapp import create_app

from ..conftest import FIXTURES

ATOM = "{http://www.w3.org/2005/Atom}"
# A notice written for this test: newer than every fixture, with a canteen problem.
NEWER_NOTICE = """根据县委统一部署,2026年3月1日至4月30日,县委第二巡察组对县农业农村局开展了巡察。
一、巡察反馈问题的整改进展情况
1.针对单位食堂采购未经比价的问题
整改进展情况:食堂大宗采购改为三家比价,结果在局内公示。
中共莆田市仙游县农业农村局委员会
2026年8月20日
"""


@pytest.fixture
def site(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for path in FIXTURES.joinpath("facets").glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    build.run(corpus, index, jobs=1, progress=False)
    app = create_app({"INDEX_DIR": str(index), "TESTING": True})
    return corpus, index, app.test_client()


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.content_type.startswith("application/atom+xml")
    return etree.fromstring(response.data)


def entries_of(feed):
    return feed.findall(ATOM + "entry")


def test_the_feed_is_atom_with_every_required_element(site):
    _, _, client = site
    feed = atom(client, "/feed?q=食堂")
    assert feed.tag == ATOM + "feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(ATOM + name) is not None, name
    assert "食堂" in feed.findtext(ATOM + "title")
    entries = entries_of(feed)
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated", "content"):
            assert (entry.findtext(ATOM + name) or "").strip(), name
        assert entry.find(ATOM + "link").get("href").startswith("/notice/")
    days = [entry.findtext(ATOM + "updated") for entry in entries]
    assert days == sorted(days, reverse=True)  # newest first


def test_an_entry_is_the_passage_with_its_notice_and_region(site):
    _, _, client = site
    entry = entries_of(atom(client, "/feed?q=账目&province=福建省"))[0]
    content = entry.findtext(ATOM + "content")
    assert "建立餐费每月归集制度" in content            # the passage in full
    assert "通报：政协晋江市委员会办公室关于" in content  # its notice
    assert "地区：福建省 泉州市 晋江市" in content         # its region
    assert entry.findtext(ATOM + "published").startswith("2024-05-10")


def test_filters_narrow_the_feed_as_they_narrow_the_search(site):
    _, _, client = site
    provinces = [e.findtext(ATOM + "content") for e in entries_of(atom(client, "/feed?q=食堂&province=广东省"))]
    assert provinces and all("广东省" in content for content in provinces)
    assert entries_of(atom(client, "/feed?q=食堂&province=山东省")) == []


def test_the_feed_grows_when_a_build_adds_a_notice(site):
    corpus, index, client = site
    before = {e.findtext(ATOM + "id") for e in entries_of(atom(client, "/feed?q=食堂"))}
    (corpus / "newer.txt").write_text(NEWER_NOTICE, encoding="utf-8")
    build.run(corpus, index, jobs=1, progress=False)
    # The running app finds the new generation within a second and loads it in the background.
    deadline = time.monotonic() + 30
    while True:
        feed = atom(client, "/feed?q=食堂")
        first = entries_of(feed)[0]
        if first.findtext(ATOM + "id") not in before or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert first.findtext(ATOM + "id") not in before
    assert "三家比价" in first.findtext(ATOM + "content")
    assert feed.findtext(ATOM + "updated").startswith("2026-08-20")


def test_the_search_page_names_its_feed(site):
    _, _, client = site
    page = client.get("/?q=食堂&province=福建省").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert "/feed?q=%E9%A3%9F%E5%A0%82&amp;province=" in page or "/feed?province=" in page


def test_a_bad_parameter_is_a_clear_error_not_a_feed(site):
    _, _, client = site
    response = client.get("/feed?year=soon")
    assert response.status_code == 400


def test_a_query_with_control_characters_still_gives_a_well_formed_feed(site):
    """Found by schemathesis: XML cannot carry U+0001, which a query may hold."""
    _, _, client = site
    feed = atom(client, "/feed?q=%01食堂%0B")
    assert "食堂" in feed.findtext(ATOM + "title")
