"""The `notices` command as a user types it: plain text in a pipe, bold on a terminal, never HTML."""
import json
import os
import pty
import subprocess
import sys

import pytest
from click.testing import CliRunner

from indexer import cli
from indexer.engine.highlight import BOLD, RESET

from .conftest import ROOT


@pytest.fixture(scope="module")
def index(seed_index):
    return seed_index


def search(index, *args) -> str:
    result = CliRunner().invoke(cli.main, ["search", "--index-dir", str(index), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_snippet_in_a_pipe_is_plain_text_without_entities_or_tags(index):
    out = search(index, "决策制度")
    assert '“三重一大”集体决策制度' in out or '"三重一大"' in out
    assert "&quot;" not in out and "&amp;" not in out and "<mark>" not in out and BOLD not in out


def test_on_a_terminal_the_terms_are_bold(index):
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "indexer.cli", "search", "食堂", "--limit", "1",
                                "--index-dir", str(index)], stdout=terminal, stderr=subprocess.DEVNULL, cwd=ROOT)
    process.wait(timeout=120)
    os.close(terminal)
    out = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(controller)
    assert f"{BOLD}食堂{RESET}".encode() in out


def test_exact_only_and_the_counts_of_both(index):
    everything = search(index, "意识形态工作责任制")
    exact = search(index, "意识形态工作责任制", "--exact")
    assert "(exact first)" in everything and "(exact only)" in exact
    assert "(related)" in everything and "(related)" not in exact


def test_a_query_that_starts_with_a_minus_after_a_double_dash(index):
    out = search(index, "--limit", "3", "--", "-公务卡 食堂")
    assert "针对食堂财务管理不严的问题" in out


def test_a_year_range_option(index):
    assert "[004_" in search(index, "整改", "--year", "2020-2023")
    assert "[004_" not in search(index, "整改", "--year", "2024-2026", "--limit", "100")
    result = CliRunner().invoke(cli.main, ["search", "整改", "--year", "lately", "--index-dir", str(index)])
    assert result.exit_code == 2 and "year must be a number such as 2025 or a range" in result.output


def test_places_typed_short_and_near_misses_are_said_in_words(index):
    understood = search(index, "食堂", "--province", "福建")
    assert "已理解为：福建 → 福建省" in understood
    assert "您是不是要找：食堂（而不是 食唐）" in search(index, "食唐")


def test_oldest_first_is_the_date_order_reversed(index):
    def dates(order):
        hits = json.loads(search(index, "整改", "--limit", "50", "--sort", order, "--json"))["hits"]
        return [hit["published"] for hit in hits if hit["published"]]

    newest, oldest = dates("date"), dates("oldest")
    assert len(set(newest)) > 1 and newest == sorted(newest, reverse=True) and oldest == sorted(oldest)


def test_an_unreadable_file_is_one_sentence_and_status_1(tmp_path):
    picture = tmp_path / "notice.txt"
    picture.write_bytes(b"GIF89a" + bytes(200))
    result = CliRunner().invoke(cli.main, ["parse", str(picture)])
    assert result.exit_code == 1
    assert result.output.startswith("notices: notice.txt") and len(result.output.strip().splitlines()) == 1


def test_precedents_without_an_index_says_so_with_its_status(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("一、食堂账目不清\n二、公务用车管理不严\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["precedents", str(draft), "--index-dir", str(tmp_path / "none")])
    assert result.exit_code == 5 and "notices index" in result.output
    assert "Traceback" not in result.output


def test_the_build_summary_says_which_segmenter_cut_the_words(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "通报.txt").write_text("关于巡察整改进展情况的通报\n一、食堂财务管理不规范\n整改情况：已建立台账。\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["index", str(corpus), "--index-dir", str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    assert "分词：jieba-next 1.0.0rc1" in result.output
