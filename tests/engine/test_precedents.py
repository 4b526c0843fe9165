"""Precedents for a draft, through the facade: each problem of a draft in our own words gets the
problems of other notices on the same matter, best first, with their rectification, address and
citation; filters narrow every problem at once; bad drafts raise BadRequest with a sentence; the
draft is not stored."""

import re

import pytest

from indexer.engine.search import PRECEDENT_FILTERS, BadRequest, Engine

from ..conftest import FIXTURES

DRAFTS = FIXTURES / "drafts"
MIXED = (DRAFTS / "mixed_numbering.txt").read_text(encoding="utf-8")
CANTEEN = {"针对食堂财务管理不严的问题", "针对机关食堂账目不清的问题", "针对职工食堂餐费收取不规范的问题",
           "针对食堂采购台账缺失的问题"}
PASSPORTS = {"针对“因私出国境证照管理有漏洞,存在风险隐患”问题", "针对因私出国(境)证照管理有漏洞的问题"}
SECRECY = {"针对“保密工作抓得不严不实”问题", "针对保密工作抓得不严的问题"}


@pytest.fixture(scope="module")
def engine(mixed_index):
    engine = Engine(mixed_index)
    yield engine
    engine.release_thread()


def titles(problem, count=None):
    return [hit["title"] for hit in problem["hits"][:count]]


def test_each_problem_of_a_draft_gets_its_precedents_best_first(engine):
    result = engine.precedents(MIXED)
    assert result["found_by"] == "numbering" and result["limit"] == 5 and result["filters"] == {}
    canteen, passports, secrecy = result["problems"]
    assert canteen["title"] == "单位食堂收支管理混乱" and canteen["types"][0] == "食堂管理"
    assert set(titles(canteen, 4)) == CANTEEN  # the four canteens of four notices, before anything else
    assert canteen["hits"][0]["closeness"] == "strong" and "食堂" in canteen["hits"][0]["shared_words"]
    assert passports["title"] == "个别干部因私出国(境)证件保管不严"  # written in traditional script
    assert titles(passports)[0] in PASSPORTS and PASSPORTS <= set(titles(passports, 3))
    assert set(titles(secrecy, 2)) == SECRECY
    for problem in result["problems"]:
        scores = [hit["score"] for hit in problem["hits"]]
        assert scores == sorted(scores, reverse=True)
        assert all(hit["closeness"] in ("strong", "partial") and hit["shared_words"] for hit in problem["hits"])
        assert 1 <= len(problem["hits"]) <= 5  # no padding with what shares only stock words


def test_a_precedent_carries_its_rectification_address_and_citation(engine):
    hit = next(h for h in engine.precedents(MIXED)["problems"][0]["hits"] if h["title"] == "针对机关食堂账目不清的问题")
    assert hit["kind"] == "problem" and hit["source"] == "fixture_a_jinjiang.txt"
    assert hit["text"] == "整改进展情况:建立餐费每月归集制度,账目按月公示。"
    assert hit["link"] == f"/notice/{hit['notice_id']}#p1"
    assert (hit["province"], hit["city"], hit["county"], hit["published"]) == ("福建省", "泉州市", "晋江市", "2024-05-10")
    assert hit["citation"] == "《政协晋江市委员会办公室关于巡察整改进展情况的通报》，2024年5月10日"  # the issuer once
    assert hit["source_url"] is None  # the fixture has no address: none is made up
    notice = engine.notice(hit["notice_id"])
    assert notice["problems"][hit["seq"] - 1]["text"] == hit["text"]


def test_filters_narrow_every_problem_at_once(engine):
    result = engine.precedents(MIXED, limit=3, filters={"province": "福建省", "type": "ignored"})
    assert result["filters"] == {"province": "福建省"} and result["limit"] == 3
    hits = [hit for problem in result["problems"] for hit in problem["hits"]]
    assert hits and all(hit["province"] == "福建省" for hit in hits)
    assert set(titles(result["problems"][0])) <= CANTEEN
    by_year = engine.precedents(MIXED, filters={"year": 2025, "city": "枣庄市"})
    assert titles(by_year["problems"][2])[0] == "针对保密工作抓得不严的问题"  # not 001's: that is 2026
    assert {(hit["city"], hit["year"]) for p in by_year["problems"] for hit in p["hits"]} == {("枣庄市", 2025)}
    assert set(PRECEDENT_FILTERS) == {"province", "city", "county", "year"}


