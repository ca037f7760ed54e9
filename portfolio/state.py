"""What a batch remembers between runs, so a rerun redoes only clients whose inputs changed.

The state file DIR/.kpi-audit-batch.json records, per finished client, the sha256 of its intake's content and
the run's key (ruleset sha256, language, formats, tool version). It is rewritten atomically after every client,
so a batch killed at any moment loses at most the clients in flight, and a report is recorded only after all
its files were written. A failed client is never recorded: the next run tries it again.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from engine.atomic import write_text_atomically

STATE_FILE = ".kpi-audit-batch.json"
STATE_VERSION = 1


@dataclass(frozen=True)
class RunKey:
    """Everything besides the intake that a client's reports depend on."""

    ruleset_sha256: str
    lang: str
    formats: tuple[str, ...]
    tool_version: str


def intake_sha256(path: Path) -> str:
    """The sha256 of an intake's content: the file's bytes, or for a CSV folder every file's name and bytes."""
    digest = hashlib.sha256()
    if path.is_dir():
        for member in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
            name = member.name.encode("utf-8")
            digest.update(len(name).to_bytes(8, "big") + name)
            data = member.read_bytes()
            digest.update(len(data).to_bytes(8, "big") + data)
    elif path.is_file():
        digest.update(path.read_bytes())
    return digest.hexdigest()


class BatchState:
    """The finished clients of DIR and the key each was audited under."""

    def __init__(self, out_dir: Path, entries: dict[str, dict]):
        self.path = out_dir / STATE_FILE
        self.entries = entries

    @classmethod
    def load(cls, out_dir: Path) -> "BatchState":
        """The state of an earlier run; none (everything is redone) when missing or unreadable."""
        try:
            data = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
            entries = data["clients"] if data.get("state_version") == STATE_VERSION else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        return cls(out_dir, entries if isinstance(entries, dict) else {})

    @staticmethod
    def entry(digest: str, key: RunKey) -> dict:
        """A client's record: its intake's content hash and the run key, as JSON stores them."""
        return {"intake_sha256": digest, **asdict(key), "formats": list(key.formats)}

    def unchanged(self, client: str, entry: dict) -> bool:
        """True when `client` finished under exactly this entry (same intake content, same run key)."""
        return self.entries.get(client) == entry

    def record(self, client: str, entry: dict) -> None:
        self.entries[client] = entry
        self._save()

    def forget(self, client: str) -> None:
        if self.entries.pop(client, None) is not None:
            self._save()

    def _save(self) -> None:
        document = {"state_version": STATE_VERSION, "clients": dict(sorted(self.entries.items()))}
        write_text_atomically(self.path, json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
