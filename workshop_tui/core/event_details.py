"""The details of an event, typed. Each kind declares the shape of its details once, beside its rule
(session_events.py, record_events.py, panel_events.py), as a subclass of `Details` with a field a key
(declared as a frozen dataclass's would be, and checked as one):

    class AboutNote(Details):
        note: str  # the note's id

This file is the one place that turns an event's plain dict (what the file stores) into its shape,
`AboutNote.of(event)`, and back, `AboutNote(note="n3").plain()`. A field's key in the file is its
name, less a trailing "_" (`from_` is stored as "from", a word Python keeps for itself), and the
fields are in the order the file stores the keys.

Reading does what each rule did when it read the dict itself, so every file loads as it did:
- a field without a default must be there: a KeyError naming it, as `details["note"]` gave;
- a field with a default takes it when the key is missing (older files leave some out);
- a field that defaults to None is None when missing: the key's absence means something
  (an edit that does not change the title);
- a value is turned into the field's type as the rules turned it: str() for words, bool() for
  yes or no, and for the rest the readers below, named by `Annotated` (`Minutes`, `Whole`, ...).
Writing leaves out a field that is None (TOML has no null), and one marked LEFT_OUT_WHEN_EMPTY that
is empty, so the commands write the same dicts, byte for byte, as before the shapes.

Why shapes like dataclasses and not pydantic models: pydantic would check each value strictly (a number where
words are expected is refused) where the rules took str() of it, so some files that load today
would not; and every event of a session is read again each time it is opened, so the reading has
to be cheap.
"""

from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, field
from datetime import date, datetime
from typing import Annotated, Self, dataclass_transform, get_args, get_origin, get_type_hints

from workshop_tui.model import Event
from workshop_tui.model.event import Detail

# Turns one value from the file into a field's value; given the key too, to name it in an error.
Read = Callable[[str, Detail], object]


def _words(key: str, value: Detail) -> str:
    return str(value)


def _yes_no(key: str, value: Detail) -> bool:
    return bool(value)


def _as_is(key: str, value: Detail) -> Detail:
    return value


def _minutes(key: str, value: Detail) -> int:
    """A count of minutes, as int() reads it (a number or its digits)."""
    if isinstance(value, int | float | str):
        return int(value)
    raise TypeError(f"{value!r} is not a number")


def _whole(key: str, value: Detail) -> int:
    """A whole number of pence, a batch or a level: nothing else passes for one."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"the event's {key} is not a whole number")
    return value


def _level(key: str, value: Detail) -> int | None:
    """A score's level; anything else is "no score" (TOML has no null: a score without one leaves the key out)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _names(key: str, value: Detail) -> list[str]:
    """Ids of people or things; anything but a list is none."""
    return [str(item) for item in value] if isinstance(value, list) else []


def _list_of_words(key: str, value: Detail) -> list[str]:
    """A list that must be one, such as the prompts of a step added from the method library."""
    if isinstance(value, list):
        return [str(item) for item in value]
    raise TypeError(f"{value!r} is not a list of words")


def _time(key: str, value: Detail) -> datetime | None:
    """A time with its offset from UTC; anything else is none."""
    return value if isinstance(value, datetime) and value.tzinfo is not None else None


def _day(key: str, value: Detail) -> date | None:
    return value if isinstance(value, date) else None


Minutes = Annotated[int, _minutes]
MinutesIfSaid = Annotated[int | None, _minutes]
Whole = Annotated[int, _whole]
WholeIfSaid = Annotated[int | None, _whole]
Level = Annotated[int | None, _level]
Names = Annotated[list[str], _names]
NamesIfSaid = Annotated[list[str] | None, _names]
ListOfWords = Annotated[list[str], _list_of_words]
Time = Annotated[datetime | None, _time]
Day = Annotated[date | None, _day]
AsIs = Annotated[Detail, _as_is]

# Marks a field the event leaves out when it is empty ("", [], 0), as the commands always have:
#     area: str = field(default="", metadata=LEFT_OUT_WHEN_EMPTY)
LEFT_OUT_WHEN_EMPTY = {"left out when empty": True}

