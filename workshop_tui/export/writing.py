"""Writing an export to a file (privately, atomically) or to the screen."""

import sys
from pathlib import Path

from workshop_tui.export.anonymise import anonymise
from workshop_tui.export.csv_tables import WHAT, csv_table
from workshop_tui.export.html_minutes import html_minutes
from workshop_tui.export.json_export import json_session
from workshop_tui.export.markdown_minutes import markdown_minutes
from workshop_tui.model import Session
from workshop_tui.store.atomic import OWNER_ONLY, write_atomically
from workshop_tui.store.problems import FileProblem

RENDER = {"md": markdown_minutes, "html": html_minutes, "json": json_session}


def _write(text: str, output: str | None, anonymised: bool) -> list[Path]:
    if output is None:
        sys.stdout.write(text)
        return []
    path = Path(output)
    if path.is_dir():
        raise FileProblem(path, "", "this is a folder", "Give a file name after -o.")
    if not path.parent.is_dir():
        raise FileProblem(path, "", "its folder does not exist", "Create the folder first, or choose another place.")
    # An export with names in it is as private as the session it came from.
    write_atomically(path, text.encode("utf-8"), 0o644 if anonymised else OWNER_ONLY)
    return [path]


def export(session: Session, form: str, output: str | None, anonymised: bool = False, what: str | None = None) -> list[Path]:
    """Render `session` as `form` and write it; returns the files written."""
    if anonymised:
        session = anonymise(session)
    if form != "csv":
        return _write(RENDER[form](session), output, anonymised)
    if what:
        return _write(csv_table(session, what), output, anonymised)
    if output is None:
        raise FileProblem("-o", "", "CSV makes three tables (notes, decisions, actions)", "Add --what notes (or decisions, or actions), or give -o NAME to write all three.")
    base = Path(output)
    stem = base.name.removesuffix(".csv")
    return [p for table in WHAT for p in _write(csv_table(session, table), str(base.with_name(f"{stem}-{table}.csv")), anonymised)]
