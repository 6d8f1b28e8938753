"""Applications from a CSV file, as a funder's spreadsheet arrives.

Headers may come in any order and in the usual words ("Organisation", "Amount requested"); other
columns are ignored and named. Money may be written "£12,500", "12500" or "12,500.00". Empty rows are
skipped. Every problem is named by its row number as a spreadsheet numbers it, and nothing is
imported until every row is right.
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


@dataclass
class Imported:
    applications: list[Application] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "row 4: the amount '12,50' is not an amount of money"

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
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
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
        result.problems.append(f"row 1: there is no column for {', '.join(missing)} (the headers are: {', '.join(h.strip() for h in rows[0])})")
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
            problems.append(f"the amount '{cell['amount']}' is not an amount of money (write it as £12,500 or 12500)")
        too_long = [name for name in ("organisation", "project") if len(cell[name]) > 200]
        problems += [f"the {name} is longer than 200 characters" for name in too_long]
        if problems:
            result.problems.append(f"row {row_number}: " + "; ".join(problems))
            continue
        assert amount is not None
        result.applications.append(Application(
            id=f"app{number}", organisation=cell["organisation"], project=cell["project"], amount_pence=amount,
            area=cell.get("area", ""), summary=cell.get("summary", ""), link=cell.get("link", ""),
        ))
        number += 1
    if result.problems:
        result.applications = []  # nothing is imported until every row is right
    return result


def import_applications_file(path: Path, first_id: int = 1) -> Imported:
    """As import_applications, from a file; FileProblem if it cannot be read as text."""
    raw = read_bytes(Path(path), "applications")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")  # a spreadsheet saved as "CSV" on Windows
        except UnicodeDecodeError:
            raise FileProblem(path, "", "this is not a text file", "Save the spreadsheet as CSV (UTF-8) and try again.") from None
    return import_applications(text, first_id)
