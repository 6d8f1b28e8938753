"""What each command a session takes may be given: one model per command, strict about types and ranges.

The owner checks every command's arguments here before the engine sees them, whichever window sent
them, so a value of the wrong kind or far out of range is refused in a sentence and never reaches the
file. The engine still checks what depends on the session (that a note or a step exists). The screens'
forms use the same limits (the constants below).

    checked_against(AddMinutes, {"minutes": 5})      -> {"minutes": 5}
    checked_against(AddMinutes, {"minutes": 1e308})  -> ArgumentProblem("The minutes must be a whole number ...")

Which model is each command's is said beside the command, in the engine (`@command`, core/command_rules.py).
"""

import unicodedata
from datetime import date
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

# The limits, shared with the screens' forms.
SHORTEST_STEP: Final = 1  # minutes
LONGEST_STEP: Final = 600  # minutes: ten hours is more than any workshop day
MOST_MINUTES_AT_ONCE: Final = 600  # minutes added to (or taken off) a step in one go
EARLIEST_DUE: Final = date(2000, 1, 1)
LATEST_DUE: Final = date(2100, 12, 31)
LONGEST_NAME: Final = 100  # characters in a person's name or an owner
LONGEST_TITLE: Final = 200  # characters in a step's title, an organisation or a project
LONGEST_WORDS: Final = 2000  # characters in a reason, an interest or a comment
LONGEST_TEXT: Final = 10_000  # characters in a note, an action, a step's instructions or a decision's words
LONGEST_ID: Final = 50  # characters in an id ("n12", "app3")
LARGEST_COUNT: Final = 100_000  # the largest count a decision takes: more is a slip of the keyboard, not a room
LARGEST_POT_PENCE: Final = 1_000_000_000_00  # a billion pounds: more is a slip of the keyboard
MOST_STEPS: Final = 10_000  # a step's place on the agenda
MOST_APPLICATIONS: Final = 1000  # in one import
HIGHEST_LEVEL: Final = 10  # a criterion's scale never goes higher


class ArgumentProblem(ValueError):
    """A command's argument that is not right; the words say which and why, for the user."""


# Characters that reverse or isolate the direction of text: a name or a note holding one reads
# differently from what it is ("Trojan Source"), on screen and in the minutes.
BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_plain(text: str, allowed: str = "") -> bool:
    """No control character (but those `allowed`): they would garble a screen or the minutes; no
    character that turns the direction of text; and no lone surrogate, which cannot be saved at all."""
    return not any(
        ch not in allowed and (unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI_CONTROLS) for ch in text
    )


def is_plain_name(text: str) -> bool:
    """A person's name on one line, with no character that cannot be seen (a zero-width space would
    make two names that look the same)."""
    return is_plain(text) and not any(unicodedata.category(ch) == "Cf" for ch in text)


def _plain(text: str, allowed: str) -> str:
    if not is_plain(text, allowed):
        raise ValueError("it has a control character in it")
    return text


def _plus_or_minus_one(number: int) -> int:
    if number not in (-1, 1):
        raise ValueError("it must be -1 (up) or 1 (down)")
    return number


def _one_line(text: str) -> str:
    return _plain(text, "")


def _name(text: str) -> str:
    if not is_plain_name(text):
        raise ValueError("it has a control character or a character that cannot be seen in it")
    return text


def _lines(text: str) -> str:
    return _plain(text, "\n\t")


# Text on one line (a name, a title) or over several (a note), each with its longest.
Name = Annotated[str, Field(max_length=LONGEST_NAME), AfterValidator(_name)]
Title = Annotated[str, Field(max_length=LONGEST_TITLE), AfterValidator(_one_line)]
Words = Annotated[str, Field(max_length=LONGEST_WORDS), AfterValidator(_lines)]
Text = Annotated[str, Field(max_length=LONGEST_TEXT), AfterValidator(_lines)]
Id = Annotated[str, Field(min_length=1, max_length=LONGEST_ID), AfterValidator(_one_line)]
Choice = Annotated[
    str, Field(max_length=40), AfterValidator(_one_line)
]  # a kind, a role, a method, an outcome: the engine names the choices
Minutes = Annotated[int, Field(ge=SHORTEST_STEP, le=LONGEST_STEP)]
Index = Annotated[int, Field(ge=0, le=MOST_STEPS)]
Count = Annotated[int, Field(ge=0, le=LARGEST_COUNT)]
Pence = Annotated[int, Field(ge=1, le=LARGEST_POT_PENCE)]
Level = Annotated[int, Field(ge=0, le=HIGHEST_LEVEL)]
Due = Annotated[date, Field(ge=EARLIEST_DUE, le=LATEST_DUE)]


