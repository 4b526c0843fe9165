"""The benchmark's corpus is written once per count, seed and generator version, and reused."""
from bench import generate as generator


def test_a_second_run_reuses_the_files_and_another_version_writes_them_anew(tmp_path, monkeypatch):
    out = generator.generate(3, tmp_path / "corpus-3")
    first = {path.name: (path.read_text(encoding="utf-8"), path.stat().st_mtime_ns) for path in out.glob("*.txt")}
    assert sorted(first) == ["000000.txt", "000001.txt", "000002.txt"]

    monkeypatch.setattr(generator, "material", lambda corpus: (_ for _ in ()).throw(AssertionError("regenerated")))
    generator.generate(3, out)  # the same count, seed and version: nothing is read or written
    assert {p.name: (p.read_text(encoding="utf-8"), p.stat().st_mtime_ns) for p in out.glob("*.txt")} == first

    monkeypatch.undo()
    generator.generate(2, tmp_path / "corpus-2")
    assert [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "corpus-2").glob("*.txt"))] == \
        [first["000000.txt"][0], first["000001.txt"][0]]  # deterministic: the same seed, the same notices

    monkeypatch.setattr(generator, "version", lambda corpus=None: "changed")
    generator.generate(2, out)  # a changed generator: its own files only, none of the old version's
    assert sorted(p.name for p in out.glob("*.txt")) == ["000000.txt", "000001.txt"]
    assert [p.name for p in out.glob(".complete-*")] == [f".complete-2-{generator.DEFAULT_SEED}-changed"]
