"""The API described: /api/openapi.json is generated from the parameter registry, covers every JSON
route, and the live app answers every generated request without a 5xx and within its schemas."""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance

from indexer.engine.search import FACETS, PARAMETERS
from webapp import create_app
from webapp.openapi import document


@pytest.fixture(scope="module")
def app(facet_index):
    return create_app({"INDEX_DIR": str(facet_index), "TESTING": True})


@pytest.fixture(scope="module")
def spec(app):
    response = app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_the_description_is_openapi_3_1_of_every_json_route(app, spec):
    assert spec["openapi"].startswith("3.1")
    described = set(spec["paths"])
    served = {str(rule).replace("<", "{").replace(">", "}") for rule in app.url_map.iter_rules()
              if str(rule).startswith("/api/") and str(rule) != "/api/openapi.json"
              or str(rule).endswith((".json", ".csv")) and not str(rule).startswith("/api/")}
    assert served - described == set()


def test_search_parameters_come_from_the_registry(spec):
    names = [p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]]
    assert names == list(PARAMETERS)
    assert {f.name for f in FACETS} <= set(names)
    facets = spec["components"]["schemas"]["SearchResult"]["properties"]["facets"]
    assert set(facets["required"]) == {f.name for f in FACETS}


def test_the_page_lists_every_operation(app, spec):
    page = app.test_client().get("/api").get_data(as_text=True)
    assert 'href="/api/openapi.json"' in page
    for path in spec["paths"]:
        assert path in page


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


# Every operation of the description, read from it (schemathesis' own pytest plugin predates pytest 9).
OPERATIONS = [(path, method) for path, item in document()["paths"].items() for method in item]


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_valid_requests_get_answers_that_match_the_description(api_schema, path, method):
    """Requests within the description: every check schemathesis has (status documented, body
    matching its schema, content type, headers), and no 5xx."""
    # A draft whose text is empty once cleaned (blank, or only characters cleaning removes) is a 400
    # with its sentence, which a schema cannot say; every other check runs on the precedents too.
    lenient = [positive_data_acceptance] if path == "/api/precedents" else []

    @given(case=api_schema[path][method].as_strategy(GenerationMode.POSITIVE))
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        case.call_and_validate(excluded_checks=lenient)

    run()


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_invalid_requests_never_get_a_server_error(api_schema, path, method):
    """Requests outside the description (wrong types, out of bounds, missing body): a 4xx or a
    lenient answer, never a 5xx."""
    @given(case=api_schema[path][method].as_strategy(GenerationMode.NEGATIVE))
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        case.call_and_validate(checks=[not_a_server_error])

    run()
