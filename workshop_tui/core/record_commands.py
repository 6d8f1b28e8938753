"""What the note-taker records: people, notes, decisions and actions, each as events.

A mixin of SessionEngine: it uses the engine's session, current step and _emit.
"""

import re
from datetime import date
from typing import TYPE_CHECKING

from pydantic import ValidationError

from workshop_tui.core.clock import Clock
from workshop_tui.core.command_rules import command
from workshop_tui.core.decision_tally import check_decision
from workshop_tui.core.event_details import Details
from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.record_events import (
    AboutAction,
    AboutNote,
    AboutPerson,
    ActionAdded,
    DecisionRecorded,
    NoteChanged,
    NoteTaken,
    PersonAdded,
)
from workshop_tui.core.window_roles import RECORDERS, WRITERS
from workshop_tui.model import Action, Decision, Event, Note, Participant, Session, SessionStep
from workshop_tui.model.command_arguments import (
    LARGEST_COUNT,
    AddAction,
    AddNote,
    AddPerson,
    EditNote,
    NoArguments,
    OneAction,
    OneNote,
    OnePerson,
    RecordDecision,
)
from workshop_tui.model.event import Detail
from workshop_tui.model.note import NOTE_MARKS
from workshop_tui.model.panel import SCORING_ROLES
from workshop_tui.model.participant import PERSON_ROLES

_MENTION = re.compile(r"(?:^|(?<=\s))@(\S+)")
# What may follow a name in a sentence and is not part of it: "@Pat's idea", "@Pat, @Joyce and ...".
_AFTER_NAME = re.compile(r"(['’]s)?[.,;:!?)\]]*$")


class NotNow(Exception):
    """A command that cannot be done at the moment; the message says why, plainly."""


