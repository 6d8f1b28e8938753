"""Reading TOML files safely (rtoml, with tomllib for what it refuses), and loading and saving plans (tomli-w)."""

import errno
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import rtoml
import tomli_w
from pydantic import BaseModel, ValidationError

from workshop_tui.model import PLAN_FORMAT, Plan
from workshop_tui.store.problems import FileProblem, validation_problems

Model = TypeVar("Model", bound=BaseModel)

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


# Far above any real session (10,000 notes is under 2 MB), and small enough to never fill memory.
LARGEST_FILE = 64 * 1024 * 1024


@contextmanager
def open_regular(path: Path, what: str) -> Iterator[tuple[BinaryIO, int]]:
    """An open regular file and its size, or a FileProblem: a folder, a pipe or a device is never read.

    A session file is never read through a link either: the app writes where it reads, and writing
    through a link would change a file somewhere else (plans, which it only reads, may be links)."""
    path = Path(path)
    follow = os.O_NOFOLLOW if what == "session" else 0
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer that never comes.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | follow)
    except FileNotFoundError:
        raise FileProblem(path, "", "there is no such file", f"Check the name of the {what} file.") from None
    except IsADirectoryError:
        raise FileProblem(
            path, "", "this is a folder, not a file", f"Give the path of a {what} file inside it."
        ) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            if what == "session" and os.path.isfile(path):
                raise FileProblem(
                    path,
                    "",
                    "this is a link to a file somewhere else, and a session file is never opened through a link",
                    "Move or copy the session file itself into the sessions folder.",
                ) from None
            if what == "session" and os.path.exists(path):
                raise FileProblem(
                    path,
                    "",
                    "this is a link to something that is not an ordinary file",
                    f"Give the path of a {what} file.",
                ) from None
            raise FileProblem(
                path, "", "this is a link that leads to no file (or a loop of links)", "Give the path of a real file."
            ) from None
        raise FileProblem(
            path, "", f"it could not be read ({error.strerror})", "Check who may read the file."
        ) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(path, "", "this is a folder, not a file", f"Give the path of a {what} file inside it.")
        raise FileProblem(
            path,
            "",
            "this is not an ordinary file (it is a pipe, a device or a socket)",
            f"Give the path of a {what} file.",
        )
    with os.fdopen(fd, "rb") as file:
        if info.st_size > LARGEST_FILE:
            raise FileProblem(
                path,
                "",
                f"the file is too large to be a {what} ({info.st_size // (1024 * 1024)} MB)",
                f"Choose a {what} file; they are much smaller.",
            )
        os.set_blocking(fd, True)
        try:
            yield file, info.st_size
        except OSError as error:
            raise FileProblem(
                path, "", f"it could not be read ({error.strerror})", "Check who may read the file."
            ) from None


def read_bytes(path: Path, what: str) -> bytes:
    """The bytes of a regular file of at most LARGEST_FILE bytes, or a FileProblem."""
    with open_regular(path, what) as (file, _):
        raw = file.read(LARGEST_FILE + 1)
    if len(raw) > LARGEST_FILE:
        raise FileProblem(
            path, "", f"the file is too large to be a {what}", f"Choose a {what} file; they are much smaller."
        )
    if not raw.strip():
        raise FileProblem(path, "", "the file is empty", f"Choose a {what} file that has something in it.")
    return raw


