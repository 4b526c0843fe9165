"""The index's large JSON files (json_files.py): standard JSON any reader takes, the characters as
themselves, and a file or a value JSON cannot hold said as the json module's errors say it."""
import json

import pytest

from indexer.engine import json_files, stat_cache

AWKWARD = {"notices": [{"title": "关于“三重一大”制度执行不到位的问题", "issuer": "中共某县委\\巡察办",
                        "lines": ["第一行\n第二行\t制表", "\u0000控制字符", "😀 beyond the basic plane"],
                        "published": None, "seq": 3, "score": 0.25, "facts": {"kind": "problem"}}],
           "statuses": []}


def test_what_is_written_is_standard_json_with_its_characters_as_themselves(tmp_path):
    path = tmp_path / "notices.json"
    path.write_bytes(json_files.encoded(AWKWARD))
    assert json.loads(path.read_text(encoding="utf-8")) == AWKWARD   # any JSON reader takes it
    assert json_files.read(path) == AWKWARD
    assert "三重一大" in path.read_text(encoding="utf-8")            # not \\u escapes


@pytest.mark.parametrize("content", [b'{"notices": [', b"\xff\xfe not utf-8", b"", b"NaN"])
def test_a_malformed_file_is_a_value_error(tmp_path, content):
    path = tmp_path / "notices.json"
    path.write_bytes(content)
    with pytest.raises(ValueError):
        json_files.read(path)


def test_a_stat_cache_holding_a_name_json_cannot_write_is_not_written_and_costs_nothing(tmp_path):
    # A lone surrogate (a name that is not UTF-8, as os.listdir gives it) cannot be written as JSON:
    # saving says nothing, and the next build finds no cache (it reads every file).
    cache = stat_cache.load(tmp_path, rebuild=False)
    cache.note("\udcb2\udce2.txt", [10, 1, 2, None], "an-id")
    cache.save(tmp_path)
    assert not (tmp_path / stat_cache.CACHE_FILE).exists()
    assert stat_cache.load(tmp_path, rebuild=False).entries == {}