_PLAIN: dict[object, Read] = {str: _words, str | None: _words, bool: _yes_no, bool | None: _yes_no}

# (the field's name, its key in the file, how its value is read (None: as words, str()), whether it
# must be there, its default, what makes its default when that is a list (made anew for each event),
# and whether it is left out of the file when it is empty)
_Field = tuple[str, str, Read | None, bool, object, Callable[[], object] | None, bool]
_FIELDS: dict[type, list[_Field]] = {}


def _unreadable(why: str) -> Read:
    """A field with no reader can still be made (a shape with its own `read` fills it), not read."""

    def refuse(key: str, value: Detail) -> object:
        raise TypeError(why)

    return refuse


def _fields_of(shape: type) -> list[_Field]:
    """The fields a shape declares, in order (a base class's first), worked out once a shape."""
    found = _FIELDS.get(shape)
    if found is None:
        found = []
        for name, hint in get_type_hints(shape, include_extras=True).items():
            read = get_args(hint)[1] if get_origin(hint) is Annotated else _PLAIN.get(hint)
            if read is None:
                read = _unreadable(f"{shape.__name__}.{name}: no way to read a {hint} from a file")
            declared = getattr(shape, name, MISSING)
            if isinstance(declared, Field):
                default, make = declared.default, declared.default_factory
                left_out = bool(declared.metadata.get("left out when empty"))
            else:
                default, make, left_out = declared, MISSING, False
            required = default is MISSING and make is MISSING
            key = name.rstrip("_")
            made = None if make is MISSING else make
            found.append((name, key, None if read is _words else read, required, default, made, left_out))
        _FIELDS[shape] = found
    return found


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Details:
    """What an event of one kind says; its fields are its keys, in the order the file stores them.

    A shape is declared as a subclass with annotated fields, like a frozen dataclass of keyword
    fields, and the type checker treats it as one (nothing may change a shape once made). It is not
    made by `dataclass` when the program runs: that writes and compiles four or five methods for each
    of the 39 shapes, which added about 18 ms to every launch; the few methods here serve them all."""

    def __init__(self, **values: object) -> None:
        for name, _key, _read, required, default, make, _left_out in _fields_of(type(self)):
            if name in values:
                self.__dict__[name] = values.pop(name)
            elif required:
                raise TypeError(f"{type(self).__name__} needs {name}")
            else:
                self.__dict__[name] = default if make is None else make()
        if values:
            raise TypeError(f"{type(self).__name__} has no {', '.join(values)}")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]  # equal by value, with lists inside: never a key

    def __repr__(self) -> str:
        said = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({said})"

    @classmethod
    def read(cls, details: Mapping[str, Detail]) -> Self:
        # Made without calling __init__, straight into the new object's fields: a frozen dataclass's
        # __init__ sets each through object.__setattr__, which made replaying a session's events a
        # fifth slower. Each value is read as its field's annotation says, so __init__ would add nothing.
        shape = cls.__new__(cls)
        values = shape.__dict__
        for name, key, read, required, default, make, _left_out in _fields_of(cls):
            value = details.get(key)  # never None in an event: TOML has no null
            if value is None:
                if required:
                    raise KeyError(key)
                values[name] = default if make is None else make()
            elif read is None:
                values[name] = value if type(value) is str else str(value)
            else:
                values[name] = read(key, value)
        return shape

    @classmethod
    def of(cls, event: Event) -> Self:
        return cls.read(event.details)

    def plain(self) -> dict[str, Detail]:
        """The dict the file stores: every field in order, less those that are None (TOML has no null)
        and those marked LEFT_OUT_WHEN_EMPTY that are empty."""
        plain: dict[str, Detail] = {}
        for name, key, *_how, left_out in _fields_of(type(self)):
            value = getattr(self, name)
            if value is not None and (value or not left_out):
                plain[key] = value
        return plain


class NoDetails(Details):
    """The shape of a kind whose events say nothing more than their kind and time."""
