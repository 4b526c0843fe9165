"""The README says what the code does: its exit-status table is the errors' table, its command-line
block and settings table are what the code makes now, and each row of its query-syntax table
parses as the row says."""
import re

import pytest

from indexer import cli
from indexer.document.errors import UnreadableDocument
from indexer.engine import query
from indexer.engine import search as engine
from indexer.engine.faults import EXIT_STATUSES
from indexer.errors import NoticesError

from . import readme_blocks
from .readme_blocks import README


def readme() -> str:
    return README.read_text(encoding="utf-8")


def table_after(heading_row: str) -> list:
    """The rows of the README's table whose header row starts so, as lists of cells."""
    lines = readme().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading_row))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def code_names(cell: str) -> list:
    """`IndexBusy`, `DiskFull` → ["IndexBusy", "DiskFull"]."""
    return [part.strip().strip("`") for part in cell.split(",") if part.strip()]


def sentence_errors() -> dict:
    """Every kind of error the command line and the server say as a sentence, by name."""
    kinds, unseen = {}, [NoticesError, engine.BadRequest, engine.WorkerDied]
    while unseen:
        kind = unseen.pop()
        kinds[kind.__name__] = kind
        unseen += kind.__subclasses__()
    return kinds


# --- exit statuses ---------------------------------------------------------------------------------

def test_the_exit_status_table_lists_every_fault_with_its_status_and_meaning():
    rows = table_after("| status | error |")
    faults = {name: (int(status), what) for status, names, what, _ in rows for name in code_names(names)
              if name in EXIT_STATUSES}
    assert {name: status for name, (status, _) in faults.items()} == EXIT_STATUSES
    kinds = sentence_errors()
    for name, (status, what) in faults.items():
        meaning = kinds[name].__doc__.strip().rstrip(".")
        assert what == meaning[0].lower() + meaning[1:], name


def test_every_error_the_table_names_ends_the_command_line_with_that_status():
    kinds = sentence_errors()
    named = {name: int(status) for status, names, _, _ in table_after("| status | error |")
             for name in code_names(names)}
    assert {"UnreadableDocument", "BadRequest", "WorkerDied"} <= set(named)
    for name, status in named.items():
        assert cli.exit_status(kinds[name]("a sentence.")) == status, name


def test_the_statuses_are_distinct_and_in_order():
    statuses = [int(row[0]) for row in table_after("| status | error |")]
    assert statuses == sorted(set(statuses))


def test_what_the_user_is_told_derives_from_one_base():
    assert issubclass(engine.IndexFault, NoticesError) and issubclass(UnreadableDocument, NoticesError)
    assert engine.IndexFault.http_status == 503 and UnreadableDocument.exit_status == 1


# --- blocks made from the code ---------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(readme_blocks.MAKERS))
def test_the_readme_block_is_what_the_code_makes_now(name):
    assert readme_blocks.blocks(readme())[name] == readme_blocks.MAKERS[name](), (
        f"the README's {name} block is out of date: run `python -m tests.readme_blocks`")


def synopsis_of(command: str) -> str:
    """The README's usage lines of one command (from `notices NAME` to the next comment)."""
    lines = readme_blocks.blocks(readme())["cli"].splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:2] == ["notices", command])
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines))
    return "\n".join(lines[start:end])


@pytest.mark.parametrize("command", list(cli.main.commands))
def test_the_synopsis_names_every_option_that_help_prints(command):
    from click.testing import CliRunner

    helped = CliRunner().invoke(cli.main, [command, "--help"]).output
    printed = set(re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z-]*)", helped, re.M)) - {"--help"}
    assert printed  # every command has options
    assert printed == set(re.findall(r"\[(--[a-z][a-z-]*)", synopsis_of(command)))


# --- query syntax ------------------------------------------------------------------------------------
# What each row of the README's table says, in the parsed query's public properties: terms, the
# AND of ORs (clauses), exclusions, title terms, quoted terms, filters and negated filters.
NOTHING = dict(clauses=[], excluded=[], title_terms=[], quoted=set(), filters={}, excluded_filters={})
SAID = {
    "`食堂 财务`": dict(clauses=[["食堂"], ["财务"]]),
    "`食堂 OR 餐费`": dict(clauses=[["食堂", "餐费"]]),
    "`(食堂 OR 餐费) 公务卡 -接待`": dict(clauses=[["食堂", "餐费"], ["公务卡"]], excluded=["接待"]),
    "`食堂 NEAR/5 财务`": dict(clauses=[["食堂"], ["财务"]], quoted={"食堂", "财务"},
                             tree=("And", (("Near", 5, (("Term", "食堂"), ("Term", "财务"))),), ())),
    "`采购*`": dict(clauses=[["采购"]], quoted={"采购"}, tree=("And", (("Prefix", "采购"),), ())),
    "`-公务卡`, `NOT 公务卡`": dict(excluded=["公务卡"]),
    "`\"三重一大\"`, `“三重一大”`": dict(clauses=[["三重一大"]], quoted={"三重一大"}),
    "`title:采购`": dict(title_terms=["采购"]),
    "`province:福建省 type:食堂管理 year:2025`": dict(filters={"province": "福建省", "type": "食堂管理", "year": "2025"}),
    "`-province:福建省`, `NOT province:福建省`": dict(excluded_filters={"province": ["福建省"]}),
    "`year:2020-2023`, `year:2020-`": dict(filters={"year": ...}),
    "`county:\"某 某区\"`": dict(filters={"county": "某 某区"}),
}


def examples(cell: str) -> list:
    """The queries of a cell: each between backticks."""
    return cell.split("`")[1::2]


def test_the_query_table_has_a_check_for_every_row():
    assert [row[0] for row in table_after("| you type |")] == list(SAID)


@pytest.mark.parametrize("cell", list(SAID))
def test_each_example_of_the_query_table_parses_as_its_row_says(cell):
    for typed in examples(cell):
        parsed = query.parse(typed)
        expected = {**NOTHING, **SAID[cell]}
        tree = expected.pop("tree", None)  # where the parts alone do not say it: the tree's canonical form
        if tree is not None:
            assert parsed.root.key() == tree, typed
        if expected["filters"] == {"year": ...}:  # a range, open or closed: the value as typed
            expected["filters"] = {"year": typed.removeprefix("year:")}
        got = {name: getattr(parsed, name) for name in expected}
        assert got == expected, typed
        assert parsed.terms == [t for clause in expected["clauses"] for t in clause] + expected["title_terms"]
