"""Replay: the session as the live screen showed it at any moment, played back from its events."""

from datetime import datetime, timedelta

from textual.reactive import reactive
from textual.widgets import Static

from workshop_tui.core.countdown import countdown_text
from workshop_tui.core.event_words import labels
from workshop_tui.core.replay import outside_the_session, replayed_at
from workshop_tui.core.session_engine import countdown_of, is_on_agenda
from workshop_tui.core.wording import plural
from workshop_tui.model import Session
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import pounds
from workshop_tui.ui.widgets.notes_list import note_line

SPEEDS = (1, 10, 60)


def round_so_far(panel: Panel) -> list[str]:
    """A commissioning round at this moment of the replay: scores in, the reveal, changes and awards."""
    scores = [s for s in panel.scores if s.withdrawn_at is None]
    changed = sum(1 for s in scores if s.earlier)
    revealed = f"revealed at {panel.revealed_at:%H:%M}" if panel.revealed_at else "not revealed yet"
    names = {a.id: a.organisation for a in panel.round.applications}
    lines = [
        f"The round: {plural(len(panel.round.applications), 'application')}, {plural(len(scores), 'score')} entered, {revealed}, "
        f"{changed} changed in moderation, {len(panel.agreed)} agreed.",
    ]
    if panel.awards:
        lines += ["Awards so far:"] + [
            f"  {a.at:%H:%M} {names.get(a.application, a.application)}: {a.outcome}"
            + (f" {pounds(a.amount_pence)}" if a.amount_pence else "")
            for a in sorted(panel.awards, key=lambda a: a.at)[-8:]
        ]
    return lines


class ReplayPanel(Static):
    """Shows one moment. The review screen moves the moment with the keyboard or by playing."""

    moment: reactive[datetime | None] = reactive(None)  # None until the panel is first shown

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.session = session
        self.start = session.started_at
        self.end = session.last_moment
        self.speed = 1
        self.playing = False
        # Stepping goes event by event, even when several share one second: from none, at the start.
        self.upto: int | None = 0

    def on_mount(self) -> None:
        self.moment = self.start

    @property
    def moment_shown(self) -> datetime:
        """The moment on show: the session's start until the panel is first shown, so a key pressed
        before then (play, next event) replays from the start."""
        return self.start if self.moment is None else self.moment

    def watch_moment(self) -> None:
        if self.moment is not None:
            self.update(self.describe())

    def events_so_far(self) -> int:
        return sum(1 for event in self.session.events if event.at <= self.moment_shown)

    def describe(self) -> str:
        """What the live screen showed then, in words."""
        moment = self.moment_shown
        replayed = replayed_at(self.session, moment, self.upto)
        state = replayed.state
        count = len(state.events)
        last = replayed.last_event or "nothing yet"
        if not last.endswith((".", "?", "!")):  # a note's own words may end the sentence already
            last += "."
        on_agenda = [s for s in state.steps if s.removed_at is None and is_on_agenda(s)]
        step = state.steps[state.current_step]
        number = on_agenda.index(step) + 1 if step in on_agenda else 0
        left = countdown_of(step).left(moment)
        timer = "running" if step.running_since else "paused"
        state_words = (
            "finished"
            if state.status == "finished"
            else f"{countdown_text(left)}{'' if left < 0 else ' left'}, timer {timer}"
        )
        lines = [
            f"Replay at {moment:%H:%M:%S}, between {self.start:%H:%M} and {self.end:%H:%M}. "
            f"{'Playing' if self.playing else 'Paused'} at {self.speed}x.",
            self.timeline(),
            f"Event {count} of {len(self.session.events)}: {last}",
            "",
            f"Step {number} of {len(on_agenda)}: {step.title} - {state_words}.",
            "",
            "Notes so far:" if state.notes else "No notes yet.",
        ]
        # Each note as the notes list showed it, with who said it.
        names = labels(state)
        lines += [f"  {note_line(n, names)}" for n in [n for n in state.notes if n.removed_at is None][-8:]]
        if state.decisions:
            lines += ["", "Decisions so far:"] + [f"  {d.at:%H:%M} {d.question} - {d.outcome}" for d in state.decisions]
        if state.panel is not None:
            lines += ["", *round_so_far(state.panel)]
        return "\n".join(lines)

    def timeline(self, width: int = 50) -> str:
        """Where the moment falls in the session, as a bar with the start and end times."""
        length = (self.end - self.start).total_seconds() or 1
        done = round((self.moment_shown - self.start).total_seconds() / length * width)
        return f"{self.start:%H:%M} {'█' * done}{'░' * (width - done)} {self.end:%H:%M}"

    def go_to(self, moment: datetime, upto: int | None = None) -> None:
        self.upto = upto
        moment = max(self.start, min(self.end, moment))
        if moment == self.moment:
            self.watch_moment()
        self.moment = moment
        if self.moment >= self.end:
            self.playing = False

    def jump_to(self, minute: datetime) -> str:
        """Go to a time typed as 10:45. A time outside the session moves nothing: the sentence says why."""
        outside = outside_the_session(self.session, minute)
        if not outside:
            self.go_to(minute)  # the minute the session started in goes to its start
        return outside

    def advance(self, seconds: float) -> None:
        """Move on by `seconds` of session time (playing calls this with real time times the speed)."""
        self.go_to(self.moment_shown + timedelta(seconds=seconds))

    def shown_events(self) -> int:
        return self.upto if self.upto is not None else self.events_so_far()

    def next_event(self) -> None:
        count = min(self.shown_events() + 1, len(self.session.events))
        self.go_to(self.session.events[count - 1].at, count)

    def previous_event(self) -> None:
        count = max(self.shown_events() - 1, 0)
        self.go_to(self.session.events[count - 1].at if count else self.start, count)
