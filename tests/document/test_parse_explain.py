"""`notices parse FILE --explain`: the words that decided each problem's category and types."""
import json
import subprocess
import sys

from ..conftest import seed

FOCUS_2 = "群众身边不正之风和腐败问题"
COMMAND = [sys.executable, "-m", "indexer.cli", "parse"]


def test_parse_explain_prints_the_evidence():
    command = [*COMMAND, str(seed("000"))]
    out = subprocess.run([*command, "--explain"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "食堂管理 ← title: 食堂" in out.stdout
    assert f"category {FOCUS_2} ← path (二)聚焦群众身边不正之风和腐败问题方面" in out.stdout
    out = subprocess.run([*command, "--json", "--explain"], capture_output=True, text=True)
    problems = json.loads(out.stdout)["problems"]
    assert all(set(p["explain"]) == {"category", "types"} for p in problems)
    assert [t["name"] for t in problems[12]["explain"]["types"]] == problems[12]["types"]
    plain = subprocess.run([*command, "--json"], capture_output=True, text=True)
    assert "explain" not in json.loads(plain.stdout)["problems"][0]
