"""Evaluating a parsed query over the index with numpy: matching, counting and BM25F scoring.

Whoosh's own matchers walk postings one document at a time in Python, which is too slow for the
thousands of passages a common term matches. Here each term's postings are read a block at a
time into arrays (cached per index generation), sets are combined with numpy, and scores are
accumulated in one dense array.

Exact occurrences are found through the character bigrams: the passages that hold every bigram of
a term are the candidates, and each candidate is confirmed (and its occurrences counted) in the
passage's letters and digits, kept in memory as one string per generation. So a term matches
exactly where its characters occur in sequence, whatever the segmentation and punctuation.
"""
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh.reading import TermNotFound

from .analysis import letters, query_bigrams, words

K1, B = 1.2, 0.75
EXACT_TITLE, EXACT_BODY, WORD_TITLE, WORD_TEXT = 3.0, 2.0, 1.5, 1.0
COMMON_WORD_SHARE = 0.25   # a word in more than this share of passages is common: it does not count toward a match
SHORT_TERM_SHARE = 0.5     # share of a term's telling words a passage needs when it lacks the exact string
LONG_TERM_SHARE = 0.4
LONG_TERM = 16             # characters
PROXIMITY_WINDOW = 30      # characters: terms this close together earn a bonus
PROXIMITY_BONUS = 1.25
RERANK = 50
POSTINGS_CACHE_BYTES = 256 * 1024 * 1024
EMPTY = np.zeros(0, dtype=np.int64)


class LettersTable:
    """Per generation: every passage's letters and digits, for confirming exact occurrences."""

    def __init__(self, reader, passages):
        """passages: the document numbers of live passages (the notices' own documents, with
        their whole JSON, are not read)."""
        count = reader.doc_count_all()
        bodies, titles = [""] * count, [""] * count
        for docnum in passages.tolist():
            stored = reader.stored_fields(docnum)
            bodies[docnum] = letters(stored.get("body") or "")
            titles[docnum] = letters(stored.get("title") or "")
        self.fields = {"body_bigrams": bodies, "title_bigrams": titles}
        self.lengths = {name: np.array([len(t) for t in texts], dtype=np.float32) for name, texts in self.fields.items()}
        self.average = {name: max(1.0, float(lengths[lengths > 0].mean())) if (lengths > 0).any() else 1.0
                        for name, lengths in self.lengths.items()}
        # The word fields are scored with the same length norms, measured in characters.
        self.lengths["body_words"], self.average["body_words"] = self.lengths["body_bigrams"], self.average["body_bigrams"]
        self.lengths["title_words"], self.average["title_words"] = self.lengths["title_bigrams"], self.average["title_bigrams"]


@dataclass
class Postings:
    docs: np.ndarray      # sorted document numbers
    weights: np.ndarray   # term frequency in each


