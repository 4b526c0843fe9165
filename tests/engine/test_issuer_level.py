"""issuer_level, a facet that is one entry of the registry (schema.FACETS): the level of the body
that issued a notice, from its name and the region found. Indexed from notices written here, it is
counted, filtered by `issuer_level:县级` and `?issuer_level=`, carried by hits, the CSV and the
search page, and offered by /compare, though none of those modules names it."""
import csv
import io
import re

import pytest

from indexer.engine import build
from indexer.engine.levels import body_level, issuer_level, region_level
from indexer.engine.search import Engine, Request
from webapp import create_app

# (file, issuing body, what its inspection was about); the body signs the notice at its end.
NOTICES = [
    ("province.txt", "中共福建省委办公厅", "省委第二巡察组对省委办公厅开展了常规巡察"),
    ("city.txt", "中共泉州市委宣传部", "市委第三巡察组对市委宣传部开展了常规巡察"),
    ("county.txt", "中共南安市委组织部", "市委第一巡察组对市委组织部开展了常规巡察"),
    ("county2.txt", "南安市财政局党组", "市委第二巡察组对市财政局党组开展了常规巡察"),
    ("township.txt", "中共南安市官桥镇委员会", "市委第四巡察组对官桥镇党委开展了常规巡察"),
    ("village.txt", "中共南安市官桥镇某某村支部委员会", "镇党委对村党支部开展了巡察"),
    ("nowhere.txt", "某某投资有限公司党委", "集团党委巡察组对公司党委开展了巡察"),
]
EXPECTED = {"省级": 1, "市级": 1, "县级": 2, "乡镇": 1, "村": 1}  # notices; the company's is unknown


def notice_text(issuer: str, inspected: str) -> str:
    return (f"{issuer}关于巡察整改进展情况的通报\n"
            f"根据统一部署,2024年3月1日至4月30日,{inspected}。现将整改进展情况通报如下。\n"
            "一、整改工作组织情况\n成立整改工作领导小组,逐项制定整改措施。\n"
            "二、巡察反馈问题的整改进展情况\n"
            "1.针对食堂采购台账登记不全的问题\n整改进展情况:已建立采购台账,每月由专人核对。\n"
            "2.针对公务接待审批不严的问题\n整改进展情况:修订接待管理办法,实行事前审批。\n"
            f"{issuer}\n2024年9月2日\n")


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("levels-corpus")
    for name, issuer, inspected in NOTICES:
        (corpus / name).write_text(notice_text(issuer, inspected), encoding="utf-8")
    path = tmp_path_factory.mktemp("levels-index")
    build.run(corpus, path, jobs=1, progress=False)
    return path


@pytest.fixture(scope="module")
def engine(index):
    engine = Engine(index, background=False)
    yield engine
    engine.release_thread()


@pytest.fixture(scope="module")
def client(index):
    return create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()


def counted(result: dict) -> dict:
    return {row["value"]: row["count"] for row in result["facets"]["issuer_level"]}


def test_each_notice_is_counted_at_its_level_and_the_unknown_at_none(engine):
    result = engine.search(Request.from_params({"kind": "notice", "limit": 10}))
    assert counted(result) == EXPECTED
    levels = {hit["issuer"]: hit["issuer_level"] for hit in result["hits"]}
    assert levels["中共南安市官桥镇委员会"] == "乡镇" and levels["某某投资有限公司党委"] is None


def test_a_filter_typed_in_the_query_or_given_as_a_parameter(engine):
    typed = engine.search(Request.from_params({"q": "issuer_level:县级 食堂", "kind": "problem"}))
    given = engine.search(Request.from_params({"q": "食堂", "issuer_level": "县级", "kind": "problem"}))
    assert typed["total"] == given["total"] == 2
    assert {hit["issuer"] for hit in given["hits"]} == {"中共南安市委组织部", "南安市财政局党组"}
    assert typed["filters"] == {"issuer_level": "县级"}
    negated = engine.search(Request.from_params({"q": "-issuer_level:县级", "kind": "notice"}))
    assert negated["total"] == len(NOTICES) - 2


def test_a_notice_without_a_place_is_unknown_not_guessed():
    assert issuer_level({"issuer": "某某投资有限公司党委", "region": {}}) is None
    assert issuer_level({"issuer": None, "region": {"province": None, "city": None, "county": None}}) is None


@pytest.mark.parametrize("region, level", [
    ({"province": "福建省", "city": "泉州市", "county": "南安市"}, "县级"),
    ({"province": "福建省", "city": "泉州市", "county": None}, "市级"),
    ({"province": "福建省", "city": None, "county": None}, "省级"),
    ({"province": "北京市", "city": "北京市", "county": None}, "省级"),   # a municipality is its own city
    ({"province": "北京市", "city": "北京市", "county": "东城区"}, "县级"),
    ({"province": None, "city": None, "county": None}, None),
])
def test_the_region_found_gives_the_level(region, level):
    assert region_level(region) == level


@pytest.mark.parametrize("issuer, level", [
    ("中共某某县某某镇委员会", "乡镇"), ("某某街道党工委", "乡镇"), ("某某街道工作委员会", "乡镇"),
    ("某某乡人民政府", "乡镇"), ("某某村党支部", "村"), ("某某社区居民委员会", "村"),
    # The words of a township or village inside a bigger body's name are not one.
    ("中共某某县委农村工作委员会", None), ("某某县住房和城乡建设局", None), ("某某县乡村振兴局", None),
    ("中共某某市委", None), (None, None),
])
def test_a_township_or_village_body_is_known_by_its_name(issuer, level):
    assert body_level(issuer) == level


def test_the_api_filters_by_parameter_and_hits_carry_the_level(client):
    result = client.get("/api/search", query_string={"q": "接待", "issuer_level": "乡镇"}).get_json()
    assert result["total"] == 1 and result["hits"][0]["issuer_level"] == "乡镇"
    assert [row for row in result["facets"]["issuer_level"] if row["selected"]] == [
        {"value": "乡镇", "count": 1, "selected": True}]


def test_the_csv_has_a_column_for_it(client):
    response = client.get("/export.csv", query_string={"q": "食堂", "kind": "problem"})
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert sorted(row["发文层级"] for row in rows) == sorted(["省级", "市级", "县级", "县级", "乡镇", "村", ""])


def test_the_search_page_lists_it_as_a_facet_with_toggle_links(client):
    page = client.get("/", query_string={"q": "食堂"}).get_data(as_text=True)
    section = re.search(r'<section class="facet" data-facet="issuer_level".*?</section>', page, re.DOTALL).group(0)
    assert ">发文层级</h2>" in section
    assert re.search(r'href="/\?q=%E9%A3%9F%E5%A0%82&amp;issuer_level=%E5%8E%BF%E7%BA%A7">县级</a> <span class="count">2',
                     section)
    chosen = client.get("/", query_string={"q": "食堂", "issuer_level": "县级"}).get_data(as_text=True)
    assert "层级：县级" in re.sub(r"<[^>]+>", "", chosen)   # the chip of the filter in force


def test_compare_puts_levels_side_by_side(client):
    page = client.get("/compare", query_string={"q": "食堂", "level": "issuer_level", "region": ["县级", "乡镇"]})
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and body.count('class="column"') == 2
    assert 'data-region="县级"' in body and 'data-region="乡镇"' in body
    assert '<option value="issuer_level" selected>发文层级</option>' in body
