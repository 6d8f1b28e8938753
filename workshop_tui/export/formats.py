"""Every export format, one entry each: what `--format` calls it, how the review screen offers it, its
file's usual name, and the function that writes it. `export/writing.py` writes from these entries, the
review screen's export form offers them, and the command line's `--format` takes their names."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop_tui.model import Session

# The tables a CSV export writes, each a file of its own when none is asked for.
CSV_TABLES = ("notes", "decisions", "actions")


def _writer(module: str, function: str) -> Callable[..., str]:
    """A writer, loaded only when a format is written: the command line's `--format` reads this list
    without loading every writer (and the models and engine they need) for every command."""
    found: Callable[..., str] = getattr(import_module(f"workshop_tui.export.{module}"), function)
    return found


@dataclass(frozen=True)
class Asked:
    """What the export was asked for besides the session: its own file (`source`), the sessions that
    follow on from it (`later`, so the minutes say what became of each action), and one CSV table."""

    source: Path | None = None
    later: "Sequence[Session]" = ()
    what: str | None = None


def _no_text(session: "Session", asked: Asked) -> str:
    raise NotImplementedError("written one file per applicant, not as one text")  # letters: see writing.py


@dataclass(frozen=True)
class ExportFormat:
    """`words` is how the review screen's export form offers it ("" when only the command line does);
    `file_name` ends the usual file's name beside the session ("minutes.md": NAME-minutes.md).
    `of_a_round` is a commissioning round's output, refused for a session without one. `tables` are
    the tables it writes as files of their own when no one is asked for (CSV). `one_letter_each` is
    the ending of each applicant's letter in the folder after -o. `keeps_names` is never anonymised."""

    name: str
    words: str
    file_name: str
    write: Callable[["Session", Asked], str] = field(default=_no_text)
    of_a_round: bool = False
    tables: tuple[str, ...] = ()
    one_letter_each: str = ""
    keeps_names: bool = False


EXPORT_FORMATS: dict[str, ExportFormat] = {
    each.name: each
    for each in [
        ExportFormat(
            "md",
            "Minutes, Markdown (.md)",
            "minutes.md",
            lambda session, asked: _writer("markdown_minutes", "markdown_minutes")(session, asked.later),
        ),
        ExportFormat(
            "html",
            "Minutes, web page (.html)",
            "minutes.html",
            lambda session, asked: _writer("html_minutes", "html_minutes")(session, asked.later),
        ),
        ExportFormat(
            "csv",
            "Spreadsheet tables (.csv)",
            "minutes.csv",
            lambda session, asked: _writer("csv_tables", "csv_table")(session, asked.what or "", asked.later),
            tables=CSV_TABLES,
        ),
        ExportFormat(
            "json",
            "All the data (.json)",
            "minutes.json",
            lambda session, asked: _writer("json_export", "json_session")(session),
        ),
        ExportFormat(
            "report-md",
            "Funder's report, Markdown (.md)",
            "report.md",
            lambda session, asked: _writer("panel_report", "markdown_report")(session, asked.source),
            of_a_round=True,
        ),
        ExportFormat(
            "report-html",
            "Funder's report, web page (.html)",
            "report.html",
            lambda session, asked: _writer("panel_report", "html_report")(session, asked.source),
            of_a_round=True,
        ),
        ExportFormat(
            "scores-csv",
            "Every score, spreadsheet (.csv)",
            "scores.csv",
            lambda session, asked: _writer("panel_csv", "scores_csv")(session, asked.source),
            of_a_round=True,
        ),
        ExportFormat(
            "letters-md", "A letter to each applicant (a folder)", "letters", of_a_round=True, one_letter_each="md"
        ),
        ExportFormat("letters-html", "", "letters", of_a_round=True, one_letter_each="html"),
        ExportFormat(
            "member-cards",
            "",
            "member-cards.html",
            lambda session, asked: _writer("member_cards", "member_cards")(session),
            keeps_names=True,
        ),
    ]
}

FORMAT_NAMES = tuple(EXPORT_FORMATS)  # what `--format` takes
