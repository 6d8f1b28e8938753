"""Each event in words for the trainer's replay, naming who or what it was about as the live screen and
the minutes do: "Margaret joined the roster", "a note was taken: Tea and biscuits - Dennis".

`what_happened(before, event)` reads the session as it was just before the event (a step removed, or an
application taken out, is still there to be named) and the event's own details (a person added is not).
A kind with nothing to name keeps the words of its rule (core/event_kinds.py). A kind added later is
said by those words until it has a sentence here; tests/test_event_words.py fails until then.
The details are read in the shape each kind declares beside its rule (core/event_details.py).
"""

from collections.abc import Callable

from workshop_tui.core.event_kinds import Kind, event_words
from workshop_tui.core.joining import FACILITATOR_CODE
from workshop_tui.core.panel_events import (
    AboutApplication,
    ApplicationAdded,
    DeclarationUndone,
    ImportUndone,
    MemberCommented,
    PotChanged,
    RoundCarried,
    RoundOpened,
    TieOrdered,
)
from workshop_tui.core.panel_views import panel_event_words
from workshop_tui.core.record_events import (
    AboutAction,
    AboutNote,
    AboutPerson,
    ActionAdded,
    ActionCarried,
    CommentAdded,
    DecisionRecorded,
    NoteChanged,
    NoteTaken,
    PersonAdded,
    SessionFollowed,
)
from workshop_tui.core.session_events import (
    AboutStep,
    CodeMade,
    GuestsChanged,
    RoomRecordChanged,
    SharingChanged,
    StepAdded,
    StepChanged,
    StepEdited,
    StepExtended,
    StepMoved,
    StepOnShow,
)
from workshop_tui.core.wording import names_and, plural
from workshop_tui.model import Event, Participant, Session
from workshop_tui.model.participant import PERSON_ROLES, person_labels
from workshop_tui.model.round import pounds

Saying = Callable[[Session, Event], str]

# Kinds that are about the session as a whole: their rule's words say all there is.
NOTHING_TO_NAME = frozenset({Kind.SESSION_START, Kind.SCORES_REVEAL})

NOT_ON_THE_ROSTER = "a person not on the roster"


def labels(session: Session) -> dict[str, str]:
    """What each person is called, as the minutes call them: their name, else their role and a number."""
    return person_labels(session.participants, panel=session.panel is not None)


def _who(session: Session, person: object) -> str:
    return labels(session).get(str(person), NOT_ON_THE_ROSTER)


def _step(session: Session, step_id: object) -> str:
    return next((step.title for step in session.steps if step.id == str(step_id)), "")


def _current_step(session: Session, step_id: str) -> str:
    """The step an event names, else ("") the step the session was on."""
    if step_id:
        return _step(session, step_id)
    return session.steps[session.current_step].title if session.steps else ""


def _said(session: Session, speakers: list[str]) -> str:
    """' - Dennis and Priya' after a note's words, as the notes list shows who said it; '' for no one."""
    return f" - {names_and([_who(session, p) for p in speakers])}" if speakers else ""


def _note(session: Session, note_id: object) -> str:
    """A note as the notes list shows it: its words, then who said it ("Big print - Margaret")."""
    note = next((note for note in session.notes if note.id == str(note_id)), None)
    return note.text + _said(session, note.speakers) if note is not None else ""


def _action(session: Session, action_id: object) -> str:
    found = next((a for a in session.actions if a.id == str(action_id)), None)
    if found is None:
        return ""
    return found.text + (f" ({found.owner})" if found.owner else "")


def _organisation(session: Session, application: object) -> str:
    if session.panel is None:
        return ""
    return next((a.organisation for a in session.panel.round.applications if a.id == str(application)), "")


def _said_by(session: Session, by: str, also_by: list[str]) -> str:
    """Who said it, for a note event whose details name them."""
    return _said(session, [by, *also_by]) if by else ""


def _with(words: str, thing: str) -> str:
    """'a step was skipped: Tea'; the words alone if there is nothing to name."""
    return f"{words}: {thing}" if thing else words


