"""Reading and writing plans and sessions as TOML files. No Textual here."""

from workshop_tui.store.atomic import write_atomically
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session, save_session
from workshop_tui.store.toml_files import load_plan, save_plan

__all__ = [
    "FileProblem",
    "load_plan",
    "load_session",
    "save_plan",
    "save_session",
    "write_atomically",
]
