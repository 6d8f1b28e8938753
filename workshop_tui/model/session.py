"""A session: one live run of a plan, complete and readable on its own."""

import math
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, Field, PrivateAttr, model_validator

from workshop_tui.model.action import Action
from workshop_tui.model.comment import Comment
from workshop_tui.model.decision import Decision
from workshop_tui.model.event import Event
from workshop_tui.model.follow_on import EarlierSession
from workshop_tui.model.note import Note
from workshop_tui.model.panel import Panel
from workshop_tui.model.participant import Participant
from workshop_tui.model.plan import Plan, Step
from workshop_tui.model.schema import Record

Status = Literal["running", "paused", "finished"]


class SessionStep(Step):
    """A step as it is being run: the plan's step plus its timings.

    The timer is stored as wall-clock anchors, never as a count of ticks: the time
    used is `elapsed_seconds` plus, while running, the time since `running_since`.
    """

    id: str = Field(min_length=1)
    added_minutes: int = 0
    started_at: AwareDatetime | None = None
    ended_at: AwareDatetime | None = None
    elapsed_seconds: float = Field(default=0.0, ge=0)
    running_since: AwareDatetime | None = None
    skipped_at: AwareDatetime | None = None
    removed_at: AwareDatetime | None = None

    @property
    def allowed_minutes(self) -> int:
        """The minutes this step is allowed: as planned, with any minutes added or taken off."""
        return self.planned_minutes + self.added_minutes


class Session(Record):
    # The layout of a version 1 file, which holds this whole model (version 2 holds events).
    schema_version: int = 1
    id: str = Field(min_length=1)
    title: str = Field(min_length=1, max_length=200)
    status: Status = "running"
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    facilitator: str = ""
    note_taker: str = ""
    # Whether the facilitator lets the note-taker's window move the agenda, run the timer and change the
    # roster (core/roles.py). Off until the facilitator says so; each change is an event.
    note_taker_runs_agenda: bool = False
    # Whether a window may join under a name not on the roster, as a guest (core/joining.py).
    guests_allowed: bool = False
    # The group's record on the projector (core/room_view.py): this step's notes, decisions and actions shown
    # to the room as they are typed, with people's names only while the facilitator says so. Off until then.
    room_record_on: bool = False
    room_names_shown: bool = False
    # The codes that open a co-chair's window ("facilitator") and each panel member's own window (their
    # id). Secrets: no export or report ever shows them, except the member cards made to hand them out.
    codes: dict[str, str] = {}
    plan: Plan
    # The session this one follows on from (part 1), whose people and open actions it carried over.
    follows: EarlierSession | None = None
    steps: list[SessionStep] = Field(min_length=1)
    current_step: int = Field(default=0, ge=0)
    participants: list[Participant] = []
    notes: list[Note] = []
    decisions: list[Decision] = []
    actions: list[Action] = []
    # A commissioning panel's round, once it is opened: applications, declarations, scores, awards.
    panel: Panel | None = None
    events: list[Event] = []
    # Trainers' comments from reviewing: kept apart from the record of the session itself.
    comments: list[Comment] = []

    # A session still running in a window, read from its file, is measured up to the moment it is read
    # (`as_of`), not to its last saved change: its timer is going. Never saved.
    _measured_to: datetime | None = PrivateAttr(default=None)

    @property
    def last_moment(self) -> datetime:
        """When the session's last recorded moment was: its end once finished, else its latest event
        (or the moment it was read, for one running in a window now: see `as_of`).

        An unfinished session is measured up to this moment wherever its length is shown. Trainers'
        comments come later and are not part of the session's own time.
        """
        if self.ended_at is not None:
            return self.ended_at
        latest = max((e.at for e in self.events if not e.kind.startswith("comment.")), default=self.started_at)
        return max(latest, self._measured_to) if self._measured_to is not None else latest

    def as_of(self, now: datetime) -> "Session":
        """A copy measured up to `now`: for a session running in a window while its file is read."""
        copy = self.model_copy()
        copy._measured_to = now if self.status == "running" else None
        return copy

    @property
    def length_minutes(self) -> int:
        """Whole minutes from the start to the last recorded moment, halves up: the rule of
        core.wording.whole_minutes (model/ imports no other layer, so it is written out here)."""
        return math.floor((self.last_moment - self.started_at).total_seconds() / 60 + 0.5)

    @model_validator(mode="after")
    def _current_step_exists(self) -> "Session":
        if self.current_step >= len(self.steps):
            raise ValueError(f"current_step is {self.current_step} but there are only {len(self.steps)} steps")
        return self
