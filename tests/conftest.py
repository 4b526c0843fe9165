import os
import subprocess
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


def index_of(tmp_path_factory, name: str, *sources) -> Path:
    """An index built from documents of the given (folder, prefix) pairs, copied into one corpus."""
    import shutil

    from indexer.engine import build

    corpus = tmp_path_factory.mktemp(f"{name}-corpus")
    for folder, prefix in sources:
        for path in sorted(folder.glob("*.txt")):
            shutil.copy(path, corpus / f"{prefix}{path.name}")
    index = tmp_path_factory.mktemp(f"{name}-index")
    build.run(corpus, index, jobs=2, progress=False)
    return index


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """The five seeds, indexed once for every test that only reads them."""
    return index_of(tmp_path_factory, "seeds", (CORPUS, ""))


@pytest.fixture(scope="session")
def mixed_index(tmp_path_factory) -> Path:
    """The seeds and the facet fixtures: notices of Fujian, Shandong, Guangdong and Hunan."""
    return index_of(tmp_path_factory, "mixed", (CORPUS, ""), (FIXTURES / "facets", "fixture_"))


@pytest.fixture(scope="session")
def facet_index(tmp_path_factory) -> Path:
    """The hand-counted facet fixtures (tests/fixtures/facets)."""
    return index_of(tmp_path_factory, "facets", (FIXTURES / "facets", ""))


@pytest.fixture
def small_disk(tmp_path):
    """A real 12 MB tmpfs at tmp_path/disk (tests run as root), unmounted afterwards whatever happens."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode:
        pytest.fail(f"this test needs to mount a tmpfs (run as root): {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk, leave_kb: int):
    """Fill the disk but leave_kb kilobytes."""
    (disk / "fill").unlink(missing_ok=True)
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with open(disk / "fill", "wb") as f:
        f.truncate(0)
        block = b"\0" * (1 << 20)
        left = free - leave_kb * 1024
        while left > 0:
            left -= f.write(block[:min(left, len(block))])
