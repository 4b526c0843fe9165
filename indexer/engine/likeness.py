"""How alike two problems are on substance: the evidence behind a precedent, and how close it is.

A draft problem and an indexed one are alike when they name the same matter: the same rare words
(in the title or in the rectification), the same things written another way (synonyms.toml), the
same problem types. Stock words (data/stockwords.toml, and any word most problems use) are the
genre's, not the matter's: they are never evidence. Each precedent says what made it one (shared
words and types) and how close it is; below a floor it is no precedent at all.
"""
import functools
import math
import tomllib
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .analysis import letters, words

TITLE_WEIGHT = 2.0        # a word of the draft's title found in a problem's title says most
TEXT_WEIGHT = 1.0         # found in a problem's text (its rectification)
SYNONYM_WEIGHT = 0.8      # another way of writing a word of the draft counts nearly as the word
PART_WEIGHT = 0.35        # a part of a longer word of the draft (公务 of 公务用车)
SAME_TYPE_BONUS = 3.0     # score for each problem type shared
SHARE_BASE = 0.5          # the score is multiplied by this plus the share of the substance held
STOCK_SHARE = 0.1         # a word in more than this share of the problems is stock
STOCK_SHARE_MIN_PROBLEMS = 50  # ...once there are enough problems for a share to mean something
MAX_WORDS = 24            # the draft problem's most telling words looked up
EVIDENCE_WORDS = 5        # the share is of the worth of this many most telling words
TITLE_WORTH = 2.0         # a word of the title names the problem: it is worth this much more
# How close: the share of the draft's evidence (the idf of its telling words) a precedent holds.
STRONG_SHARE = 0.45       # strong: this much of it, or a shared type and PARTIAL_WITH_TYPE
STRONG_WITH_TYPE = 0.25
FLOOR_SHARE = 0.2         # below this share, and without a shared type, it is no precedent
FLOOR_WITH_TYPE = 0.05    # a shared type still needs a telling word in common
FLOOR_OF_BEST = 0.25      # nor is a partial one scoring under this share of the best precedent's score


@functools.cache
def stock_words() -> frozenset:
    data = (resources.files("indexer") / "data" / "stockwords.toml").read_text(encoding="utf-8")
    return frozenset(word for group in tomllib.loads(data).values() for word in group["words"])


@dataclass
class Evidence:
    score: np.ndarray      # for each candidate
    share: np.ndarray      # the share of the draft's evidence each candidate holds
    matched_by: list       # [(word, boolean array: which candidates hold it)]

    def shared(self, i: int) -> list:
        """The telling words candidate i holds, as it writes them (a part of a longer one left out)."""
        return without_parts([word for word, matched in self.matched_by if matched[i]])


@dataclass
class Telling:
    """A word looked up for a draft problem."""
    meaning: str       # what of the draft it stands for: itself, or the draft's word it is a synonym of
    weight: float      # 1, less for a synonym or for a part of a longer word of the draft
    from_title: bool   # the draft's title holds it


def telling_words(evaluator, problems: np.ndarray, title: str, text: str, synonyms) -> dict:
    """{word to look up: Telling} for the words that say what a problem is about: its own words
    (not stock ones), and the words of other ways of writing what it names."""
    title_words = words(title)
    own = [word for word in dict.fromkeys(title_words + words(text)) if len(word) > 1]
    found = {}
    for word in own:
        # The search mode gives a long word's parts too (公务用车: 公务, 用车): a part alone says little.
        is_part = any(word != longer and word in longer for longer in own)
        found[word] = Telling(word, PART_WEIGHT if is_part else 1.0, word in title_words)
    draft_letters, title_letters = letters(title + "\n" + text), letters(title)
    for written, others in synonyms.others:
        if written and written in draft_letters:
            for other in others:
                for word in words(other, for_query=True):
                    if len(word) > 1 and word not in found:
                        found[word] = Telling(written, SYNONYM_WEIGHT, written in title_letters)
    stock = stock_words()
    problem_count = int(problems.sum())
    kept = {}
    for word, telling in found.items():
        if word in stock:
            continue
        docs = evaluator.word("body_words", word).docs
        if not len(docs) and not len(evaluator.word("title_words", word).docs):
            continue
        share = int(problems[docs].sum()) / max(1, problem_count)
        if problem_count >= STOCK_SHARE_MIN_PROBLEMS and share > STOCK_SHARE:
            continue
        kept[word] = telling
    # The title's words all; of a long text, the words that say most about it (frequent in it,
    # rare in the index: tf·idf).
    frequency = {}
    for word in words(text):
        frequency[word] = frequency.get(word, 0) + 1
    count = evaluator.count

    def telling_weight(word):
        df = len(evaluator.word("body_words", word).docs) + 1
        return (kept[word].from_title, frequency.get(word, 1) * math.log(1 + count / df))

    chosen = sorted(kept, key=telling_weight, reverse=True)[:MAX_WORDS]
    return {word: kept[word] for word in chosen}


def weigh(evaluator, candidates: np.ndarray, telling: dict) -> Evidence:
    """Scores of the candidates (passage numbers) by the telling words they hold, with the share of
    the draft's evidence each holds and which words (as the candidate writes them)."""
    score = np.zeros(len(candidates), dtype=np.float32)
    worth = {}  # what each meaning of the draft is worth: its best word's idf times weight
    matched_by = []
    for word, told in telling.items():
        body, title = evaluator.word("body_words", word), evaluator.word("title_words", word)
        idf = math.log(1 + evaluator.count / (len(body.docs) + len(title.docs) + 0.5))
        value = idf * told.weight * (TITLE_WORTH if told.from_title else 1.0)
        worth[told.meaning] = max(worth.get(told.meaning, 0.0), value)
        matched = np.zeros(len(candidates), dtype=bool)
        for postings, field_name, boost in ((body, "body_words", TEXT_WEIGHT),
                                            (title, "title_words", TITLE_WEIGHT * (1.5 if told.from_title else 1.0))):
            if not len(postings.docs):
                continue
            inside = np.isin(candidates, postings.docs)
            bm25 = evaluator.bm25(field_name, postings)
            score[inside] += told.weight * boost * bm25[np.searchsorted(postings.docs, candidates[inside])]
            matched |= inside
        matched_by.append((word, told, matched))
    # A meaning counts once however many of its forms a candidate holds.
    by_meaning = {}
    for word, told, matched in matched_by:
        by_meaning[told.meaning] = by_meaning.get(told.meaning, np.zeros(len(candidates), dtype=bool)) | matched
    held = np.zeros(len(candidates), dtype=np.float32)
    for meaning, matched in by_meaning.items():
        held += worth[meaning] * matched
    # What there is to share: the worth of the few most telling words. A long text (a notice's
    # problem with its rectification) names many words no other problem needs to hold.
    total = sum(sorted(worth.values(), reverse=True)[:EVIDENCE_WORDS])
    share = held / total if total else held
    return Evidence(score, np.minimum(share, 1.0), [(word, matched) for word, _, matched in matched_by])


def without_parts(found: list) -> list:
    """The shared words to show: a word that is part of another shown is left out."""
    return [word for word in found if not any(word != other and word in other for other in found)]


def closeness(share: float, shared_types: list, of_best: float) -> str | None:
    """"strong", "partial", or None below the floor; of_best: the score over the best one's."""
    if share >= STRONG_SHARE or (shared_types and share >= STRONG_WITH_TYPE):
        return "strong"
    if (share >= FLOOR_SHARE or (shared_types and share >= FLOOR_WITH_TYPE)) and of_best >= FLOOR_OF_BEST:
        return "partial"
    return None
