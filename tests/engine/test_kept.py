"""The evaluator's cache keeps what would cost most to compute again for its bytes, within its bound."""
import threading

from indexer.engine.kept import Kept


class Value:
    def __init__(self, name: str, nbytes: int):
        self.name, self.nbytes = name, nbytes


class Clock:
    """Time that passes only when a computation says it took so long."""
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def computing(clock: Clock, name: str, nbytes: int, seconds: float, calls: list):
    def compute():
        calls.append(name)
        clock.now += seconds
        return Value(name, nbytes)
    return compute


def test_what_is_kept_is_given_back_without_computing_and_peek_computes_nothing():
    clock, calls = Clock(), []
    kept = Kept(1000, clock)
    assert kept.peek("a") is None
    first = kept.get("a", computing(clock, "a", 100, 0.1, calls))
    assert kept.get("a", computing(clock, "a", 100, 0.1, calls)) is first and kept.peek("a") is first
    assert calls == ["a"]


def test_the_bound_in_bytes_holds():
    clock, calls = Clock(), []
    kept = Kept(1000, clock)
    for i in range(50):
        kept.get(i, computing(clock, str(i), 90 + i, 0.01 * (i % 7 + 1), calls))
        assert kept.bytes <= 1000 and kept.bytes == sum(kept.peek(k).nbytes for k in range(50) if kept.peek(k))


def test_a_costly_entry_outlives_large_cheap_ones_a_least_recently_used_cache_would_keep():
    clock, calls = Clock(), []
    kept = Kept(1000, clock)
    kept.get("broad term joined", computing(clock, "broad", 400, 0.25, calls))   # 0.25 s for 400 bytes
    for i in range(6):   # read in a millisecond each, newer than the broad term
        kept.get(f"common word {i}", computing(clock, f"word {i}", 300, 0.001, calls))
    assert kept.peek("broad term joined") is not None
    assert kept.bytes <= 1000


def test_an_entry_nobody_asks_for_again_sinks_below_newer_ones():
    clock, calls = Clock(), []
    kept = Kept(1000, clock)
    kept.get("old", computing(clock, "old", 400, 0.05, calls))
    for i in range(40):   # each as costly per byte as "old" was, asked again and again
        kept.get(f"new {i % 4}", computing(clock, f"new {i % 4}", 200, 0.025, calls))
        kept.get(f"new {(i + 1) % 4}", computing(clock, f"new {(i + 1) % 4}", 200, 0.025, calls))
        kept.get(f"other {i}", computing(clock, f"other {i}", 200, 0.025, calls))
    assert kept.peek("old") is None


def test_threads_asking_at_once_keep_it_consistent():
    clock, calls = Clock(), []
    kept = Kept(5000, clock)

    def ask(offset):
        for i in range(300):
            key = (offset * 7 + i) % 60
            kept.get(key, computing(clock, str(key), 100 + key, 0.001 * (key % 5 + 1), calls))

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert kept.bytes <= 5000
    assert kept.bytes == sum(value.nbytes for value in (kept.peek(k) for k in range(60)) if value is not None)
