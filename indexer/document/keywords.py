"""Where the keywords of a set of labels occur in a text, counting a word only where it means its label.

Three rules, written in data/taxonomy.toml as a label's fields:
- keywords: a keyword lying inside a longer keyword of another label belongs to the longer one
  (资产 inside 集体资产 is the other label's);
- not_in: a keyword inside one of its label's not_in phrases does not count (接待 in 接待群众);
- weak: a weak keyword counts beside a keyword of its own label, or when no other label has a keyword
  that is not weak in the same text (招标 in a title that also names 工程项目 does not count).
Within one label, overlapping matches count once, the longest.
"""
import functools
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick_rs


class Match(NamedTuple):
    word: str
    start: int
    weak: bool

    @property
    def end(self) -> int:
        return self.start + len(self.word)


SHORT_TEXT = 80       # characters: a heading or a title
SHORT_CACHE = 50_000  # of them kept


@dataclass(frozen=True)
class Vocabulary:
    """For each word: the labels (by index) it is a keyword of, a weak keyword of, or silences."""
    keywords: dict
    weak: dict
    silences: dict
    _short: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, labels) -> "Vocabulary":
        """labels: objects with keywords, and optionally weak and not_in word lists."""
        keywords, weak, silences = {}, {}, {}
        for index, label in enumerate(labels):
            for table, words in ((keywords, label.keywords), (weak, getattr(label, "weak", ())),
                                 (silences, getattr(label, "not_in", ()))):
                for word in words:
                    table.setdefault(word, set()).add(index)
        return cls(keywords, weak, silences)

    @functools.cached_property
    def roles(self) -> list:
        """Every word with its roles: [(word, [(owners, weak)])], in the automaton's order."""
        roles = {}
        for words, weak in ((self.keywords, False), (self.weak, True)):
            for word, owners in words.items():
                roles.setdefault(word, []).append((owners, weak))
        for phrase in self.silences:  # owned by no label: it only takes words away
            roles.setdefault(phrase, []).append((set(), False))
        return list(roles.items())

    @functools.cached_property
    def automaton(self):
        """Every word, found in one pass over a text (Aho-Corasick), overlapping ones included."""
        return ahocorasick_rs.AhoCorasick([word for word, _ in self.roles]) if self.roles else None

    def matches(self, text: str) -> dict:
        """label index → its counted matches in text, in order. Short texts (headings, titles) recur
        from problem to problem and are answered from a cache."""
        if len(text) > SHORT_TEXT:
            return self._matches(text)
        found = self._short.get(text)
        if found is None:
            if len(self._short) >= SHORT_CACHE:
                self._short.clear()
            found = self._short[text] = self._matches(text)
        return found

    def _matches(self, text: str) -> dict:
        found = self._occurrences(text)
        # (word, start) → (a longer word found around that place, the owners of one of its roles):
        # made from the longer words found, which are few, not by looking around every word found.
        around = {}
        inner_words = self.inner_words
        for match, owners in found:
            for inner, offset in inner_words.get(match.word, ()):
                around.setdefault((inner, match.start + offset), []).append((match.word, owners))
        owned = {}
        for match, owners in found:
            longer = around.get((match.word, match.start)) if around else None
            for index in owners:
                if not (longer and self._taken_away(index, longer)):
                    owned.setdefault(index, []).append(match)
        counted = {index: longest_first(matches) for index, matches in owned.items()}
        strong = {index for index, matches in counted.items() if any(not m.weak for m in matches)}
        return {index: matches for index, matches in counted.items() if index in strong or not strong}

    def _occurrences(self, text: str) -> list:
        """(Match, owners) for every occurrence of every word; a silencing phrase has no owners."""
        found = []
        if self.automaton is None:  # a vocabulary without words matches nothing
            return found
        roles = self.roles
        for index, start, _ in self.automaton.find_matches_as_indexes(text, overlapping=True):
            word, entries = roles[index]
            for owners, weak in entries:
                found.append((Match(word, start, weak), owners))
        return found

    @functools.cached_property
    def containers(self) -> dict:
        """word → [(a longer word holding it, where it stands in that word)]."""
        words = {*self.keywords, *self.weak, *self.silences}
        out = {}
        for longer in words:
            for start in range(len(longer)):
                for end in range(start + 1, len(longer) + 1):
                    inner = longer[start:end]
                    if inner != longer and inner in words:
                        out.setdefault(inner, []).append((longer, start))
        return out

    @functools.cached_property
    def inner_words(self) -> dict:
        """longer word → [(a word inside it, where it stands in it)]: containers turned round."""
        out = {}
        for inner, holders in self.containers.items():
            for longer, start in holders:
                out.setdefault(longer, []).append((inner, start))
        return out

    def _taken_away(self, index: int, around: list) -> bool:
        """Whether one of the longer words found around a match, (word, its owners), gives the
        match another meaning than label index's."""
        for longer, owners in around:
            if index in owners:
                continue  # a longer word of the same label: the label keeps it
            if owners or index in self.silences.get(longer, ()):
                return True
        return False


def longest_first(matches: list) -> list:
    """Non-overlapping matches, preferring at each place the one that starts first, then the longest."""
    if len(matches) == 1:
        return matches
    kept, end = [], -1
    for match in sorted(matches, key=lambda m: (m.start, -len(m.word))):
        if match.start >= end:
            kept.append(match)
            end = match.end
    return kept