class Arguments(BaseModel):
    """A command's arguments: nothing unknown, nothing of another type (no "no" for False, no 1.0 for 1)."""

    # defer_build: each model's checker is built when its command is first sent, not at launch (the 34
    # models took about 40 ms of every launch to build; a command's first use builds its own in 1 to 3 ms).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class ShareAgenda(Arguments):
    agenda: bool  # True: the note-taker may run the agenda and roster too; False: only the facilitator


class AllowGuests(Arguments):
    allowed: bool  # True: a window may join under a name not on the roster, as a guest


class RoomRecord(Arguments):
    on: bool  # True: this step's notes, decisions and actions show on the projector as they are typed
    names: bool = False  # True: with who said it and who does it; False: names replaced by roles


class NoArguments(Arguments):
    pass


class AddMinutes(Arguments):
    minutes: Annotated[int, Field(ge=-MOST_MINUTES_AT_ONCE, le=MOST_MINUTES_AT_ONCE)] = 1
    step: Id | None = None  # the step the person saw as current: refused if the session has moved on


class MoveOn(Arguments):
    from_step: Id | None = None  # the step the person saw as current: refused if the session has moved on


class InsertStep(Arguments):
    title: Title
    minutes: Minutes
    kind: Choice = "activity"
    instructions: Text = ""
    prompts: Annotated[list[Words], Field(max_length=50)] | None = None
    decides_by: Choice = ""
    method: Choice = ""


# A step is named by its id (what the person chose), or by its place in the agenda (older windows).
class ChangeStep(Arguments):
    index: Index | None = None
    step: Id | None = None
    title: Title | None = None
    minutes: Minutes | None = None


class OneStep(Arguments):
    index: Index | None = None
    step: Id | None = None


class SkipStep(OneStep):
    skip: bool | None = None  # True: skip it; False: bring it back (None: whichever it is not)


class MoveStep(Arguments):
    index: Index | None = None
    step: Id | None = None
    direction: Annotated[int, AfterValidator(_plus_or_minus_one)]


class AddPerson(Arguments):
    name: Name
    role: Choice = "older person"
    arrived: bool = True


class OnePerson(Arguments):
    person_id: Id


class AddNote(Arguments):
    typed: Text


class EditNote(Arguments):
    note_id: Id
    text: Text


class OneNote(Arguments):
    note_id: Id


class RecordDecision(Arguments):
    step: Id | None = None
    question: Text | None = None
    method: Choice | None = None
    votes_for: Count | None = None
    votes_against: Count | None = None
    abstentions: Count | None = None
    objections: Count | None = None
    fingers: Annotated[list[Count], Field(max_length=6)] | None = None
    dots: Annotated[dict[Title, Count], Field(max_length=100)] | None = None
    present: Annotated[list[Id], Field(max_length=LARGEST_COUNT)] | None = None
    present_count: Count | None = None
    outcome: Choice | None = None
    statement: Text | None = None
    reasons: Text | None = None
    dissent: Text | None = None
    dissent_by: Annotated[str, Field(max_length=LONGEST_ID), AfterValidator(_one_line)] | None = None
    made_by: Choice | None = None


class AddAction(Arguments):
    text: Text
    owner: Name = ""
    due: Due | None = None
    from_note: Annotated[str, Field(max_length=LONGEST_ID), AfterValidator(_one_line)] = ""


class OneAction(Arguments):
    action_id: Id


class OpenRound(Arguments):
    pot_pence: Pence
    tie_break: Choice = ""


