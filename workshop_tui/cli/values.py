"""The values typed on the command line, checked before anything is read or made: anything that is
not plain text, or too long for what it names, is refused in one sentence."""

import argparse
import os
import unicodedata

from workshop_tui.cli.usage_problem import UsageProblem
from workshop_tui.model.session_start import SessionStart
from workshop_tui.store.sessions_dir import ENV_VAR
from workshop_tui.store.settings import theme_problem

# Each value a person can type, as the messages name it. Text values are trimmed and kept.
_VALUES = {
    "sessions_dir": "the folder after --sessions-dir",
    "plan": "the PLAN",
    "session": "the SESSION",
    "follows": "the SESSION after --follows",
    "output": "the file after -o",
    "title": "the title after --title",
    "facilitator": "the name after --facilitator",
    "note_taker": "the name after --note-taker",
    "name": "the name after --name",
    "host": "the address after --host",
    "plan_name": "the plan's NAME",
    "copy_of": "the PLAN after --from",
    "start": "the time after --start",
    "date": "the date after --date",
}
_TEXT = ("title", "facilitator", "note_taker", "name")
_NOT_PATHS = (*_TEXT, "host", "start", "date")
# Line and paragraph separators break a line as a new line does.
_BREAKS = {"\u2028", "\u2029"}


def _longest(field: str) -> int | None:
    known = SessionStart.model_fields.get(field)
    for rule in known.metadata if known else []:
        longest = getattr(rule, "max_length", None)
        if isinstance(longest, int):
            return longest
    return None


def value_problem(label: str, value: str, longest: int | None = None) -> str | None:
    """Why a value typed on the command line cannot be used, in words, or None if it can."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates: the shell passed bytes that are not UTF-8, such as $'\xff'.
        return f"{label} is not UTF-8 text (it has bytes from another encoding); type it again in a UTF-8 terminal"
    if not value.strip():
        return f"{label} is empty; give one, or leave it out"
    if any(unicodedata.category(ch) == "Cc" or ch in _BREAKS for ch in value):
        return f"{label} has a control character in it, such as a new line, a tab or a terminal escape; type it on one line as plain text"
    if longest is not None and len(value.strip()) > longest:
        return f"{label} is {len(value.strip())} characters long, but may be at most {longest}; make it shorter"
    return None


# A file's or folder's name can be at most 255 bytes, and a whole path about 4,000, on the systems it runs on.
LONGEST_NAME, LONGEST_PATH = 255, 4000


def path_problem(label: str, value: str) -> str | None:
    """Why a value that names a file or folder cannot be one, in words, or None if it can."""
    if len(value.encode("utf-8")) > LONGEST_PATH:
        return f"{label} is too long to be the name of a file ({len(value)} characters); give a shorter one"
    longest = max(len(part.encode("utf-8")) for part in value.split("/"))
    if longest > LONGEST_NAME:
        return f"{label} is {longest} bytes long, but the name of a file or folder may be at most {LONGEST_NAME}; give a shorter one"
    return None


def check_values(args: argparse.Namespace) -> None:
    """Refuse, in one sentence, any value that is not plain text, before anything is read or made."""
    for name, label in _VALUES.items():
        value = getattr(args, name, None)
        if value is None:
            continue
        longest = _longest(name) if name in _TEXT else None
        problem = value_problem(label, value, longest) or (None if name in _NOT_PATHS else path_problem(label, value))
        if problem:
            raise UsageProblem(problem)
        if name in _TEXT:
            setattr(args, name, value.strip())
    theme = getattr(args, "theme", None)
    if theme is not None and (problem := theme_problem(theme)):
        raise UsageProblem(problem)
    from_environment = os.environ.get(ENV_VAR)
    if args.sessions_dir is None and from_environment:
        label = f"the folder in ${ENV_VAR}"
        problem = value_problem(label, from_environment) or path_problem(label, from_environment)
        if problem:
            raise UsageProblem(problem)
