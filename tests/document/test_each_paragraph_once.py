"""Each paragraph once: no passage (problem or section) of any seed or fixture holds a sentence
twice unless the document itself does, and a numbered paragraph with its own heading keeps its
body once."""
import re
from collections import Counter
from pathlib import Path

import pytest

from indexer.document.clean import clean
from indexer.document.outline import build
from indexer.document.parse import parse_file

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted(
    {p for folder in (ROOT / "corpus", Path("/work/shared/seeds")) if folder.is_dir() for p in folder.glob("*.txt")}
    | {p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.suffix in (".txt", ".html")}
)
SENTENCE = re.compile(r"[^。！？!?；;\n]{8,}[。！？!?；;]?")


def sentences(text: str) -> Counter:
    return Counter(s.strip() for s in SENTENCE.findall(text or "") if len(s.strip()) >= 8)


def test_there_are_documents_to_check():
    assert len(DOCUMENTS) >= 20


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_no_passage_repeats_a_sentence_the_document_states_once(path):
    notice = parse_file(path)
    in_document = sentences(clean(path.read_text(encoding="utf-8", errors="replace")).text)
    for passage in notice.problems + notice.sections:
        for sentence, count in sentences(passage.text).items():
            assert count <= max(1, in_document[sentence]), (path.name, passage.title, sentence)


def test_a_numbered_paragraph_with_its_heading_keeps_its_body_once():
    text = ("一、巡察反馈问题的整改情况\n(一)针对学习不深入的问题。\n整改进展情况:开展专题学习。\n"
            "二、下一步工作打算\n(一)持续加强政治建设。持续学习贯彻新思想,教育引导党员干部。\n"
            "(二)持续压实整改责任。对整改任务组织回头看。")
    outline = build(text)
    plans = next(s for s in outline.sections if s.title.startswith("二、"))
    assert plans.text == ("(一)持续加强政治建设。持续学习贯彻新思想,教育引导党员干部。\n"
                          "(二)持续压实整改责任。对整改任务组织回头看。")
