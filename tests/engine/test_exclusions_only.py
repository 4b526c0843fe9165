"""A query that only excludes (issue 22, item 10): `-整改` and `NOT 整改` had listed every passage,
96 of the first 100 holding 整改. Now a sentence says how to ask, on the page, the API and the CLI."""
import pytest
from click.testing import CliRunner

from indexer import cli
from indexer.engine.search import BadRequest, Engine, Request
from webapp import create_app

SENTENCE = ("The query only says what to leave out (整改); add a word to search for, as in “问题 -整改”, or "
            "choose filters to list notices.")


@pytest.mark.parametrize("q", ["-整改", "NOT 整改", "  －整改 ", "-整改 OR"])
def test_a_query_of_exclusions_only_is_a_sentence(seed_index, q):
    with pytest.raises(BadRequest) as refused:
        Engine(seed_index).search(Request.from_params({"q": q}))
    assert str(refused.value) == SENTENCE
    client = create_app({"INDEX_DIR": str(seed_index)}).test_client()
    answer = client.get("/api/search", query_string={"q": q})
    assert answer.status_code == 400 and answer.get_json()["error"] == SENTENCE
    page = client.get("/", query_string={"q": q})
    assert page.status_code == 400 and "leave out (整改)" in page.get_data(as_text=True)


def test_the_cli_says_it_too(seed_index):
    result = CliRunner().invoke(cli.main, ["search", "--index-dir", str(seed_index), "--", "-整改"])
    assert result.exit_code == 2 and SENTENCE in result.output


def test_an_exclusion_beside_a_word_or_a_filter_still_works(seed_index):
    engine = Engine(seed_index)
    with_word = engine.search(Request.from_params({"q": "问题", "limit": 100}))["total"]
    without = engine.search(Request.from_params({"q": "问题 -整改", "limit": 100}))
    assert without["total"] < with_word
    assert all("整改" not in hit["snippet_text"] for hit in without["hits"])
    assert engine.search(Request.from_params({"q": "-province:福建省"}))["total"] > 0  # a filter, not a word
