"""What OCR read of scans, kept beside the index between builds, by the content of the file.

OCR takes seconds a page; the index is rebuilt far more often than a scan changes. The kept text
is a cache, never the record: an entry that cannot be read is read by OCR again."""
import json
import os
from pathlib import Path

FOLDER = "recognised"


class RecognisedText:
    def __init__(self, index_path: Path):
        self.folder = Path(index_path) / FOLDER

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            kept = json.loads(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        valid = isinstance(kept, dict) and isinstance(kept.get("text"), str) and isinstance(kept.get("pages"), int)
        return kept if valid else None

    def put(self, key: str, value: dict):
        target = self.path(key)
        staging = target.with_name(f".{target.name}.{os.getpid()}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            staging.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
            os.replace(staging, target)
        except OSError:
            staging.unlink(missing_ok=True)  # not kept: the next build reads the scan by OCR again
