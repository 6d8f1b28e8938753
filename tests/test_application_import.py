"""Applications imported from a funder's spreadsheet saved as CSV."""

from pathlib import Path

import pytest

from workshop_tui.store.application_import import import_applications, import_applications_file, money_pence


@pytest.mark.parametrize(("typed", "pence"), [
    ("£12,500", 1_250_000), ("12500", 1_250_000), ("12,500.00", 1_250_000), ("£ 12 500", 1_250_000),
    ("1,234,567.5", 123_456_750), ("£0.99", 99), ("\u00a312,500", 1_250_000),
])
def test_money_is_read_as_people_write_it(typed: str, pence: int):
    assert money_pence(typed) == pence


@pytest.mark.parametrize("typed", ["12,50", "£", "twelve", "-500", "1.234", "12.5.0", "1,2345"])
def test_what_is_not_money_is_not_read_as_money(typed: str):
    assert money_pence(typed) is None


def test_headers_in_any_order_with_extra_columns_and_empty_rows():
    text = (
        "Amount requested,Notes for staff,Project title,Organisation,Theme,Description\n"
        '"£12,500",ring first,Lunch club,Friends of Elm Street,Food,Hot meals twice a week\n'
        ",,,,,\n"
        "4000,,Walking group,Northside Walkers,Health,\n"
    )
    imported = import_applications(text)
    assert imported.ok and imported.ignored_columns == ["Notes for staff"]
    assert [(a.id, a.organisation, a.project, a.amount_pence, a.area) for a in imported.applications] == [
        ("app1", "Friends of Elm Street", "Lunch club", 1_250_000, "Food"),
        ("app2", "Northside Walkers", "Walking group", 400_000, "Health"),
    ]


def test_a_row_with_a_problem_is_named_by_its_row_number_and_nothing_is_imported():
    text = "Organisation,Project,Amount\nA,One,100\nB,,twelve\n\nD,Four,£50\n"
    imported = import_applications(text)
    assert imported.applications == []
    assert imported.problems == [
        "row 3: the project is empty; the amount 'twelve' is not an amount of money (write it as £12,500 or 12500)"
    ]


def test_missing_columns_are_named_with_the_headers_found():
    imported = import_applications("Name,Cost\nA,100\n")
    assert imported.problems == ["row 1: there is no column for organisation, project, amount (the headers are: Name, Cost)"]
    assert import_applications("").problems == ["row 1: there is no header row (such as Organisation, Project, Amount)"]


def test_ten_thousand_rows_import(tmp_path: Path):
    lines = ["Organisation,Project,Amount"] + [f"Group {n},Project {n},\"£{1000 + n:,}\"" for n in range(10_000)]
    path = tmp_path / "round.csv"
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    imported = import_applications_file(path)
    assert imported.ok and len(imported.applications) == 10_000
    assert imported.applications[-1].amount_pence == (1000 + 9999) * 100


def test_a_spreadsheet_saved_in_windows_encoding_is_read(tmp_path: Path):
    path = tmp_path / "round.csv"
    path.write_bytes("Organisation,Project,Amount\nCaf\xe9 Club,Tea,\xa3300\n".encode("latin-1"))
    imported = import_applications_file(path)
    assert imported.ok and imported.applications[0].organisation == "Café Club" and imported.applications[0].amount_pence == 30_000
