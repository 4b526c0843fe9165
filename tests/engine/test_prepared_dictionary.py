"""The segmenter's dictionary kept with the user dictionary applied: a process that loads it cuts
the same words as one that loaded both dictionaries itself, and a kept file that is damaged, or a
cache folder that cannot take it, changes nothing but the time."""
import marshal
import os
import subprocess
import sys

import jieba
import jieba_next
import pytest

from indexer.engine import prepared_dictionary, segmenter as seam

from ..conftest import ROOT, fill

TEXTS = [text for text, _, _ in seam.SAMPLE]


def loaded_the_long_way(module):
    tokenizer = module.Tokenizer()
    with seam.user_dictionary() as path:
        tokenizer.load_userdict(str(path))
    return tokenizer


@pytest.mark.parametrize("module", [jieba, jieba_next], ids=["jieba", "jieba-next"])
def test_a_tokenizer_given_the_kept_frequencies_cuts_the_same_words(tmp_path, module):
    original = loaded_the_long_way(module)
    kept = tmp_path / "kept.marshal"
    prepared_dictionary.save(original, kept)
    fresh = module.Tokenizer()
    assert prepared_dictionary.load(fresh, kept)
    assert fresh.total == original.total and fresh.FREQ == original.FREQ
    for text in TEXTS:
        assert list(fresh.cut(text)) == list(original.cut(text))
        assert list(fresh.cut_for_search(text)) == list(original.cut_for_search(text))
    assert list(fresh.cut("巡察组反馈意见")) == ["巡察组", "反馈意见"]  # user words, not in jieba's own dictionary


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", "cut short", "another shape"])
def test_a_damaged_kept_file_is_ignored(tmp_path, damage):
    kept = tmp_path / "kept.marshal"
    prepared_dictionary.save(loaded_the_long_way(jieba), kept)
    if damage == "cut short":
        kept.write_bytes(kept.read_bytes()[:100_000])
    elif damage == "another shape":
        kept.write_bytes(marshal.dumps([1, 2, 3]))
    else:
        kept.write_bytes(damage)
    fresh = jieba.Tokenizer()
    assert not prepared_dictionary.load(fresh, kept)
    assert not fresh.initialized and fresh.FREQ == {}


def test_the_file_name_changes_with_the_user_dictionary():
    first = prepared_dictionary.cache_path(jieba_next, "1.0", "巡察组 20000 n\n".encode())
    assert first == prepared_dictionary.cache_path(jieba_next, "1.0", "巡察组 20000 n\n".encode())
    assert first != prepared_dictionary.cache_path(jieba_next, "1.0", "巡察组 20001 n\n".encode())
    assert first != prepared_dictionary.cache_path(jieba_next, "1.1", "巡察组 20000 n\n".encode())
    assert first != prepared_dictionary.cache_path(jieba, "1.0", "巡察组 20000 n\n".encode())


def test_a_user_word_of_frequency_zero_is_not_kept():
    assert seam.forces_splits("巡察组 20000 n\n整改 0\n".encode())
    assert not seam.forces_splits("巡察组 20000 n\n整改 100 v\n".encode())


def segmenter_in_a_fresh_process(cache_home) -> str:
    program = ("from indexer.engine import segmenter as s\n"
               "chosen = s.segmenter()\n"
               "print(chosen.name, s.agrees_with_reference(chosen.module))\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_second_process_loads_the_kept_dictionary_and_cuts_the_same(tmp_path):
    home = tmp_path / "cache"
    assert segmenter_in_a_fresh_process(home) == "jieba-next True"
    kept = list((home / prepared_dictionary.FOLDER).iterdir())
    assert [path.name.startswith("jieba_next-") for path in kept] == [True]
    written = kept[0].stat().st_mtime_ns
    assert segmenter_in_a_fresh_process(home) == "jieba-next True"
    assert kept[0].stat().st_mtime_ns == written  # read, not written again


def test_a_full_cache_disk_leaves_no_partial_file_and_the_segmenter_works(small_disk):
    """A real 12 MB tmpfs with 2 MB left: the 9 MB file does not fit."""
    fill(small_disk, leave_kb=2048)
    assert segmenter_in_a_fresh_process(small_disk) == "jieba-next True"
    assert list((small_disk / prepared_dictionary.FOLDER).iterdir()) == []
