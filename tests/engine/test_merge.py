"""Merging streamed from disk: the merged segment is the same whatever the slice it is read in,
equal to the live notices written at once."""
import numpy as np
import pytest

from indexer.document.parse import parse_file
from indexer.engine import merge
from indexer.engine.merge import GrowingArray, merge_into
from indexer.engine.meta import SegmentMeta, components
from indexer.engine.segment import Segment, SegmentWriter

from ..conftest import FIXTURES, SEEDS

NOTICES = [parse_file(p).to_json() for p in [*SEEDS, *sorted((FIXTURES / "facets").glob("*.txt"))]]


def written(folder, notices) -> Segment:
    writer = SegmentWriter()
    for notice in notices:
        writer.add(notice)
    return Segment(folder / writer.write(folder))


def merged_and_direct(tmp_path, gone: set):
    """Three segments with the notices numbered in gone deleted, merged; and the live notices written at once."""
    parts = [NOTICES[:3], NOTICES[3:6], NOTICES[6:]]
    inputs, base = [], 0
    for i, part in enumerate(parts):
        segment = written(tmp_path / f"in{i}", part)
        deleted = np.array([base + j in gone for j in range(len(part))], dtype=bool)
        inputs.append((segment, deleted, segment.labels("labels-initial.npz")))
        base += len(part)
    merged = Segment(tmp_path / merge_into(tmp_path, inputs))
    direct = written(tmp_path / "direct", [n for i, n in enumerate(NOTICES) if i not in gone])
    return merged, direct


@pytest.mark.parametrize("postings, passages", [(1, 1), (7, 3), (1 << 22, 1 << 16)])
@pytest.mark.parametrize("gone", [set(), {0, 4, 7}, {1, 2}])
def test_a_merge_read_in_any_slice_equals_the_live_notices_written_at_once(tmp_path, monkeypatch, postings,
                                                                           passages, gone):
    monkeypatch.setattr(merge, "CHUNK_POSTINGS", postings)
    monkeypatch.setattr(merge, "CHUNK_PASSAGES", passages)
    merged, direct = merged_and_direct(tmp_path, gone)
    assert sorted(merged.arrays.keys()) == sorted(direct.arrays.keys())
    for name in direct.arrays:
        mine, theirs = np.asarray(merged[name]), np.asarray(direct[name])
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), name
    assert merged.notices == direct.notices and merged.statuses == direct.statuses
    assert merged.check_contents() == []  # every file's recorded size and checksum are its own
    assert SegmentMeta.from_json(merged.meta).missing() == []


def test_a_segment_has_every_component_the_meta_types_name(tmp_path):
    segment = written(tmp_path, NOTICES[:2])
    assert set(SegmentMeta.from_json(segment.meta).files) == set(components())


def test_a_growing_array_reads_back_as_numpy_wrote_it(tmp_path):
    for dtype, pieces in [(np.int64, [np.arange(5), np.arange(0), np.array([1 << 40])]),
                          (np.uint8, [np.frombuffer("巡察".encode(), dtype=np.uint8)]), (np.uint16, [])]:
        out = GrowingArray(tmp_path / "a.npy", dtype)
        for piece in pieces:
            out.append(piece)
        record = out.close()
        expected = np.concatenate(pieces).astype(dtype) if pieces else np.zeros(0, dtype=dtype)
        back = np.load(tmp_path / "a.npy")
        assert back.dtype == expected.dtype and np.array_equal(back, expected)
        assert record.bytes == (tmp_path / "a.npy").stat().st_size
