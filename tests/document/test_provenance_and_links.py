"""Where a notice's region came from (region_source, region_evidence) in the JSON and the CLI; a
source address is kept only when it is a web address; a long run without sentence ends parses in
linear time. The notice page's side: tests/webapp/test_provenance_page.py."""
import json
import re
import time

import pytest
from click.testing import CliRunner

from indexer import cli
from indexer.document.parse import parse_file, parse_text

from ..conftest import FIXTURES

GENRES = FIXTURES / "genres"
NOTICE = ("中共桐庐县水利局党组关于县委巡察整改进展情况的通报\n"
          "根据县委统一部署，县委第一巡察组对县水利局党组开展了常规巡察。现将整改进展情况予以公布。\n"
          "一、关于“河道管护不到位”问题\n整改进展情况：已建立河道巡查台账。\n"
          "中共桐庐县水利局党组\n2023年10月20日\n")


def test_the_json_says_what_decided_the_region_and_with_which_words():
    result = CliRunner().invoke(cli.main, ["parse", str(GENRES / "22_zone_issuer.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["region"]["city"] == "铜陵市"
    assert data["region_source"] == "zone"
    assert "铜陵经开区" in data["region_evidence"]


def test_explain_prints_the_region_provenance():
    result = CliRunner().invoke(cli.main, ["parse", str(GENRES / "25_provincial_city.txt"), "--explain"])
    assert result.exit_code == 0, result.output
    assert re.search(r"region from: inspected body 「[^」]*赣州市", result.output)


def test_an_unknown_region_has_no_source():
    notice = parse_text("5月16日，县委第三巡察组巡察县教育局党委情况反馈会召开。巡察组组长反馈了巡察情况。")
    assert notice.region["province"] is None
    assert notice.region_source is None and notice.region_evidence is None


@pytest.mark.parametrize("address", ["javascript:alert(1)", " JavaScript:void(0)", "file:///etc/passwd", "data:text/html,x", "//example.org/a"])
def test_a_sidecar_address_that_is_not_a_web_address_is_dropped(tmp_path, address):
    document = tmp_path / "notice.txt"
    document.write_text(NOTICE, encoding="utf-8")
    (tmp_path / "notice.txt.meta.toml").write_text(f"source_url = {json.dumps(address)}\n", encoding="utf-8")
    assert parse_file(document).source_url is None


def test_a_web_address_in_a_sidecar_is_kept(tmp_path):
    document = tmp_path / "notice.txt"
    document.write_text(NOTICE, encoding="utf-8")
    (tmp_path / "notice.txt.meta.toml").write_text('source_url = "https://www.example.org/a/1.html"\n', encoding="utf-8")
    assert parse_file(document).source_url == "https://www.example.org/a/1.html"


def test_a_pages_javascript_canonical_link_is_not_its_address(tmp_path):
    page = tmp_path / "page.html"
    body = "".join(f"<p>{line}</p>" for line in NOTICE.splitlines())
    page.write_text("<html><head><meta charset='utf-8'><link rel='canonical' href='javascript:alert(1)'>"
                    f"</head><body>{body}</body></html>", encoding="utf-8")
    assert parse_file(page).source_url is None


def test_a_megabyte_without_sentence_ends_parses_in_seconds():
    text = "关于巡察整改情况的通报\n" + "巡察组对照问题清单逐项督促整改落实" * 60_000  # about 1 MB, no 。 or ;
    started = time.monotonic()
    notice = parse_text(text)
    assert time.monotonic() - started < 20
    assert notice.doc_type == "整改通报"
