"""`notices parse`: the notice of each seed file, and clear errors for bad input."""
import json
import subprocess
import sys

import pytest

from ..conftest import CORPUS, seed

CLI = [sys.executable, "-m", "indexer.cli"]


def notices(*args, cwd=None):
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd)


def test_parse_json_gives_the_contract_fields():
    out = notices("parse", str(seed("001")), "--json")
    assert out.returncode == 0, out.stderr
    notice = json.loads(out.stdout)
    assert notice["title"] == "中共枣庄市政协机关党组关于十二届市委第九轮巡察集中整改进展情况的通报"
    assert notice["region"] == {"province": "山东省", "city": "枣庄市", "county": None, "ambiguous": []}
    assert (notice["year"], notice["published"], notice["doc_type"]) == (2026, "2026-01-12", "整改通报")
    assert notice["inspection"] == {"group": "市委第一巡察组", "round": "十二届市委第九轮", "start": "2025-03-26",
                                    "end": "2025-06-26", "feedback": "2025-08-13"}
    assert len(notice["problems"]) == 20
    problem = notice["problems"][11]
    assert problem["title"] == "针对“因私出国境证照管理有漏洞,存在风险隐患”问题"
    assert set(problem) >= {"id", "seq", "path", "title", "category", "types", "status", "text"}
    assert "版权所有" not in notice["text"] and "版权所有" in notice["original_text"]


def test_a_traditional_notice_is_cleaned_to_simplified(parsed_seeds):
    notice = parsed_seeds["002"]
    assert notice.script == "traditional"
    assert notice.issuer == "政协清远市清城区委员会办公室"
    assert "(jù)" not in notice.text and "根据市委统一部署" in notice.text
    assert "根據(jù)" in notice.original_text
    # repaired whole: the number the first decoding lost is read from the byte it left
    assert notice.problems[4].path[-1] == "(二)聚焦资金财务管理方面"
    # a character lost for good is marked as lost, never a '?' or '^' that reads like text
    assert "注重标本兼□" in notice.text and "纳入□政协" in notice.text
    assert not any(mark in notice.text for mark in ("(?)", "兼?", "入?", "^", "\ufffd"))


def test_the_speech_is_a_speech_with_nothing_guessed(parsed_seeds):
    notice = parsed_seeds["003"]
    assert notice.doc_type == "讲话"
    assert notice.region == {"province": None, "city": None, "county": None, "ambiguous": []}
    assert (notice.year, notice.issuer, notice.problems) == (None, None, [])
    assert "联系老师" not in notice.text


def test_statuses_and_the_bookmark_artefact(parsed_seeds):
    notice = parsed_seeds["004"]
    assert [p.status for p in notice.problems] == ["已完成并长期坚持", "已完成", "已完成"]  # the notice's words
    assert [p.status_state for p in notice.problems] == ["已完成", "已完成", "已完成"]  # one state, counted once
    assert "bookmark" not in notice.text


def test_ids_are_stable_and_derived_from_content(tmp_path, parsed_seeds):
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(seed("000").read_bytes())
    again = json.loads(notices("parse", str(copy), "--json").stdout)
    assert again["id"] == parsed_seeds["000"].id
    assert again["problems"][0]["id"] == parsed_seeds["000"].problems[0].id


def test_a_sidecar_overrides_what_is_extracted(tmp_path):
    document = tmp_path / "notice.txt"
    document.write_bytes(seed("003").read_bytes())
    (tmp_path / "notice.txt.meta.toml").write_text(
        'title = "在某县政协党组会议上的讲话"\npublished = "2025-06-18"\nsource_url = "https://example.org/a.html"\n'
        '[region]\nprovince = "湖南省"\ncity = "常德市"\ncounty = "安乡县"\n', encoding="utf-8")
    notice = json.loads(notices("parse", str(document), "--json").stdout)
    assert notice["title"] == "在某县政协党组会议上的讲话"
    assert (notice["published"], notice["year"]) == ("2025-06-18", 2025)
    assert notice["region"]["county"] == "安乡县"
    assert notice["source_url"] == "https://example.org/a.html"


def test_a_sidecar_cannot_bring_characters_xml_cannot_hold(tmp_path):
    document = tmp_path / "notice.txt"
    document.write_bytes(seed("003").read_bytes())
    (tmp_path / "notice.txt.meta.toml").write_text('title = "某县\\u0001政协\\u001f党组讲话"\n', encoding="utf-8")
    notice = json.loads(notices("parse", str(document), "--json").stdout)
    assert notice["title"] == "某县政协党组讲话"


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
])
def test_bad_files_get_one_sentence_and_no_traceback(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = notices("parse", str(bad), "--json")
    assert out.returncode != 0
    assert message in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_a_missing_file_gets_one_sentence():
    out = notices("parse", str(CORPUS / "no-such-file.txt"))
    assert out.returncode != 0 and "does not exist" in out.stderr and "Traceback" not in out.stderr


def test_a_broken_sidecar_is_a_clear_error(tmp_path):
    document = tmp_path / "notice.txt"
    document.write_bytes(seed("004").read_bytes())
    (tmp_path / "notice.meta.toml").write_text('title = [1, 2\n', encoding="utf-8")
    out = notices("parse", str(document))
    assert out.returncode != 0 and "not valid TOML" in out.stderr and "Traceback" not in out.stderr
    (tmp_path / "notice.meta.toml").write_text('published = 2025\n', encoding="utf-8")
    out = notices("parse", str(document))
    assert out.returncode != 0 and "'published' must be a str" in out.stderr
