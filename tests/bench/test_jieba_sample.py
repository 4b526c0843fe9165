"""The jieba yardstick of bench/run.py on a sample of the files: timed on a few, scaled to all."""
from bench.run import timed_jieba


def notices(folder, lengths):
    files = []
    for i, length in enumerate(lengths):
        files.append(folder / f"{i:03d}.txt")
        files[-1].write_text("巡察整改进展情况" * length, encoding="utf-8")
    return files


def test_a_sample_segments_a_few_files_and_counts_the_characters_of_all(tmp_path):
    files = notices(tmp_path, [10, 20, 30, 40, 50, 60])
    seconds, chars, segmented = timed_jieba(files, 1, sample=2)
    assert segmented == 2
    assert chars == sum(len(f.read_text(encoding="utf-8")) for f in files) == 8 * 210
    assert seconds > 0


def test_without_a_sample_every_file_is_segmented(tmp_path):
    files = notices(tmp_path, [5, 7, 9])
    _, chars, segmented = timed_jieba(files, 1)
    assert (segmented, chars) == (3, 8 * 21)
