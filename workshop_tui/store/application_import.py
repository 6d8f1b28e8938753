"""Applications from a CSV file, as a funder's spreadsheet arrives.

Headers may come in any order and in the usual words ("Organisation", "Amount requested"); other
columns are ignored and named. Money may be written "£12,500", "12500" or "12,500.00". Empty rows are
skipped. Every problem is named by its row number as a spreadsheet numbers it, and nothing is
imported until every row is right.

Whatever file a spreadsheet could make, or a person could pick by mistake, gets one sentence, never
a fault: an Excel or PDF file is named as such; UTF-16, semicolons or tabs between columns, and
old-Mac line ends are read as they are; control characters are taken out of every cell; a cell too
big for a spreadsheet is named by its row. Duplicates are listed for the screen to ask about.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from workshop_tui.model.round import Application
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.toml_files import read_bytes

# Each field, and the headers people use for it (compared without case, spaces or punctuation).
HEADERS = {
    "organisation": ("organisation", "organization", "org", "applicant", "organisationname", "organizationname"),
    "project": ("project", "projectname", "projecttitle", "title"),
    "amount": ("amount", "amountasked", "amountrequested", "request", "requested", "ask", "grant", "grantrequested"),
    "area": ("area", "theme", "areaortheme", "ward", "district"),
    "summary": ("summary", "description", "projectsummary", "about"),
    "link": ("link", "url", "file", "reference", "applicationfile", "document"),
}
NEEDED = ("organisation", "project", "amount")
_MONEY = re.compile(r"^£?\s*(\d{1,3}(?:[,\s]\d{3})+|\d+)(?:\.(\d{1,2}))?$")
MOST_ROWS = 100_000
MOST_CELL = 128 * 1024  # characters in one cell: more is not an application's text
MOST_PENCE = 1_000_000_000_00  # a billion pounds: more is a slip of the keyboard (as for the pot)
# Control characters (not tab or line end): they would reach the chair's terminal and every export.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What a file's first bytes say it is, when it is not text a spreadsheet saved as CSV.
_NOT_CSV = [
    (
        b"PK\x03\x04",
        "this is an Excel (or other zipped) file, not a CSV file",
        "In the spreadsheet, choose Save As, then CSV, and import that file.",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "this is an older Excel file, not a CSV file",
        "In the spreadsheet, choose Save As, then CSV, and import that file.",
    ),
    (b"%PDF", "this is a PDF file, not a CSV file", "Ask for the applications as a spreadsheet, and save it as CSV."),
]


@dataclass
class Imported:
    applications: list[Application] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "row 4: the amount '12,50' is not an amount of money"
    # Organisations that come more than once, with their rows: "Hillside Lunch Club (rows 3 and 7)".
    duplicates: list[str] = field(default_factory=list)
    separator: str = ","  # what stood between the columns (said when it was not a comma)

    @property
    def ok(self) -> bool:
        return not self.problems


def _squashed(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower().replace("£", ""))


def money_pence(text: str) -> int | None:
    """'£12,500' -> 1250000; '12500.5' -> 1250050; None if it is not an amount of money."""
    found = _MONEY.match(text.strip().replace("\u00a0", " "))
    if found is None:
        return None
    whole = int(re.sub(r"[,\s]", "", found.group(1)))
    pence = int((found.group(2) or "0").ljust(2, "0"))
    return whole * 100 + pence


def import_applications(text: str, first_id: int = 1) -> Imported:
    """The applications in `text` (CSV with a header row). Read `problems` before using them."""
    result = Imported()
    # Old-Mac line ends (a lone CR) and Windows ones are read as line ends; NUL bytes are no text.
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    first_line = text.split("\n", 1)[0]
    if "," not in first_line:
        result.separator = next((mark for mark in (";", "\t") if mark in first_line), ",")
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=result.separator):
            if any(len(cell) > MOST_CELL for cell in row):
                result.problems.append(
                    f"row {len(rows) + 1}: a cell is longer than {MOST_CELL // 1024} KB, "
                    "which is not an application's text"
                )
                return result
            rows.append([_CONTROL.sub("", cell) for cell in row])
    except csv.Error as error:
        too_big = "field larger than field limit" in str(error)  # the csv module's own limit, 128 KB a cell
        result.problems.append(
            f"row {len(rows) + 1}: "
            + (
                f"a cell is longer than {MOST_CELL // 1024} KB, which is not an application's text"
                if too_big
                else f"it cannot be read as CSV ({error})"
            )
        )
        return result
    if not rows or not any(cell.strip() for cell in rows[0]):
        result.problems.append("row 1: there is no header row (such as Organisation, Project, Amount)")
        return result
    columns: dict[str, int] = {}
    for index, header in enumerate(rows[0]):
        name = next((field for field, words in HEADERS.items() if _squashed(header) in words), None)
        if name is None or name in columns:
            if header.strip():
                result.ignored_columns.append(header.strip())
            continue
        columns[name] = index
    missing = [name for name in NEEDED if name not in columns]
    if missing:
        result.problems.append(
            f"row 1: there is no column for {', '.join(missing)} (the headers are: {', '.join(h.strip() for h in rows[0])})"
        )
        return result
    if len(rows) > MOST_ROWS + 1:
        result.problems.append(f"the file has {len(rows) - 1:,} rows; at most {MOST_ROWS:,} can be imported at once")
        return result
    number = first_id
    for row_number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # an empty row
        cell = {name: (row[index].strip() if index < len(row) else "") for name, index in columns.items()}
        problems = [f"the {name} is empty" for name in NEEDED if not cell[name]]
        amount = money_pence(cell["amount"]) if cell["amount"] else None
        if cell["amount"] and (amount is None or amount <= 0):
            problems.append(
                f"the amount '{cell['amount'][:40]}' is not an amount of money (write it as £12,500 or 12500)"
            )
        elif amount is not None and amount > MOST_PENCE:
            problems.append(f"the amount '{cell['amount'][:40]}' is more than a billion pounds")
        too_long = [name for name in ("organisation", "project") if len(cell[name]) > 200]
        problems += [f"the {name} is longer than 200 characters" for name in too_long]
        if problems:
            result.problems.append(f"row {row_number}: " + "; ".join(problems))
            continue
        assert amount is not None
        result.applications.append(
            Application(
                id=f"app{number}",
                organisation=cell["organisation"],
                project=cell["project"],
                amount_pence=amount,
                area=cell.get("area", ""),
                summary=cell.get("summary", ""),
                link=cell.get("link", ""),
            )
        )
        number += 1
    if result.problems:
        result.applications = []  # nothing is imported until every row is right
    result.duplicates = _duplicates(rows, columns.get("organisation", 0))
    return result


def _duplicates(rows: list[list[str]], column: int) -> list[str]:
    """Organisations that come more than once (ignoring case and spaces), with their spreadsheet rows."""
    seen: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for row_number, row in enumerate(rows[1:], start=2):
        name = row[column].strip() if column < len(row) else ""
        if name:
            key = " ".join(name.lower().split())
            seen.setdefault(key, []).append(row_number)
            names.setdefault(key, name)
    return [
        f"{names[key]} (rows {', '.join(map(str, found[:-1]))} and {found[-1]})"
        for key, found in seen.items()
        if len(found) > 1
    ]


def import_applications_file(path: Path, first_id: int = 1) -> Imported:
    """As import_applications, from a file; FileProblem if it cannot be read as text."""
    raw = read_bytes(Path(path), "applications")
    for start, what, todo in _NOT_CSV:
        if raw.startswith(start):
            raise FileProblem(path, "", what, todo)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return import_applications(raw.decode("utf-16"), first_id)  # "Unicode text" from Excel: read as it is
        except UnicodeDecodeError:
            raise FileProblem(
                path,
                "",
                "this file says it is UTF-16 text but is not",
                "Save the spreadsheet as CSV (UTF-8) and try again.",
            ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if raw.count(b"\x00") > len(raw) // 8:
            raise FileProblem(
                path,
                "",
                "this is not a text file (it is mostly empty bytes)",
                "Save the spreadsheet as CSV (UTF-8) and try again.",
            ) from None
        text = raw.decode("cp1252", errors="replace")  # a spreadsheet saved as "CSV" on Windows
    if text.count("\ufffd") > max(3, len(text) // 100) or (
        text and sum(c.isprintable() or c in "\r\n\t" for c in text[:4096]) < min(len(text), 4096) * 0.9
    ):
        raise FileProblem(
            path,
            "",
            "this is not a text file a spreadsheet saved as CSV",
            "In the spreadsheet, choose Save As, then CSV, and import that file.",
        )
    return import_applications(text, first_id)
