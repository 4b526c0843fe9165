"""OFD (GB/T 33190) files, made here (ofd_files.py): the text layer read in reading order whatever
order the XML writes it in, told from a .docx by its members, read by `notices parse` and `notices
index`, and every kind of broken one refused in one sentence while the build goes on."""
import io
import json
import subprocess
import sys
import time
import zipfile

import pytest

from indexer.document.errors import UnreadableDocument
from indexer.document.read import read_bytes

from ..conftest import CORPUS
from .ofd_files import NOTICE, make_ofd, notice_ofd, with_bomb
from .test_read import make_docx

CLI = [sys.executable, "-m", "indexer.cli"]


def sentence(data: bytes, name: str) -> str:
    with pytest.raises(UnreadableDocument) as refused:
        read_bytes(data, name)
    said = str(refused.value)
    assert "\n" not in said and said.endswith("."), said
    return said


def test_the_text_layer_reads_back_paragraph_by_paragraph_across_pages():
    raw = read_bytes(notice_ofd(), "通报.ofd")
    assert (raw.kind, raw.pages) == ("ofd", 2)
    assert raw.text.split("\n") == NOTICE  # runs shuffled in the XML; wrapped lines joined; numbers whole


def test_the_order_of_the_xml_does_not_decide_the_order_of_the_text():
    one = read_bytes(make_ofd([NOTICE]), "a.ofd").text
    assert one.split("\n") == NOTICE
    assert read_bytes(make_ofd([NOTICE[:6], NOTICE[6:]]), "b.ofd").text == one


def test_producers_without_a_namespace_prefix_or_with_absolute_locations_are_read():
    assert read_bytes(make_ofd([NOTICE], prefix=""), "plain.ofd").text.split("\n") == NOTICE
    document = zipfile.ZipFile(io.BytesIO(make_ofd([NOTICE]))).read("Doc_0/Document.xml").decode()
    document = document.replace('BaseLoc="Pages/', 'BaseLoc="/Doc_0/Pages/')
    absolute = make_ofd([NOTICE], parts={"Doc_0/Document.xml": document})
    assert read_bytes(absolute, "absolute.ofd").text.split("\n") == NOTICE


def test_an_ofd_is_told_by_its_members_whatever_its_name():
    assert read_bytes(notice_ofd(), "通报.docx").kind == "ofd"
    assert read_bytes(notice_ofd(), "download").kind == "ofd"
    assert read_bytes(make_docx(["关于巡察整改进展情况的通报"]), "通报.ofd").kind == "docx"


def test_a_template_page_is_read_with_the_pages_drawn_on_it():
    header = ('<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
              '<ofd:TextObject Boundary="25 10 160 6" Size="4"><ofd:TextCode X="0" Y="4">县委巡察办</ofd:TextCode>'
              "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>")
    ofd = zipfile.ZipFile(io.BytesIO(make_ofd([NOTICE[1:]])))
    document = ofd.read("Doc_0/Document.xml").decode().replace(
        "</ofd:CommonData>", '<ofd:TemplatePage ID="7" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>')
    page = ofd.read("Doc_0/Pages/Page_0/Content.xml").decode().replace(
        "<ofd:Content>", '<ofd:Template TemplateID="7" ZOrder="Background"/><ofd:Content>')
    data = make_ofd([NOTICE[1:]], parts={"Doc_0/Document.xml": document, "Doc_0/Pages/Page_0/Content.xml": page,
                                         "Doc_0/Tpls/Tpl_0/Content.xml": header})
    assert read_bytes(data, "with template.ofd").text.split("\n") == ["县委巡察办", *NOTICE[1:]]


@pytest.mark.parametrize("parts, said", [
    ({"Doc_0/Pages/Page_1/Content.xml": None},
     r"^broken\.ofd is not a readable \.ofd: its part Doc_0/Pages/Page_1/Content\.xml is missing\.$"),
    ({"Doc_0/Pages/Page_0/Content.xml": "<ofd:Page xmlns:ofd='x'><ofd:Content>"},
     r"^broken\.ofd is not a readable \.ofd: its part Doc_0/Pages/Page_0/Content\.xml is not XML\.$"),
    ({"OFD.xml": "<OFD/>"}, r"^broken\.ofd is not a readable \.ofd: its OFD\.xml names no document\.$"),
    ({"Doc_0/Document.xml": None}, r"its part Doc_0/Document\.xml is missing"),
], ids=["missing page", "page not XML", "no document", "no Document.xml"])
def test_a_broken_ofd_is_one_sentence(parts, said):
    import re

    assert re.search(said, sentence(make_ofd([NOTICE[:4], NOTICE[4:]], parts=parts), "broken.ofd"))


