"""What queries computed (postings, scores per passage), kept for the next queries within a bound
in bytes, and given up by what each would cost to compute again for the memory it holds.

A least-recently-used cache treats a broad term's exact postings (a quarter of a second to join at
100,000 notices) like a common word's list read in a few milliseconds, and a few large entries
push it out. Here each entry is worth its computing time per byte, and the cheapest to lose goes
first (GreedyDual-Size, as web caches weigh documents by what fetching them costs): an entry's
priority is the level of the last one given up plus its worth, set again on every hit, so an entry
nobody asks for sinks below newer ones however costly it was.
"""
import heapq
import itertools
import threading
import time
from collections.abc import Callable
from typing import Any


class Kept:
    def __init__(self, capacity_bytes: int, clock: Callable[[], float] = time.perf_counter):
        self.capacity = capacity_bytes
        self.clock = clock
        self.bytes = 0
        self._entries: dict = {}   # key → [value, worth, priority]
        self._queue: list = []     # (priority, order, key); stale when the entry's priority has moved
        self._order = itertools.count()
        self._level = 0.0          # the priority of the last entry given up
        self._lock = threading.Lock()

    def peek(self, key) -> Any:
        """The value kept under key, or None (nothing computed, nothing refreshed)."""
        with self._lock:
            entry = self._entries.get(key)
            return entry[0] if entry is not None else None

    def get(self, key, compute: Callable[[], Any]) -> Any:
        """The value kept under key, else compute() (timed), kept. Values have .nbytes."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._raise(key, entry)
                return entry[0]
        started = self.clock()
        value = compute()
        seconds = self.clock() - started
        with self._lock:
            if key not in self._entries:
                entry = [value, seconds / max(1, value.nbytes), 0.0]
                self._entries[key] = entry
                self.bytes += value.nbytes
                self._raise(key, entry)
                self._give_up_beyond_capacity()
        return value

    def _raise(self, key, entry):
        entry[2] = self._level + entry[1]
        heapq.heappush(self._queue, (entry[2], next(self._order), key))

    def _give_up_beyond_capacity(self):
        while self.bytes > self.capacity and len(self._entries) > 1:
            priority, _, key = heapq.heappop(self._queue)
            entry = self._entries.get(key)
            if entry is None or entry[2] != priority:
                continue   # given up already, or raised since this was queued
            del self._entries[key]
            self.bytes -= entry[0].nbytes
            self._level = priority
        if len(self._queue) > 4 * len(self._entries) + 64:   # stale marks pile up with hits: rebuilt
            self._queue = [(entry[2], next(self._order), key) for key, entry in self._entries.items()]
            heapq.heapify(self._queue)
