"""A problem's rectification status: the notice's own words filed under one state of a vocabulary
kept as data (indexer/data/status.toml), so one state is counted once however it is worded."""
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

import unicodedata

DATA = Path(__file__).resolve().parent.parent / "data" / "status.toml"


@dataclass(frozen=True)
class StatusVocabulary:
    states: tuple   # ((state name, (phrase, …)), …) in the order they are tried

    @property
    def names(self) -> tuple:
        return tuple(name for name, _ in self.states)

    def state_of(self, words: str | None) -> str | None:
        """The state the words say (`已完成并长期坚持` → 已完成), or None when they say none."""
        if not words:
            return None
        words = unicodedata.normalize("NFKC", words)
        for name, phrases in self.states:
            if any(phrase in words for phrase in phrases):
                return name
        return None


def load(text: str) -> StatusVocabulary:
    table = tomllib.loads(text)
    return StatusVocabulary(tuple((state["name"], tuple(state["phrases"])) for state in table["state"]))


@functools.cache
def default() -> StatusVocabulary:
    return load(DATA.read_text(encoding="utf-8"))
