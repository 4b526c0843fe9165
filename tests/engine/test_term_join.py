"""A term is found by joining its bigrams' occurrence lists at their offsets; only the bigrams that
cover its letters (the rarest first) are read. Found must be exactly where its letters are."""
import random

import numpy as np
import pytest

from indexer.document.parse import parse_file
from indexer.engine import evaluate, segment as segment_module
from indexer.engine.analysis import letters
from indexer.engine.evaluate import covering, occurrences_of, passages_holding, passages_in_order, per_passage
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


@pytest.fixture(scope="module")
def segment(tmp_path_factory):
    folder = tmp_path_factory.mktemp("join")
    writer = SegmentWriter()
    for notice in NOTICES:
        writer.add(notice)
    return Segment(folder / writer.write(folder))


def needles_of(segment) -> list:
    rng = random.Random(5)
    needles = ["整改", "整改问题", "巡察整改", "的问题", "不存在的词语", "整改整改", "落实落实整改", "改", "的", "问", "鼎"]
    while len(needles) < 80:  # pieces of the passages' own letters, 2 to 13 long
        text = letters(segment.text("body", rng.randrange(segment.passages)))
        if len(text) > 14:
            start = rng.randrange(len(text) - 13)
            needles.append(text[start:start + rng.randint(2, 13)])
    return needles


def test_a_term_is_found_exactly_where_its_letters_are(segment):
    for needle in needles_of(segment):
        for field in ("body", "title"):
            assert occurrences_of(segment, f"{field}_bigrams", needle).tolist() == where_written(segment, field, needle)


@pytest.mark.parametrize("chunk", [1, 2, 5, 64])
def test_a_term_is_found_the_same_with_its_bigrams_lists_read_a_chunk_at_a_time(segment, monkeypatch, chunk):
    # Chunks of one occurrence, of a few (ends inside passages and between a start and its next
    # bigram), and larger than most lists; the anchor's stretches as long.
    monkeypatch.setattr(evaluate, "JOIN_CHUNK", chunk)
    for needle in needles_of(segment):
        for field in ("body", "title"):
            written = where_written(segment, field, needle)
            assert occurrences_of(segment, f"{field}_bigrams", needle).tolist() == written
            passages, counts = passages_holding(segment, f"{field}_bigrams", needle)
            expected_passages, expected_counts = per_passage(np.array(written, dtype=np.int64))
            assert (passages.tolist(), counts.tolist()) == (expected_passages.tolist(), expected_counts.tolist()), needle


@pytest.mark.parametrize("chunk, window", [(1, 1), (2, 3), (7, 2), (64, 512)])
def test_a_terms_passages_read_a_chunk_at_a_time_are_all_of_them_in_order(segment, monkeypatch, chunk, window):
    # Small chunks put chunk ends inside passages and whole chunks inside one passage; small
    # windows make the other bigrams' stretches be found by halving.
    monkeypatch.setattr(evaluate, "FIRST_CHUNK", chunk)
    monkeypatch.setattr(evaluate, "LETTER_HEAD", chunk)  # a letter's lists cut after so many occurrences
    monkeypatch.setattr(segment_module, "BISECT_WINDOW", window)
    for needle in needles_of(segment):
        for field in ("body_bigrams", "title_bigrams"):
            pieces = list(passages_in_order(segment, field, needle))
            found = np.concatenate(pieces).tolist() if pieces else []
            assert found == per_passage(occurrences_of(segment, field, needle))[0].tolist(), needle


def test_the_bigrams_read_cover_every_letter_rarest_first():
    # A 9-letter term's 8 bigrams by offset, with their list sizes; rarest first as occurrences_of sorts them.
    sizes = {0: 900, 1: 40, 2: 700, 3: 5, 4: 800, 5: 60, 6: 650, 7: 3000}
    ranges = sorted(((offset, (0, size)) for offset, size in sizes.items()), key=lambda item: item[1][1])
    chosen = covering(ranges)
    assert [offset for offset, _ in chosen] == [3, 1, 5, 6, 0, 7]  # 2 and 4 add no letter: not read
    assert {letter for offset, _ in chosen for letter in (offset, offset + 1)} == set(range(9))


@pytest.mark.parametrize("dtype", ["<i8", ">i8", "<u8"])   # big-endian: shifted, not read in place
def test_occurrences_are_counted_per_passage(dtype):
    rng = np.random.default_rng(5)
    passages = rng.integers(0, 1 << 31, 400)   # the largest passage numbers too
    occurrences = np.unique((passages.astype(np.int64) << POSITION_BITS) | rng.integers(0, 1 << 20, 400))
    expected = {}
    for occurrence in occurrences.tolist():
        expected[occurrence >> POSITION_BITS] = expected.get(occurrence >> POSITION_BITS, 0) + 1
    for given in (occurrences.astype(dtype), np.repeat(occurrences.astype(dtype), 2)[::2]):   # and strided
        found, counts = per_passage(given)
        assert found.dtype == np.int64 and counts.dtype == np.float32
        assert dict(zip(found.tolist(), counts.astype(int).tolist())) == expected
        assert found.tolist() == sorted(expected)
    found, counts = per_passage(occurrences[:0])
    assert found.tolist() == [] and counts.tolist() == []