class Evaluator:
    """Evaluates parsed queries over one index generation."""

    def __init__(self, reader, letters_table: LettersTable, live_passages: np.ndarray):
        self.reader = reader
        self.letters = letters_table
        self.live = live_passages
        self.count = max(1, int(live_passages.sum()))
        self._cache = OrderedDict()  # (field, term) → Postings, least recently used first
        self._cached_bytes = 0
        # One reader serves every thread, and Whoosh readers share file positions: one read at a time.
        self._reading = threading.Lock()

    # --- postings ----------------------------------------------------------------------------
    def postings(self, fieldname: str, term: str) -> Postings:
        """A term's postings, from a cache bounded by size (common terms have large arrays)."""
        key = (fieldname, term)
        with self._reading:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
            found = self._read_postings(fieldname, term)
            self._cache[key] = found
            self._cached_bytes += found.docs.nbytes + found.weights.nbytes
            while self._cached_bytes > POSTINGS_CACHE_BYTES and len(self._cache) > 1:
                _, dropped = self._cache.popitem(last=False)
                self._cached_bytes -= dropped.docs.nbytes + dropped.weights.nbytes
            return found

    def _read_postings(self, fieldname: str, term: str) -> Postings:
        ids, weights = [], []
        for leaf, offset in self.reader.leaf_readers():
            try:
                matcher = leaf.postings(fieldname, term)
            except TermNotFound:
                continue
            block_ids, block_weights = read_blocks(matcher)
            ids.append(block_ids + offset)
            weights.append(block_weights)
        if not ids:
            return Postings(EMPTY, np.zeros(0, dtype=np.float32))
        docs, weights = np.concatenate(ids), np.concatenate(weights)
        keep = self.live[docs]
        return Postings(docs[keep], weights[keep])

    def prefix(self, fieldname: str, character: str) -> Postings:
        """Every bigram that starts with the character (a one-character query)."""
        with self._reading:
            terms = list(self.reader.expand_prefix(fieldname, character))
        parts = [self.postings(fieldname, term) for term in terms]
        if not parts:
            return Postings(EMPTY, np.zeros(0, dtype=np.float32))
        docs = np.concatenate([p.docs for p in parts])
        unique, counts = np.unique(docs, return_counts=True)
        return Postings(unique, counts.astype(np.float32))

    # --- scoring -----------------------------------------------------------------------------
    def bm25(self, fieldname: str, postings: Postings, df: int | None = None) -> np.ndarray:
        df = len(postings.docs) if df is None else df
        if not df:
            return np.zeros(0, dtype=np.float32)
        idf = math.log(1 + (self.count - df + 0.5) / (df + 0.5))
        lengths = self.letters.lengths[fieldname][postings.docs]
        norm = K1 * (1 - B + B * lengths / self.letters.average[fieldname])
        tf = postings.weights
        return (idf * tf * (K1 + 1) / (tf + norm)).astype(np.float32)

    # --- matching ----------------------------------------------------------------------------
    def exact(self, fieldname: str, term: str) -> Postings:
        """Passages whose field holds the term's letters and digits in sequence, with the count."""
        grams = query_bigrams(term)
        if not grams:
            return Postings(EMPTY, np.zeros(0, dtype=np.float32))
        if len(grams) == 1:
            return self.prefix(fieldname, grams[0]) if len(grams[0]) == 1 else self.postings(fieldname, grams[0])
        lists = sorted((self.postings(fieldname, g) for g in dict.fromkeys(grams)), key=lambda p: len(p.docs))
        candidates = lists[0].docs
        for other in lists[1:]:
            if not len(candidates):
                break
            candidates = candidates[self.mask(other.docs)[candidates]]
        needle = letters(term)
        texts = self.letters.fields[fieldname]
        counts = np.fromiter((texts[d].count(needle) for d in candidates), dtype=np.float32, count=len(candidates))
        found = counts > 0
        return Postings(candidates[found], counts[found])

    def mask(self, docs: np.ndarray) -> np.ndarray:
        """A set of documents as a boolean array over all documents (cheaper to combine than sorted ids)."""
        out = np.zeros(len(self.live), dtype=bool)
        out[docs] = True
        return out

    def term(self, term: str, scores: np.ndarray, exact_only: bool = False, title_only: bool = False) -> np.ndarray:
        """The documents a term matches, as a mask; adds its score to scores."""
        in_title = self.exact("title_bigrams", term)
        if len(in_title.docs):
            scores[in_title.docs] += EXACT_TITLE * self.bm25("title_bigrams", in_title)
        matched = self.mask(in_title.docs)
        if title_only:
            return matched
        in_body = self.exact("body_bigrams", term)
        if len(in_body.docs):
            scores[in_body.docs] += EXACT_BODY * self.bm25("body_bigrams", in_body)
        matched[in_body.docs] = True
        term_words = list(dict.fromkeys(words(term, for_query=True)))
        if exact_only or len(term_words) <= 1:
            return matched
        return matched | self.shared_words(term, term_words, scores)

    def shared_words(self, term: str, term_words: list, scores: np.ndarray) -> np.ndarray:
        """Passages holding most of the term's telling words (common words only add to the score)."""
        held = []  # (mask of the passages holding the word, is it telling)
        for word in term_words:
            title, text = self.postings("title_words", word), self.postings("body_words", word)
            has = self.mask(title.docs)
            has[text.docs] = True
            frequency = int(has.sum())
            if len(title.docs):
                scores[title.docs] += WORD_TITLE * self.bm25("title_words", title, frequency)
            if len(text.docs):
                scores[text.docs] += WORD_TEXT * self.bm25("body_words", text, frequency)
            held.append((has, frequency / self.count <= COMMON_WORD_SHARE))
        counted = [has for has, telling in held if telling] or [has for has, _ in held]  # only common words: count all
        share = LONG_TERM_SHARE if len(letters(term)) > LONG_TERM else SHORT_TERM_SHARE
        need = max(1, math.ceil(len(counted) * share))
        return np.sum(counted, axis=0, dtype=np.int16) >= need

    def run(self, parsed) -> tuple[np.ndarray, np.ndarray]:
        """(matching documents, their scores) for a parsed query with at least one term."""
        scores = np.zeros(len(self.live), dtype=np.float32)
        matched = self.live.copy()
        for clause in parsed.clauses:
            either = np.zeros(len(self.live), dtype=bool)
            for term in clause:
                either |= self.term(term, scores, exact_only=term in parsed.quoted)
            matched &= either
        for term in parsed.title_terms:
            matched &= self.term(term, scores, title_only=True)
        for term in parsed.excluded:
            matched[self.exact("body_bigrams", term).docs] = False
            matched[self.exact("title_bigrams", term).docs] = False
        docs = np.flatnonzero(matched)
        return docs, scores[docs]

    def related(self, keywords: list, title_words: list) -> tuple[np.ndarray, np.ndarray]:
        """Passages sharing any of the words, scored by BM25 (title words count double)."""
        scores = np.zeros(len(self.live), dtype=np.float32)
        found = np.zeros(len(self.live), dtype=bool)
        for fieldname, terms, weight in (("body_words", keywords, WORD_TEXT), ("title_words", title_words, 2 * WORD_TITLE)):
            for word in dict.fromkeys(terms):
                postings = self.postings(fieldname, word)
                if len(postings.docs):
                    scores[postings.docs] += weight * self.bm25(fieldname, postings)
                    found[postings.docs] = True
        docs = np.flatnonzero(found)
        return docs, scores[docs]

    def proximity(self, docnums: np.ndarray, scores: np.ndarray, parsed) -> np.ndarray:
        """Scores with a bonus for the best-ranked passages where the query's terms stand close."""
        needles = [letters(clause[0]) for clause in parsed.clauses if letters(clause[0])]
        if len(needles) < 2 or not len(docnums):
            return scores
        scores = scores.copy()
        top = np.argsort(-scores, kind="stable")[:RERANK]
        bodies = self.letters.fields["body_bigrams"]
        for i in top:
            text = bodies[docnums[i]]
            places = [text.find(n) for n in needles]
            if all(p >= 0 for p in places) and max(places) - min(places) <= PROXIMITY_WINDOW:
                scores[i] *= PROXIMITY_BONUS
        return scores


def read_blocks(matcher) -> tuple[np.ndarray, np.ndarray]:
    """All ids and weights of a leaf posting list, a block at a time."""
    while not hasattr(matcher, "_read_ids") and hasattr(matcher, "child"):
        matcher = matcher.child  # past Whoosh's deletion filter: deletions are masked by the caller
    ids, weights = [], []
    while matcher.is_active():
        if hasattr(matcher, "_read_ids"):  # Whoosh's on-disk block format
            matcher._read_ids()
            matcher._read_weights()
            ids.append(np.asarray(matcher._ids, dtype=np.int64))
            weights.append(np.asarray(matcher._weights, dtype=np.float32))
            matcher._next_block()
        else:  # any other matcher: one posting at a time
            ids.append(np.array([matcher.id()], dtype=np.int64))
            weights.append(np.array([matcher.weight()], dtype=np.float32))
            matcher.next()
    if not ids:
        return EMPTY, np.zeros(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights)
