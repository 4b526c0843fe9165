"""Any bytes give a notice or a clear error: random and truncated input to the whole parser."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.document.notice import Notice
from indexer.document.parse import parse_text
from indexer.document.read import UnreadableDocument, read_bytes

from ..conftest import SEEDS

SEED_BYTES = [p.read_bytes() for p in SEEDS]


def parse_bytes(data: bytes, name: str):
    try:
        raw = read_bytes(data, name)
    except UnreadableDocument as e:
        message = str(e)
        assert message and "\n" not in message
        return None
    notice = parse_text(raw.text, name)
    assert isinstance(notice, Notice)
    notice.to_json()
    return notice


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000), st.sampled_from(["a.txt", "a.html", "a.docx", "a.pdf", "a"]))
def test_random_bytes(data, name):
    parse_bytes(data, name)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(range(len(SEED_BYTES))), st.floats(0, 1), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_truncated_seeds_in_several_encodings(index, fraction, encoding):
    text = SEED_BYTES[index].decode("utf-8")
    data = text.encode(encoding, errors="replace")
    parse_bytes(data[: int(len(data) * fraction)], "cut.txt")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_random_text(text):
    notice = parse_text(text)
    assert notice.doc_type in ("整改通报", "反馈", "公告", "讲话", "动态")
    assert all(p.title is not None for p in notice.problems)
