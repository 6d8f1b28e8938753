"""Each event in words for the trainer's replay, naming who or what it was about as the live screen and
the minutes do: "Margaret joined the roster", "a note was taken: Tea and biscuits - Dennis".

`what_happened(before, event)` reads the session as it was just before the event (a step removed, or an
application taken out, is still there to be named) and the event's own details (a person added is not).
A kind with nothing to name keeps the words of its rule (core/event_kinds.py). A kind added later is
said by those words until it has a sentence here; tests/test_event_words.py fails until then.
"""

from collections.abc import Callable

from workshop_tui.core.event_kinds import Kind, event_words
from workshop_tui.core.joining import FACILITATOR_CODE
from workshop_tui.core.panel_views import panel_event_words
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


def _detail(event: Event, name: str) -> str:
    return str(event.details.get(name, ""))


def _step(session: Session, step_id: object) -> str:
    return next((step.title for step in session.steps if step.id == str(step_id)), "")


def _current_step(session: Session, event: Event) -> str:
    """The step an event names, else the step the session was on."""
    if "step" in event.details:
        return _step(session, event.details["step"])
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


def _said_by(session: Session, event: Event) -> str:
    """Who said it, for a note event whose details name them (by, also_by)."""
    by = _detail(event, "by")
    also = event.details.get("also_by", [])
    return _said(session, [by, *(str(p) for p in also)] if isinstance(also, list) else [by]) if by else ""


def _with(words: str, thing: str) -> str:
    """'a step was skipped: Tea'; the words alone if there is nothing to name."""
    return f"{words}: {thing}" if thing else words


def _person_add(session: Session, event: Event) -> str:
    # Not on the roster yet: named as the roster will name them, numbered among those of their role.
    role = _detail(event, "role")
    joining = Participant(id=_detail(event, "person") or "new", name=_detail(event, "name"))
    if role in PERSON_ROLES:
        joining = joining.model_copy(update={"role": role})
    roster = [p for p in session.participants if p.id != joining.id] + [joining]
    name = person_labels(roster, panel=session.panel is not None)[joining.id]
    arrived = event.details.get("arrived", True)
    return f"{name} joined the roster" + ("" if arrived else " (not arrived yet)")


def _person_arrive(session: Session, event: Event) -> str:
    person = next((p for p in session.participants if p.id == _detail(event, "person")), None)
    back = person is not None and person.left_at is not None
    return f"{_who(session, _detail(event, 'person'))} {'came back' if back else 'arrived'}"


# How each kind of note came in, in words ("an idea was noted: Meet at the library - Joyce").
NOTE_TAKEN = {
    "note": "a note was taken",
    "idea": "an idea was noted",
    "question": "a question was noted",
    "concern": "a concern was noted",
    "parking": "a point went in the parking lot",
}


def _note_add(session: Session, event: Event) -> str:
    taken = NOTE_TAKEN.get(_detail(event, "kind"), NOTE_TAKEN["note"])
    return f"{taken}: {_detail(event, 'text')}{_said_by(session, event)}"


def _note_edit(session: Session, event: Event) -> str:
    note = next((note for note in session.notes if note.id == _detail(event, "note")), None)
    text = _detail(event, "text") or (note.text if note else "")
    if "by" in event.details or note is None:  # the edit named who said it (@name)
        return f"a note was changed: {text}{_said_by(session, event)}"
    return f"a note was changed: {text}{_said(session, note.speakers)}"


def _decision_add(session: Session, event: Event) -> str:
    outcome = _detail(event, "outcome")
    words = f"a decision was recorded: {_detail(event, 'question')}" + (f" - {outcome}" if outcome else "")
    dissent_by = _detail(event, "dissent_by")
    return words + (f" (dissent or concern from {_who(session, dissent_by)})" if dissent_by else "")


def _action_add(session: Session, event: Event, words: str) -> str:
    owner = _detail(event, "owner")
    return f"{words}: {_detail(event, 'text')}" + (f" ({owner})" if owner else "")


def _comment_add(session: Session, event: Event) -> str:
    on = _detail(event, "on")
    decision = next((d.question for d in session.decisions if d.id == on), "")
    # As the review's comments tab names them.
    target = f"step '{_step(session, on)}'" if _step(session, on) else f"decision '{decision}'" if decision else ""
    by = _detail(event, "by")
    return (f"{by} added a comment" if by else "a trainer added a comment") + (f" on {target}" if target else "")


