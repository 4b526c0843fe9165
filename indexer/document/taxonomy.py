"""Problem categories (inspection focuses) and types (recurring topics), from data/taxonomy.toml."""
import functools
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# A type found only in the rectification text needs this many keyword occurrences: one passing
# mention ("…及财务制度…") does not make a problem about finance.
TEXT_MIN_OCCURRENCES = 3
MAX_TYPES = 4


@dataclass(frozen=True)
class Label:
    name: str
    keywords: tuple
    group: str | None = None  # for types: the focus they are listed under

    def score(self, text: str) -> int:
        """Characters of text covered by keywords (longer, more specific keywords weigh more)."""
        return sum(len(k) * text.count(k) for k in self.keywords if k in text)

    def occurrences(self, text: str) -> int:
        return sum(text.count(k) for k in self.keywords)


@dataclass(frozen=True)
class Taxonomy:
    categories: tuple
    types: tuple

    def category(self, path: list, title: str, text: str) -> str | None:
        # Report-section headings ("二、巡察反馈问题的整改进展情况") frame every problem alike.
        focus_headings = [heading for heading in path if not heading.endswith("情况")]
        for source in [*focus_headings, title, text]:
            best = self._best(self.categories, source)
            if best:
                return best
        return None

    def types_of(self, path: list, title: str, text: str) -> list:
        # The heading just above counts when it groups problems ("1.关于执行财经制度不够严格的问题"),
        # not when it is a focus or a report section ("(二)聚焦…方面", "二、…情况").
        parent = path[-1] if path and not path[-1].endswith(("方面", "情况")) else ""
        near = title + " " + parent
        scored = []
        for label in self.types:
            in_heading = label.score(near)
            in_text = label.occurrences(text)
            if in_heading or in_text >= TEXT_MIN_OCCURRENCES:
                scored.append((in_heading > 0, in_heading * 10 + in_text, label.name))
        scored.sort(reverse=True)
        return [name for _, _, name in scored[:MAX_TYPES]]

    def type_groups(self) -> dict:
        """type name → the focus it is listed under (None when it has no group)."""
        return {label.name: label.group for label in self.types}

    @staticmethod
    def _best(labels, text):
        scores = [(label.score(text), -i, label.name) for i, label in enumerate(labels)]
        score, _, name = max(scores)
        return name if score > 0 else None


def load(path: str | os.PathLike | None = None) -> Taxonomy:
    if path is None:
        data = (resources.files("indexer") / "data" / "taxonomy.toml").read_text(encoding="utf-8")
    else:
        data = Path(path).read_text(encoding="utf-8")
    table = tomllib.loads(data)

    def labels(key):
        return tuple(Label(entry["name"], tuple(entry["keywords"]), entry.get("group")) for entry in table.get(key, []))

    return Taxonomy(labels("category"), labels("type"))


@functools.cache
def default() -> Taxonomy:
    return load(os.environ.get("NOTICES_TAXONOMY") or None)
