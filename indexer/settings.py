"""Every setting the program reads from the environment (NOTICES_…): its type, default and meaning,
and who reads it; typed accessors read them (`number("MAX_MB")`, `text("PUBLIC_URL")`).

A leaf: both wings and the web app import it, and it imports nothing of theirs. The README's table
of settings and `notices settings` are made from REGISTRY, and tests/test_settings.py checks that
every NOTICES_ name in the source is declared here and every one declared here is read.

A value that cannot be read as its type (NOTICES_MAX_MB=lots) counts as unset: the default holds.
"""
import math
import os
from dataclasses import dataclass
from pathlib import Path

PREFIX = "NOTICES_"


@dataclass(frozen=True)
class Setting:
    name: str                 # without the prefix: MAX_MB is read from NOTICES_MAX_MB
    kind: type                # float, int, str or Path
    default: object           # None: unset, and what that means is said in `meaning`
    meaning: str              # one line, for the README and `notices settings`
    readers: tuple            # the modules that read it

    @property
    def variable(self) -> str:
        return PREFIX + self.name


SETTINGS = (
    # Where things are.
    Setting("INDEX", Path, "index", "the index folder when no --index-dir is given",
            ("indexer/engine/store.py",)),
    Setting("TAXONOMY", Path, None, "a taxonomy file used instead of indexer/data/taxonomy.toml",
            ("indexer/document/taxonomy.py",)),
    Setting("SYNONYMS", Path, None, "a synonyms file used instead of indexer/data/synonyms.toml",
            ("indexer/engine/synonyms.py",)),
    # Limits of one document; each refusal names the setting that raises it.
    Setting("MAX_MB", float, 20, "megabytes of one file (or one record of a WARC or ZIP)",
            ("indexer/document/read.py",)),  # containers.py and preview.py ask read.max_bytes()
    Setting("MAX_PAGES", int, 300, "pages of one PDF or OFD", ("indexer/document/formats/paging.py",)),
    Setting("OCR_MAX_PAGES", int, 50, "pages of one file read by OCR", ("indexer/document/ocr.py",)),
    Setting("OCR_SECONDS", float, 600, "seconds of OCR for one file", ("indexer/document/ocr.py",)),
    # A .docx is a zip: what it unpacks to is checked before anything is unpacked. A notice's XML
    # is a few megabytes and compresses about ten times; a zip bomb a thousand times.
    Setting("DOCX_MAX_UNPACKED_MB", float, 50, "megabytes a .docx unpacks to, from its zip directory",
            ("indexer/document/formats/package.py",)),
    Setting("DOCX_MAX_RATIO", float, 200, "unpacked to packed size of a .docx part over 1 MB (more is a zip bomb)",
            ("indexer/document/formats/package.py",)),
    Setting("TEXT_MAX_CHARS", int, 2_000_000, "characters of text read from one file, before parsing",
            ("indexer/document/read.py",)),
    Setting("DOCUMENT_SECONDS", float, 900, "seconds to read and parse one document in a build; over it, skipped",
            ("indexer/engine/build.py",)),
    # Uploads to /draft: read by OCR one at a time, in a pool of their own, never on a request thread.
    Setting("UPLOAD_OCR_PAGES", int, 3, "pages of an upload to /draft read by OCR", ("indexer/document/uploads.py",)),
    Setting("UPLOAD_OCR_SECONDS", float, 10, "seconds of OCR for an upload to /draft",
            ("indexer/document/uploads.py",)),
    Setting("UPLOAD_WAITING", int, 1, "uploads that may wait for the one being read; more are asked to retry",
            ("indexer/document/uploads.py",)),
    # The web app.
    Setting("PUBLIC_URL", str, None, "the service's public http(s) address; links that leave the machine use "
            "it, and are left out without it", ("webapp/settings.py",)),
    Setting("SECRET_KEY", str, None, "the key that signs the draft form's CSRF token; without it, one made at "
            "each start", ("webapp/__init__.py",)),
)
KIND_WORDS = {float: "a number", int: "a number", str: "text", Path: "a path"}
REGISTRY = {setting.name: setting for setting in SETTINGS}


def declared(name: str) -> Setting:
    """The setting NAME (NOTICES_ prefix optional); KeyError for one nobody declared."""
    return REGISTRY[name.removeprefix(PREFIX)]


def raw(name: str) -> str | None:
    """The environment's value of the setting, None when unset or empty."""
    return os.environ.get(declared(name).variable) or None


def value(name: str):
    """The setting's value as its type: the environment's when it reads as one, else the default."""
    setting = declared(name)
    given = raw(name)
    if given is not None:
        try:
            return as_kind(setting.kind, given)
        except ValueError:
            pass
    return None if setting.default is None else as_kind(setting.kind, setting.default)


def origin(name: str) -> str:
    """Where the value of the setting comes from, in words."""
    given = raw(name)
    if given is None:
        return "default"
    try:
        as_kind(declared(name).kind, given)
        return "environment"
    except ValueError:
        return f"default: {given[:40]!r} is not {KIND_WORDS[declared(name).kind]}"


def as_kind(kind: type, given):
    """given (text from the environment, or a default) as kind; ValueError when it is none."""
    if kind not in (int, float):
        return kind(given)
    amount = float(given)  # "50", "50.0" and "5e1" are all fifty pages
    if not math.isfinite(amount):
        raise ValueError(f"{given!r} is no limit")  # inf and nan would break every comparison with it
    return int(amount) if kind is int else amount


def of_kind(name: str, *kinds: type):
    setting = declared(name)
    if setting.kind not in kinds:
        raise TypeError(f"{setting.variable} is {KIND_WORDS[setting.kind]}, not {KIND_WORDS[kinds[0]]}.")
    return value(name)


def number(name: str) -> float:
    """A limit: a float or int setting, as a float."""
    return float(of_kind(name, float, int))


def whole(name: str) -> int:
    """A count: an int setting."""
    return of_kind(name, int)


def text(name: str) -> str | None:
    return of_kind(name, str)


def path(name: str) -> Path | None:
    return of_kind(name, Path)


def path_or_default(name: str) -> Path:
    """A path setting that has a default, so never None."""
    if declared(name).default is None:
        raise TypeError(f"{declared(name).variable} has no default.")
    return of_kind(name, Path)


def shown(setting_value) -> str:
    """A value as the README and `notices settings` print it."""
    if setting_value is None:
        return "(unset)"
    if isinstance(setting_value, float) and setting_value.is_integer():
        setting_value = int(setting_value)
    return f"{setting_value:,}" if isinstance(setting_value, int) else str(setting_value)


def shown_path(reader: str) -> str:
    return reader.removeprefix("indexer/")


def table() -> str:
    """The README's table of settings, a Markdown line for each."""
    rows = ["| variable | default | what it sets | read by |", "|---|---|---|---|"]
    rows += [f"| `{s.variable}` | {shown(s.default)} | {s.meaning} | "
             f"{', '.join(f'`{shown_path(r)}`' for r in s.readers)} |" for s in SETTINGS]
    return "\n".join(rows)