def _person_add(session: Session, event: Event) -> str:
    # Not on the roster yet: named as the roster will name them, numbered among those of their role.
    added = PersonAdded.of(event)
    joining = Participant(id=added.person or "new", name=added.name)
    if added.role in PERSON_ROLES:
        joining = joining.model_copy(update={"role": added.role})
    roster = [p for p in session.participants if p.id != joining.id] + [joining]
    name = person_labels(roster, panel=session.panel is not None)[joining.id]
    return f"{name} joined the roster" + ("" if added.arrived else " (not arrived yet)")


def _person_arrive(session: Session, event: Event) -> str:
    arrived = AboutPerson.of(event)
    person = next((p for p in session.participants if p.id == arrived.person), None)
    back = person is not None and person.left_at is not None
    return f"{_who(session, arrived.person)} {'came back' if back else 'arrived'}"


# How each kind of note came in, in words ("an idea was noted: Meet at the library - Joyce").
NOTE_TAKEN = {
    "note": "a note was taken",
    "idea": "an idea was noted",
    "question": "a question was noted",
    "concern": "a concern was noted",
    "parking": "a point went in the parking lot",
}


def _note_add(session: Session, event: Event) -> str:
    note = NoteTaken.of(event)
    taken = NOTE_TAKEN.get(note.kind, NOTE_TAKEN["note"])
    return f"{taken}: {note.text}{_said_by(session, note.by, note.also_by)}"


def _note_edit(session: Session, event: Event) -> str:
    changed = NoteChanged.of(event)
    note = next((note for note in session.notes if note.id == changed.note), None)
    text = changed.text or (note.text if note else "")
    if changed.by is not None or note is None:  # the edit named who said it (@name)
        return f"a note was changed: {text}{_said_by(session, changed.by or '', changed.also_by or [])}"
    return f"a note was changed: {text}{_said(session, note.speakers)}"


def _decision_add(session: Session, event: Event) -> str:
    # Its words are read as the decision was made (model/decision.py), from the details as they were recorded.
    recorded = DecisionRecorded.of(event).recorded
    outcome, question = str(recorded.get("outcome", "")), str(recorded.get("question", ""))
    words = f"a decision was recorded: {question}" + (f" - {outcome}" if outcome else "")
    dissent_by = str(recorded.get("dissent_by", ""))
    return words + (f" (dissent or concern from {_who(session, dissent_by)})" if dissent_by else "")


def _action_add(words: str, text: str, owner: str) -> str:
    return f"{words}: {text}" + (f" ({owner})" if owner else "")


def _comment_add(session: Session, event: Event) -> str:
    comment = CommentAdded.of(event)
    on = comment.on
    decision = next((d.question for d in session.decisions if d.id == on), "")
    # As the review's comments tab names them.
    target = f"step '{_step(session, on)}'" if _step(session, on) else f"decision '{decision}'" if decision else ""
    by = comment.by
    return (f"{by} added a comment" if by else "a trainer added a comment") + (f" on {target}" if target else "")


def _step_extend(session: Session, event: Event) -> str:
    extended = StepExtended.of(event)
    minutes = extended.minutes
    title = _current_step(session, extended.step)
    if minutes > 0:
        return f"{plural(minutes, 'minute')} added to {title}"
    if minutes < 0:
        return f"{plural(-minutes, 'minute')} taken off {title}"
    return _with("time changed on this step", title)


def _agenda_insert(session: Session, event: Event) -> str:
    added = StepAdded.of(event)
    return f"a step was added: {added.title} ({plural(added.minutes, 'minute')})"


def _agenda_change(session: Session, event: Event) -> str:
    edited = StepEdited.of(event)
    title = _current_step(session, edited.step)
    changes = []
    if edited.title is not None and edited.title != title:
        changes.append(f"now called {edited.title}")
    if edited.minutes is not None:
        changes.append(f"now {plural(edited.minutes, 'minute')}")
    return f"a step was changed: {title}" + (f", {' and '.join(changes)}" if changes else "")


def _agenda_move(session: Session, event: Event) -> str:
    ids = [step.id for step in session.steps]
    moved = StepMoved.of(event)
    moving, past = moved.step, moved.past
    way = "down" if moving in ids and past in ids and ids.index(moving) < ids.index(past) else "up"
    return f"a step was moved {way}: {_step(session, moving)}, past {_step(session, past)}"


