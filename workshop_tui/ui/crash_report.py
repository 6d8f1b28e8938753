"""When the app itself goes wrong: a plain sentence on screen, the full report in a private file.

The screen may be a projector in a room full of people, so the words on it never include the
session's text or people's names (a traceback's local variables would). The full report, with
those details, goes to a file only its owner can read, for whoever looks after the app.
"""

from pathlib import Path

from workshop_tui.store.problems import FileProblem


def crash_words(error: BaseException, report: Path | None) -> str:
    """What the person in the room reads: what happened, that the work is safe, and what to do."""
    if isinstance(error, FileProblem):
        return f"workshop-tui stopped: {error}"
    where = f" The full report is in {report}." if report else " No report could be written."
    return (
        "workshop-tui stopped because of a fault in the app itself. Everything up to the last change "
        "is saved; carry on with 'workshop-tui resume'." + where
    )
