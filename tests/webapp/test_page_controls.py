"""The search page's controls: page size, past the last page, the header's mark of the current page."""
import re
from html import unescape


def text(body):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body))


def test_page_size_choices_and_the_chosen_one(client):
    body = client.get("/?q=整改").get_data(as_text=True)
    assert "每页：10 / 20 / 50" in text(body)
    assert '<strong aria-current="true">10</strong>' in body
    links = [unescape(h) for h in re.findall(r'<a href="([^"]*limit=\d+[^"]*)">(?:20|50)</a>', body)]
    assert len(links) == 2 and "limit=20" in links[0] and "limit=50" in links[1]
    chosen = client.get(links[0]).get_data(as_text=True)
    assert '<strong aria-current="true">20</strong>' in chosen
    assert len(re.findall(r'<article class="hit"', chosen)) == 14  # all 14 fit on a page of 20


def test_past_the_last_page_links_to_it(client):
    body = client.get("/?q=整改&page=9").get_data(as_text=True)
    said = text(body)
    assert "结果只有 2 页，没有第 9 页。" in said and "没有找到结果" not in said
    link = unescape(re.search(r'<p class="past-last">.*?<a href="([^"]+)"', body, re.S).group(1))
    assert "page=2" in link
    assert len(re.findall(r'<article class="hit"', client.get(link).get_data(as_text=True))) == 4


def test_the_header_marks_the_page_you_are_on_and_keeps_the_search(client):
    for path, name in [("/?q=食堂", "检索"), ("/charts?q=食堂", "图表"), ("/compare?q=食堂", "对比"),
                       ("/advanced?q=食堂", "高级检索")]:
        body = client.get(path).get_data(as_text=True)
        nav = re.search(r'<nav class="links".*?</nav>', body, re.S).group()
        current = re.findall(r'aria-current="page">([^<]+)</a>', nav)
        assert current == [name], path
        assert all("q=" in unescape(h) for h in re.findall(r'href="([^"]+)"', nav)
                   if "draft" not in h), path


def test_the_search_page_offers_both_date_orders_and_a_feed_of_itself(client):
    body = client.get("/?q=食堂").get_data(as_text=True)
    assert "日期（新→旧）" in body and "日期（旧→新）" in body and "sort=oldest" in body
    feed = re.search(r'<a class="feed-link" href="([^"]+)"', body)
    assert feed and "q=" in unescape(feed.group(1)) and client.get(unescape(feed.group(1))).status_code == 200
    oldest = client.get("/api/search?q=整改&sort=oldest&limit=50").get_json()["hits"]
    dates = [h["published"] for h in oldest if h["published"]]
    assert dates == sorted(dates)
