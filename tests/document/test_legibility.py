"""A run no repair can read is marked □ (one per character), kept as it read, and never a clean line:
legibility.py."""
from pathlib import Path

import pytest

from indexer.document.clean import clean
from indexer.document.legibility import LOST_MARK, mark_unreadable
from indexer.document.parse import parse_file, parse_text
from indexer.document.read import read_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = (ROOT / "corpus", Path("/work/shared/seeds"))
REAL = Path("/work/shared/eval/real")
DOCUMENTS = sorted(
    {p for folder in (*SEEDS, REAL) if folder.is_dir() for p in folder.glob("*.txt")}
    | {p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.suffix in (".txt", ".html")}
)
SHIFTED_SEED = "002_1130bf3bcaac838c.txt"  # traditional script, lines decoded one byte off


def shifted(sentence: str, lead: int) -> str:
    """sentence as a decoder reads its GB18030 bytes when one stray byte comes first."""
    return (bytes([lead]) + sentence.encode("gb18030")).decode("gb18030", errors="replace")


def test_there_are_documents_to_check():
    assert len(DOCUMENTS) >= 20 and any(p.name == SHIFTED_SEED for p in DOCUMENTS)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_clean_line_of_any_document_is_marked(path):
    """Read at test time: the seeds, the fixtures and the real documents of the evaluation."""
    runs = clean(read_document(path).text).unreadable
    if path.name == SHIFTED_SEED:
        assert len(runs) == 1  # the one line the byte repair cannot read whole (the next test)
    else:
        assert runs == []


@pytest.fixture(scope="module")
def shifted_seed():
    path = next((folder / SHIFTED_SEED for folder in SEEDS if (folder / SHIFTED_SEED).is_file()), None)
    assert path is not None, "seed 002 is in corpus/"
    return parse_file(path)


def test_the_seed_line_no_repair_reads_is_marked_not_shown_as_text(shifted_seed):
    section = next(s for s in shifted_seed.sections if s.title.startswith("一、"))
    marked = next(line for line in section.text.split("\n") if line.startswith("(三)"))
    heading, rest = marked.split("。", 1)
    assert heading == "(三)" + LOST_MARK * (len(heading) - 3) and len(heading) > 6
    assert rest.startswith("对照巡察反馈的问题")  # the rest of the paragraph reads as published
    # What the misaligned bytes made is nowhere in the text a user reads or searches; the record keeps it.
    run = "".join(clean(read_document(shifted_seed_path()).text).unreadable)
    assert len(run) == len(heading) - 3 and run not in shifted_seed.text


def shifted_seed_path() -> Path:
    return next(folder / SHIFTED_SEED for folder in SEEDS if (folder / SHIFTED_SEED).is_file())


SENTENCES = ["严格落实整改责任", "细化整改措施并逐项对账销号", "规范公务用车管理", "加强干部队伍建设",
             "完善资产管理制度并开展清查", "严格执行民主集中制"]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("lead", [0x81, 0x8F, 0xB0, 0xC4, 0xD8, 0xF1])
def test_a_clause_read_one_byte_off_is_read_again_in_step(sentence, lead):
    """A stray byte before the clause: read again from it, the clause is its words, and only the
    character whose last byte the stray one pushed out of the line is lost."""
    line, runs = mark_unreadable(f"一是{shifted(sentence, lead)}。二是完善制度。")
    words_then_lost = sentence[:-1]
    assert runs == [] and line.startswith(f"一是{sentence[:6]}") and line.endswith("。二是完善制度。")
    assert line.replace(LOST_MARK, "").count(words_then_lost[-2:]) == 1


@pytest.mark.parametrize("garbled", [
    "细荒措尸严格寏销号",      # the seed's leftovers, shape only: common characters out of words, one rare
    "荒\ue365衤涫尸寏",        # with private-use debris, and no reading one byte on makes words of it
])
def test_a_run_no_reading_makes_sense_of_is_marked_and_kept(garbled):
    line, runs = mark_unreadable(f"(二){garbled}。对照问题清单逐项整改。")
    assert line == f"(二){LOST_MARK * len(garbled)}。对照问题清单逐项整改。"
    assert runs == [garbled]


@pytest.mark.parametrize("line", [
    "通讯员张㛃昊报道",                          # a name with a character no dictionary holds
    "安徽省阜阳市颍州区鲖城镇召开巡察反馈会",      # a place with a rare character
    "推动乌鬃鹅产业高质量发展",                   # three characters in a row that form no word
    "努力做到以巡促改、以巡促建、以巡促治",         # a slogan of one-character words
    "坚持学思践悟，深学细悟笃行",
    "──────────",                               # a rule drawn with box-drawing characters
    "\ue601\ue602\ue603\ue604分享",              # icon-font glyphs of a page
    "约翰・史密斯",                               # a foreign name
])
def test_rare_characters_terse_phrases_and_page_furniture_are_left_alone(line):
    assert mark_unreadable(line) == (line, [])


def test_a_marked_run_is_kept_in_the_record_and_the_published_line_in_the_original():
    garbled = "细荒措尸严格寏销号"
    text = f"某某单位关于巡察整改进展情况的通报\n一、整改落实情况\n(一){garbled}。对照问题清单逐项整改。"
    cleaned = clean(text)
    assert cleaned.unreadable == [garbled]
    assert f"(一){LOST_MARK * len(garbled)}。对照问题清单逐项整改。" in cleaned.text.split("\n")
    notice = parse_text(text, "own.txt")
    assert garbled not in notice.text and garbled in notice.original_text
