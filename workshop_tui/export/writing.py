"""Writing an export to a file (privately, atomically) or to the screen.

An export never lands on a file by accident: not on the session it came from (ever), not on another
session, and not on any file that is already there unless `force` is given. A CSV export writes
three files, and the feedback letters one file per applicant; all are checked before any is written.
"""

import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from workshop_tui.export.anonymise import anonymise
from workshop_tui.export.feedback_letters import feedback_letters
from workshop_tui.export.formats import EXPORT_FORMATS, FORMAT_NAMES, Asked, ExportFormat
from workshop_tui.export.panel_facts import round_of
from workshop_tui.model import Session
from workshop_tui.store.atomic import PRIVATE, create_new, write_atomically
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import FIRST_LINE

# Enough of a file's start to tell a session file (either version) from anything else.
_HEAD = 4096


class OutputExists(FileProblem):
    """The export's file is there already. `force=True` replaces it (never the session being exported)."""


def _same(one: Path, other: Path | None) -> bool:
    if other is None:
        return False
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _in_sessions_folder(path: Path, sessions_dir: Path | None) -> bool:
    return _same(path.parent, sessions_dir)


def _is_session(path: Path, sessions_dir: Path | None) -> bool:
    """A session file, by where it is (a .toml in the sessions folder) or by how it starts."""
    if path.suffix == ".toml" and _in_sessions_folder(path, sessions_dir):
        return True
    try:
        with path.open("rb") as file:
            head = file.read(_HEAD)
    except OSError:
        return False
    first = FIRST_LINE.encode().split(b".")[0]  # "# workshop-tui session file"
    return head.startswith(first) or (b"schema_version" in head and b"started_at" in head)


def _check_target(path: Path, force: bool, source: Path | None, sessions_dir: Path | None) -> None:
    """Refuse, in one sentence, a place the export must not be written."""
    if not path.name:
        raise FileProblem(path, "", "this is not a file name", "Give the name of a file to write.")
    if _same(path, source):
        raise FileProblem(
            path,
            "",
            "this is the session being exported, and writing the export there would destroy it",
            "Choose another file name (--force never replaces the session itself).",
        )
    if os.path.lexists(path):
        try:
            info = path.stat()
        except OSError:
            info = None  # a link to nowhere: replaced, with --force, like any other file
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise FileProblem(path, "", "this is a folder", "Give a file name after -o.")
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise FileProblem(
                path,
                "",
                "this is not an ordinary file (it is a pipe, a device or a socket)",
                "Give the name of a file, or leave -o out (or give -o -) to write to the screen.",
            )
        if path.name.endswith(".toml.lock") and _in_sessions_folder(path, sessions_dir):
            raise FileProblem(path, "", "this is a session's lock file", "Choose another file name.")
        if force:
            return
        if _is_session(path, sessions_dir):
            raise OutputExists(
                path,
                "",
                "this is a session file, and the export would replace it",
                "Choose another file name (--force would replace the session, and it would be lost).",
            )
        raise OutputExists(path, "", "this file exists already", "Choose another name, or add --force to replace it.")
    if path.suffix == ".toml" and _in_sessions_folder(path, sessions_dir):
        raise FileProblem(
            path,
            "",
            "a .toml file in the sessions folder would be taken for a session",
            "Give the export its own ending (.md, .html, .csv or .json), or put it in another folder.",
        )
    if not path.parent.is_dir():
        raise FileProblem(path, "", "its folder does not exist", "Create the folder first, or choose another place.")


def _to_screen(text: str) -> None:
    # Always UTF-8, whatever the terminal's locale says.
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _write(path: Path, text: str, anonymised: bool, force: bool) -> None:
    # An export with names in it is as private as the session it came from.
    mode = 0o644 if anonymised else PRIVATE
    try:
        if force:
            write_atomically(path, text.encode("utf-8"), mode)
        else:
            create_new(path, text.encode("utf-8"), mode)  # never replaces a file made meanwhile
    except FileExistsError:
        raise OutputExists(
            path, "", "this file exists already", "Choose another name, or add --force to replace it."
        ) from None
    except OSError as error:
        raise FileProblem(
            path,
            "",
            f"it could not be written ({error.strerror or error})",
            "Check that the folder can be written to and the disk has room.",
        ) from None


