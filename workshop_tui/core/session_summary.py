"""One line about a session for the sessions browser, and finding text across sessions."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workshop_tui.model import Session


@dataclass(frozen=True)
class SessionLine:
    path: Path
    started_at: datetime | None
    title: str
    plan: str
    facilitator: str
    minutes: int
    status: str
    notes: int
    decisions: int
    open_actions: int
    plan_name: str = ""
    problem: str = ""  # why the file could not be read, for a damaged file

    @classmethod
    def of(cls, path: Path, session: Session) -> "SessionLine":
        end = session.ended_at or max((e.at for e in session.events), default=session.started_at)
        return cls(
            path=path,
            started_at=session.started_at,
            title=session.title,
            plan=session.plan.title,
            facilitator=session.facilitator,
            minutes=round((end - session.started_at).total_seconds() / 60),
            status=session.status,
            notes=sum(1 for n in session.notes if n.removed_at is None),
            decisions=len(session.decisions),
            open_actions=sum(1 for a in session.actions if a.done_at is None),
            plan_name=session.plan.name,
        )

    @classmethod
    def damaged(cls, path: Path, problem: str) -> "SessionLine":
        return cls(path, None, path.name, "", "", 0, "cannot be read", 0, 0, 0, problem=problem)


def searchable_text(session: Session) -> str:
    """The words a search looks through: the title, the notes and the decisions."""
    parts = [session.title, session.plan.title]
    parts += [n.text for n in session.notes if n.removed_at is None]
    for d in session.decisions:
        parts += [d.question, d.statement, d.reasons, d.dissent]
    return "\n".join(parts).lower()


def words_match(text: str, words: str) -> bool:
    """True when every word typed is somewhere in `text` (already lower case)."""
    return all(word in text for word in words.lower().split())
