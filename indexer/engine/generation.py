"""Index generations: what one committed generation needs in memory, and swapping to a newer one.

A build commits a new generation while the old one answers. The newest is looked for at most once
a second; it is loaded in the background and replaces the current one when it is ready.
"""
import threading
import time
from dataclasses import dataclass

import numpy as np

from . import store
from .analysis import jieba_ready
from .evaluate import Evaluator, LettersTable
from .facets import FacetTable

REOPEN_CHECK_S = 1.0


@dataclass
class Generation:
    """The tables of one committed generation, shared by all threads."""
    number: int
    ix: object
    facets: FacetTable
    evaluator: Evaluator
    labels: dict          # the taxonomy the build labelled with (store.write_labels)

    @classmethod
    def load(cls, ix):
        with ix.searcher() as searcher:
            reader = searcher.reader()
            facets = FacetTable(reader)
            letters_table = LettersTable(reader, np.flatnonzero(facets.passage))
            labels = store.read_labels(searcher)
        # The evaluator reads postings through its own reader, kept open with the generation.
        return cls(ix.latest_generation(), ix, facets, Evaluator(ix.reader(), letters_table, facets.passage), labels)


class Generations:
    """The newest loaded generation of one index, and a Whoosh searcher per thread for it.

    Whoosh searchers read their files through shared file positions, so they must not be shared
    between threads: each thread gets its own searcher of the current generation.
    """

    def __init__(self, path, background=True):
        self.path = path
        self.background = background
        self._lock = threading.Lock()
        self._local = threading.local()
        self._generation = None
        self._loading = None
        self._checked = 0.0

    def current(self):
        """(searcher of this thread, generation) for the newest loaded generation."""
        self._look_for_newer()
        generation = self._generation
        local = self._local
        if getattr(local, "number", None) != generation.number:
            local.searcher, local.number = generation.ix.searcher(), generation.number  # the old one closes when collected
        return local.searcher, generation

    def release_thread(self):
        """Close this thread's searcher (a thread that stops searching)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = self._local.number = None

    def _look_for_newer(self):
        with self._lock:
            now = time.monotonic()
            if self._generation is not None and (now - self._checked < REOPEN_CHECK_S or self._loading):
                return
            self._checked = now
            ix = store.open_index(self.path)  # a fresh object: Whoosh caches the table of contents
            if self._generation is not None and ix.latest_generation() == self._generation.number:
                return
            if self._generation is not None and self.background:
                self._loading = threading.Thread(target=self._load, args=(ix,), daemon=True)
                self._loading.start()
                return
        self._load(ix)

    def _load(self, ix):
        try:
            jieba_ready()  # the dictionary, before the first query rather than inside it
            generation = Generation.load(ix)
            with self._lock:
                if self._generation is None or generation.number > self._generation.number:
                    self._generation = generation
        finally:
            self._loading = None
