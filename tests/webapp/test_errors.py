"""Every error meant for the user reaches the page or the API as its sentence with its HTTP status."""
import pytest

from indexer.document.errors import UnreadableDocument
from indexer.engine.faults import IndexDamaged
from indexer.errors import NoticesError
from webapp import create_app


class Refused(NoticesError):
    """An error of a kind the app has no handler of its own for."""
    http_status = 409


def app_raising(error, tmp_path):
    app = create_app({"INDEX_DIR": str(tmp_path / "none"), "TESTING": True})
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as served: the app's handlers answer, not the test client

    def raises():
        raise error

    app.add_url_rule("/api/raises", view_func=raises)
    app.add_url_rule("/raises", view_func=raises)
    return app.test_client()


@pytest.mark.parametrize("error, status", [
    (UnreadableDocument("draft.pdf is not a readable PDF."), 400),
    (Refused("That was refused."), 409),
])
def test_an_error_for_the_user_is_its_sentence_and_status(error, status, tmp_path):
    client = app_raising(error, tmp_path)
    answer = client.get("/api/raises")
    assert (answer.status_code, answer.get_json()) == (status, {"error": str(error), "status": status})
    page = client.get("/raises")
    assert page.status_code == status and str(error) in page.get_data(as_text=True)


def test_a_fault_of_the_index_is_503_with_what_it_means(tmp_path):
    client = app_raising(IndexDamaged("The index is damaged (a segment is cut short)."), tmp_path)
    answer = client.get("/api/raises")
    assert answer.status_code == 503
    assert answer.get_json()["error"] == "索引暂时无法使用：The index is damaged (a segment is cut short)."
