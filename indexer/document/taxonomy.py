"""Problem categories (inspection focuses) and types (recurring topics), from data/taxonomy.toml.

Every label is decided with its evidence (the words that decided it and where they were), so that
`explain` can show why; `relabel` recomputes the labels of an already parsed notice, and
`Taxonomy.fingerprint` tells when stored labels are stale. The rules are described at the top of
the data file; keywords.py reads the words.
"""
import functools
import hashlib
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from .. import settings
from . import classifier as model_rules
from . import keywords as keyword_rules
from .keywords import Vocabulary

# A type found only in the rectification text needs this many keyword occurrences: one passing
# mention ("…及财务制度…") does not make a problem about finance.
TEXT_MIN_OCCURRENCES = 3
MAX_TYPES = 4
# Titles the model is asked about in one pass: a notice's problems, or a slice of a relabelling,
# in pieces whose arrays (n-grams × types) stay a few megabytes.
MODEL_BATCH = 512


@dataclass(frozen=True)
class Label:
    name: str
    keywords: tuple
    group: str | None = None  # for types: the focus they are listed under
    description: str = ""
    weak: tuple = ()
    not_in: tuple = ()
    broad: bool = False


@dataclass(frozen=True)
class FrameworkHeading:
    """A heading of an older framework (三个聚焦, 四个落实, 六大纪律) and the category it files under."""
    framework: str
    keywords: tuple           # the heading's words, as written in headings
    category: str | None      # None: the mapping is not clear


@dataclass(frozen=True)
class Evidence:
    name: str | None          # the label; None for a heading that files a problem under no category
    where: str                # "title", "path" or "text"
    words: tuple              # the keywords that decided it, each once
    count: int                # how many times they occur there
    heading: str | None = None     # the heading, when where is "path"
    framework: str | None = None   # the older framework the heading belongs to
    via: str | None = None         # for a category taken from a type's group: that type
    probability: float | None = None  # the model's, for a type it decided (words: its strongest n-grams)

    def as_dict(self) -> dict:
        out = {"name": self.name, "where": self.where, "words": list(self.words), "count": self.count}
        out.update({k: v for k, v in (("heading", self.heading), ("framework", self.framework), ("via", self.via)) if v})
        if self.probability is not None:
            out["probability"] = round(self.probability, 2)
        return out


@dataclass(frozen=True)
class Assignment:
    category: Evidence | None
    types: tuple   # Evidence, best first


