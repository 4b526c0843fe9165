"""The facet registry drives every list that names facets, and the facade's typed results give the
documented JSON.

A throwaway facet is registered in a fresh interpreter before the engine and the web app are
imported (the way a plugin would add one), a small index is built, and the facet is seen in the
segment's notices, the generation's columns, the counts, hits, filters, request parameters,
command-line options, the CSV header, /compare's levels, precedent filters and the API description,
though none of those modules was told of it.
"""
import json
import subprocess
import sys
import textwrap

import pytest

from indexer.engine.results import Hit, OtherMatch, SearchResult
from indexer.engine.schema import FACETS, Facet, NoticeFacet, register
from indexer.engine.search import Engine, Request

from ..conftest import FIXTURES, ROOT

PROBE = textwrap.dedent("""
    import json, sys
    from indexer.engine import schema

    def problems_listed(notice):
        return "有问题" if notice["problems"] else "无问题"

    schema.register(schema.NoticeFacet("has_problems", "有无问题", compared=True, precedents=True,
                                       read=problems_listed))

    from indexer.engine import build
    from indexer.engine.search import PARAMETERS, PRECEDENT_FILTERS, QUERY_FIELDS, Engine, Request
    from indexer.cli import main
    from webapp import create_app
    from webapp.api import CSV_COLUMNS
    from webapp.views import COMPARE_LEVELS

    corpus, index = sys.argv[1], sys.argv[2]
    build.run(corpus, index, jobs=1, progress=False)
    engine = Engine(index, background=False)
    _, generation = engine.current()
    everything = engine.search(Request.from_params({"kind": "notice", "limit": 100}))
    given = engine.search(Request.from_params({"has_problems": "有问题", "kind": "notice", "limit": 100}))
    typed = engine.search(Request.from_params({"q": "has_problems:有问题", "kind": "notice", "limit": 100}))
    app = create_app({"INDEX_DIR": index, "TESTING": True})
    client = app.test_client()
    csv_text = client.get("/export.csv", query_string={"has_problems": "有问题"}).data.decode("utf-8-sig")
    csv_header = csv_text.splitlines()[0]
    spec = client.get("/api/openapi.json").get_json()
    page = client.get("/", query_string={"q": "整改"}).get_data(as_text=True)
    print(json.dumps({
        "kept": sorted({n.get("has_problems") for p in generation.parts for n in p.segment.notices}),
        "column": generation.facets.facets["has_problems"].values,
        "counts": {row["value"]: row["count"] for row in everything["facets"]["has_problems"]},
        "hit_values": sorted({hit["has_problems"] for hit in everything["hits"]}),
        "given": given["total"], "typed": typed["total"], "all": everything["total"],
        "parameters": "has_problems" in PARAMETERS, "query_fields": "has_problems" in QUERY_FIELDS,
        "precedents": "has_problems" in PRECEDENT_FILTERS, "compare": COMPARE_LEVELS.get("has_problems"),
        "csv_columns": ("有无问题", "has_problems") in CSV_COLUMNS, "csv_header": csv_header.split(","),
        "cli_option": any("--has-problems" in p.opts for p in main.commands["search"].params),
        "described": "has_problems" in spec["components"]["schemas"]["Hit"]["properties"],
        "page": 'data-facet="has_problems"' in page and ">有无问题</h2>" in page,
    }, ensure_ascii=False))
    engine.release_thread()
""")


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("registry-corpus")
    for path in sorted((FIXTURES / "facets").glob("*.txt")):
        (corpus / path.name).write_bytes(path.read_bytes())
    # A notice without any problem: only its headline and sections.
    (corpus / "no_problems.txt").write_text(
        "中共某某县委办公室关于巡察整改工作开展情况的通报\n根据县委统一部署,县委巡察组对县委办公室开展了巡察。\n"
        "一、工作开展情况\n召开专题会议,研究部署整改工作。\n中共某某县委办公室\n2025年3月2日\n", encoding="utf-8")
    index = tmp_path_factory.mktemp("registry-index")
    done = subprocess.run([sys.executable, "-c", PROBE, str(corpus), str(index)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_registered_facet_is_kept_counted_and_shown_in_hits(probed):
    assert probed["kept"] == ["无问题", "有问题"]
    assert set(probed["column"]) == {"", "无问题", "有问题"}
    assert probed["counts"] == {"有问题": probed["all"] - 1, "无问题": 1}
    assert probed["hit_values"] == ["无问题", "有问题"]


def test_a_registered_facet_filters_by_parameter_and_in_the_query(probed):
    assert probed["given"] == probed["typed"] == probed["all"] - 1
    assert probed["parameters"] and probed["query_fields"] and probed["cli_option"]


def test_a_registered_facet_is_a_csv_column_a_compare_level_and_a_precedent_filter(probed):
    assert probed["csv_columns"] and "有无问题" in probed["csv_header"]
    assert probed["compare"] == "有无问题" and probed["precedents"]


def test_a_registered_facet_is_described_and_listed_on_the_search_page(probed):
    assert probed["described"] and probed["page"]


def test_a_name_registered_twice_is_refused():
    with pytest.raises(ValueError, match="province"):
        register(NoticeFacet("province", "省份", read=lambda notice: None))
    assert [f.name for f in FACETS].count("province") == 1


# --- typed results -----------------------------------------------------------------------------
CONTRACT_RESULT = {"query", "filters", "total", "page", "took_ms", "hits", "facets"}
CONTRACT_HIT = {"notice_id", "problem_id", "kind", "source", "title", "notice_title", "issuer", "province", "city",
                "county", "year", "doc_type", "category", "types", "snippet", "score", "match"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from indexer.engine import build

    index = tmp_path_factory.mktemp("typed-index")
    build.run(FIXTURES / "facets", index, jobs=1, progress=False)
    engine = Engine(index, background=False)
    yield engine
    engine.release_thread()


def test_a_search_result_is_typed_and_its_json_is_the_documented_one(engine):
    typed = engine.search_result(Request.from_params({"q": "食堂", "group": "1"}))
    assert isinstance(typed, SearchResult) and all(isinstance(hit, Hit) for hit in typed.hits)
    data = typed.as_dict()
    fields = set(SearchResult.__dataclass_fields__)
    assert set(data) == fields and CONTRACT_RESULT <= fields
    hit = data["hits"][0]
    facet_keys = {facet.key for facet in FACETS}
    own = set(Hit.__dataclass_fields__) - {"facets"}
    assert set(hit) == own | facet_keys and CONTRACT_HIT <= set(hit)
    assert isinstance(typed.hits[0].others, list) and all(isinstance(o, OtherMatch) for o in typed.hits[0].others)
    # The dict the facade serves is the typed result's JSON, and it is JSON.
    served = engine.search(Request.from_params({"q": "食堂", "group": "1"}))
    assert {**served, "took_ms": 0} == {**data, "took_ms": 0}
    json.dumps(served)


def test_every_key_of_a_hit_and_a_result_is_in_the_api_description(engine):
    from webapp.openapi import schemas

    described = schemas()
    data = engine.search(Request.from_params({"q": "食堂", "group": "1"}))
    assert set(data) <= set(described["SearchResult"]["properties"])
    assert set(data["hits"][0]) <= set(described["Hit"]["properties"])


def test_hit_values_are_shown_as_the_contract_says():
    year, types, county = (next(f for f in FACETS if f.name == name) for name in ("year", "type", "county"))
    assert year.shown("2025") == 2025 and year.shown("") is None
    assert types.shown(None) == [] and county.shown("") is None and county.shown("南安市") == "南安市"
    assert isinstance(year, Facet) and year.key == "year" and types.key == "types"


def test_a_passage_is_named_fields_and_the_registry_says_which_are_facet_values():
    from dataclasses import fields

    from indexer.engine.schema import of_source
    from indexer.engine.segment import Passage, passages_of

    notice = {"id": "n1", "title": "某某通报", "sections": [
        {"id": "n1-s1", "seq": 1, "title": "", "text": "开头的话", "path": [], "role": "opening"},
        {"id": "n1-s2", "seq": 2, "title": "一、组织情况", "text": "成立小组", "path": ["一、组织情况"], "role": None}],
        "problems": [{"id": "n1-p1", "seq": 1, "title": "针对某问题", "text": "已整改", "path": ["二、", "1."],
                      "status": "已完成", "category": "某重点", "types": ["某类"]}]}
    kinds = [(p.kind, p.id, p.body) for p in passages_of(notice)]
    assert kinds == [("notice", "n1", "开头的话"), ("problem", "n1-p1", "已整改"), ("section", "n1-s2", "成立小组")]
    problem = passages_of(notice)[1]
    assert (problem.status, problem.category, problem.types) == ("已完成", "某重点", ["某类"])
    assert {facet.field for facet in of_source("passage")} <= {f.name for f in fields(Passage)}