def _step_extend(session: Session, event: Event) -> str:
    try:
        minutes = int(str(event.details.get("minutes", 0)))
    except ValueError:
        minutes = 0
    title = _current_step(session, event)
    if minutes > 0:
        return f"{plural(minutes, 'minute')} added to {title}"
    if minutes < 0:
        return f"{plural(-minutes, 'minute')} taken off {title}"
    return _with("time changed on this step", title)


def _agenda_insert(session: Session, event: Event) -> str:
    minutes = event.details.get("minutes")
    length = f" ({plural(minutes, 'minute')})" if isinstance(minutes, int) and not isinstance(minutes, bool) else ""
    return f"a step was added: {_detail(event, 'title')}{length}"


def _agenda_change(session: Session, event: Event) -> str:
    title = _current_step(session, event)
    changes = []
    if "title" in event.details and _detail(event, "title") != title:
        changes.append(f"now called {_detail(event, 'title')}")
    if "minutes" in event.details:
        changes.append(f"now {plural(int(str(event.details['minutes'])), 'minute')}")
    return f"a step was changed: {title}" + (f", {' and '.join(changes)}" if changes else "")


def _agenda_move(session: Session, event: Event) -> str:
    ids = [step.id for step in session.steps]
    moving, past = _detail(event, "step"), _detail(event, "past")
    way = "down" if moving in ids and past in ids and ids.index(moving) < ids.index(past) else "up"
    return f"a step was moved {way}: {_step(session, moving)}, past {_step(session, past)}"


def _session_code(session: Session, event: Event) -> str:
    # Never the code itself: the replay is read by people the code was not for.
    holder = _detail(event, "holder")
    if holder == FACILITATOR_CODE:
        return "a code to join as a co-chair was made"
    return f"a code to join with was made for {_who(session, holder)}"


def _session_share(session: Session, event: Event) -> str:
    if event.details.get("agenda"):
        return "the facilitator let the note-taker's window move the agenda, run the timer and change the roster too"
    return "the facilitator took back moving the agenda, running the timer and changing the roster"


def _session_guests(session: Session, event: Event) -> str:
    if event.details.get("allowed"):
        return "the facilitator let guests join under names not on the roster"
    return "the facilitator stopped guests joining under names not on the roster"


def _room_record(session: Session, event: Event) -> str:
    if not event.details.get("on"):
        return "the facilitator took the group's record off the projector"
    names = "with people's names" if event.details.get("names") else "without people's names"
    return f"the facilitator showed the group's record on the projector, {names}"


def _money(event: Event) -> str:
    pot = event.details.get("pot")
    return pounds(pot) if isinstance(pot, int) and not isinstance(pot, bool) else ""


def _application_add(session: Session, event: Event) -> str:
    amount = event.details.get("amount")
    money = f", {pounds(amount)}" if isinstance(amount, int) and not isinstance(amount, bool) else ""
    project = _detail(event, "project")
    return (
        f"an application was added to the round: {_detail(event, 'organisation')}"
        + (f", {project}" if project else "")
        + money
    )


def _import_undo(session: Session, event: Event) -> str:
    batch = event.details.get("batch")
    count = sum(1 for a in session.panel.round.applications if a.batch == batch) if session.panel is not None else 0
    return f"an import of {plural(count, 'application')} was undone" if count else event_words(event.kind)


def _declaration_undo(session: Session, event: Event) -> str:
    panel = session.panel
    found = next((d for d in panel.declarations if d.id == _detail(event, "declaration")), None) if panel else None
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
    order = event.details.get("applications", [])
    names = [_organisation(session, a) for a in order] if isinstance(order, list) else []
    return _with("the chair put tied applications in order", ", then ".join(n for n in names if n))


