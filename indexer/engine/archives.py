"""Containers in the corpus (WARC, ZIP: indexer/document/containers.py) as the build sees them:
each member is a source of its own, "crawl.warc.gz#http://…/notice.html", with the content id of
its payload, so a changed container updates only the records that changed.

What each container held when last read is kept beside the index (CONTAINERS_FILE): an unchanged
container (same content id) is not read again. The file only saves work: without it, containers
are listed again and their unchanged members still counted unchanged.
"""
import json
from dataclasses import dataclass
from pathlib import Path

from ..document.containers import Member, is_container, members
from ..document.parse import file_content_id
from . import store

CONTAINERS_FILE = "containers.json"
SEPARATOR = "#"


@dataclass
class ContainerRecord:
    """What a container held when last read: its content id, and its members by source."""
    id: str
    members: dict   # source → Member

    def to_json(self) -> dict:
        return {"id": self.id, "members": {source: member.__dict__ for source, member in self.members.items()}}

    @classmethod
    def from_json(cls, data: dict) -> "ContainerRecord":
        return cls(id=data["id"], members={source: Member(**fields) for source, fields in data["members"].items()})


def expand(files: dict, indexed: dict, index_path: Path, report) -> tuple[dict, dict]:
    """files (source → path) with each container replaced by its members (source → Member), and
    what to remember of the containers: {container source: ContainerRecord}."""
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
        if before and before.id == container_id and all(s in indexed for s in before.members):
            listed = before.members
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
        seen[source] = ContainerRecord(container_id, listed)
    return out, seen


def load(index_path: Path) -> dict:
    """Container source → ContainerRecord, as remembered; {} when there is no file or it cannot be read."""
    try:
        data = json.loads((index_path / CONTAINERS_FILE).read_text(encoding="utf-8"))
        return {source: ContainerRecord.from_json(record) for source, record in data.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def remember(index_path: Path, seen: dict):
    try:
        store.write_json_atomic(index_path / CONTAINERS_FILE, {source: record.to_json() for source, record in seen.items()})
    except OSError:  # the index is committed; the next build lists the containers again
        pass