def decode_text(path: Path, raw: bytes, what: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise FileProblem(
            path, "", "this is not a text file in UTF-8", f"Choose a {what} file written in TOML, saved as UTF-8."
        )
    return text


# Tables, arrays, dotted keys and inline tables inside each other. A real plan or session nests
# five or six deep; a thousand-deep key (2 KB of text) parses, then breaks whatever walks it.
DEEPEST = 32

# What a quick scan needs of TOML text: strings and comments (to pass over), new lines, brackets, dots, = and commas.
_TOKENS = re.compile(
    r'"""(?:\\[\s\S]|[^\\])*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*|[\n\[\]{}=,.]'
)


class TooDeep(tomllib.TOMLDecodeError):
    """TOML nested deeper than DEEPEST: refused before it is parsed."""

    def __init__(self, message: str):
        ValueError.__init__(self, message)


def nesting_depth(text: str) -> int:
    """How deeply the tables, arrays, dotted keys and inline tables in `text` nest, from one quick
    scan of the text (an upper bound, enough to refuse a file before tomllib parses it)."""
    deepest = header = level = key_dots = 0
    stack: list[tuple[str, int, int]] = []  # each open [ or { in a value: its kind, the level outside it and inside it
    in_key = line_start = True
    in_header = False
    for found in _TOKENS.finditer(text):
        token = found.group()
        first = token[0]
        if first == "\n":
            if not stack:
                in_key = line_start = True
                in_header = False
                key_dots = 0
            continue
        if first == "#":
            continue
        if in_header:
            if first == ".":
                key_dots += 1
            elif first == "]":
                # Any part of a header may name an array of tables made earlier, one level more each.
                in_header, header = False, 2 * (key_dots + 1)
                deepest = max(deepest, header)
            continue
        if first == "[" and in_key and line_start and not stack:
            in_header, key_dots = True, 0  # a [table] or [[array of tables]] header
            continue
        line_start = False
        if in_key:
            if first == ".":
                key_dots += 1
            elif first == "=":
                in_key = False
                # Each dot is a table further in; a key outside braces is one level itself ({} counted the brace).
                level = stack[-1][2] + key_dots if stack else header + key_dots + 1
                deepest = max(deepest, level)
            elif first == "}" and stack:
                level = stack.pop()[1]  # an empty inline table
                in_key = False
            continue
        if first in "[{":
            stack.append((first, level, level + 1))
            level += 1
            deepest = max(deepest, level)
            if first == "{":
                in_key, key_dots = True, 0
        elif first in "]}" and stack:
            level = stack.pop()[1]
        elif first == "," and stack:
            level = stack[-1][2]
            if stack[-1][0] == "{":
                in_key, key_dots = True, 0
        if deepest > DEEPEST:
            break
    return deepest


def toml_loads(text: str) -> dict[str, Any]:
    """The TOML table in `text`, refusing (TooDeep) text nested deeper than DEEPEST.

    rtoml (Rust) reads it: about ten times faster than tomllib on a session file, and its own limit
    on nesting turns a thousand-deep file into an error, not a crash. Whatever rtoml refuses is read
    again by tomllib, so a bad file is named in the words it always was (the line and column), and
    the little valid TOML that rtoml refuses (an integer past 64 bits) still reads."""
    try:
        data: dict[str, Any] = rtoml.loads(text)
    except (rtoml.TomlParsingError, ValueError, OverflowError):
        return _read_slowly(text)
    if _depth(data) > DEEPEST:
        raise TooDeep(_TOO_DEEP)
    return data


_TOO_DEEP = f"it is nested far too deeply (more than {DEEPEST} tables, lists or dotted names inside each other)"


def _depth(value: object) -> int:
    """How deeply the tables and arrays of a read value nest (a key is a level, as in nesting_depth).
    rtoml nests no deeper than about 80, so this never recurses far; only tables and arrays are
    visited, as a listing reads a thousand heads."""
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    deepest = 0
    for child in children:
        if isinstance(child, (dict, list)):
            deepest = max(deepest, _depth(child))
    return deepest + 1 if isinstance(value, (dict, list)) else 0


def _read_slowly(text: str) -> dict[str, Any]:
    """tomllib, after a quick scan refuses text nested deeply enough to exhaust its recursion."""
    if nesting_depth(text) > DEEPEST:
        raise TooDeep(_TOO_DEEP)
    return tomllib.loads(text)


def parse_toml_text(path: Path, text: str) -> dict[str, Any]:
    """The TOML table in `text`, or a FileProblem naming the line and column."""
    try:
        return toml_loads(text)
    except TooDeep as error:
        raise FileProblem(
            path, "", f"this is not valid TOML for this app: {error}", "Fix the file and try again."
        ) from None
    except RecursionError:
        raise FileProblem(
            path, "", "this is not valid TOML: it is nested far too deeply", "Fix the file and try again."
        ) from None
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


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The TOML table in `path`, or a FileProblem saying plainly why it cannot be read."""
    return parse_toml_text(path, decode_text(path, read_bytes(path, what), what))


def check_schema_version(path: Path, data: dict[str, Any], newest: int) -> None:
    version = data.get("schema_version", 1)
    if isinstance(version, int) and not isinstance(version, bool) and version > newest:
        raise FileProblem(
            path,
            "schema_version",
            f"it was saved by a newer workshop-tui (file format {version}; this version reads up to {newest})",
            "Update workshop-tui to open it. The file has not been changed.",
        )


def parse(model: type[Model], path: Path, data: dict[str, Any], what: str) -> Model:
    """Validate `data` as `model`, raising the first problem with all of them attached."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = validation_problems(path, error, what)
        first = problems[0]
        first.all = problems
        raise first from None


BOM = b"\xef\xbb\xbf"


def load_plan(path: Path) -> Plan:
    return load_plan_bytes(path, read_bytes(path, "plan"))


def load_plan_bytes(path: Path, raw: bytes) -> Plan:
    """A plan file's bytes read as `load_plan` reads them (`path` names it in messages); FileProblem if not a plan."""
    # Windows Notepad may start a UTF-8 file with a byte-order mark; it is not part of the plan.
    raw = raw.removeprefix(BOM)
    data = parse_toml_text(path, decode_text(path, raw, "plan"))
    check_schema_version(path, data, PLAN_FORMAT)
    return parse(Plan, path, data, "plan")


def to_toml(model: BaseModel) -> bytes:
    data = model.model_dump(mode="python", exclude_none=True)
    # Single-line strings keep every character exactly; multi-line ones would turn \r\n into \n.
    return tomli_w.dumps(data).encode("utf-8")
