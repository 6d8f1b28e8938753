"""Loading and saving plans and sessions as TOML (tomllib to read, tomli-w to write)."""

import re
import tomllib
from pathlib import Path
from typing import TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from workshop_tui.model import SCHEMA_VERSION, Plan, Session
from workshop_tui.store.atomic import OWNER_ONLY, create_new, write_atomically
from workshop_tui.store.problems import FileProblem, validation_problems

Model = TypeVar("Model", bound=BaseModel)

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(path: Path, what: str) -> dict:
    """The TOML table in `path`, or a FileProblem saying plainly why it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise FileProblem(path, "", "there is no such file", f"Check the name of the {what} file.")
    if path.is_dir():
        raise FileProblem(
            path, "", "this is a folder, not a file", f"Give the path of a {what} file inside it."
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileProblem(
            path, "", f"it could not be read ({error.strerror})", "Check who may read the file."
        ) from None
    if not raw.strip():
        raise FileProblem(
            path, "", "the file is empty", f"Choose a {what} file that has something in it."
        )
    try:
        text = raw.decode("utf-8")
        if "\x00" in text:
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "NUL byte")
    except UnicodeDecodeError:
        raise FileProblem(
            path, "", "this is not a text file", f"Choose a {what} file written in TOML."
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        detail = str(error)
        found = _AT_LINE.search(detail)
        where = f"line {found.group(1)}, column {found.group(2)}" if found else ""
        reason = _AT_LINE.sub("", detail).strip().rstrip(".")
        reason = reason[0].lower() + reason[1:] if reason else "it is not valid TOML"
        raise FileProblem(
            path,
            where,
            f"this is not valid TOML: {reason}",
            "Fix the line (quotes and brackets are the usual cause) and try again.",
        ) from None


def _check_schema_version(path: Path, data: dict) -> None:
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise FileProblem(
            path,
            "schema_version",
            f"it was saved by a newer workshop-tui (file format {version}; "
            f"this version reads up to {SCHEMA_VERSION})",
            "Update workshop-tui to open it. The file has not been changed.",
        )


def parse(model: type[Model], path: Path, data: dict, what: str) -> Model:
    """Validate `data` as `model`, raising the first problem with all of them attached."""
    _check_schema_version(path, data)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = validation_problems(path, error, what)
        first = problems[0]
        first.all = problems
        raise first from None


def load_plan(path: Path) -> Plan:
    return parse(Plan, path, read_toml(path, "plan"), "plan")


def load_session(path: Path) -> Session:
    return parse(Session, path, read_toml(path, "session"), "session")


def to_toml(model: BaseModel) -> bytes:
    data = model.model_dump(mode="python", exclude_none=True)
    # Single-line strings keep every character exactly; multi-line ones would turn \r\n into \n.
    return tomli_w.dumps(data).encode("utf-8")


def save_session(session: Session, path: Path) -> None:
    """Replace `path` with `session`, atomically, readable by its owner only."""
    write_atomically(path, to_toml(session), OWNER_ONLY)


def save_new_session(session: Session, path: Path) -> None:
    """Write a brand-new session file; raises FileExistsError instead of replacing one."""
    create_new(path, to_toml(session), OWNER_ONLY)


def save_plan(plan: Plan, path: Path) -> None:
    # A plan holds no personal data, so others may read it.
    write_atomically(path, to_toml(plan), 0o644)
