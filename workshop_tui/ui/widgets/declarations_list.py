"""The Declarations tab: who on the roster has links to an applicant. A member declares before they
score (i for an interest, n for none), and steps out of an application they are linked to."""

from rich.text import Text
from textual.binding import Binding

from workshop_tui.model.panel import Panel
from workshop_tui.model.participant import Participant
from workshop_tui.ui.middle_cut import middle_cut
from workshop_tui.ui.screens.panel_forms import DeclarationForm
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.panel_tables import PanelTable, short
from workshop_tui.ui.widgets.panel_window import panel_screen


class DeclarationsTable(PanelTable):
    """One row a person on the roster: their role, what they declared, and their links."""

    WIDTHS = {"Declared": max(len("no interests"), len("not scoring"), len("10 interests"))}
    BINDINGS = [
        Binding(
            "i",
            "declare_interest",
            "Interest",
            id="declare_interest",
            tooltip="Record the chosen member's link to an applicant",
        ),
        Binding(
            "n",
            "declare_none",
            "No interests",
            id="declare_none",
            tooltip="Record that the chosen member has no links to declare",
        ),
        Binding(
            "u",
            "undo_declaration",
            "Undo one",
            id="undo_declaration",
            tooltip="Undo the chosen member's last declaration, made in error, with a reason",
        ),
        Binding(
            "enter",
            "show_declarations",
            "In full",
            id="show_declarations",
            show=False,
            tooltip="Show the chosen member's declarations in full",
        ),
    ]

    def fill(self, panel: Panel, people: list[tuple[Participant, str, bool]], width: int = 80) -> None:
        keep = self.cursor_row
        who = max([len("Who"), *(len(label) for _, label, _ in people)])
        who = min(who, 24)
        role = max([len("Role"), *(len(person.role) for person, _, _ in people)])
        links = max(16, width - (who + role + self.WIDTHS["Declared"] + 4 * 2 + 4))
        self.start("Who", "Role", "Declared", "Links to", widths={"Who": who, "Role": role, "Links to": links})
        names = {a.id: a.organisation for a in panel.round.applications}
        for person, label, scores in people:
            mine = [d for d in panel.declarations if d.member == person.id]
            links_of = [d for d in mine if d.application]
            said = (
                (f"{len(links_of)} interest" + ("s" if len(links_of) != 1 else ""))
                if links_of
                else "no interests"
                if mine
                else "not yet"
            )
            if not scores and not mine:
                said = "not scoring"  # staff and facilitators declare too, when they have a link
            self.add_row(
                Text(middle_cut(label, who)),
                person.role,
                said,
                Text(short("; ".join(f"{names[d.application]}: {d.interest}" for d in links_of), links)),
                key=person.id,
            )
        self.keep_row(keep)

    def draw(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        assert panel is not None  # drawn only once a round is open
        labels = screen.labels()
        scoring = {p.id for p in screen.scorers()}
        self.fill(panel, [(p, labels[p.id], p.id in scoring) for p in screen.session.participants], self.app.size.width)

    # What the keys do.

    def _chosen_member(self) -> Participant | None:
        screen = panel_screen(self)
        own = screen.own_member()
        if own is not None:
            return own  # a member's own window declares for that member alone
        chosen = self.chosen
        return next((p for p in screen.session.participants if p.id == chosen), None)

    def action_declare_interest(self) -> None:
        screen = panel_screen(self)
        person = self._chosen_member()
        if person is None or screen.panel is None:
            return
        form = DeclarationForm(
            screen.labels()[person.id],
            screen.panel.round.applications,
            attempt=lambda fields: screen.live.try_command("declare_interest", member=person.id, **fields),
        )
        self.app.push_screen(form)

    def action_declare_none(self) -> None:
        person = self._chosen_member()
        if person is not None:
            panel_screen(self).run("declare_no_interests", member=person.id)

    def action_show_declarations(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        person = self._chosen_member()
        if person is None or panel is None:
            return
        mine = [d for d in panel.declarations if d.member == person.id]
        lines = [
            f"{panel.application(d.application).organisation}: {d.interest}"
            if d.application
            else "No interests to declare."
            for d in mine
        ]
        self.notify("\n".join(lines) or "Nothing declared yet.", title=screen.labels()[person.id], timeout=15)

    def action_undo_declaration(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        person = self._chosen_member()
        if person is None or panel is None:
            return
        mine = [d for d in panel.declarations if d.member == person.id]
        if not mine:
            self.notify(f"{screen.labels()[person.id]} has made no declaration to undo.", title="Not now")
            return
        last = mine[-1]
        said = (
            f"the interest in {panel.application(last.application).organisation} ('{last.interest}')"
            if last.application
            else "'no interests'"
        )
        self.app.push_screen(
            TextPrompt(
                f"Undo {screen.labels()[person.id]}'s declaration of {said}, made in error? Why?",
                attempt=lambda reason: screen.live.try_command("undo_declaration", declaration=last.id, reason=reason),
            )
        )