def test_a_file_of_any_kind_gives_the_same_precedents_as_its_text(engine):
    from ..document.test_read import make_docx

    as_text = engine.precedents(MIXED, limit=3)
    for data, name in [(MIXED.encode("gb18030"), "draft.txt"), (make_docx(MIXED.split("\n")), "draft.docx")]:
        as_file = engine.precedents(data, name, limit=3)
        assert as_file["problems"] == as_text["problems"]


def test_a_plain_list_and_a_draft_without_numbering(engine):
    lines = engine.precedents((DRAFTS / "plain_lines.txt").read_text(encoding="utf-8"))
    assert lines["found_by"] == "lines"
    assert [titles(p)[0] in group for p, group in zip(lines["problems"], (CANTEEN, PASSPORTS, SECRECY))] == [True] * 3
    whole = engine.precedents((DRAFTS / "no_problem.txt").read_text(encoding="utf-8"))
    assert whole["found_by"] == "whole" and len(whole["problems"]) == 1
    assert titles(whole["problems"][0])[0] in CANTEEN


@pytest.mark.parametrize("draft, name, reason", [
    ("", "draft", "The draft is empty"),
    (" \n\u3000\n", "draft", "The draft is empty"),
    (b"", "upload.txt", "upload.txt is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "photo.png", "photo.png is a PNG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "old.doc", "save it as .docx"),
])
def test_bad_drafts_raise_a_bad_request_with_a_sentence(engine, draft, name, reason):
    with pytest.raises(BadRequest, match=reason):
        engine.precedents(draft, name)


@pytest.mark.parametrize("limit", [0, 21, "many"])
def test_the_limit_is_bounded(engine, limit):
    with pytest.raises(BadRequest, match="limit"):
        engine.precedents(MIXED, limit=limit)


def test_the_draft_is_not_indexed(engine):
    before = engine.stats()
    engine.precedents(MIXED)
    after = engine.stats()
    assert (after["notices"], after["passages"]) == (before["notices"], before["passages"])
    assert all(hit["source"] != "draft" for p in engine.precedents(MIXED)["problems"] for hit in p["hits"])


# --- the command line -----------------------------------------------------------------------------
def run_cli(engine, *args, stdin=None):
    from click.testing import CliRunner

    from indexer.cli import main

    return CliRunner().invoke(main, ["precedents", *args, "--index-dir", str(engine.path)], input=stdin)


def test_the_command_line_gives_the_same_precedents(engine):
    import json

    ran = run_cli(engine, str(DRAFTS / "mixed_numbering.txt"), "--json", "--limit", "3")
    assert ran.exit_code == 0, ran.output
    printed = json.loads(ran.stdout)
    expected = engine.precedents(MIXED, limit=3)
    assert [titles(p) for p in printed["problems"]] == [titles(p) for p in expected["problems"]]
    assert printed["problems"][0]["hits"][0]["link"].startswith("/notice/")

    ran = run_cli(engine, "-", "--province", "山东省", "--limit", "2", stdin=MIXED.encode("gb18030"))
    assert ran.exit_code == 0, ran.output
    assert "3 problems, told apart by their numbering" in ran.stderr
    assert "1. 单位食堂收支管理混乱" in ran.stdout and "2. 个别干部因私出国(境)证件保管不严" in ran.stdout
    assert "针对保密工作抓得不严的问题" in ran.stdout and "福建省" not in ran.stdout
    assert re.search(r"\d\) 针对保密工作抓得不严的问题  \(strong: [^|)]*保密[^|)]* \| 保密工作\)", ran.stdout)

    ran = run_cli(engine, "-", stdin=(DRAFTS / "no_problem.txt").read_bytes())
    assert ran.exit_code == 0 and "the whole text is one problem" in ran.stderr


@pytest.mark.parametrize("args, stdin, status, sentence", [
    (["-"], b"", 2, "standard input is empty."),
    (["-"], b"\x89PNG\r\n\x1a\n" + bytes(64), 2, "standard input is a PNG image that cannot be decoded (damaged or truncated)."),
    (["no/such/draft.txt"], None, 1, "no/such/draft.txt does not exist"),
    (["-", "--limit", "50"], "1.食堂账目不清".encode(), 2, "limit must be between 1 and 20"),
], ids=["empty", "image", "missing", "limit"])
def test_the_command_line_says_what_was_wrong(engine, args, stdin, status, sentence):
    ran = run_cli(engine, *args, stdin=stdin)
    assert ran.exit_code == status and sentence in ran.stderr and "Traceback" not in ran.output
