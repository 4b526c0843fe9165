"""An index of one notice written in the test, for the tests that look closely at how it is searched."""
from indexer.engine import build


def index_of(tmp_path_factory, name: str, text: str):
    """Index a corpus of one notice (text) in fresh folders named after name; the index's path."""
    corpus = tmp_path_factory.mktemp(f"{name}-corpus")
    (corpus / "notice.txt").write_text(text, encoding="utf-8")
    index = tmp_path_factory.mktemp(f"{name}-index")
    build.run(corpus, index, jobs=1, progress=False)
    return index