class ChangePot(Arguments):
    pot_pence: Pence
    reason: Words


class AddApplication(Arguments):
    organisation: Title
    project: Title
    amount_pence: Pence
    area: Title = ""
    summary: Words = ""
    link: Words = ""


class AddApplications(Arguments):
    applications: Annotated[list[AddApplication], Field(min_length=1, max_length=MOST_APPLICATIONS)]
    imported: bool = False  # from one file: undone together until scoring starts


class EditApplication(Arguments):
    application: Id
    reason: Words
    organisation: Title | None = None
    project: Title | None = None
    amount_pence: Pence | None = None
    area: Title | None = None
    summary: Words | None = None
    link: Words | None = None


class WithdrawApplication(Arguments):
    application: Id
    reason: Words


class RemoveApplication(Arguments):
    application: Id
    reason: Words = ""


class UndoDeclaration(Arguments):
    declaration: Id
    reason: Words


class AddComment(Arguments):
    member: Id
    application: Id
    text: Words


class OrderTie(Arguments):
    applications: Annotated[list[Id], Field(min_length=2, max_length=MOST_APPLICATIONS)]
    reason: Words


class DeclareInterest(Arguments):
    member: Id
    application: Id
    interest: Words


class DeclareNoInterests(Arguments):
    member: Id


class EnterScore(Arguments):
    member: Id
    application: Id
    criterion: Id
    level: Level | None = None  # None: "no score"
    comment: Words = ""
    # Yes, type over a score the member typed in their own window (the person was asked first).
    over_own: bool = False


class ChangeScore(Arguments):
    member: Id
    application: Id
    criterion: Id
    level: Level | None = None
    reason: Words


class AgreeScore(Arguments):
    application: Id
    criterion: Id
    level: Level
    reason: Words = ""


class MakeAward(Arguments):
    application: Id
    outcome: Choice
    reason: Words
    amount_pence: Pence | None = None
    departure_reason: Words = ""


# What each field is called in a sentence, where its name alone would not do.
_WORDS: Final[dict[str, str]] = {
    "typed": "note",
    "pot_pence": "pot",
    "amount_pence": "amount",
    "person_id": "person",
    "note_id": "note",
    "action_id": "action",
    "due": "date it is due",
    "index": "step",
    "arrived": "answer to 'arrived'",
}


# What a value of the wrong type must be instead.
_MUST: Final[dict[str, str]] = {
    "int_type": "a whole number",
    "bool_type": "yes or no (true or false)",
    "string_type": "text",
    "string_unicode": "text that can be saved",
    "date_type": "a date",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "int_from_float": "a whole number",
}


def checked_against(model: type[Arguments], args: dict[str, Any]) -> dict[str, Any]:
    """`args` checked against a command's model; only those given, so the engine's defaults stand.
    Raises ArgumentProblem with one sentence for the user."""
    try:
        checked = model.model_validate(args)
    except ValidationError as error:
        raise ArgumentProblem(_sentence(error)) from None
    return checked.model_dump(exclude_unset=True)


def _sentence(error: ValidationError) -> str:
    # Never the value itself: it may be long, or session text on a projector.
    errors = error.errors()
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])  # a misspelt name says so
    where = [str(part) for part in first["loc"] if not str(part).isdigit()]
    field = _WORDS.get(where[-1], where[-1].replace("_", " ")) if where else "command"
    kind, context = first["type"], first.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"That command takes no '{field}'."
    if kind == "missing":
        return f"The {field} is missing."
    if kind in ("greater_than_equal", "greater_than"):
        return f"The {field} must be at least {context.get('ge', context.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"The {field} must be at most {context.get('le', context.get('lt'))}."
    if kind == "string_too_long":
        return f"The {field} is too long: at most {context.get('max_length'):,} characters."
    if kind == "too_long":
        return f"The {field} can have at most {context.get('max_length'):,}."
    if kind in _MUST:
        return f"The {field} must be {_MUST[kind]}."
    if kind == "value_error":
        return f"The {field} cannot be used: {context.get('error', 'it is not right')!s}."
    return f"The {field} is not right: {str(first['msg']).rstrip('.').lower()}."