def export(
    session: Session,
    form: str,
    output: str | None,
    anonymised: bool = False,
    what: str | None = None,
    *,
    force: bool = False,
    source: Path | None = None,
    sessions_dir: Path | None = None,
    later: Sequence[Session] = (),
) -> list[Path]:
    """Render `session` as `form` and write it to `output` (None: the screen); returns the files written.

    `source` is the session's own file: never written over, even with `force`. `sessions_dir` is the
    sessions folder: its .toml files are sessions. Raises FileProblem (OutputExists for a file that is
    there already and may be replaced with `force`) before anything is written. `later` are the
    sessions that follow on from this one (part 2), so the minutes say what became of each action.
    """
    if form not in EXPORT_FORMATS:
        raise FileProblem(
            form,
            "",
            "this is not a format it can write",
            f"Choose {', '.join(FORMAT_NAMES[:-1])} or {FORMAT_NAMES[-1]}.",
        )
    chosen = EXPORT_FORMATS[form]
    if chosen.of_a_round:
        round_of(session, source)  # one sentence for a session without a round, before anything else
    if chosen.one_letter_each:
        return _write_letters(
            session, chosen, output, anonymised, force=force, source=source, sessions_dir=sessions_dir
        )
    if chosen.keeps_names and anonymised:
        raise FileProblem(
            "--anonymise",
            "",
            "member cards are each member's name and own code",
            "Leave out --anonymise: the cards are for the chair to hand to each member.",
        )
    if anonymised:
        session = anonymise(session)
        later = [anonymise(each) for each in later]
    if chosen.tables and what is None:
        if output is None:
            raise FileProblem(
                "-o",
                "",
                "CSV makes three tables (notes, decisions, actions)",
                "Add --what notes (or decisions, or actions), or give -o NAME to write all three.",
            )
        base = Path(output)
        if base.is_dir():
            raise FileProblem(
                base, "", "this is a folder", "Give a file name after -o; the three tables are named after it."
            )
        stem = base.name.removesuffix(".csv")
        if not stem:
            raise FileProblem(base, "", "this is not a file name", "Give the name of a file to write.")
        tables = [
            (base.with_name(f"{stem}-{table}.csv"), chosen.write(session, Asked(source, later, table)))
            for table in chosen.tables
        ]
    else:
        text = chosen.write(session, Asked(source, later, what))
        if output is None:
            _to_screen(text)
            return []
        tables = [(Path(output), text)]
    return write_files(tables, shareable=anonymised, force=force, source=source, sessions_dir=sessions_dir)


def write_files(
    files: list[tuple[Path, str]],
    *,
    shareable: bool,
    force: bool,
    source: Path | None = None,
    sessions_dir: Path | None = None,
) -> list[Path]:
    """Write each (path, text), checking every path before any is written; returns the paths.

    `shareable` files (no names in them) may be read by others; the rest by their owner only."""
    for path, _ in files:
        _check_target(path, force, source, sessions_dir)
    for path, text in files:
        _write(path, text, shareable, force)
    return [path for path, _ in files]


def _letters_folder(output: str | None) -> Path:
    if output is None:
        raise FileProblem(
            "-o",
            "",
            "the feedback letters are one file for each applicant",
            "Give -o FOLDER: the folder to put them in (it is made if it is not there).",
        )
    folder = Path(output)
    if os.path.lexists(folder) and not folder.is_dir():
        raise FileProblem(
            folder, "", "this is a file, and the letters go in a folder", "Give the name of a folder after -o."
        )
    if not folder.exists() and not folder.parent.is_dir():
        raise FileProblem(
            folder,
            "",
            "the folder it would be made in does not exist",
            "Create that folder first, or choose another place.",
        )
    return folder


def _write_letters(
    session: Session,
    chosen: ExportFormat,
    output: str | None,
    anonymised: bool,
    *,
    force: bool,
    source: Path | None,
    sessions_dir: Path | None,
) -> list[Path]:
    """One letter per applicant into the folder `output`, named after each organisation.

    A letter never holds a panel member's name (it is always made anonymous), but it holds one
    applicant's scores and reasons, so it is readable by its owner only, --anonymise or not."""
    folder = _letters_folder(output)
    if anonymised:
        session = anonymise(session)
    letters = feedback_letters(session, source)
    if not letters:
        raise FileProblem(
            source or session.title,
            "",
            "this round has no applications, so there are no letters to write",
            "Add the applications to the round first.",
        )
    ending = chosen.one_letter_each
    files = [
        (folder / f"{letter.stem}.{ending}", letter.markdown if ending == "md" else letter.html) for letter in letters
    ]
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700)
        except OSError as error:
            raise FileProblem(
                folder,
                "",
                f"the folder could not be made ({error.strerror or error})",
                "Check that its parent folder can be written to.",
            ) from None
    for path, _ in files:  # every letter is checked before any is written
        _check_target(path, force, source, sessions_dir)
    for path, text in files:
        _write(path, text, False, force)
    return [path for path, _ in files]
