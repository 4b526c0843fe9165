"""Grouped results (按通报归并): notices counted, and each notice's other matching passages within reach."""
import re
from html import unescape
from urllib.parse import unquote


def total_line(body):
    return re.sub(r"<[^>]+>", "", re.search(r'<p class="total">.*?</p>', body, re.S).group())


def test_grouped_results_count_notices_and_passages(client):
    body = client.get("/?q=整改&group=notice").get_data(as_text=True)
    assert total_line(body).startswith("共 4 份通报 · 14 段")
    ungrouped = client.get("/?q=整改").get_data(as_text=True)
    assert total_line(ungrouped).startswith("共 14 段")


def test_each_group_says_how_many_more_of_its_passages_matched_and_lists_them(client):
    body = client.get("/?q=整改&group=notice").get_data(as_text=True)
    others = [int(n) for n in re.findall(r'<details class="others" data-others="(\d+)"', body)]
    assert sum(others) + len(others) == 14  # every matching passage is shown or listed under its notice
    first = re.search(r'<details class="others".*?</details>', body, re.S).group()
    links = [unquote(unescape(h)) for h in re.findall(r'<li><a href="([^"]+)"', first)]
    assert len(links) == others[0]
    assert all(link.startswith("/notice/") and "q=整改" in link for link in links)
    assert any("#p" in link for link in links)


def test_a_notice_with_one_matching_passage_offers_no_more(client):
    body = client.get("/?q=食堂&group=notice").get_data(as_text=True)
    assert total_line(body).startswith("共 3 份通报 · 3 段")
    assert "本通报另有" not in body


def test_the_listed_passages_have_anchors_on_the_notice_page(client):
    body = client.get("/?q=整改&group=notice").get_data(as_text=True)
    for link in re.findall(r'<details class="others".*?</details>', body, re.S)[0:1]:
        for href in re.findall(r'<li><a href="([^"]+)"', link):
            path, _, anchor = unescape(href).partition("#")
            if anchor:
                page = client.get(path).get_data(as_text=True)
                assert f'id="{anchor}"' in page


def test_the_api_says_the_same(client):
    data = client.get("/api/search?q=整改&group=notice").get_json()
    assert data["notices"] == 4 and data["total"] == 14
    assert sum(h["notice_matches"] for h in data["hits"]) == 14
    assert all(len(h["others"]) == h["notice_matches"] - 1 for h in data["hits"])


def test_did_you_mean_links_to_the_search_with_the_near_term(client):
    body = client.get("/?q=食唐").get_data(as_text=True)
    link = re.search(r'<p class="did-you-mean">.*?<a href="([^"]+)"', body, re.S)
    assert link and "食堂" in re.sub(r"<[^>]+>", "", re.search(r'<p class="did-you-mean">.*?</p>', body, re.S).group())
    assert "q=食堂" in unquote(unescape(link.group(1)))
