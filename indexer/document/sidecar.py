"""Sidecars: NAME.meta.toml beside a document overrides what is extracted from it."""
import tomllib
from collections.abc import Container
from pathlib import Path

from .errors import UnreadableDocument
from .notice import DOC_TYPES

SIDECAR_FIELDS = {"title": str, "region": dict, "published": str, "source_url": str, "doc_type": str}


def sidecar_path(path: Path | str, files_beside: Container[str] | None = None) -> Path | None:
    """NAME.meta.toml (or STEM.meta.toml) beside path, if it is a file. files_beside: the names of
    the files in path's folder when a listing already holds them (a build's scan), so that no
    candidate is looked for on disk."""
    if files_beside is not None and not files_beside:
        return None  # the usual folder of a scan, without sidecars: not a name to make
    path = Path(path)
    for candidate in (path.with_name(path.name + ".meta.toml"), path.with_suffix(".meta.toml")):
        if candidate != path and (candidate.name in files_beside if files_beside is not None else candidate.is_file()):
            return candidate
    return None


def is_sidecar(name: str) -> bool:
    """Whether a file name is a sidecar's (NAME.meta.toml)."""
    return name.endswith(".meta.toml")


class SidecarError(UnreadableDocument):
    """A sidecar that cannot be used; the document itself may still be fine."""

    def __init__(self, message: str, sidecar: str):
        super().__init__(message)
        self.sidecar = sidecar


def read_sidecar(path: Path) -> tuple[dict, bytes]:
    """(its fields, its bytes): read once, so that what is hashed is what was applied."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SidecarError(f"{path.name} cannot be read ({e.strerror or e}).", path.name) from None
    try:
        return check_sidecar(path.name, data), data
    except UnreadableDocument as e:
        raise SidecarError(str(e), path.name) from None


def check_sidecar(name: str, raw: bytes) -> dict:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UnreadableDocument(f"{name} is not valid TOML ({e}); fix the sidecar or remove it.")
    for key, value in data.items():
        expected = SIDECAR_FIELDS.get(key)
        if expected is None:
            raise UnreadableDocument(f"{name} has an unknown field '{key}'; allowed: {', '.join(SIDECAR_FIELDS)}.")
        if not isinstance(value, expected) and not (key == "published" and hasattr(value, "isoformat")):
            raise UnreadableDocument(f"{name}: '{key}' must be a {expected.__name__}, not {type(value).__name__}.")
    if "doc_type" in data and data["doc_type"] not in DOC_TYPES:
        raise UnreadableDocument(f"{name}: doc_type must be one of {', '.join(DOC_TYPES)}.")
    if "region" in data and set(data["region"]) - {"province", "city", "county"}:
        raise UnreadableDocument(f"{name}: region takes only province, city and county.")
    return data
