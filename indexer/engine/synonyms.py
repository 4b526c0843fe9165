"""Synonyms: the ways to write one thing (data/synonyms.toml), and what a query term adds by them.

A term that is a word of a group, or holds one, is also searched with the word replaced by each
other word of its group: 公务用车管理 adds 公车管理. The added strings match exactly, as the term
does; evaluate.py ranks them a little below the term as typed.
"""
import functools
import os
import tomllib
from importlib import resources
from pathlib import Path

from .. import settings
from .analysis import letters


class Synonyms:
    def __init__(self, groups: list):
        # Each word as letters (how the index matches it) with its group's other words as written.
        self.others = [(letters(word), [o for o in group if o != word]) for group in groups for word in group
                       if letters(word)]
        self.others.sort(key=lambda item: -len(item[0]))  # a longer word first: it says more

    def knows(self, term: str) -> bool:
        """Is the term, as a whole, a word of the table?"""
        return any(word == letters(term) for word, _ in self.others)

    def expand(self, term: str) -> list:
        """The other ways to write term, as strings to search exactly (the term itself excluded)."""
        term_letters = letters(term)
        out = []
        for word, others in self.others:
            at = term_letters.find(word)
            if at < 0:
                continue
            for other in others:
                if word == term_letters:
                    out.append(other)
                else:
                    out.append(term_letters[:at] + other + term_letters[at + len(word):])
        return [variant for variant in dict.fromkeys(out) if letters(variant) != term_letters]


def load(path=None) -> Synonyms:
    if path is None:
        data = (resources.files("indexer") / "data" / "synonyms.toml").read_text(encoding="utf-8")
    else:
        data = Path(path).read_text(encoding="utf-8")
    return Synonyms([list(group["words"]) for group in tomllib.loads(data).get("group", [])])


@functools.cache
def cached(path, modified):
    return load(path)


@functools.cache
def shipped_path() -> str:
    """The table that ships with the package (finding it costs more than a query's lookups)."""
    return str(resources.files("indexer") / "data" / "synonyms.toml")


def default() -> Synonyms:
    """The synonyms in effect: read again when the data file changes (an edit needs no rebuild)."""
    path = str(settings.path("SYNONYMS") or shipped_path())
    try:
        modified = os.stat(path).st_mtime_ns
    except OSError:
        modified = None
    return cached(path, modified)
