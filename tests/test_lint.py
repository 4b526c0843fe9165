"""ruff and mypy, as configured in pyproject.toml, find nothing: `make test` and CI run them here.

A failure shows their findings; `ruff check --fix` repairs most of what ruff finds."""
import subprocess
import sys

from .conftest import ROOT


def run(*command: str, given: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, input=given, capture_output=True,
                          text=True, timeout=600)


def test_ruff_finds_nothing():
    result = run("ruff", "check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_engine():
    result = run("mypy")  # the files and the options: [tool.mypy] in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_reads_the_projects_rules():
    """An unused import and an undefined name, in a module of the project, are found."""
    result = run("ruff", "check", "--output-format", "concise", "--stdin-filename", "indexer/example.py", "-",
                 given="import sys\n\nprint(undefined_name)\n")
    assert "F401" in result.stdout and "F821" in result.stdout, result.stdout + result.stderr
