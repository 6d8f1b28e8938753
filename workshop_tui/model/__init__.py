"""The data of plans and sessions, as pydantic models. No I/O and no Textual here."""

from workshop_tui.model.action import Action
from workshop_tui.model.comment import Comment
from workshop_tui.model.decision import Decision
from workshop_tui.model.event import Event
from workshop_tui.model.follow_on import EarlierSession
from workshop_tui.model.note import Note, NoteEdit
from workshop_tui.model.participant import Participant
from workshop_tui.model.plan import STEP_KINDS, Plan, Step
from workshop_tui.model.schema import PLAN_FORMAT, SESSION_FORMAT
from workshop_tui.model.session import Session, SessionStep

__all__ = [
    "PLAN_FORMAT",
    "SESSION_FORMAT",
    "STEP_KINDS",
    "Action",
    "Comment",
    "Decision",
    "EarlierSession",
    "Event",
    "Note",
    "NoteEdit",
    "Participant",
    "Plan",
    "Session",
    "SessionStep",
    "Step",
]
