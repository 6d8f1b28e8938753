"""A small index of the sessions folder, so the browser opens fast however many sessions there are.

Each session file's line for the browser and its searchable words are kept in one JSON file,
with the file's size and modification time. Only new or changed files are read again.
"""

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from workshop_tui.core.session_summary import SessionLine, searchable_text
from workshop_tui.store.atomic import OWNER_ONLY, write_atomically
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session

INDEX_NAME = ".workshop-tui-index.json"
INDEX_VERSION = 2


def _to_json(line: SessionLine, text: str) -> dict:
    data = asdict(line)
    data["path"] = str(line.path)
    data["started_at"] = line.started_at.isoformat() if line.started_at else None
    data["text"] = text
    return data


def _from_json(data: dict) -> tuple[SessionLine, str]:
    data = dict(data)
    text = data.pop("text")
    data["path"] = Path(data["path"])
    data["started_at"] = datetime.fromisoformat(data["started_at"]) if data["started_at"] else None
    return SessionLine(**data), text


class SessionsIndex:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / INDEX_NAME

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return data.get("files", {}) if data.get("version") == INDEX_VERSION else {}

    def entries(self) -> list[tuple[SessionLine, str]]:
        """Every session file's line and searchable words (empty words for a damaged file)."""
        if not self.folder.is_dir():
            return []
        known = self._read()
        fresh: dict = {}
        found = []
        for path in sorted(self.folder.glob("*.toml"), reverse=True):
            try:
                stat = path.stat()
            except OSError:
                continue
            stamp = [stat.st_mtime_ns, stat.st_size]
            cached = known.get(path.name)
            if cached and cached["stamp"] == stamp:
                entry = cached
            else:
                try:
                    session = load_session(path)
                    entry = {"stamp": stamp, "line": _to_json(SessionLine.of(path, session), searchable_text(session))}
                except FileProblem as problem:
                    entry = {"stamp": stamp, "line": _to_json(SessionLine.damaged(path, str(problem)), "")}
            fresh[path.name] = entry
            found.append(_from_json(entry["line"]))
        if fresh != known:
            try:
                # It holds names and notes, so it is as private as the sessions.
                write_atomically(self.path, json.dumps({"version": INDEX_VERSION, "files": fresh}).encode(), OWNER_ONLY)
            except OSError:
                pass  # a read-only folder: the browser still works, just without the speed-up
        return found
