"""Choose how to export a session from the review screen."""

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from workshop_tui.export.formats import EXPORT_FORMATS
from workshop_tui.ui.screens.form_dialog import FormDialog


def offered(panel: bool) -> list[tuple[str, str]]:
    """The formats the form offers, in words: a commissioning round's own outputs only when the session has one."""
    return [
        (each.words, each.name) for each in EXPORT_FORMATS.values() if each.words and (panel or not each.of_a_round)
    ]


class ExportForm(FormDialog[tuple[str, bool, str]]):
    def __init__(self, session_path: Path, panel: bool = False) -> None:
        super().__init__()
        self.session_path = session_path
        self.formats = offered(panel)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Export this session", classes="question")
            yield Label("What to write")
            yield Select(self.formats, value="md", allow_blank=False, id="export-format")
            yield Label("Names")
            yield Select(
                [("Keep names", False), ("Replace names with roles", True)],
                value=False,
                allow_blank=False,
                id="export-anonymise",
            )
            yield Label("File (enter exports)")
            yield Input(str(self.default_path("md")), id="export-file")
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Export (enter)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-file", Input).focus()

    def default_path(self, form: str) -> Path:
        return self.session_path.with_name(f"{self.session_path.stem}-{EXPORT_FORMATS[form].file_name}")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "export-format":
            self.query_one("#export-file", Input).value = str(self.default_path(str(event.value)))

    def on_input_submitted(self) -> None:
        self.save()

    def save(self) -> None:
        path = self.query_one("#export-file", Input).value.strip()
        if not path:
            self.show_problem("Please give a file name.")
            return
        if path == "-":
            self.show_problem("Please give a file name; '-' only means the screen on the command line.")
            return
        self.dismiss(
            (
                str(self.query_one("#export-format", Select).value),
                self.query_one("#export-anonymise", Select).value is True,
                path,
            )
        )
