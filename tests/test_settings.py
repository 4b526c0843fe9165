"""Every NOTICES_ variable the program mentions is declared in indexer/settings.py, read by the
modules the registry names and by no other; and the accessors read the environment as declared."""
import re
from pathlib import Path

import pytest

from indexer import settings

from .conftest import ROOT

# The build's test pause hook (engine/build.py) is leaving production code; it is no setting.
NOT_SETTINGS = {"NOTICES_TEST_PAUSE", "NOTICES_TEST_RESUME"}
MENTION = re.compile(r"NOTICES_[A-Z][A-Z_]*[A-Z]")
# A read: an accessor called with the name (prefix optional), or the environment asked for it.
ACCESSOR_READ = re.compile(r"\b(?:number|whole|text|path|path_or_default|value|limit)\(\s*[\"'](?:NOTICES_)?([A-Z][A-Z_]*[A-Z])[\"']")
ENVIRON_READ = re.compile(r"\benviron(?:\.get\(|\[)\s*[\"']NOTICES_([A-Z][A-Z_]*[A-Z])[\"']")


def sources() -> list:
    """The program's text files: code, templates and data, as deployed."""
    return [path for folder in ("indexer", "webapp") for path in sorted((ROOT / folder).rglob("*"))
            if path.is_file() and path.suffix in {".py", ".toml", ".html", ".txt", ".js"}]


def reads() -> dict:
    """name → the files that read it (indexer/settings.py itself aside)."""
    found: dict = {}
    for path in sources():
        if path.suffix != ".py" or path == ROOT / "indexer" / "settings.py":
            continue
        source = path.read_text(encoding="utf-8")
        for name in {*ACCESSOR_READ.findall(source), *ENVIRON_READ.findall(source)}:
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_variable_the_source_names_is_declared():
    mentioned = {f"{name} in {path.relative_to(ROOT)}" for path in sources()
                 for name in MENTION.findall(path.read_text(encoding="utf-8", errors="replace"))
                 if name not in NOT_SETTINGS and name.removeprefix("NOTICES_") not in settings.REGISTRY}
    assert mentioned == set()


def test_every_declared_setting_is_read_by_the_modules_it_names_and_no_other():
    found = reads()
    assert set(found) - {name.removeprefix("NOTICES_") for name in NOT_SETTINGS} == set(settings.REGISTRY)
    for setting in settings.SETTINGS:
        assert found[setting.name] == set(setting.readers), setting.name


def test_the_patterns_see_a_read_as_it_is_written():
    assert ACCESSOR_READ.findall('settings.number("MAX_MB") + limit(\'DOCUMENT_SECONDS\')') == ["MAX_MB",
                                                                                                 "DOCUMENT_SECONDS"]
    assert ENVIRON_READ.findall('os.environ.get("NOTICES_INDEX") or os.environ["NOTICES_TAXONOMY"]') == ["INDEX",
                                                                                                         "TAXONOMY"]
    assert ACCESSOR_READ.findall('f"raise NOTICES_MAX_MB."') == []  # a message names it, reads nothing


def test_a_value_from_the_environment_as_its_type(monkeypatch):
    monkeypatch.setenv("NOTICES_MAX_PAGES", "12")
    monkeypatch.setenv("NOTICES_OCR_SECONDS", "2.5")
    monkeypatch.setenv("NOTICES_INDEX", "/srv/notices/index")
    monkeypatch.setenv("NOTICES_PUBLIC_URL", "https://notices.example.org")
    assert settings.whole("MAX_PAGES") == 12 and settings.number("MAX_PAGES") == 12.0
    assert settings.number("OCR_SECONDS") == 2.5
    assert settings.path("INDEX") == settings.path_or_default("INDEX") == Path("/srv/notices/index")
    assert settings.text("PUBLIC_URL") == "https://notices.example.org"
    assert settings.origin("MAX_PAGES") == "environment"


def test_unset_empty_or_unreadable_is_the_default(monkeypatch):
    monkeypatch.delenv("NOTICES_MAX_MB", raising=False)
    assert settings.number("MAX_MB") == 20
    monkeypatch.setenv("NOTICES_MAX_MB", "")
    assert settings.number("MAX_MB") == 20 and settings.origin("MAX_MB") == "default"
    for unreadable in ("lots", "inf", "nan", "1e400"):
        monkeypatch.setenv("NOTICES_MAX_MB", unreadable)
        monkeypatch.setenv("NOTICES_MAX_PAGES", unreadable)
        assert settings.number("MAX_MB") == 20 and settings.whole("MAX_PAGES") == 300, unreadable
    monkeypatch.setenv("NOTICES_MAX_MB", "lots")
    assert settings.origin("MAX_MB") == "default: 'lots' is not a number"
    monkeypatch.delenv("NOTICES_SYNONYMS", raising=False)
    monkeypatch.delenv("NOTICES_INDEX", raising=False)
    assert settings.path("SYNONYMS") is None and settings.path_or_default("INDEX") == Path("index")


def test_a_setting_nobody_declared_or_read_as_another_type_is_a_programming_error():
    with pytest.raises(KeyError):
        settings.number("MAX_GIGABYTES")
    with pytest.raises(TypeError, match="NOTICES_PUBLIC_URL is text, not a number"):
        settings.number("PUBLIC_URL")
    with pytest.raises(TypeError, match="NOTICES_SYNONYMS has no default"):
        settings.path_or_default("SYNONYMS")


def test_every_setting_has_a_one_line_meaning_and_a_default_that_reads_as_its_type():
    for setting in settings.SETTINGS:
        assert setting.meaning and "\n" not in setting.meaning and "|" not in setting.meaning
        if setting.default is not None:  # the default, typed into the environment, reads as itself
            assert settings.as_kind(setting.kind, str(setting.default)) == settings.as_kind(setting.kind,
                                                                                            setting.default)


def test_notices_settings_prints_each_with_its_value_now(monkeypatch):
    from click.testing import CliRunner

    from indexer import cli

    monkeypatch.setenv("NOTICES_MAX_PAGES", "12")
    monkeypatch.setenv("NOTICES_OCR_SECONDS", "soon")
    out = CliRunner().invoke(cli.main, ["settings"]).output
    assert "NOTICES_MAX_PAGES=12  (environment)" in out.splitlines()
    assert "NOTICES_OCR_SECONDS=600  (default: 'soon' is not a number)" in out.splitlines()
    assert len([line for line in out.splitlines() if line.startswith("NOTICES_")]) == len(settings.SETTINGS)
