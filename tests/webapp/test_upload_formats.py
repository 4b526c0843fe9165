"""The draft page's upload and the formats registry: the field offers what the registry says uploads
take, and an .ofd uploaded is read (a broken one is a sentence on the page)."""
import io
import re

import pytest

from indexer.document import formats
from webapp import create_app

from ..document.ofd_files import NOTICE, make_ofd, notice_ofd
from .test_draft import alert, page_text, post, problem_sections


@pytest.fixture(scope="module")
def client(mixed_index):
    return create_app({"INDEX_DIR": str(mixed_index), "TESTING": True}).test_client()


def test_the_upload_field_offers_what_the_registry_says(client):
    html = page_text(client.get("/draft"))
    field = re.search(r'<input id="draft-file" type="file" name="file" accept="([^"]*)">', html)
    assert field and field.group(1).split(",") == formats.accept().split(",")
    assert {".ofd", ".docx", ".pdf", ".txt", "application/ofd"} <= set(field.group(1).split(","))
    label = re.search(r'<label for="draft-file">或者上传文件：([^，]*)，', html).group(1)
    assert label.split("、") == formats.upload_suffixes() and ".ofd" in label


def test_an_uploaded_ofd_is_read_and_its_problems_looked_up(client):
    response = post(client, text="", file=(io.BytesIO(notice_ofd()), "青田通报.ofd"))
    html = page_text(response)
    assert response.status_code == 200, alert(response)
    sections = problem_sections(html)
    assert len(sections) == 3 and all(NOTICE[i][2:] in section for i, section in zip((2, 4, 6), sections))
    assert "已读取文件“青田通报.ofd”" in html


def test_a_broken_ofd_uploaded_is_a_sentence_on_the_page(client):
    broken = make_ofd([NOTICE], parts={"Doc_0/Pages/Page_0/Content.xml": None})
    response = post(client, text="", file=(io.BytesIO(broken), "broken.ofd"))
    assert response.status_code == 400
    assert alert(response) == "broken.ofd is not a readable .ofd: its part Doc_0/Pages/Page_0/Content.xml is missing."
