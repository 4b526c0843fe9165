"""Hostile input to every route: arbitrary Unicode, huge numbers, repeated and missing
parameters. Never a 500, never the input unescaped in HTML."""
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.engine import build
from indexer.engine.search import PARAMETERS
from webapp import create_app
from webapp.advanced import FORM_FIELDS

from ..conftest import FIXTURES

FIXTURE = FIXTURES / "facets"
SENTINEL = "<zq\"'>"  # what must never come back raw inside a page
# Every search parameter, and those of single pages and forms (the year range, advanced search).
KEYS = [*PARAMETERS, "level", "region", "view", "year_from", "year_to", *FORM_FIELDS, "go", "preview"]
ROUTES = ["/", "/advanced", "/compare", "/charts", "/api/search", "/export.csv", "/export.json"]
ID_ROUTES = ["/notice/{}", "/similar/{}", "/api/notices/{}", "/api/similar/{}"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    index = tmp_path_factory.mktemp("hostile-index")
    build.run(FIXTURE, index, jobs=1, progress=False)
    return create_app({"INDEX_DIR": str(index)}).test_client()


values = st.one_of(
    st.text(max_size=60),
    st.text(max_size=20).map(lambda t: t + SENTINEL + t),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.sampled_from(["", " ", "0", "-1", "1e9", "NaN", "福建省", "食堂管理", "date", "notice", "\x00", "%00", "../..",
                     "' OR 1=1 --", "<script>alert(1)</script>", "𠀀𪚥", "\u202e", "国(境)", "OR", "NOT", "-", '"']),
)
params = st.lists(st.tuples(st.sampled_from(KEYS), values), max_size=8)  # keys may repeat or be missing


def check(response, sent: str):
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.mimetype == "text/html":
        body = response.get_data(as_text=True)
        assert SENTINEL not in body
        if "<script>alert(1)</script>" in sent:
            assert "<script>alert(1)</script>" not in body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), pairs=params)
def test_query_parameters(client, route, pairs):
    response = client.get(route, query_string=pairs)
    check(response, repr(pairs))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ID_ROUTES), identifier=st.text(min_size=1, max_size=80), pairs=params)
def test_ids_in_paths(client, route, identifier, pairs):
    response = client.get(route.format(quote(identifier, safe="")), query_string=pairs)
    check(response, identifier)
    assert response.status_code in (200, 308, 400, 404, 405)  # 308: Werkzeug merging a doubled slash


def test_huge_page_numbers_are_refused_with_a_message(client):
    response = client.get("/api/search", query_string={"q": "食堂", "page": str(10**18)})
    assert response.status_code == 400 and "page must be between" in response.get_json()["error"]
