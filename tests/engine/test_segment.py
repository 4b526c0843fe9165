"""Segments: postings written as arrays, read back a slice at a time, merged without re-reading."""
import numpy as np
import pytest

from indexer.document.parse import parse_file
from indexer.engine.analysis import bigram_keys, letters, word_key, words
from indexer.engine import segment as segment_module
from indexer.engine.merge import merge_into
from indexer.engine.segment import POSITION_BITS, POSITION_MASK, Segment, SegmentDamaged, SegmentWriter

from ..conftest import FIXTURES, SEEDS

NOTICES = [parse_file(p).to_json() for p in [*SEEDS, *sorted((FIXTURES / "facets").glob("*.txt"))]]


def written(tmp_path, notices) -> Segment:
    writer = SegmentWriter()
    for notice in notices:
        writer.add(notice)
    return Segment(tmp_path / writer.write(tmp_path))


@pytest.fixture(scope="module")
def segment(tmp_path_factory):
    return written(tmp_path_factory.mktemp("segment"), NOTICES)


def test_every_bigram_occurrence_is_where_the_letters_say(segment):
    for passage in range(segment.passages):
        text = letters(segment.text("body", passage))
        for position, key in enumerate(bigram_keys(text).tolist()):
            found = np.asarray(segment.occurrences("body_bigrams", key))
            assert (passage << POSITION_BITS | position) in found
    total = sum(len(letters(segment.text("body", p))) for p in range(segment.passages))
    assert len(segment["body_bigrams_occurrences"]) == total  # and nothing else


def test_occurrences_are_sorted_by_passage_and_position_within_each_key(segment):
    starts, occurrences = np.asarray(segment["body_bigrams_starts"]), np.asarray(segment["body_bigrams_occurrences"])
    for i in range(len(starts) - 1):
        run = occurrences[starts[i]:starts[i + 1]]
        assert (np.diff(run) > 0).all()


def test_word_frequencies_match_the_segmentation(segment):
    for passage in range(0, segment.passages, 7):
        counted = {}
        for word in words(segment.text("body", passage)):
            counted[word] = counted.get(word, 0) + 1
        for word, tf in counted.items():
            docs, frequencies = segment.frequencies("body_words", word_key(word))
            assert int(np.asarray(frequencies)[list(np.asarray(docs)).index(passage)]) == tf


def test_each_notice_has_a_passage_for_its_headline_and_opening(segment):
    for notice in segment.notices:
        first = notice["first"]
        assert segment.text("id", first) == notice["id"]
        assert segment.text("title", first) == (notice["title"] or "")


def test_merging_equals_writing_the_live_notices_at_once(tmp_path):
    first = written(tmp_path / "a", NOTICES[:5])
    second = written(tmp_path / "b", NOTICES[5:])
    deleted_first = np.array([False, True, False, False, True])
    deleted_second = np.zeros(len(NOTICES) - 5, dtype=bool)
    deleted_second[0] = True
    merged = Segment(tmp_path / merge_into(tmp_path, [
        (first, deleted_first, first.labels("labels-initial.npz")),
        (second, deleted_second, second.labels("labels-initial.npz")),
    ]))
    live = [n for n, gone in zip(NOTICES, [*deleted_first, *deleted_second]) if not gone]
    direct = written(tmp_path / "c", live)
    assert merged.arrays.keys() == direct.arrays.keys()
    for name in direct.arrays:
        assert np.array_equal(np.asarray(merged[name]), np.asarray(direct[name])), name
    assert merged.notices == direct.notices and merged.statuses == direct.statuses
    labels, expected = merged.labels("labels-initial.npz"), direct.labels("labels-initial.npz")
    assert [labels.types_of(p) for p in range(merged.passages)] == [expected.types_of(p) for p in range(direct.passages)]
    assert [labels.category_of(p) for p in range(merged.passages)] == [
        expected.category_of(p) for p in range(direct.passages)]


def test_a_cut_file_is_named_when_the_segment_is_opened(tmp_path):
    segment = written(tmp_path, NOTICES[:2])
    victim = segment.folder / "body_bigrams_occurrences.npy"
    victim.write_bytes(victim.read_bytes()[:-100])
    with pytest.raises(SegmentDamaged, match="body_bigrams_occurrences.npy .* cut short"):
        Segment(segment.folder)


def test_an_altered_file_is_found_by_its_checksum(tmp_path):
    segment = written(tmp_path, NOTICES[:2])
    victim = segment.folder / "body_words_tf.npy"
    data = bytearray(victim.read_bytes())
    data[-1] ^= 0xFF
    victim.write_bytes(bytes(data))
    assert Segment(segment.folder).check_contents() == ["body_words_tf.npy"]


def test_positions_fit_their_bits(segment):
    occurrences = np.asarray(segment["body_bigrams_occurrences"])
    assert int((occurrences & POSITION_MASK).max()) < max(len(letters(segment.text("body", p)))
                                                          for p in range(segment.passages))


def test_a_passing_read_gives_the_values_a_slice_gives_in_a_reused_buffer(tmp_path, monkeypatch):
    values = np.arange(0, 3000, 7, dtype=np.int64) * 31
    np.save(tmp_path / "values.npy", values)
    disk = segment_module.DiskArray(tmp_path / "values.npy")
    first = disk.passing(10, 200)
    assert first.tolist() == values[10:200].tolist() == disk[10:200].tolist()
    second = disk.passing(5, 50)
    assert second.tolist() == values[5:50].tolist()
    assert np.shares_memory(first, second)   # the same buffer: the first read's values are gone
    monkeypatch.setattr(segment_module, "SCRATCH_MAX", 8 * 20)
    large = disk.passing(0, 100)   # over the bound: a fresh array, as a slice is
    assert large.tolist() == values[:100].tolist() and not np.shares_memory(large, second)
    assert disk.passing(7, 7).tolist() == []


def test_a_passing_read_of_a_file_cut_short_is_a_damaged_segment(tmp_path):
    np.save(tmp_path / "values.npy", np.arange(1000, dtype=np.int64))
    disk = segment_module.DiskArray(tmp_path / "values.npy")
    with open(tmp_path / "values.npy", "r+b") as f:
        f.truncate(4000)
    with pytest.raises(SegmentDamaged, match="cut short"):
        disk.passing(400, 600)
