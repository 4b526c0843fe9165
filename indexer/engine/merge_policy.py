"""Which segments a build merges before it commits: one object, asked once per build.

Each build adds segments; queries pay per segment, and deleted notices cost disk and time until
their segment is rewritten. The default policy keeps at most `max_segments`: a segment with at
least `mostly_deleted` of its notices deleted is rewritten, and while there are too many, the
smallest (by live notices) join the merge. Merging is streamed from disk (merge.py), so the
policy need not bound how much is merged at once.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentSize:
    """What a policy knows of a segment: its name, its notices, and how many are not deleted."""
    name: str
    notices: int
    live: int

    @property
    def deleted_share(self) -> float:
        return 1.0 - self.live / self.notices if self.notices else 1.0


@dataclass(frozen=True)
class MergePolicy:
    max_segments: int = 8          # more than this after a build: the smallest are merged
    mostly_deleted: float = 0.5    # a segment with this share of its notices deleted is rewritten

    def choose(self, segments: list) -> list:
        """The names of the segments (SegmentSize, in index order) to merge into one; [] for none.
        One name alone means that segment is rewritten without its deleted notices."""
        chosen = [s for s in segments if s.deleted_share >= self.mostly_deleted]
        rest = sorted((s for s in segments if s not in chosen), key=lambda s: s.live)
        while rest and len(rest) + (1 if chosen else 0) > self.max_segments:
            chosen.append(rest.pop(0))
            if len(chosen) == 1 and rest:  # one segment merged with nothing would not lower the count
                chosen.append(rest.pop(0))
        names = {s.name for s in chosen}
        return [s.name for s in segments if s.name in names]


@dataclass(frozen=True)
class LogMergePolicy:
    """An alternative (tantivy's log merge policy, in outline): segments are grouped in levels by
    the logarithm of their live notices, and a level merges once it holds `min_segments`, so a
    small new segment waits for others of its size instead of rewriting a large one. Mostly
    deleted segments are rewritten as in MergePolicy. Not the default: build.run uses
    merge.default_policy()."""
    min_segments: int = 4          # segments of one level that are merged together
    level_ratio: float = 4.0       # a level spans sizes within this factor of each other
    mostly_deleted: float = 0.5

    def choose(self, segments: list) -> list:
        chosen = {s.name for s in segments if s.deleted_share >= self.mostly_deleted}
        rest = sorted((s for s in segments if s.name not in chosen), key=lambda s: s.live, reverse=True)
        level = []
        for segment in rest:  # largest first; a level starts at its largest segment
            if level and segment.live * self.level_ratio < level[0].live:
                level = self._merged(level, chosen)
            level.append(segment)
        self._merged(level, chosen)
        return [s.name for s in segments if s.name in chosen]

    def _merged(self, level: list, chosen: set) -> list:
        if len(level) >= self.min_segments:
            chosen.update(s.name for s in level)
        return []
