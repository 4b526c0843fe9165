"""Every genre of published document: each fixture's facts (tests/fixtures/genres/expected.toml)."""
import tomllib

import pytest

from indexer.document.parse import parse_file

from ..conftest import FIXTURES

GENRES = FIXTURES / "genres"
EXPECTED = tomllib.loads((GENRES / "expected.toml").read_text(encoding="utf-8"))["fixture"]
FACTS = ("province", "city", "county", "ambiguous", "title", "title_derived", "published", "year", "doc_type", "issuer",
         "region_source", "problems")


def actual_fact(notice, fact):
    if fact in ("province", "city", "county"):
        return notice.region[fact]
    if fact == "ambiguous":
        return len(notice.region["ambiguous"])
    if fact == "problems":
        return len(notice.problems)
    return getattr(notice, fact)


CASES = [(row["file"], fact, None if row[fact] == "" else row[fact]) for row in EXPECTED for fact in FACTS if fact in row]


@pytest.fixture(scope="module")
def notices():
    return {row["file"]: parse_file(GENRES / row["file"]) for row in EXPECTED}


def test_every_fixture_has_its_facts_written_down():
    files = {p.name for p in GENRES.iterdir() if p.name != "expected.toml"}
    assert files == {row["file"] for row in EXPECTED}


@pytest.mark.parametrize("file, fact, expected", CASES, ids=[f"{f}-{fact}" for f, fact, _ in CASES])
def test_fact(notices, file, fact, expected):
    assert actual_fact(notices[file], fact) == expected