def _session_code(session: Session, event: Event) -> str:
    # Never the code itself: the replay is read by people the code was not for.
    holder = CodeMade.of(event).holder
    if holder == FACILITATOR_CODE:
        return "a code to join as a co-chair was made"
    return f"a code to join with was made for {_who(session, holder)}"


def _session_share(session: Session, event: Event) -> str:
    if SharingChanged.of(event).agenda:
        return "the facilitator let the note-taker's window move the agenda, run the timer and change the roster too"
    return "the facilitator took back moving the agenda, running the timer and changing the roster"


def _session_guests(session: Session, event: Event) -> str:
    if GuestsChanged.of(event).allowed:
        return "the facilitator let guests join under names not on the roster"
    return "the facilitator stopped guests joining under names not on the roster"


def _room_record(session: Session, event: Event) -> str:
    room = RoomRecordChanged.of(event)
    if not room.on:
        return "the facilitator took the group's record off the projector"
    names = "with people's names" if room.names else "without people's names"
    return f"the facilitator showed the group's record on the projector, {names}"


def _money(pot: int | None) -> str:
    return pounds(pot) if pot is not None else ""


def _application_add(session: Session, event: Event) -> str:
    added = ApplicationAdded.of(event)
    money = f", {pounds(added.amount)}" if added.amount is not None else ""
    project = added.project
    return f"an application was added to the round: {added.organisation}" + (f", {project}" if project else "") + money


def _import_undo(session: Session, event: Event) -> str:
    batch = ImportUndone.of(event).batch
    count = sum(1 for a in session.panel.round.applications if a.batch == batch) if session.panel is not None else 0
    return f"an import of {plural(count, 'application')} was undone" if count else event_words(event.kind)


def _declaration_undo(session: Session, event: Event) -> str:
    panel = session.panel
    undone = DeclarationUndone.of(event)
    found = next((d for d in panel.declarations if d.id == undone.declaration), None) if panel else None
    if found is None:
        return event_words(event.kind)
    who = _who(session, found.member)
    if found.application:
        return f"{who}'s declared interest in {_organisation(session, found.application)} was undone, as made in error"
    return f"{who}'s word that they had no interests was undone, as made in error"


def _panel(session: Session, event: Event) -> str:
    """The panel's own words for a score, an agreed score, a declaration or an award (core/panel_views.py)."""
    return panel_event_words(session, event.kind, dict(event.details)) or event_words(event.kind)


def _tie_order(session: Session, event: Event) -> str:
    names = [_organisation(session, a) for a in TieOrdered.of(event).applications]
    return _with("the chair put tied applications in order", ", then ".join(n for n in names if n))


def _pot_changed(session: Session, event: Event) -> str:
    money = _money(PotChanged.of(event).pot)
    return f"the pot was changed to {money}" if money else event_words(event.kind)


def _round_carried(session: Session, event: Event) -> str:
    title = RoundCarried.of(event).title
    return _with("the round came over from an earlier sitting", f"'{title}'" if title else "")


def _application(session: Session, event: Event) -> str:
    """The organisation an application's correction, withdrawal or removal names (each names one)."""
    return _organisation(session, AboutApplication.of(event).application)