def test_a_cut_short_ofd_is_one_sentence():
    data = notice_ofd()
    assert "is not a readable .ofd (damaged or truncated" in sentence(data[: len(data) // 2], "cut.ofd")


def test_an_ofd_without_a_text_layer_says_so():
    assert "without a text layer" in sentence(make_ofd([[]]), "pictures.ofd")


def test_an_entity_in_a_part_is_not_expanded():
    page = ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "整改整改整改整改">]><ofd:Page xmlns:ofd="x"><ofd:Content>'
            '<ofd:TextObject Boundary="25 30 160 6" Size="4"><ofd:TextCode X="0" Y="4">通报&a;</ofd:TextCode>'
            "</ofd:TextObject></ofd:Content></ofd:Page>")
    assert read_bytes(make_ofd([NOTICE[:1]], parts={"Doc_0/Pages/Page_0/Content.xml": page}), "e.ofd").text == "通报"


def test_hostile_numbers_in_a_page_cost_nothing():
    page = ('<ofd:Page xmlns:ofd="x"><ofd:Content>'
            '<ofd:TextObject Boundary="nan inf 1 1" Size="inf" CTM="1 0 0 1 nan 0">'
            '<ofd:TextCode X="1e400" Y="4" DeltaX="g 999999999999 3.5 g -5 1 g nan 2">一、关于问题</ofd:TextCode>'
            "</ofd:TextObject></ofd:Content></ofd:Page>")
    started = time.monotonic()
    data = make_ofd([NOTICE[:1]], parts={"Doc_0/Pages/Page_0/Content.xml": page})
    assert read_bytes(data, "hostile.ofd").text == "一、关于问题" and time.monotonic() - started < 5


def test_a_zip_bomb_ofd_is_refused_from_its_directory_quickly():
    bomb = with_bomb(notice_ofd())
    started = time.monotonic()
    said = sentence(bomb, "bomb.ofd")
    assert said.startswith("bomb.ofd unpacks to 100 MB, more than the 50 MB a .ofd notice may hold (a zip bomb?)")
    assert time.monotonic() - started < 5 and len(bomb) < 1048576


def test_a_zip_that_is_none_of_the_packages_read_says_so():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    said = sentence(out.getvalue(), "upload")
    assert said.startswith("upload is a ZIP archive that is none of the documents read from one (") and ".ofd" in said


def test_notices_parse_reads_an_ofd_with_its_region_and_date(tmp_path):
    path = tmp_path / "通报.ofd"
    path.write_bytes(notice_ofd())
    out = subprocess.run([*CLI, "parse", str(path), "--json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    notice = json.loads(out.stdout)
    assert (notice["file_kind"], notice["pages"], notice["published"]) == ("ofd", 2, "2024-06-18")
    assert notice["region"]["county"] == "青田县" and notice["region"]["province"] == "浙江省"
    assert [p["title"] for p in notice["problems"]] == [NOTICE[2][2:], NOTICE[4][2:], NOTICE[6][2:]]


def test_notices_parse_of_a_broken_ofd_is_one_sentence_and_status_1(tmp_path):
    path = tmp_path / "broken.ofd"
    path.write_bytes(make_ofd([NOTICE], parts={"Doc_0/Pages/Page_0/Content.xml": None}))
    out = subprocess.run([*CLI, "parse", str(path)], capture_output=True, text=True)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().endswith("its part Doc_0/Pages/Page_0/Content.xml is missing.")


def test_notices_index_reads_an_ofd_skips_a_broken_one_and_finds_it_by_its_facts(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "青田通报.ofd").write_bytes(notice_ofd())
    (corpus / "broken.ofd").write_bytes(make_ofd([NOTICE], parts={"Doc_0/Pages/Page_0/Content.xml": "not xml"}))
    (corpus / "bomb.ofd").write_bytes(with_bomb(notice_ofd()))
    good = next(CORPUS.glob("*.txt"))
    (corpus / good.name).write_bytes(good.read_bytes())
    index = tmp_path / "index"
    out = subprocess.run([*CLI, "index", str(corpus), "--index-dir", str(index)], capture_output=True, text=True)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    said = "broken.ofd is not a readable .ofd: its part Doc_0/Pages/Page_0/Content.xml is not XML."
    assert f"  skipped broken.ofd: {said}" in out.stderr.splitlines()
    assert any(line.startswith("  skipped bomb.ofd: bomb.ofd unpacks to 100 MB") for line in out.stderr.splitlines())
    found = subprocess.run([*CLI, "search", "惠农补贴", "--county", "青田县", "--year", "2024",
                            "--index-dir", str(index), "--json"], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)["hits"]
    assert hits and {hit["source"] for hit in hits} == {"青田通报.ofd"}
    place = (hits[0]["province"], hits[0]["city"], hits[0]["county"], hits[0]["year"])
    assert place == ("浙江省", "丽水市", "青田县", 2024)


def test_pages_over_the_limit_are_refused_before_any_is_parsed(monkeypatch):
    monkeypatch.setenv("NOTICES_MAX_PAGES", "1")
    two_pages = make_ofd([NOTICE[:4], NOTICE[4:]], parts={"Doc_0/Pages/Page_1/Content.xml": "not xml"})
    assert sentence(two_pages, "long.ofd") == ("long.ofd has 2 pages, more than the 1 pages of one notice; split it, "
                                               "or raise NOTICES_MAX_PAGES.")
