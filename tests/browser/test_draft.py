"""起草参考 in a real browser: paste a draft, read each problem's precedents, narrow them by region,
copy one with its citation, download the .docx and the Markdown; axe-core finds no accessibility
violation (WCAG 2.1 AA) before or after submitting."""
import datetime

import docx

from ..conftest import FIXTURES
from .conftest import PUBLIC_URL, assert_accessible, screenshot

MIXED = (FIXTURES / "drafts" / "mixed_numbering.txt").read_text(encoding="utf-8")
TITLES = ["1. 单位食堂收支管理混乱", "2. 个别干部因私出国(境)证件保管不严", "3. 保密意识淡薄,涉密文件管理松散"]


def test_paste_a_draft_narrow_by_region_and_download_the_docx(server, page, tmp_path):
    page.goto(server + "/")
    page.click("nav.links a:text('起草参考')")
    page.wait_for_selector("textarea#draft-text")
    assert_accessible(page)
    screenshot(page, "draft-empty")

    page.get_by_label("草稿或问题清单").fill(MIXED)
    page.click("button:text('查找先例')")
    page.wait_for_selector("section.draft-problem")
    assert [h.inner_text() for h in page.query_selector_all("section.draft-problem h3")] == TITLES
    assert "按编号认出 3 个问题" in page.inner_text("p.found-by")
    first = page.query_selector("section#d1 article.precedent")
    assert "食堂" in first.inner_text() and "整改进展情况" in first.inner_text()
    provinces = {r.inner_text().split(" ")[0] for r in page.query_selector_all("article.precedent .region")}
    assert {"福建省", "山东省"} <= provinces
    assert_accessible(page)
    screenshot(page, "draft-precedents")

    page.select_option("select#filter-province", "福建省")
    page.click("button:text('查找先例')")
    page.wait_for_selector("select#filter-province option[value='福建省'][selected]", state="attached")
    regions = [r.inner_text() for r in page.query_selector_all("article.precedent .region")]
    assert regions and all(r.startswith("福建省") for r in regions)
    assert page.input_value("textarea#draft-text").startswith("关于落实巡察反馈意见的整改方案")
    assert_accessible(page)
    screenshot(page, "draft-narrowed")

    with page.expect_download() as download:
        page.click("button.export-docx")
    saved = tmp_path / "precedents.docx"
    download.value.save_as(saved)
    name = download.value.suggested_filename  # named after the draft's first problem and today
    assert name.startswith("整改先例-") and name.endswith(datetime.date.today().isoformat() + ".docx")
    document = docx.Document(str(saved))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == TITLES
    places = [p.text for p in document.paragraphs if " · " in p.text and not p.text.startswith(("相近", "部分相近"))]
    assert places and all(p.startswith("福建省") for p in places)
    closeness = [p.text for p in document.paragraphs if p.text.startswith(("相近 · ", "部分相近 · "))]
    assert len(closeness) == len(places) and all("共同的词：" in p for p in closeness)
    citations = [p.text for p in document.paragraphs if p.style.name == "Intense Quote"]
    assert citations and all(c.startswith("引自：") and f"{PUBLIC_URL}/notice/" in c for c in citations)
    assert not any("127.0.0.1" in c for c in citations)

    with page.expect_download() as download:
        page.click("button.export-md")
    markdown = open(download.value.path(), encoding="utf-8").read()
    assert markdown.count("\n## ") == 3 and "只看：省份 福建省" in markdown


def test_copy_a_precedent_with_its_citation_and_the_places_below_a_new_province(server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page.goto(server + "/draft")
    page.fill("textarea#draft-text", MIXED)
    page.select_option("select#filter-province", "山东省")
    page.click("button:text('查找先例')")
    page.wait_for_selector("section.draft-problem")
    page.click("section#d3 article.precedent >> nth=0 >> button.copy")
    page.wait_for_selector("section#d3 button.copy[data-copied=true]")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "保密" in copied.split("\n")[0] and "——引自：《中共枣庄市政协机关党组" in copied  # the issuer once
    assert f"{PUBLIC_URL}/notice/" in copied and "127.0.0.1" not in copied

    page.select_option("select#filter-city", "枣庄市")
    page.select_option("select#filter-province", "福建省")  # Zaozhuang is not in Fujian: the city is cleared
    assert page.input_value("select#filter-city") == ""


def test_an_empty_draft_and_an_image_get_a_sentence(server, browser, tmp_path):
    # Its own page: the answers are 400s, which the console reports; any other message still fails.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(server + "/draft")
    page.click("button:text('查找先例')")
    assert "草稿是空的" in page.inner_text("div.draft-error")
    assert_accessible(page)
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    page.set_input_files("input#draft-file", str(image))
    page.click("button:text('查找先例')")
    assert "scan.png is a PNG image" in page.inner_text("div.draft-error")
    screenshot(page, "draft-error")
    context.close()
    assert [e for e in errors if "status of 400" not in e] == []


def test_precedents_show_how_close_they_are_and_are_not_padded(server, page):
    page.goto(server + "/draft")
    page.fill("textarea#draft-text", "涉密文件随意存放，保密自查走过场")
    page.select_option("select#draft-limit", "10")
    page.click("button:text('查找先例')")
    page.wait_for_selector("section.draft-problem")
    shown = page.query_selector_all("section#d1 article.precedent")
    assert 0 < len(shown) < 10
    assert f"只找到 {len(shown)} 条相近做法" in page.inner_text("section#d1 p.found-few")
    first = shown[0].query_selector("p.closeness").inner_text()
    assert first.startswith("相近") and "共同的词" in first and "保密工作" in first
    assert all(p.query_selector("p.closeness .strength").inner_text() in ("相近", "部分相近") for p in shown)
    assert_accessible(page)
    screenshot(page, "draft-closeness")
