"""The sessions folder: where session files live, and how new ones are named."""

import os
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from workshop_tui.core.session_summary import SessionLine
from workshop_tui.model import Session
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session, save_new_session
from workshop_tui.store.sessions_dir import DEFAULT_DIR, ENV_VAR, choose_sessions_dir
from workshop_tui.store.sessions_index import SessionsIndex

__all__ = ["DEFAULT_DIR", "ENV_VAR", "SessionsFolder", "choose_sessions_dir", "safe_name", "session_file_name"]
_NOT_SAFE = re.compile(r"[^\w]+")


def safe_name(title: str, longest: int = 60) -> str:
    """A file-name part made from a title: letters, digits and dashes only."""
    text = unicodedata.normalize("NFKC", title).lower()
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _NOT_SAFE.sub("-", text).replace("_", "-")
    text = re.sub("-{2,}", "-", text).strip("-")[:longest].strip("-")
    return text or "session"


def session_file_name(title: str, started_at: datetime, number: int = 1) -> str:
    """Such as 2026-07-08-1000-co-production-training-part-1.toml; a number keeps names apart."""
    stem = f"{started_at:%Y-%m-%d-%H%M}-{safe_name(title)}"
    return f"{stem}.toml" if number == 1 else f"{stem}-{number}.toml"


class SessionsFolder:
    """A folder of session files, with its own `plans/` for plans people wrote."""

    def __init__(self, path: Path):
        self.path = Path(path)

    @property
    def plans_dir(self) -> Path:
        return self.path / "plans"

    def create(self, session: Session) -> Path:
        """Save a new session under a fresh name; an existing file is never replaced."""
        if self.path.exists() and not self.path.is_dir():
            raise FileProblem(self.path, "", "this is a file, not a folder", "Choose a folder for the sessions.")
        self.path.mkdir(parents=True, exist_ok=True)
        for number in range(1, 1000):
            path = self.path / session_file_name(session.title, session.started_at, number)
            try:
                save_new_session(session, path)
            except FileExistsError:
                continue
            return path
        raise FileProblem(
            self.path,
            "",
            "there are too many sessions with this title and time",
            "Give the session another title.",
        )

    def _lines(self) -> list[SessionLine]:
        # The index, so only new or changed files are read in full.
        return [line for line in SessionsIndex(self.path).lines() if not line.problem]

    def _load(self, lines: list[SessionLine]) -> list[tuple[Path, Session]]:
        found: list[tuple[Path, Session]] = []
        for line in lines:
            try:
                found.append((line.path, load_session(line.path)))
            except FileProblem:
                continue  # changed since it was indexed; it shows in the browser with its problem
        return found

    def unfinished(self) -> list[tuple[Path, Session]]:
        """Sessions that can be carried on, the most recently started first."""
        lines = [line for line in self._lines() if line.status != "finished"]
        found = [(path, s) for path, s in self._load(lines) if s.status != "finished"]
        return sorted(found, key=lambda pair: pair[1].started_at, reverse=True)

    def find(self, wanted: str) -> Path:
        """A session file by path, by file name in this folder, or by name without '.toml'."""
        for candidate in (Path(wanted), self.path / wanted, self.path / f"{wanted}.toml"):
            if candidate.is_file():
                return candidate
        for candidate in (Path(wanted), self.path / wanted, self.path / f"{wanted}.toml"):
            if os.path.lexists(candidate) and candidate.suffix == ".toml":
                return candidate  # a folder, a pipe or a broken link: loading it says which, plainly
        raise FileProblem(
            wanted,
            "",
            f"there is no such session file here or in {self.path}",
            "Give the path of a session file, or its name in the sessions folder.",
        )

    def earlier_sessions(self, plan_name: str, title: str = "") -> list[SessionLine]:
        """The sessions a new session could follow on from: those of `plan_name` (part 1).

        Those of the same course as `title` come first ("Training, part 2 (Leeds)" is the course of
        "Training, part 1 (Leeds)"), then the rest; the newest first within each.
        """
        lines = [line for line in self._lines() if line.plan_name == plan_name and line.started_at is not None]
        return likeliest_first(lines, title)

    def followers_of(self, path: Path) -> list[Session]:
        """The sessions in this folder that follow on from the session in `path`, the first started first."""
        lines = [line for line in self._lines() if line.follows and line.follows == path.name]
        found = [session for _, session in self._load(lines) if session.follows and session.follows.file == path.name]
        return sorted(found, key=lambda session: session.started_at)


_PART = re.compile(r"\b(part|session|day|week)\s+(\d+|one|two|three|four|i+)\b", re.IGNORECASE)


def likeliest_first(lines: list[SessionLine], title: str) -> list[SessionLine]:
    """Sessions of the same course as `title` first, then the rest; the newest first within each."""
    course = course_of(title)
    newest = sorted(lines, key=lambda line: line.started_at or datetime.min.replace(tzinfo=UTC), reverse=True)
    return sorted(newest, key=lambda line: bool(course) and course_of(line.title) != course)


def course_of(title: str) -> str:
    """A session's title without its part: "Training, part 1 (Leeds)" -> "training (leeds)"."""
    words = re.sub(r"[^\w()]+", " ", _PART.sub(" ", unicodedata.normalize("NFKC", title)).casefold())
    return " ".join(words.split())