def squashed(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def find_person(people: list[Participant], wanted: str) -> Participant:
    """The one person whose name starts with `wanted` (spaces and case ignored), or NotNow."""
    key = squashed(wanted)
    exact = [p for p in people if p.name and squashed(p.name) == key]
    found = exact or [p for p in people if p.name and key and squashed(p.name).startswith(key)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotNow(f"There is nobody called '{wanted}' on the roster. Add them first, or leave out the @.")
    names = ", ".join(p.name for p in found)
    raise NotNow(f"'@{wanted}' could mean {names}. Type more of the name, such as @{found[0].name}.")


def parse_note(typed: str, people: list[Participant]) -> tuple[str, str, list[str]]:
    """'+ @ann Meet at the library' -> ('idea', 'Meet at the library', [ann's id])."""
    text = typed.strip()
    kind = "note"
    if text[:1] in NOTE_MARKS:
        kind, text = NOTE_MARKS[text[0]], text[1:].strip()
    text, said_by = parse_mention(text, people)
    return kind, text, said_by


def parse_mention(text: str, people: list[Participant]) -> tuple[str, list[str]]:
    """Who said it, by @name: everyone named is credited, first named first.

    One name leading the note says who said it and is taken out ('@ann Meet at the library' ->
    'Meet at the library'). Otherwise each @name stays in the words as the person's name
    ('@Joyce and @Pat both said ...' -> 'Joyce and Pat both said ...', both credited; "@pat's idea"
    -> "Pat's idea"). No @name -> (text, [])."""
    text = text.strip()
    mentions = list(_MENTION.finditer(text))
    if not mentions:
        return text, []
    found: list[tuple[int, int, Participant, str]] = []  # where each @name starts and ends, who, and what followed it
    for mention in mentions:
        found.append(_named_at(text, mention, people))
    said_by = list(dict.fromkeys(person.id for _, _, person, _ in found))
    if len(found) == 1 and found[0][0] == 0 and not found[0][3]:
        rest = text[found[0][1] :].strip()
        if rest:
            return re.sub(r"\s{2,}", " ", rest), said_by
    pieces, last = [], 0
    for start, end, person, tail in found:
        pieces += [text[last:start], (person.name or person.role) + tail]
        last = end
    pieces.append(text[last:])
    return re.sub(r"\s{2,}", " ", "".join(pieces)).strip(), said_by


def _named_at(text: str, mention: re.Match[str], people: list[Participant]) -> tuple[int, int, Participant, str]:
    """The person an @name names: its first word, or, when that is no one or more than one person,
    its first two or three words ('@Joyce Brown' when two people are called Joyce)."""
    words = list(re.finditer(r"\S+", text[mention.start(1) :]))[:3]
    first_problem: NotNow | None = None
    for count in range(1, len(words) + 1):
        span = text[mention.start(1) : mention.start(1) + words[count - 1].end()]
        after = _AFTER_NAME.search(span)
        tail = after.group(0) if after else ""
        try:
            person = find_person(people, span[: len(span) - len(tail)] or span)
        except NotNow as problem:
            first_problem = first_problem or problem
            if tail:  # "@Joyce, ..." ends the name at the comma
                break
            continue
        # "@Pat Jones said": the whole name is the mention, not "Pat" and a note that begins "Jones said".
        while not tail and count < len(words):
            longer = text[mention.start(1) : mention.start(1) + words[count].end()]
            after = _AFTER_NAME.search(longer)
            longer_tail = after.group(0) if after else ""
            key = squashed(longer[: len(longer) - len(longer_tail)] or longer)
            if not (person.name and squashed(person.name).startswith(key)):
                break
            count, tail = count + 1, longer_tail
        return mention.start(), mention.start(1) + words[count - 1].end(), person, tail
    assert first_problem is not None
    raise first_problem


def _problem(error: ValidationError, what: str) -> NotNow:
    """A model's complaint about a value, as a sentence for the user."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]).replace("_", " ") or what
    return NotNow(f"The {what}'s {where} is not right: {first['msg'].lower()}.")


def _listed(value: object) -> list[object]:
    return value if isinstance(value, list) else []


class RecordCommands:
    if TYPE_CHECKING:
        # What SessionEngine provides; declared here only so the type checker knows them.
        session: Session
        clock: Clock

        @property
        def current(self) -> SessionStep: ...

        def _emit(self, event_kind: Kind, details: Details | None = None) -> list[Event]: ...

        def make_codes(self) -> list[Event]: ...

    # People.

    @command(WRITERS, AddPerson, shared=True)
    def add_person(self, name: str, role: str = "older person", arrived: bool = True) -> list[Event]:
        if role not in PERSON_ROLES:
            raise NotNow(f"'{role}' is not a role. Choose one of: {', '.join(PERSON_ROLES)}.")
        name = name.strip()
        if len(name) > 100:
            raise NotNow("A name can be at most 100 characters long.")
        if name and any(squashed(p.name) == squashed(name) for p in self.session.participants):
            raise NotNow(f"{name} is already on the roster.")
        person_id = f"p{len(self.session.participants) + 1}"
        events = self._emit(Kind.PERSON_ADD, PersonAdded(person=person_id, name=name, role=role, arrived=arrived))
        if self.session.panel is not None and role in SCORING_ROLES:
            events += self.make_codes()  # a member who joins the panel late gets their own code too
        return events

    @command(WRITERS, OnePerson, shared=True)
    def person_arrived(self, person_id: str) -> list[Event]:
        person = self._person(person_id)
        if person.here:
            raise NotNow(f"{person.name or 'This person'} is already here.")
        return self._emit(Kind.PERSON_ARRIVE, AboutPerson(person=person.id))

    @command(WRITERS, OnePerson, shared=True)
    def person_left(self, person_id: str) -> list[Event]:
        person = self._person(person_id)
        if person.left_at is not None:
            raise NotNow(f"{person.name or 'This person'} has already left.")
        if person.arrived_at is None:
            raise NotNow(f"{person.name or 'This person'} has not arrived yet.")
        return self._emit(Kind.PERSON_LEAVE, AboutPerson(person=person.id))

    def _person(self, person_id: str) -> Participant:
        for person in self.session.participants:
            if person.id == person_id:
                return person
        raise NotNow("That person is not on the roster.")

    def present_people(self) -> list[Participant]:
        now = self.clock.now()
        return [p for p in self.session.participants if p.is_present(now)]

    # Notes.

    @command(RECORDERS, AddNote, "add a note")
    def add_note(self, typed: str) -> list[Event]:
        """A note under the current step. + ? ! > set its kind; @name says who said it."""
        kind, text, said_by = parse_note(typed, self.session.participants)
        if not text:
            raise NotNow("The note is empty, so there is nothing to save.")
        note_id = f"n{len(self.session.notes) + 1}"
        taken = NoteTaken(
            note=note_id,
            step=self.current.id,
            kind=kind,
            text=text,
            by=said_by[0] if said_by else "",
            also_by=said_by[1:],
        )
        return self._emit(Kind.NOTE_ADD, taken)

    def note_by_id(self, note_id: str) -> Note:
        for note in self.session.notes:
            if note.id == note_id:
                return note
        raise NotNow("That note cannot be found.")

    @command(RECORDERS, EditNote, "change a note")
    def edit_note(self, note_id: str, text: str) -> list[Event]:
        """New words for a note; its earlier words are kept. @name says who said it, as in add_note;
        with no @name, the note keeps who said it."""
        note = self.note_by_id(note_id)
        text, said_by = parse_mention(text, self.session.participants)
        if not text:
            raise NotNow("A note cannot be empty. To take it away, remove it instead.")
        if said_by and said_by != note.speakers:  # the edit says who said it
            changed = NoteChanged(note=note.id, text=text, by=said_by[0], also_by=said_by[1:])
        elif text != note.text:
            changed = NoteChanged(note=note.id, text=text)
        else:
            return []
        return self._emit(Kind.NOTE_EDIT, changed)

    @command(RECORDERS, OneNote, "remove a note")
    def remove_note(self, note_id: str) -> list[Event]:
        note = self.note_by_id(note_id)
        if note.removed_at is not None:
            raise NotNow("That note is already removed.")
        return self._emit(Kind.NOTE_REMOVE, AboutNote(note=note.id))

    @command(RECORDERS, NoArguments, "bring back a note")
    def undo_remove(self) -> list[Event]:
        """Bring back the note removed most recently."""
        for event in reversed(self.session.events):
            if event.kind == Kind.NOTE_REMOVE:
                note = self.note_by_id(AboutNote.of(event).note)
                if note.removed_at is not None:
                    return self._emit(Kind.NOTE_RESTORE, AboutNote(note=note.id))
        raise NotNow("There is no removed note to bring back.")

    @command(RECORDERS, OneNote, "mark a note as dealt with")
    def note_dealt_with(self, note_id: str) -> list[Event]:
        note = self.note_by_id(note_id)
        if note.dealt_with_at is not None:
            raise NotNow("That point is already marked dealt with.")
        return self._emit(Kind.NOTE_DEALT_WITH, AboutNote(note=note.id))

    # Decisions.

    @command(RECORDERS, RecordDecision, "record a decision")
    def record_decision(self, **fields: Detail | None) -> list[Event]:
        """Record a decision as the room made it. The counts are as typed in; nothing is decided here."""
        decision_id = f"d{len(self.session.decisions) + 1}"
        kept_by_the_engine = sorted(set(fields) & {"id", "at", "decision", "warnings"})
        if kept_by_the_engine:
            raise NotNow(f"A decision's {', '.join(kept_by_the_engine)} is set when it is recorded, not typed in.")
        fields.setdefault("step", self.current.id)
        if fields["step"] not in {step.id for step in self.session.steps}:
            raise NotNow("That step is not on this session's agenda.")
        people = {person.id for person in self.session.participants}
        if any(person not in people for person in _listed(fields.get("present"))) or fields.get(
            "dissent_by", ""
        ) not in people | {"", None}:
            raise NotNow("Someone named in the decision is not on the roster.")
        try:
            decision = Decision(id=decision_id, at=self.clock.now(), **fields)
        except ValidationError as error:
            raise _problem(error, "decision") from None
        counts = [
            decision.votes_for,
            decision.votes_against,
            decision.abstentions,
            decision.objections,
            decision.present_count,
        ]
        counts += [*decision.fingers, *decision.dots.values()]
        if any(count is not None and count > LARGEST_COUNT for count in counts):
            raise NotNow(f"A count can be at most {LARGEST_COUNT:,}. Please check the numbers.")
        if any(count < 0 for count in [*decision.fingers, *decision.dots.values()]):
            raise NotNow("A count cannot be less than nothing. Please check the numbers.")
        recorded: dict[str, Detail] = {key: value for key, value in fields.items() if value is not None}
        # What does not add up is said in the form and kept with the decision: the group still decides.
        if warnings := check_decision(decision, self.session.plan.quorum):
            recorded["warnings"] = warnings
        return self._emit(Kind.DECISION_ADD, DecisionRecorded(decision=decision_id, recorded=recorded))

    # Actions.

    @command(RECORDERS, AddAction, "add an action")
    def add_action(self, text: str, owner: str = "", due: date | None = None, from_note: str = "") -> list[Event]:
        text = text.strip()
        if not text:
            raise NotNow("An action needs to say what will be done.")
        if due is not None and not isinstance(due, date):
            raise NotNow("The date the action is due is not a date.")
        action_id = f"a{len(self.session.actions) + 1}"
        try:
            Action(id=action_id, at=self.clock.now(), step=self.current.id, text=text, owner=owner.strip(), due=due)
        except ValidationError as error:
            raise _problem(error, "action") from None
        added = ActionAdded(
            action=action_id,
            step=self.current.id,
            text=text,
            owner=owner.strip(),
            due=due,
            from_note=self.note_by_id(from_note).id if from_note else "",
        )
        return self._emit(Kind.ACTION_ADD, added)

    @command(RECORDERS, OneAction, "mark an action done")
    def toggle_action(self, action_id: str) -> list[Event]:
        for action in self.session.actions:
            if action.id == action_id:
                kind = Kind.ACTION_REOPEN if action.done_at is not None else Kind.ACTION_DONE
                return self._emit(kind, AboutAction(action=action.id))
        raise NotNow("That action cannot be found.")