@dataclass(frozen=True)
class Taxonomy:
    categories: tuple
    types: tuple
    frameworks: tuple = ()
    fingerprint: str = ""   # changes with the data file, the model and the rules that read them
    model: model_rules.Classifier | None = None  # types from a title's wording, beside the keywords
    threshold: float = 0.5  # the model's probability that assigns a type on its own
    agree: float = 0.2      # the model's probability that confirms a type named by one weak word alone

    def category(self, path: list, title: str, text: str) -> str | None:
        return self.assign(path, title, text)[0]

    def types_of(self, path: list, title: str, text: str) -> list:
        return self.assign(path, title, text)[1]

    def assign(self, path: list, title: str, text: str) -> tuple:
        """(category, types) of one problem."""
        found = self.evidence(path, title, text, why=False)
        return (found.category.name if found.category else None), [e.name for e in found.types]

    def assign_all(self, problems) -> list:
        """[(category, types)] of problems, each a (path, title, text): assign() of each, with the
        model asked about all their titles at once (one matrix product instead of one per problem)."""
        problems = list(problems)
        self._foresee([title for _, title, _ in problems])
        return [self.assign(path, title, text) for path, title, text in problems]

    def evidence(self, path: list, title: str, text: str, why: bool = True) -> Assignment:
        """The labels and their evidence; why=False leaves out the model's words (the costly part)."""
        focus_at, focus = self._focus_heading(path)
        below_focus = path[focus_at + 1:] if focus else path
        grouping = [h for h in below_focus if not is_report_section(h)]
        types = self._types(grouping, title, text, why)
        return Assignment(focus or self._category_without_heading(title, text, types), tuple(types))

    def type_groups(self) -> dict:
        """type name → the focus it is listed under (None when it has no group)."""
        return dict(self._type_groups)

    @functools.cached_property
    def _type_groups(self) -> dict:
        return {label.name: label.group for label in self.types}

    def descriptions(self) -> dict:
        """category or type name → its one-line description."""
        return {label.name: label.description for label in (*self.categories, *self.types)}

    # --- categories ---

    def _focus_heading(self, path: list) -> tuple:
        """(index, Evidence) of the outermost heading that names a focus, else (-1, None)."""
        for at, heading in enumerate(path):
            found = self._framework(heading)
            if found is None and not is_report_section(heading):
                found = self._best_category(heading, "path", heading)
            if found:
                return at, found
        return -1, None

    def _framework(self, heading: str) -> Evidence | None:
        matches = self._framework_words.matches(heading)
        if not matches:
            return None
        entries = [self.frameworks[i] for i in matches]
        categories = {entry.category for entry in entries}
        words = [m for i in sorted(matches) for m in matches[i]]
        return Evidence(categories.pop() if len(categories) == 1 else None, "path", distinct(words), len(words),
                        heading=heading, framework="、".join(dict.fromkeys(e.framework for e in entries)))

    def _category_without_heading(self, title: str, text: str, types: list) -> Evidence | None:
        if found := self._best_category(title, "title", strong_only=True):
            return found
        group_of = self._type_groups
        placed = [e for e in types if e.where != "text" and group_of.get(e.name)]
        if placed:
            best = placed[0]
            return Evidence(group_of[best.name], best.where, best.words, best.count, best.heading, via=best.name)
        return self._best_category(title, "title") or self._best_category(text, "text")

    def _best_category(self, source: str, where: str, heading: str | None = None,
                       strong_only: bool = False) -> Evidence | None:
        matches = self._category_words.matches(source)
        if strong_only:
            matches = {i: found for i, found in matches.items() if any(not m.weak for m in found)}
        if not matches:
            return None
        index = max(matches, key=lambda i: (sum(len(m.word) for m in matches[i]), -i))
        found = matches[index]
        return Evidence(self.categories[index].name, where, distinct(found), len(found), heading=heading)

    # --- types ---

    def _types(self, grouping: list, title: str, text: str, why: bool) -> list:
        chosen = self._ranked_types(title, "title", why=why)
        for heading in reversed(grouping):  # when the title names no type: the nearest heading that does
            if not chosen:
                chosen = self._ranked_types(heading, "path", heading)
        named = {e.name for e in chosen}
        in_text = self._type_words.matches(text)
        recurring = [i for i, found in in_text.items()
                     if len(found) >= TEXT_MIN_OCCURRENCES and self.types[i].name not in named and not lone_weak(found)]
        recurring.sort(key=lambda i: (-len(in_text[i]), i))  # the most recurring first
        chosen += [Evidence(self.types[i].name, "text", distinct(in_text[i]), len(in_text[i])) for i in recurring]
        return chosen[:MAX_TYPES]

    def _ranked_types(self, source: str, where: str, heading: str | None = None, why: bool = True) -> list:
        matches = self._type_words.matches(source)
        likely = self._likely(source) if where == "title" else {}
        matches = {i: found for i, found in matches.items() if not lone_weak(found) or likely.get(i, 0) >= self.agree}

        def rank(i):  # specific before broad, then in the order the source names them
            return self.types[i].broad, matches[i][0].start, -len(matches[i][0].word), i

        chosen = [Evidence(self.types[i].name, where, distinct(matches[i]), len(matches[i]), heading=heading)
                  for i in sorted(matches, key=rank)]
        for i, probability in sorted(likely.items(), key=lambda item: -item[1]):
            if probability >= self.threshold and i not in matches:
                words = self.model.strongest(source, self.types[i].name) if why else ()
                chosen.append(Evidence(self.types[i].name, where, words, len(words), heading=heading,
                                       probability=float(probability)))
        return chosen

    def _likely(self, title: str) -> dict:
        """type index → the model's probability for the title, for the types where it can matter.
        Titles recur (the same wording in many notices), so each is worked out once."""
        if self.model is None:
            return {}
        found = self._likely_cache.get(title)
        if found is None:
            self._foresee([title])
            found = self._likely_cache[title]
        return found

    def _foresee(self, titles: list):
        """Work out the model's likely types of the titles not known yet, all in one pass. Most types
        are far below both thresholds: they are left out by their log-odds, and only the few above
        get a probability."""
        if self.model is None:
            return
        cache = self._likely_cache
        new = list(dict.fromkeys(title for title in titles if title not in cache))
        if not new:
            return
        if len(cache) + len(new) > keyword_rules.SHORT_CACHE:
            cache.clear()
        for start in range(0, len(new), MODEL_BATCH):
            batch = new[start:start + MODEL_BATCH]
            logits = self.model.logits_of(batch)
            kept, types = np.nonzero(logits >= self._least_logit)
            probabilities = (1 / (1 + np.exp(-logits[kept, types]))).tolist()
            for title in batch:
                cache[title] = {}
            for row, index, probability in zip(kept.tolist(), self._model_types[types].tolist(), probabilities):
                if index >= 0:
                    cache[batch[row]][index] = probability

    @functools.cached_property
    def _likely_cache(self) -> dict:
        return {}

    @functools.cached_property
    def _least_logit(self) -> float:
        """The log-odds of the lower of the two probabilities that matter (a little lower, so that
        rounding never leaves out a type the probability itself would keep)."""
        least = min(self.agree, self.threshold)
        return float(np.log(least / (1 - least))) - 1e-9 if 0 < least < 1 else -np.inf

    @functools.cached_property
    def _model_types(self) -> np.ndarray:
        """model position → type index here (-1: a type the model knows and this taxonomy lacks)."""
        index = {label.name: i for i, label in enumerate(self.types)}
        return np.array([index.get(name, -1) for name in self.model.types], dtype=np.intp)

    @functools.cached_property
    def _type_words(self) -> Vocabulary:
        return Vocabulary.of(self.types)

    @functools.cached_property
    def _category_words(self) -> Vocabulary:
        return Vocabulary.of(self.categories)

    @functools.cached_property
    def _framework_words(self) -> Vocabulary:
        return Vocabulary.of(self.frameworks)


