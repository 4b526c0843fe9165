"""/charts as a view of the current search: filters and chips, every year, linked cells and bars,
what is counted, each chart's data as CSV (the app over tests/fixtures/facets: 2023 to 2025)."""
import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

from webapp.charts import sorted_by_column


def test_years_run_without_a_gap():
    table = {"rows": ["食堂管理"], "columns": ["2025", "2021"], "counts": [[2, 1]]}
    assert sorted_by_column(table) == {"rows": ["食堂管理"], "columns": ["2021", "2022", "2023", "2024", "2025"],
                                       "counts": [[1, 0, 0, 0, 2]]}


def test_the_page_has_the_search_pages_filters_and_chips_linking_to_charts(client):
    body = client.get("/charts?q=整改&province=福建省").get_data(as_text=True)
    assert 'data-facet="year"' in body and 'data-facet="type"' in body
    chip = unescape(re.search(r'<a class="chip[^"]*" href="([^"]+)" data-key="province"', body).group(1))
    assert chip.startswith("/charts?") and "province" not in chip
    facet_links = [unescape(h) for h in re.findall(r'<section class="facet" data-facet="year".*?</section>', body, re.S)
                   for h in re.findall(r'href="([^"]+)"', h)]
    assert facet_links and all(h.startswith("/charts?") for h in facet_links)


def test_it_says_what_it_counts(client):
    body = client.get("/charts?q=整改").get_data(as_text=True)
    text = re.sub(r"<[^>]+>", "", body)
    found = re.search(r"统计了 (\d+) 个问题，来自 (\d+) 份通报", text)
    api = client.get("/api/search?q=整改&kind=problem").get_json()
    assert found and (int(found.group(1)), int(found.group(2))) == (api["total"], api["notices"])


def test_cells_and_bars_link_to_the_search_they_count(client):
    body = client.get("/charts?q=整改").get_data(as_text=True)
    links = [unescape(h) for h in re.findall(r'<a href="([^"]+)" aria-label="[^"]*">(?:<text|<rect)', body)]
    assert links
    for link in links:
        query = {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}
        assert query["q"] == "整改" and query["kind"] == "problem"
        result = client.get("/api/search", query_string={**query, "limit": 1}).get_json()
        label = re.search(re.escape(link.replace("&", "&amp;")) + r'" aria-label="[^"]*?(\d+)"', body)
        assert label and result["total"] == int(label.group(1))


def test_each_charts_data_downloads_as_csv(client):
    response = client.get("/charts/types-by-year.csv?q=整改")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    years = rows[0][1:]
    assert rows[0][0] == "问题类型" and years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    provinces = list(csv.reader(io.StringIO(client.get("/charts/provinces.csv?q=整改").data.decode("utf-8-sig"))))
    assert provinces[0] == ["省份", "问题数"] and len(provinces) > 1
    assert client.get("/charts/nope.csv").status_code == 404


def test_compare_offers_types_from_a_list_with_counts_and_marks_exact_and_related(client):
    body = client.get("/compare?q=食堂").get_data(as_text=True)
    select = re.search(r'<select name="type">.*?</select>', body, re.S).group()
    options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select)
    assert options and all(re.fullmatch(r".+（\d+）", label) for _, label in options)
    assert '<input type="text" name="type"' not in body
    marks = re.findall(r'<span class="match-mark" data-match="(exact|related)">(精确|相关)</span>', body)
    assert marks and all((m == "exact") == (label == "精确") for m, label in marks)
    assert "在检索页查看" in body and "先换一个检索词" not in body
