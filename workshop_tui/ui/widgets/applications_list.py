"""The Applications tab: the round's applications as they came in. The chair types one in (n),
imports a spreadsheet of them (i), corrects, withdraws or removes one, or undoes the last import."""

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from workshop_tui.core.panel_views import last_import
from workshop_tui.core.record_commands import squashed
from workshop_tui.core.wording import plural
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import Application, pounds
from workshop_tui.store.application_import import import_applications_file
from workshop_tui.store.problems import FileProblem
from workshop_tui.ui.middle_cut import middle_cut
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.panel_forms import ApplicationForm
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.panel_tables import PanelTable
from workshop_tui.ui.widgets.panel_window import panel_screen
from workshop_tui.ui.window_rights import window_may, window_refusal

ASK_ABOVE_ROWS = 30  # a round has about 20 applications: more than this is asked about before it is imported


def may_import(app: App[Any]) -> bool:
    """Importing reads a file on this computer and adds applications: never from a browser's window."""
    return window_may(app, "import") and window_may(app, "add_applications")


def import_refusal(app: App[Any]) -> str:
    return window_refusal(app, "import" if not window_may(app, "import") else "add_applications")


class ApplicationsTable(PanelTable):
    """One row an application: its number, organisation, project, the amount asked for and its area."""

    BINDINGS = [
        Binding("n", "add_application", "Add", id="add_application", tooltip="Type in an application"),
        Binding(
            "i",
            "import_applications",
            "Import",
            id="import_applications",
            tooltip="Import applications from a CSV file",
        ),
        Binding(
            "enter",
            "show_application",
            "Details",
            id="show_application",
            tooltip="Show the chosen application's summary and where the whole of it is",
        ),
        Binding(
            "e",
            "edit_application",
            "Correct",
            id="edit_application",
            tooltip="Correct the chosen application's details, with a reason",
        ),
        Binding(
            "w",
            "withdraw_application",
            "Withdraw",
            id="withdraw_application",
            tooltip="Withdraw the chosen application, with a reason: it stays in the record",
        ),
        Binding(
            "delete",
            "remove_application",
            "Remove",
            id="remove_application",
            show=False,
            tooltip="Remove the chosen application, added by mistake, before anyone scores it",
        ),
        Binding(
            "u",
            "undo_import",
            "Undo import",
            id="undo_import",
            show=False,
            tooltip="Take out every application the last import added, until scoring starts",
        ),
    ]

    def fill(self, panel: Panel, width: int = 80) -> None:
        keep = self.cursor_row
        # The amount is never cut; the names share what is left of the screen (after the other columns,
        # a space either side of each of the five, and a scroll bar).
        asked = max([len("Asked"), *(len(pounds(a.amount_pence)) for a in panel.round.applications)])
        names = max(12, (width - (3 + asked + 14 + 5 * 2 + 2) + 4) // 2)
        self.start(
            "No.",
            "Organisation",
            "Project",
            "Asked",
            "Area",
            widths={"No.": 3, "Organisation": names, "Project": names - 4, "Asked": asked, "Area": 14},
        )
        for number, a in enumerate(panel.round.applications, start=1):
            self.add_row(
                str(number),
                Text(middle_cut(a.organisation, names)),
                Text(middle_cut(a.project, names - 4)),
                pounds(a.amount_pence),
                Text("withdrawn" if a.withdrawn else middle_cut(a.area, 14)),
                key=a.id,
            )
        self.keep_row(keep)

    def draw(self) -> None:
        panel = panel_screen(self).panel
        assert panel is not None  # drawn only once a round is open
        # The terminal's width, not this screen's: a change heard while a prompt covers it (or just after)
        # would otherwise be laid out for a screen of no width, with every name cut to 12 letters.
        self.fill(panel, self.app.size.width)

    # What the keys do.

    def _chosen_application(self) -> Application | None:
        panel = panel_screen(self).panel
        chosen = self.chosen
        if panel is None or chosen is None:
            self.notify("Choose an application first: Up and Down move through them.", title="Not here")
            return None
        return panel.application(chosen)

    def action_add_application(self) -> None:
        screen = panel_screen(self)
        if screen.panel is None:
            return screen.action_open_round()
        self.app.push_screen(
            ApplicationForm(attempt=lambda fields: screen.live.try_command("add_application", **fields))
        )

    def action_show_application(self) -> None:
        panel = panel_screen(self).panel
        chosen = self.chosen
        if panel is None or chosen is None:
            return
        a = panel.application(chosen)
        lines = [
            f"{a.project}, asking for {pounds(a.amount_pence)}.",
            a.area and f"Area: {a.area}.",
            a.summary,
            a.link and f"The whole application: {a.link}",
        ]
        self.notify("\n".join(line for line in lines if line), title=a.organisation, timeout=15)

    def action_edit_application(self) -> None:
        screen = panel_screen(self)
        application = self._chosen_application()
        if application is not None:
            self.app.push_screen(
                ApplicationForm(
                    editing=application,
                    attempt=lambda fields: screen.live.try_command(
                        "edit_application", application=application.id, **fields
                    ),
                )
            )

    def action_withdraw_application(self) -> None:
        screen = panel_screen(self)
        application = self._chosen_application()
        if application is not None:
            self.app.push_screen(
                TextPrompt(
                    f"Withdraw {application.organisation}? It stays in the record, and is no longer scored or decided. Why?",
                    attempt=lambda reason: screen.live.try_command(
                        "withdraw_application", application=application.id, reason=reason
                    ),
                )
            )

    def action_remove_application(self) -> None:
        screen = panel_screen(self)
        application = self._chosen_application()
        if application is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                screen.run("remove_application", application=application.id, reason="Added by mistake")

        self.app.push_screen(
            ConfirmScreen(
                f"Remove {application.organisation}, added by mistake? The record says it was "
                "removed. (One already scored is withdrawn instead, with w.)",
                "Remove",
                "Keep it",
            ),
            answered,
        )

    def action_undo_import(self) -> None:
        screen = panel_screen(self)
        if screen.panel is None:
            return
        last = last_import(screen.session)
        if not last:
            self.notify("There is no import to undo.", title="Not now")
            return

        def answered(yes: bool | None) -> None:
            if yes and screen.run("undo_import"):
                self.notify(f"The import of {plural(len(last), 'application')} was undone.", title="Applications")

        self.app.push_screen(
            ConfirmScreen(
                f"Take out the {plural(len(last), 'application')} the last import added? "
                "The record says the import was undone.",
                "Undo the import",
                "Keep them",
            ),
            answered,
        )

    # Importing a spreadsheet of applications.

    def on_key(self, event: events.Key) -> None:
        # Import's key is kept off the footer where it is not allowed; pressed anyway, it says why.
        if may_import(self.app):
            return
        bindings = self._bindings.key_to_bindings.get(event.key, [])
        if any(binding.action == "import_applications" for binding in bindings):
            event.stop()
            self.notify(import_refusal(self.app), title="Not imported", severity="warning")

    def action_import_applications(self) -> None:
        screen = panel_screen(self)
        if not may_import(self.app):  # reached some other way than its key
            self.notify(import_refusal(self.app), title="Not imported", severity="warning")
            return
        if screen.panel is None:
            return screen.action_open_round()
        asking: list[tuple[Screen[Any], Any]] = []

        def attempt(path: str) -> str:
            try:
                imported = import_applications_file(Path(path.strip().strip("'\"")).expanduser())
            except FileProblem as problem:
                return str(problem)
            if not imported.ok:
                shown = "; ".join(imported.problems[:3]) + (
                    f"; and {len(imported.problems) - 3} more" if len(imported.problems) > 3 else ""
                )
                return f"Nothing was imported. Fix these in the file and try again: {shown}."
            if not imported.applications:
                return "The file has no applications in it."
            rows = [
                {
                    "organisation": a.organisation,
                    "project": a.project,
                    "amount_pence": a.amount_pence,
                    "area": a.area,
                    "summary": a.summary,
                    "link": a.link,
                }
                for a in imported.applications
            ]

            def add() -> str:
                refused = screen.live.try_command("add_applications", applications=rows, imported=True)
                if not refused:
                    ignored = (
                        f" Columns not used: {', '.join(imported.ignored_columns)}." if imported.ignored_columns else ""
                    )
                    self.notify(
                        f"{plural(len(rows), 'application')} imported.{ignored} Until scoring starts, u on this tab undoes "
                        "the import.",
                        title="Applications",
                    )
                return refused

            def answered(yes: bool | None) -> None:
                refused = add() if yes else "Nothing was imported."
                if refused:
                    self.notify(refused, title="Applications", severity="warning" if yes else "information")

            # A big file, one with an organisation twice, or one the round has already (the same file imported
            # again, say), is asked about first.
            panel = screen.panel
            assert panel is not None  # a round once open stays open
            held = {squashed(a.organisation): a.organisation for a in panel.open_applications()}
            again = list(
                dict.fromkeys(
                    held[squashed(a.organisation)] for a in imported.applications if squashed(a.organisation) in held
                )
            )
            question = [
                f"This file holds {len(rows)} applications." if len(rows) > ASK_ABOVE_ROWS else "",
                f"These organisations come more than once: {'; '.join(imported.duplicates[:5])}."
                if imported.duplicates
                else "",
                f"{plural(len(again), 'organisation')} in it {'is' if len(again) == 1 else 'are'} in this round "
                f"already: {'; '.join(again[:5])}" + (f" and {len(again) - 5} more" if len(again) > 5 else "") + "."
                if again
                else "",
            ]
            if any(question):
                # Asked once the file prompt has closed (`ask_after`), on top of the panel.
                asking.append(
                    (
                        ConfirmScreen(
                            " ".join(q for q in question if q) + " Import them all?", "Import", "Do not import"
                        ),
                        answered,
                    )
                )
                return ""
            return add()

        def ask_after(_: str | None) -> None:
            if asking:
                self.app.push_screen(*asking.pop())

        self.app.push_screen(
            TextPrompt(
                "Import applications from a spreadsheet saved as CSV. It needs columns for the organisation, the project "
                "and the amount asked for; area, summary and link are taken too. Which file?",
                hint="Type the file's name or path. Enter imports. Escape cancels.",
                attempt=attempt,
            ),
            ask_after,
        )