SAYINGS: dict[Kind, Saying] = {
    Kind.SESSION_FOLLOW: lambda s, e: f"this session follows on from '{_detail(e, 'title')}'",
    Kind.TIMER_START: lambda s, e: f"the timer started on {_current_step(s, e)}",
    Kind.TIMER_PAUSE: lambda s, e: f"the timer paused on {_current_step(s, e)}",
    Kind.STEP_NEXT: lambda s, e: _with("on to the next step", _step(s, e.details.get("to"))),
    Kind.STEP_PREVIOUS: lambda s, e: _with("back to the previous step", _step(s, e.details.get("to"))),
    Kind.STEP_EXTEND: _step_extend,
    Kind.SESSION_FINISH: lambda s, e: f"the session finished, on {_current_step(s, e)}",
    Kind.SESSION_REOPEN: lambda s, e: f"the finish was taken back, on {_current_step(s, e)}",
    Kind.SESSION_SHARE: _session_share,
    Kind.SESSION_GUESTS: _session_guests,
    Kind.SESSION_ROOM_RECORD: _room_record,
    Kind.SESSION_CODE: _session_code,
    Kind.AGENDA_INSERT: _agenda_insert,
    Kind.AGENDA_CHANGE: _agenda_change,
    Kind.AGENDA_SKIP: lambda s, e: _with("a step was skipped", _step(s, e.details.get("step"))),
    Kind.AGENDA_UNSKIP: lambda s, e: _with("a skipped step came back", _step(s, e.details.get("step"))),
    Kind.AGENDA_REMOVE: lambda s, e: _with("a step was removed", _step(s, e.details.get("step"))),
    Kind.AGENDA_MOVE: _agenda_move,
    Kind.NOTE_ADD: _note_add,
    Kind.NOTE_EDIT: _note_edit,
    Kind.NOTE_REMOVE: lambda s, e: _with("a note was removed", _note(s, e.details.get("note"))),
    Kind.NOTE_RESTORE: lambda s, e: _with("a note came back", _note(s, e.details.get("note"))),
    Kind.NOTE_DEALT_WITH: lambda s, e: _with("a parking-lot point was dealt with", _note(s, e.details.get("note"))),
    Kind.DECISION_ADD: _decision_add,
    Kind.ACTION_ADD: lambda s, e: _action_add(s, e, "an action was added"),
    Kind.ACTION_CARRY: lambda s, e: _action_add(s, e, "an open action was carried over from the earlier session"),
    Kind.ACTION_DONE: lambda s, e: _with("an action was done", _action(s, e.details.get("action"))),
    Kind.ACTION_REOPEN: lambda s, e: _with("an action was opened again", _action(s, e.details.get("action"))),
    Kind.PERSON_ADD: _person_add,
    Kind.PERSON_ARRIVE: _person_arrive,
    Kind.PERSON_LEAVE: lambda s, e: f"{_who(s, _detail(e, 'person'))} left",
    Kind.COMMENT_ADD: _comment_add,
    Kind.ROUND_OPEN: lambda s, e: _with("the round was opened with its pot", _money(e)),
    Kind.ROUND_POT: lambda s, e: f"the pot was changed to {_money(e)}" if _money(e) else event_words(e.kind),
    Kind.APPLICATION_ADD: _application_add,
    Kind.APPLICATION_EDIT: lambda s, e: _with(
        "an application's details were corrected", _organisation(s, e.details.get("application"))
    ),
    Kind.APPLICATION_WITHDRAW: lambda s, e: _with(
        "an application was withdrawn", _organisation(s, e.details.get("application"))
    ),
    Kind.APPLICATION_REMOVE: lambda s, e: _with(
        "an application added by mistake was removed", _organisation(s, e.details.get("application"))
    ),
    Kind.IMPORT_UNDO: _import_undo,
    Kind.DECLARATION_ADD: _panel,
    Kind.DECLARATION_UNDO: _declaration_undo,
    Kind.SCORE_ENTER: _panel,
    Kind.SCORE_CHANGE: _panel,
    Kind.SCORE_AGREE: _panel,
    Kind.AWARD_MAKE: _panel,
    Kind.MEMBER_COMMENT: lambda s, e: (
        f"{_who(s, _detail(e, 'member'))} wrote a comment on {_organisation(s, e.details.get('application'))}"
    ),
    Kind.TIE_ORDER: _tie_order,
    Kind.ROUND_CARRY: lambda s, e: _with(
        "the round came over from an earlier sitting", f"'{_detail(e, 'title')}'" if _detail(e, "title") else ""
    ),
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
