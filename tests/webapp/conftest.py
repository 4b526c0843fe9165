import pytest

from indexer.engine import build
from webapp import create_app

from ..conftest import FIXTURES


@pytest.fixture(scope="session")
def client(tmp_path_factory):
    """The app over the four notices of tests/fixtures/facets (福建, 山东, 广东; 2023 to 2025)."""
    index = tmp_path_factory.mktemp("web-index")
    build.run(FIXTURES / "facets", index, jobs=1, progress=False)
    app = create_app({"INDEX_DIR": str(index), "TESTING": True})
    return app.test_client()
