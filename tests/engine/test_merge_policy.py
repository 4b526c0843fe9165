"""The merge policy on its own: which segments a build merges, from their sizes alone."""
from indexer.engine.merge_policy import LogMergePolicy, MergePolicy, SegmentSize


def sizes(*live_of_notices) -> list:
    return [SegmentSize(f"seg-{i}", notices, live) for i, (notices, live) in enumerate(live_of_notices)]


def test_few_whole_segments_are_left_alone():
    assert MergePolicy().choose(sizes(*[(1000, 1000)] * 8)) == []


def test_too_many_segments_merge_the_smallest_down_to_the_limit():
    segments = sizes((1000, 1000), (10, 10), (500, 500), (20, 20), (900, 900))
    assert MergePolicy(max_segments=3).choose(segments) == ["seg-1", "seg-2", "seg-3"]  # in index order


def test_a_mostly_deleted_segment_is_rewritten_alone():
    assert MergePolicy().choose(sizes((1000, 1000), (1000, 400), (1000, 1000))) == ["seg-1"]


def test_a_segment_just_under_the_deleted_share_is_kept():
    assert MergePolicy(mostly_deleted=0.5).choose(sizes((1000, 501), (1000, 1000))) == []


def test_mostly_deleted_segments_and_the_smallest_merge_together_when_there_are_too_many():
    segments = sizes((1000, 100), (1000, 1000), (50, 50), (1000, 900))
    assert MergePolicy(max_segments=2).choose(segments) == ["seg-0", "seg-2", "seg-3"]


def test_one_extra_segment_is_merged_with_another_so_the_count_goes_down():
    assert MergePolicy(max_segments=2).choose(sizes((5, 5), (6, 6), (7, 7))) == ["seg-0", "seg-1"]


def test_the_policy_holds_at_a_hundred_segments():
    segments = sizes(*[(1000, 1000 - i) for i in range(100)])
    chosen = MergePolicy(max_segments=8).choose(segments)
    assert len(segments) - len(chosen) + 1 == 8
    assert set(chosen) == {f"seg-{i}" for i in range(7, 100)}  # the smallest: fewest live notices


def test_the_log_policy_lets_a_small_new_segment_wait_for_others_of_its_size():
    big = [(1000, 1000)] * 3
    assert LogMergePolicy().choose(sizes(*big, (10, 10))) == []
    assert LogMergePolicy().choose(sizes(*big, (10, 10), (12, 12), (9, 9), (11, 11))) == [
        "seg-3", "seg-4", "seg-5", "seg-6"]


def test_the_log_policy_merges_a_full_level_of_large_segments_and_rewrites_mostly_deleted_ones():
    chosen = LogMergePolicy(min_segments=4).choose(sizes(*[(1000, 1000)] * 4, (10, 10), (1000, 100)))
    assert chosen == ["seg-0", "seg-1", "seg-2", "seg-3", "seg-5"]
