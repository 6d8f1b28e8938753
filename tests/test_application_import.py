"""Applications imported from a funder's spreadsheet saved as CSV."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_tui.store.application_import import import_applications, import_applications_file, money_pence
from workshop_tui.store.problems import FileProblem


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("£12,500", 1_250_000),
        ("12500", 1_250_000),
        ("12,500.00", 1_250_000),
        ("£ 12 500", 1_250_000),
        ("1,234,567.5", 123_456_750),
        ("£0.99", 99),
        ("\u00a312,500", 1_250_000),
    ],
)
def test_money_is_read_as_people_write_it(typed: str, pence: int) -> None:
    assert money_pence(typed) == pence


@pytest.mark.parametrize("typed", ["12,50", "£", "twelve", "-500", "1.234", "12.5.0", "1,2345"])
def test_what_is_not_money_is_not_read_as_money(typed: str) -> None:
    assert money_pence(typed) is None


def test_headers_in_any_order_with_extra_columns_and_empty_rows() -> None:
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


def test_a_row_with_a_problem_is_named_by_its_row_number_and_nothing_is_imported() -> None:
    text = "Organisation,Project,Amount\nA,One,100\nB,,twelve\n\nD,Four,£50\n"
    imported = import_applications(text)
    assert imported.applications == []
    assert imported.problems == [
        "row 3: the project is empty; the amount 'twelve' is not an amount of money (write it as £12,500 or 12500)"
    ]


def test_missing_columns_are_named_with_the_headers_found() -> None:
    imported = import_applications("Name,Cost\nA,100\n")
    assert imported.problems == [
        "row 1: there is no column for organisation, project, amount (the headers are: Name, Cost)"
    ]
    assert import_applications("").problems == ["row 1: there is no header row (such as Organisation, Project, Amount)"]


def test_ten_thousand_rows_import(tmp_path: Path) -> None:
    lines = ["Organisation,Project,Amount"] + [f'Group {n},Project {n},"£{1000 + n:,}"' for n in range(10_000)]
    path = tmp_path / "round.csv"
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    imported = import_applications_file(path)
    assert imported.ok and len(imported.applications) == 10_000
    assert imported.applications[-1].amount_pence == (1000 + 9999) * 100


def test_a_spreadsheet_saved_in_windows_encoding_is_read(tmp_path: Path) -> None:
    path = tmp_path / "round.csv"
    path.write_bytes("Organisation,Project,Amount\nCaf\xe9 Club,Tea,\xa3300\n".encode("latin-1"))
    imported = import_applications_file(path)
    assert (
        imported.ok
        and imported.applications[0].organisation == "Café Club"
        and imported.applications[0].amount_pence == 30_000
    )


# Imports that never stop the meeting ([13]): every file a spreadsheet could make, or a person could pick
# by mistake, gets one sentence or is read as it is; never a fault report.

HEADER = "Organisation,Project,Amount"


@pytest.mark.parametrize(
    "start, said",
    [
        (b"PK\x03\x04rest of a zip", "this is an Excel (or other zipped) file, not a CSV file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "this is an older Excel file, not a CSV file"),
        (b"%PDF-1.7\n", "this is a PDF file, not a CSV file"),
        (bytes(range(256)) * 8, "this is not a text file"),
    ],
)
def test_a_file_that_is_not_csv_is_named_for_what_it_is(tmp_path: Path, start: bytes, said: str) -> None:
    path = tmp_path / "applications.csv"  # a renamed file is named for what it is, not for its name
    path.write_bytes(start)
    with pytest.raises(FileProblem, match=re.escape(said)):
        import_applications_file(path)


@pytest.mark.parametrize(
    "text, encoding",
    [
        (f"{HEADER}\rHillside,Lunch,£300\rRiverside,Walks,200\r", "utf-8"),  # old-Mac line ends
        (
            f"{HEADER}\r\nHillside,Lunch,£300\r\nRiverside,Walks,200\r\n",
            "utf-16",
        ),  # Excel's "Unicode text", with its mark
        ("Organisation;Project;Amount\nHillside;Lunch;£300\nRiverside;Walks;200\n", "utf-8"),  # semicolons
        ("Organisation\tProject\tAmount\nHillside\tLunch\t£300\nRiverside\tWalks\t200\n", "utf-8"),  # tabs
        (f"{HEADER}\nHill\x00side,Lunch,£300\nRiverside,Walks,200\n", "utf-8"),  # a NUL byte
    ],
)
def test_what_spreadsheets_save_is_read_as_it_is(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "applications.csv"
    path.write_bytes(text.encode(encoding))
    imported = import_applications_file(path)
    assert imported.ok, imported.problems
    assert [(a.organisation, a.amount_pence) for a in imported.applications] == [
        ("Hillside", 30_000),
        ("Riverside", 20_000),
    ]


def test_control_characters_never_reach_the_screen_or_an_export() -> None:
    imported = import_applications(f"{HEADER}\n\x1b[2JHillside\x07 Club,Lunch\u202e,£300\n")
    assert [(a.organisation, a.project) for a in imported.applications] == [("[2JHillside Club", "Lunch")]


def test_a_huge_cell_or_amount_is_one_sentence_naming_its_row() -> None:
    big = import_applications(f"{HEADER}\nHillside,Lunch,300\nRiverside,{'x' * 200_000},200\n")
    assert big.problems == ["row 3: a cell is longer than 128 KB, which is not an application's text"]
    huge = import_applications(f"{HEADER}\nHillside,Lunch,300\nRiverside,Walks,99999999999999\n")
    assert huge.problems == ["row 3: the amount '99999999999999' is more than a billion pounds"]


def test_an_organisation_twice_is_listed_to_be_asked_about() -> None:
    imported = import_applications(f"{HEADER}\nHillside,Lunch,300\nRiverside,Walks,200\nhillside ,Teas,100\n")
    assert imported.ok and imported.duplicates == ["Hillside (rows 2 and 4)"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([b"", HEADER.encode() + b"\n", b"\xff\xfe", b"\xef\xbb\xbf"]))
def test_no_file_stops_the_meeting(tmp_path_factory: pytest.TempPathFactory, data: bytes, start: bytes) -> None:
    path = tmp_path_factory.mktemp("import") / "applications.csv"
    path.write_bytes(start + data)
    try:
        imported = import_applications_file(path)
    except FileProblem as problem:
        assert str(problem).count("\n") == 0  # one sentence
        return
    assert imported.ok or all(problem.startswith("row ") for problem in imported.problems)