SAYINGS: dict[Kind, Saying] = {
    Kind.SESSION_FOLLOW: lambda s, e: f"this session follows on from '{SessionFollowed.of(e).title}'",
    Kind.TIMER_START: lambda s, e: f"the timer started on {_current_step(s, StepOnShow.of(e).step)}",
    Kind.TIMER_PAUSE: lambda s, e: f"the timer paused on {_current_step(s, StepOnShow.of(e).step)}",
    Kind.STEP_NEXT: lambda s, e: _with("on to the next step", _step(s, StepChanged.of(e).to)),
    Kind.STEP_PREVIOUS: lambda s, e: _with("back to the previous step", _step(s, StepChanged.of(e).to)),
    Kind.STEP_EXTEND: _step_extend,
    Kind.SESSION_FINISH: lambda s, e: f"the session finished, on {_current_step(s, StepOnShow.of(e).step)}",
    Kind.SESSION_REOPEN: lambda s, e: f"the finish was taken back, on {_current_step(s, StepOnShow.of(e).step)}",
    Kind.SESSION_SHARE: _session_share,
    Kind.SESSION_GUESTS: _session_guests,
    Kind.SESSION_ROOM_RECORD: _room_record,
    Kind.SESSION_CODE: _session_code,
    Kind.AGENDA_INSERT: _agenda_insert,
    Kind.AGENDA_CHANGE: _agenda_change,
    Kind.AGENDA_SKIP: lambda s, e: _with("a step was skipped", _step(s, AboutStep.of(e).step)),
    Kind.AGENDA_UNSKIP: lambda s, e: _with("a skipped step came back", _step(s, AboutStep.of(e).step)),
    Kind.AGENDA_REMOVE: lambda s, e: _with("a step was removed", _step(s, AboutStep.of(e).step)),
    Kind.AGENDA_MOVE: _agenda_move,
    Kind.NOTE_ADD: _note_add,
    Kind.NOTE_EDIT: _note_edit,
    Kind.NOTE_REMOVE: lambda s, e: _with("a note was removed", _note(s, AboutNote.of(e).note)),
    Kind.NOTE_RESTORE: lambda s, e: _with("a note came back", _note(s, AboutNote.of(e).note)),
    Kind.NOTE_DEALT_WITH: lambda s, e: _with("a parking-lot point was dealt with", _note(s, AboutNote.of(e).note)),
    Kind.DECISION_ADD: _decision_add,
    Kind.ACTION_ADD: lambda s, e: _action_add("an action was added", ActionAdded.of(e).text, ActionAdded.of(e).owner),
    Kind.ACTION_CARRY: lambda s, e: _action_add(
        "an open action was carried over from the earlier session", ActionCarried.of(e).text, ActionCarried.of(e).owner
    ),
    Kind.ACTION_DONE: lambda s, e: _with("an action was done", _action(s, AboutAction.of(e).action)),
    Kind.ACTION_REOPEN: lambda s, e: _with("an action was opened again", _action(s, AboutAction.of(e).action)),
    Kind.PERSON_ADD: _person_add,
    Kind.PERSON_ARRIVE: _person_arrive,
    Kind.PERSON_LEAVE: lambda s, e: f"{_who(s, AboutPerson.of(e).person)} left",
    Kind.COMMENT_ADD: _comment_add,
    Kind.ROUND_OPEN: lambda s, e: _with("the round was opened with its pot", _money(RoundOpened.of(e).pot)),
    Kind.ROUND_POT: _pot_changed,
    Kind.APPLICATION_ADD: _application_add,
    Kind.APPLICATION_EDIT: lambda s, e: _with("an application's details were corrected", _application(s, e)),
    Kind.APPLICATION_WITHDRAW: lambda s, e: _with("an application was withdrawn", _application(s, e)),
    Kind.APPLICATION_REMOVE: lambda s, e: _with("an application added by mistake was removed", _application(s, e)),
    Kind.IMPORT_UNDO: _import_undo,
    Kind.DECLARATION_ADD: _panel,
    Kind.DECLARATION_UNDO: _declaration_undo,
    Kind.SCORE_ENTER: _panel,
    Kind.SCORE_CHANGE: _panel,
    Kind.SCORE_AGREE: _panel,
    Kind.AWARD_MAKE: _panel,
    Kind.MEMBER_COMMENT: lambda s, e: (
        f"{_who(s, MemberCommented.of(e).member)} wrote a comment on {_organisation(s, MemberCommented.of(e).application)}"
    ),
    Kind.TIE_ORDER: _tie_order,
    Kind.ROUND_CARRY: _round_carried,
}


def what_happened(before: Session, event: Event) -> str:
    """`event` in words, naming the person, step or thing it was about; `before` is the session just before it."""
    saying = SAYINGS.get(Kind(event.kind)) if event.kind in SAYINGS else None
    if saying is None:
        return event_words(event.kind)
    try:
        return saying(before, event)
    except (KeyError, ValueError, TypeError, IndexError):
        return event_words(event.kind)  # a hand-edited file's odd details: the plain words, never a crash


__all__ = ["NOTHING_TO_NAME", "SAYINGS", "what_happened"]
