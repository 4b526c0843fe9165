"""A term is found by joining its bigrams' occurrence lists at their offsets; only the bigrams that
cover its letters (the rarest first) are read. Found must be exactly where its letters are."""
import random

from indexer.document.parse import parse_file
from indexer.engine.analysis import letters
from indexer.engine.evaluate import covering, occurrences_of
from indexer.engine.segment import POSITION_BITS, Segment, SegmentWriter

from ..conftest import FIXTURES, SEEDS

NOTICES = [parse_file(p).to_json() for p in [*SEEDS, *sorted((FIXTURES / "facets").glob("*.txt"))]]


def where_written(segment: Segment, field: str, needle: str) -> list:
    """Every start of needle in every passage's letters (overlapping ones too)."""
    out = []
    for passage in range(segment.passages):
        text, at = letters(segment.text(field, passage)), -1
        while (at := text.find(needle, at + 1)) >= 0:
            out.append(passage << POSITION_BITS | at)
    return out


def test_a_term_is_found_exactly_where_its_letters_are(tmp_path):
    writer = SegmentWriter()
    for notice in NOTICES:
        writer.add(notice)
    segment = Segment(tmp_path / writer.write(tmp_path))
    rng = random.Random(5)
    needles = ["整改", "整改问题", "巡察整改", "的问题", "不存在的词语", "整改整改", "落实落实整改"]
    while len(needles) < 80:  # pieces of the passages' own letters, 2 to 13 long
        text = letters(segment.text("body", rng.randrange(segment.passages)))
        if len(text) > 14:
            start = rng.randrange(len(text) - 13)
            needles.append(text[start:start + rng.randint(2, 13)])
    for needle in needles:
        for field in ("body", "title"):
            assert occurrences_of(segment, f"{field}_bigrams", needle).tolist() == where_written(segment, field, needle)


def test_the_bigrams_read_cover_every_letter_rarest_first():
    # A 9-letter term's 8 bigrams by offset, with their list sizes; rarest first as occurrences_of sorts them.
    sizes = {0: 900, 1: 40, 2: 700, 3: 5, 4: 800, 5: 60, 6: 650, 7: 3000}
    ranges = sorted(((offset, (0, size)) for offset, size in sizes.items()), key=lambda item: item[1][1])
    chosen = covering(ranges)
    assert [offset for offset, _ in chosen] == [3, 1, 5, 6, 0, 7]  # 2 and 4 add no letter: not read
    assert {letter for offset, _ in chosen for letter in (offset, offset + 1)} == set(range(9))