def is_report_section(heading: str) -> bool:
    """A heading of the report's own structure ("二、巡察反馈问题的整改进展情况"), which frames every
    problem alike: no evidence of a focus or a topic (a framework heading still counts)."""
    return heading.endswith("情况")


def lone_weak(matches) -> bool:
    """Whether a type's matches are one generic word alone ("项目", "资金"): it needs a second word that
    agrees, another of the type's words or the model."""
    return all(m.weak for m in matches) and len({m.word for m in matches}) == 1


def distinct(matches) -> tuple:
    return tuple(dict.fromkeys(m.word for m in matches))


def explain(path: list, title: str, text: str, labels: Taxonomy | None = None) -> dict:
    """The words that decided a problem's category and each of its types, and where they were."""
    found = (labels or default()).evidence(path, title, text)
    return {"category": found.category.as_dict() if found.category else None,
            "types": [e.as_dict() for e in found.types]}


def relabel(notice: dict, labels: Taxonomy | None = None) -> dict:
    """A parsed notice (its JSON form) with its problems' categories and types recomputed from their
    stored path, title and text; nothing else changes, and the notice given is left as it was."""
    labels = labels or default()
    given = notice.get("problems", [])
    assigned = labels.assign_all((problem["path"], problem["title"], problem["text"]) for problem in given)
    problems = [{**problem, "category": category, "types": types}
                for problem, (category, types) in zip(given, assigned)]
    return {**notice, "problems": problems}


# What decides the labels besides the data file and the model: a change in any makes stored labels stale.
RULE_SOURCES = (Path(__file__), Path(keyword_rules.__file__), Path(model_rules.__file__))


def fingerprint(data: str, model: bytes = b"") -> str:
    digest = hashlib.sha256(data.encode("utf-8"))
    digest.update(model)
    for source in RULE_SOURCES:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def load(path: str | os.PathLike | None = None) -> Taxonomy:
    if path is None:
        data = (resources.files("indexer") / "data" / "taxonomy.toml").read_text(encoding="utf-8")
    else:
        data = Path(path).read_text(encoding="utf-8")
    table = tomllib.loads(data)

    def labels(key):
        return tuple(
            Label(entry["name"], tuple(entry["keywords"]), entry.get("group"), entry.get("description", ""),
                  tuple(entry.get("weak", ())), tuple(entry.get("not_in", ())), entry.get("broad", False))
            for entry in table.get(key, [])
        )

    frameworks = tuple(FrameworkHeading(entry["framework"], tuple(entry["heading"]), entry.get("category"))
                       for entry in table.get("framework", []))
    model = table.get("model")  # [model] file = "classifier.npz" (in indexer/data), threshold, agree
    if not model:
        return Taxonomy(labels("category"), labels("type"), frameworks, fingerprint(data))
    return Taxonomy(labels("category"), labels("type"), frameworks,
                    fingerprint(data, model_rules.model_bytes(model["file"])), model_rules.load(model["file"]),
                    model.get("threshold", Taxonomy.threshold), model.get("agree", Taxonomy.agree))


@functools.cache
def default() -> Taxonomy:
    return load(settings.path("TAXONOMY"))
