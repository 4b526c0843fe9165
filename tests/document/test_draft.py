"""A draft or a feedback list → its problems: numbering styles mixed in one list, nested outlines,
a notice's problem sections, one problem a line, none recognised; every file kind and encoding;
traditional script line by line; and the sentences for what cannot be used. Drafts are in our
own words (tests/fixtures/drafts)."""
import pytest

from indexer.document.draft import MAX_CHARS, MAX_PROBLEMS, draft_from_bytes, draft_from_text
from indexer.document.errors import UnreadableDocument

from ..conftest import FIXTURES, seed
from .test_read import make_docx, make_pdf

DRAFTS = FIXTURES / "drafts"
MIXED = (DRAFTS / "mixed_numbering.txt").read_text(encoding="utf-8")
MIXED_TITLES = ["单位食堂收支管理混乱", "个别干部因私出国(境)证件保管不严", "保密意识淡薄,涉密文件管理松散"]


def titles(draft):
    return [p.title for p in draft.problems]


def test_one_list_in_three_numbering_styles_one_of_them_traditional():
    draft = draft_from_text(MIXED)
    assert draft.found_by == "numbering"
    assert titles(draft) == MIXED_TITLES  # the heading, the opening and the signature are no problems
    first, second, third = draft.problems
    assert [p.seq for p in draft.problems] == [1, 2, 3]
    assert first.text.startswith("伙食费收取没有统一标准") and "办公室" not in third.text
    assert second.text == "证件到期后未及时交回组织统一保管,借出证件没有审批登记。"  # simplified
    assert [p.types[:1] for p in draft.problems] == [["食堂管理"], ["因私出国(境)证照"], ["保密工作"]]
    assert all(p.path == [] and p.category for p in draft.problems)


def test_a_traditional_line_in_a_simplified_draft_is_simplified_alone():
    text = ("1.单位公务接待没有按规定标准执行，接待清单与发票对不上，部分接待没有公函，陪同人数超过规定。\n"
            "2.办公用房超标问题整改不彻底，个别领导干部办公室面积仍然超过规定，闲置用房没有及时调剂使用。\n"
            "3.證照保管不嚴")
    draft = draft_from_text(text)
    assert titles(draft)[2] == "证照保管不严"


def test_a_nested_feedback_list_yields_its_innermost_items_under_their_headings():
    text = ("一、聚焦群众身边不正之风和腐败问题方面\n1.食堂伙食费收支不透明。\n2.公务卡结算不及时。\n"
            "二、聚焦领导班子建设方面\n3.三重一大事项未经集体研究。")
    draft = draft_from_text(text)
    assert draft.found_by == "outline"
    assert titles(draft) == ["食堂伙食费收支不透明", "公务卡结算不及时", "三重一大事项未经集体研究"]
    assert draft.problems[2].path == ["二、聚焦领导班子建设方面"]
    assert draft.problems[0].category == "群众身边不正之风和腐败问题"


def test_numbering_that_runs_on_across_sections_is_not_one_list():
    text = "一、理论学习方面\n(1)学习不深入。\n(2)研讨走过场。\n二、财务管理方面\n(3)报销票据不全。"
    draft = draft_from_text(text)
    assert titles(draft) == ["学习不深入", "研讨走过场", "报销票据不全"]


def test_a_draft_notice_gives_its_problems_not_its_other_sections():
    text = ("一、整改工作的组织情况\n成立整改工作领导小组。\n二、巡察反馈问题的整改进展情况\n"
            "(一)关于单位食堂账目不公开的问题\n整改进展情况:每月公示食堂收支。\n"
            "(二)关于证照管理不严的问题\n整改进展情况:证照统一收回保管。\n三、下一步工作打算\n持续抓好整改。")
    draft = draft_from_text(text)
    assert draft.found_by == "outline"
    assert titles(draft) == ["关于单位食堂账目不公开的问题", "关于证照管理不严的问题"]


def test_one_problem_a_line_and_the_document_heading_above_them():
    draft = draft_from_text((DRAFTS / "plain_lines.txt").read_text(encoding="utf-8"))
    assert draft.found_by == "lines"
    assert titles(draft) == ["食堂伙食费收支不公开,账目混乱", "出国证照没有集中保管", "涉密文件随意存放,保密自查走过场"]
    headed = draft_from_text("巡察反馈问题清单\n食堂账目混乱\n证照保管不严")
    assert titles(headed) == ["食堂账目混乱", "证照保管不严"]


def test_a_draft_without_a_recognisable_problem_is_one_problem_the_whole_text():
    text = (DRAFTS / "no_problem.txt").read_text(encoding="utf-8")
    draft = draft_from_text(text)
    assert draft.found_by == "whole"
    [problem] = draft.problems
    assert problem.text == draft.text and "采购也没有留下记录" in problem.text
    assert problem.title.endswith("…") and len(problem.title) == 41
    assert "食堂管理" in problem.types


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_a_draft_in_any_encoding_reads_the_same(encoding):
    assert titles(draft_from_bytes(MIXED.encode(encoding), "draft.txt")) == MIXED_TITLES


def test_a_draft_in_big5_and_in_traditional_script():
    traditional = "一、單位食堂收支管理混亂。帳目不公開。\n(二)證照保管不嚴。\n3.保密意識淡薄。"
    draft = draft_from_bytes(traditional.encode("big5"), "draft.txt")
    assert titles(draft) == ["单位食堂收支管理混乱", "证照保管不严", "保密意识淡薄"]


def test_a_draft_as_docx_html_and_pdf():
    lines = MIXED.split("\n")
    assert titles(draft_from_bytes(make_docx(lines), "draft.docx")) == MIXED_TITLES
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    assert titles(draft_from_bytes(page.encode("utf-8"), "draft.html")) == MIXED_TITLES
    pdf = make_pdf(["1.食堂收支管理混乱", "2.证照保管不严", "3.保密意识淡薄"])
    assert titles(draft_from_bytes(pdf, "draft.pdf")) == ["食堂收支管理混乱", "证照保管不严", "保密意识淡薄"]


@pytest.mark.parametrize("text", ["", "  \n\t \n", "\ufeff"])
def test_an_empty_draft_says_so(text):
    with pytest.raises(UnreadableDocument, match="The draft is empty"):
        draft_from_text(text)


@pytest.mark.parametrize("data, reason", [
    (b"", "draft.txt is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "draft.txt is a PNG image"),
    (bytes((i * 7919 + 13) % 256 for i in range(4000)), "looks like binary data|not text in any supported encoding"),
    (b"PK\x03\x04 truncated", "not a readable .docx"),
])
def test_a_file_that_is_no_draft_gets_the_document_wing_sentence(data, reason):
    with pytest.raises(UnreadableDocument, match=reason):
        draft_from_bytes(data, "draft.txt")


def test_too_long_and_too_many_problems_are_refused_with_a_sentence():
    with pytest.raises(UnreadableDocument, match="characters long"):
        draft_from_text("食" * (MAX_CHARS + 1))
    with pytest.raises(UnreadableDocument, match=f"more than the {MAX_PROBLEMS} looked up at once"):
        draft_from_text("\n".join(f"第{i}个问题：食堂账目不清" for i in range(MAX_PROBLEMS + 1)))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_a_published_notice_given_as_a_draft_has_the_problems_parse_finds(prefix, parsed_seeds):
    path = seed(prefix)
    assert titles(draft_from_bytes(path.read_bytes(), path.name)) == [p.title for p in parsed_seeds[prefix].problems]
