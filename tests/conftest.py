from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
FIXTURES = ROOT / "tests" / "fixtures"


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


def seed_text(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def parsed_seeds():
    from indexer.document.parse import parse_file

    return {p.name[:3]: parse_file(p) for p in SEEDS}
