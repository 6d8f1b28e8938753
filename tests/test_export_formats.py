"""One entry per export format: writing and the review screen's form read it, so a new format is one entry."""

from pathlib import Path

import pytest

from workshop_tui.export.formats import EXPORT_FORMATS, FORMAT_NAMES, Asked, ExportFormat
from workshop_tui.export.writing import export
from workshop_tui.model import Session
from workshop_tui.ui.screens.export_form import ExportForm, offered
from tests.conftest import small_session


def test_the_formats_are_the_ones_the_command_line_has_always_taken() -> None:
    assert FORMAT_NAMES == (
        "md",
        "html",
        "csv",
        "json",
        "report-md",
        "report-html",
        "scores-csv",
        "letters-md",
        "letters-html",
        "member-cards",
    )


def test_the_export_form_offers_a_rounds_outputs_only_for_a_round() -> None:
    assert [name for _, name in offered(panel=False)] == ["md", "html", "csv", "json"]
    assert [name for _, name in offered(panel=True)] == [
        "md",
        "html",
        "csv",
        "json",
        "report-md",
        "report-html",
        "scores-csv",
        "letters-md",
    ]


@pytest.fixture
def a_new_format(monkeypatch: pytest.MonkeyPatch) -> ExportFormat:
    """A format made in the test alone: one entry is all it takes."""

    def titles(session: Session, asked: Asked) -> str:
        return f"{session.title}\n"

    each = ExportFormat("title-txt", "Just the title (.txt)", "title.txt", titles)
    monkeypatch.setitem(EXPORT_FORMATS, each.name, each)
    return each


def test_a_new_format_is_written_and_offered_from_its_entry_alone(a_new_format: ExportFormat, tmp_path: Path) -> None:
    session = small_session("Part 1")
    [written] = export(session, "title-txt", str(tmp_path / "out.txt"))
    assert written.read_text() == "Part 1\n"
    assert ("Just the title (.txt)", "title-txt") in offered(panel=False)
    assert ExportForm(tmp_path / "part-1.toml").default_path("title-txt") == tmp_path / "part-1-title.txt"
