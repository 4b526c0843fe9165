"""Containers in the corpus (WARC, ZIP: indexer/document/containers.py) as the build sees them:
each member is a source of its own, "crawl.warc.gz#http://…/notice.html", with the content id of
its payload, so a changed container updates only the records that changed.

What each container held when last read is kept beside the index (CONTAINERS_FILE): an unchanged
container (same content id) is not read again. The file only saves work: without it, containers
are listed again and their unchanged members still counted unchanged.
"""
import json
from pathlib import Path

from ..document.containers import Member, is_container, members
from ..document.parse import file_content_id
from . import store

CONTAINERS_FILE = "containers.json"
SEPARATOR = "#"


def expand(files: dict, indexed: dict, index_path: Path, report) -> tuple[dict, dict]:
    """files (source → path) with each container replaced by its members (source → Member), and
    what to remember of the containers: {container source: {"id", "members": {source: Member fields}}}."""
    known = load(index_path)
    out, seen = {}, {}
    for source, path in files.items():
        if not is_container(path):
            out[source] = path
            continue
        try:
            container_id = file_content_id(Path(path))
        except OSError as e:
            report.skipped.append((source, f"it cannot be read ({e.strerror or e})."))
            continue
        before = known.get(source)
        if before and before["id"] == container_id and all(s in indexed for s in before["members"]):
            listed = {s: Member(**fields) for s, fields in before["members"].items()}
        else:
            try:
                found, skipped = members(path)
            except Exception as e:  # one broken container never stops a build
                report.skipped.append((source, f"it could not be read as an archive ({type(e).__name__}: {e})."))
                continue
            report.skipped.extend((f"{source}{SEPARATOR}{key}" if key else source, why) for key, why in skipped)
            if not found and not skipped:
                report.skipped.append((source, "no documents were found in it (no response records or members)."))
            listed = {f"{source}{SEPARATOR}{m.label}": m for m in found}
        out.update(listed)
        seen[source] = {"id": container_id, "members": {s: m.__dict__ for s, m in listed.items()}}
    return out, seen


def load(index_path: Path) -> dict:
    try:
        return json.loads((index_path / CONTAINERS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def remember(index_path: Path, seen: dict):
    try:
        store.write_json_atomic(index_path / CONTAINERS_FILE, seen)
    except OSError:  # the index is committed; the next build lists the containers again
        pass
