"""Turning what went wrong with a file into one plain sentence a person can act on."""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named in signatures: the commands that never validate a file (share) never load pydantic
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails


class FileProblem(Exception):
    """A file could not be used. The message names the file, where, and what to do."""

    def __init__(self, path: Path | str, where: str, what: str, todo: str):
        self.path = Path(path)
        self.where = where
        self.what = what
        self.todo = todo
        place = f"{self.path}, {where}" if where else f"{self.path}"
        super().__init__(f"{place}: {what}. {todo}")
        # Every problem found in the same file, this one first (validation finds several).
        self.all: list[FileProblem] = [self]

    @property
    def message(self) -> str:
        return str(self)


def field_path(loc: tuple[int | str, ...]) -> str:
    """('steps', 3, 'kind') -> 'steps[4].kind' (counting from 1, as people do)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "the top of the file"


_WANTED = {
    "int": "a whole number, such as 10",
    "float": "a number, such as 1.5",
    "string": "text in quotes",
    "bool": "true or false",
    "list": "a list in square brackets",
    "dict": "a table",
    "model": "a table",
    "datetime": "a date and time with its UTC offset, such as 2026-07-08T10:00:00+01:00",
    "date": "a date, such as 2026-07-15",
    "time": "a time of day, such as 10:00",
}


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _plain(error: "ErrorDetails") -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    given = _shown(error.get("input"))
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a field this app knows (check the spelling)"
    if kind == "literal_error":
        return f"is {given}, but must be one of {ctx.get('expected', '')}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"is {given}, but must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"is {given}, but must be at most {ctx.get('le', ctx.get('lt'))}"
    if kind == "string_too_short":
        return "is empty, but needs some text"
    if kind == "too_short":
        return "is empty, but needs at least one entry"
    if kind == "timezone_aware":
        return "is a date and time without a UTC offset; add one, such as +01:00"
    if kind == "string_pattern_mismatch":
        return f"is {given}, but may only hold small letters, digits and dashes"
    for name, wanted in _WANTED.items():
        if kind.startswith(name + "_"):
            return f"is {given}, but must be {wanted}"
    return f"{error['msg'][0].lower()}{error['msg'][1:]}"


def validation_problems(path: Path | str, error: "ValidationError", what: str) -> list[FileProblem]:
    """Every problem pydantic found, one FileProblem each."""
    todo = f"Fix this field in the {what} file and try again."
    return [FileProblem(path, field_path(e["loc"]), _plain(e), todo) for e in error.errors()]


class OpenElsewhere(FileProblem):
    """The session is open in another process, which holds its lock (another window may join it)."""
