"""The notice page says where the region came from (地区依据, visible and as hover text) and links
the original page only when its address is a web address."""
import re

import pytest
from flask import render_template

from indexer.engine import build
from webapp import create_app

from ..document.test_provenance_and_links import NOTICE


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("provenance-corpus")
    (corpus / "a.txt").write_text(NOTICE, encoding="utf-8")
    (corpus / "a.txt.meta.toml").write_text('source_url = "javascript:alert(1)"\n', encoding="utf-8")
    index = tmp_path_factory.mktemp("provenance-index")
    build.run(corpus, index, jobs=1, progress=False)
    app = create_app({"INDEX_DIR": str(index), "TESTING": True})
    return app, app.test_client()


def notice_id(client):
    hits = client.get("/api/search?q=河道").get_json()["hits"]
    return hits[0]["notice_id"]


def test_the_notice_page_shows_the_region_basis_as_text_and_hover(site):
    app, client = site
    page = client.get(f"/notice/{notice_id(client)}").get_data(as_text=True)
    assert re.search(r'<small class="provenance" title="地区依据：发布单位「中共桐庐县水利局党组」">地区依据：发布单位「中共桐庐县水利局党组」</small>', page)


def test_the_notice_page_never_links_a_javascript_address(site):
    app, client = site
    page = client.get(f"/notice/{notice_id(client)}").get_data(as_text=True)
    assert "javascript:" not in page and "原文链接" not in page


def test_the_page_links_only_web_addresses_even_from_an_older_index(site):
    app, client = site
    data = app.extensions["notices"].notice(notice_id(client))
    with app.test_request_context("/"):
        for address, linked in (("javascript:alert(1)", False), ("https://www.example.org/1.html", True)):
            html = render_template("notice.html", notice={**data, "source_url": address}, q="", view="clean",
                                   marked={}, opening=None, other_sections=[], state={}, page_count=0)
            assert ("原文链接" in html) is linked and "javascript:" not in html


