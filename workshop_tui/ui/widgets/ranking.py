"""The Ranking tab: the applications against the pot, the funding line drawn where the money runs
out, and the panel's decision on each (f, s, d, x, e). Before the reveal it shows only how many
scores are in."""

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TabPane

from workshop_tui.core.panel_views import (
    agreed_in_full,
    as_decided,
    awarded_pence,
    departure,
    left_pence,
    ranking,
    sheets_counted,
    tied_at_the_line,
)
from workshop_tui.core.ranking import Ranked
from workshop_tui.core.wording import plural
from workshop_tui.export.panel_facts import weighted_words
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import left_words, pounds
from workshop_tui.ui.middle_cut import middle_cut
from workshop_tui.ui.screens.form_dialog import FormProblem
from workshop_tui.ui.screens.panel_forms import AwardForm, money
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.panel_tables import PanelTable, entered
from workshop_tui.ui.widgets.panel_window import panel_screen

FUNDING_LINE = "funding-line"
DECISION_WORDS = {
    "fund in full": "fund in full",
    "fund a smaller amount": "fund less",
    "defer": "defer",
    "decline": "decline",
    "refer to the funder": "to funder",
}
AWARD_KEYS = {
    "fund in full": "f",
    "fund a smaller amount": "s",
    "defer": "d",
    "decline": "x",
    "refer to the funder": "e",
}


class RankingTable(PanelTable):
    """The ranking against the pot, with the funding line drawn where the money runs out."""

    WIDTHS = {
        "Decision": len("fund in full"),
        "Money": len("below a pass mark"),
        "Scores entered": len("Scores entered"),
    }

    BINDINGS = [
        Binding(
            "f",
            "award('fund in full')",
            "Fund",
            id="fund_in_full",
            tooltip="Fund the chosen application in full",
        ),
        Binding(
            "s",
            "award('fund a smaller amount')",
            "Smaller",
            id="fund_smaller",
            tooltip="Fund the chosen application with a smaller amount",
        ),
        Binding("d", "award('defer')", "Defer", id="defer", tooltip="Defer the chosen application"),
        Binding("x", "award('decline')", "Decline", id="decline", tooltip="Decline the chosen application"),
        Binding(
            "e",
            "award('refer to the funder')",
            "To the funder",
            id="refer_to_funder",
            show=False,
            tooltip="Refer the chosen application to the funder, with a reason: when every member stepped out of it",
        ),
        Binding(
            "t",
            "order_tie",
            "Order a tie",
            id="order_tie",
            show=False,
            tooltip="Put the chosen application first among those tied with it, with the panel's reason",
        ),
        Binding(
            "p",
            "change_pot",
            "Change the pot",
            id="change_pot",
            show=False,
            tooltip="Change how much is in the pot, with a reason",
        ),
    ]

    def fill(
        self, panel: Panel, ranked: list[Ranked], revealed: bool, entered: dict[str, tuple[int, int]], width: int = 80
    ) -> None:
        keep = self.cursor_row
        asked = max([len("Asked"), *(len(pounds(a.amount_pence)) for a in panel.round.applications)])
        if not revealed:
            # The name takes what the other columns leave (each column has a space either side, and a scroll bar).
            name_width = max(12, width - (asked + len("Scores entered") + len("hidden") + 4 * 2 + 4))
            self.start(
                "Application",
                "Asked",
                "Scores entered",
                "Score",
                widths={"Application": name_width, "Asked": asked, "Score": len("hidden")},
            )
            for application in panel.round.applications:
                done, wanted = entered[application.id]
                self.add_row(
                    middle_cut(application.organisation, name_width),
                    pounds(application.amount_pence),
                    "withdrawn" if application.withdrawn else f"{done} of {wanted}",
                    "hidden",
                    key=application.id,
                )
        else:
            name_width = max(
                12,
                width
                - (len("1 tied") + asked + len("Score") + self.WIDTHS["Decision"] + self.WIDTHS["Money"] + 6 * 2 + 2),
            )
            self.start(
                "Place",
                "Application",
                "Asked",
                "Score",
                "Decision",
                "Money",
                widths={"Place": len("1 tied"), "Application": name_width, "Asked": asked, "Score": len("Score")},
            )
            line_drawn = False
            for row in as_decided(panel, ranked):
                r, award = row.ranked, row.award
                if not line_drawn and r.place is not None and not row.above_the_line:
                    self.add_row("──", Text("─ funding line ─"), "──", "──", "──", "──", key=FUNDING_LINE)
                    line_drawn = True
                place = "–" if r.place is None else f"{r.place}" + (" tied" if r.tied else "")
                score = (
                    "–" if r.weighted is None else weighted_words(r.weighted)
                )  # one place, halves up, as the report says it
                decision = (
                    "not yet"
                    if award is None
                    else "to confirm"
                    if award.to_confirm
                    else DECISION_WORDS.get(award.outcome, award.outcome)
                )
                money = row.money_words.replace(" the money left", "")
                if r.place is None and row.award is None:  # the whole reason is in the report; here, its gist
                    money = (
                        "withdrawn"
                        if r.application.withdrawn
                        else "below a pass mark"
                        if "pass mark" in r.why_not_ranked
                        else "not all scored"
                    )
                self.add_row(
                    place,
                    middle_cut(r.application.organisation, name_width),
                    pounds(r.application.amount_pence),
                    score,
                    decision,
                    money,
                    key=r.application.id,
                )
        self.keep_row(keep)
        if super().chosen == FUNDING_LINE:
            self.move_cursor(row=min(self.cursor_row + 1, self.row_count - 1), animate=False)

    @property
    def chosen(self) -> str | None:
        key = super().chosen
        return None if key == FUNDING_LINE else key

    # The funding line is drawn, never chosen: the cursor steps over it.
    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        if super().chosen == FUNDING_LINE:
            if self.cursor_row + 1 < self.row_count:
                super().action_cursor_down()
            else:
                super().action_cursor_up()

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        if super().chosen == FUNDING_LINE:
            if self.cursor_row > 0:
                super().action_cursor_up()
            else:
                super().action_cursor_down()

    # What the keys do.

    def action_award(self, outcome: str) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        chosen = self.chosen
        if panel is None:
            return
        if chosen is None:
            self.notify("Choose an application first: Up and Down move through the ranking.", title="Not here")
            return
        referred = outcome == "refer to the funder"  # the exception when no member is left to decide
        if panel.revealed_at is None and not referred:
            self.notify(
                "The panel decides after the scores are revealed and talked through.",
                title="Not now",
                severity="warning",
            )
            return
        application = panel.application(chosen)
        amount = application.amount_pence if outcome == "fund in full" else 0
        # A smaller amount is weighed once it is typed: the engine says then if it departs.
        why = (
            departure(panel, application, outcome, amount)
            if outcome not in ("fund a smaller amount", "refer to the funder")
            else ""
        )
        left = left_words(panel.round.pot_pence - awarded_pence(panel, leaving_out=chosen))

        def attempt(answer: dict[str, Any]) -> str:
            return screen.live.try_command("make_award", application=chosen, **answer)

        names = [p.name for p in screen.session.participants if p.name]
        labels = screen.labels()
        comments = [f"{labels.get(c.member, 'someone')}: {c.text}" for c in panel.comments if c.application == chosen]
        self.app.push_screen(
            AwardForm(application, outcome, why, left, attempt=attempt, names=names, comments=comments)
        )

    def action_change_pot(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        if panel is None:
            return
        asked: dict[str, int] = {}

        def amount(text: str) -> str:
            try:
                asked["pot"] = money(text, "The pot")
            except FormProblem as problem:
                return str(problem)
            return ""

        def reason(text: str) -> str:
            return screen.live.try_command("change_pot", pot_pence=asked["pot"], reason=text)

        def then(answer: str | None) -> None:
            if answer is not None and "pot" in asked:
                self.app.push_screen(
                    TextPrompt(
                        f"Why does the pot change to {pounds(asked['pot'])}? (Kept in the record.)", attempt=reason
                    )
                )

        self.app.push_screen(
            TextPrompt(f"The pot is {pounds(panel.round.pot_pence)}. What is it now?", attempt=amount), then
        )

    def action_order_tie(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        chosen = self.chosen
        if panel is None or chosen is None:
            return
        if panel.revealed_at is None:  # nothing about the scores is said before the reveal
            self.notify("Ties are put in order after the scores are revealed.", title="Not now")
            return
        ranked = ranking(panel, chair_orders=False)
        here = next(r for r in ranked if r.application.id == chosen)
        tied = [r for r in ranked if r.tied and r.place == here.place and r.place is not None]
        if not here.tied or len(tied) < 2:
            same = [
                r for r in ranked if r.weighted == here.weighted and r.application.id != chosen and r.place is not None
            ]
            words = (
                f"{here.application.organisation} has the same score as {same[0].application.organisation}, but the "
                f"tie-break rule ({panel.round.tie_break}) already puts them in order."
                if same
                else f"{here.application.organisation} is not tied with another application."
            )
            self.notify(words, title="Not tied")
            return
        order = [chosen] + [r.application.id for r in tied if r.application.id != chosen]
        others = " and ".join(r.application.organisation for r in tied if r.application.id != chosen)
        self.app.push_screen(
            TextPrompt(
                f"Put {here.application.organisation} before {others}? They have the same score and the tie-break rule does "
                "not separate them. The panel's reason:",
                attempt=lambda reason: screen.live.try_command("order_tie", applications=order, reason=reason),
            )
        )


class RankingTab(TabPane):
    """The ranking, and a line above it on the money left, ties and what the ranking rests on."""

    def compose(self) -> ComposeResult:
        yield Static("", id="ranking-line", classes="panel-line", markup=False)
        yield RankingTable(id="ranking-table", cursor_type="row")

    def draw(self) -> None:
        screen = panel_screen(self)
        panel = screen.panel
        assert panel is not None  # drawn only once a round is open
        revealed = panel.revealed_at is not None
        ranked = ranking(panel) if revealed else []
        self.query_one(RankingTable).fill(
            panel, ranked, revealed, entered(panel, screen.scorers()), self.app.size.width
        )
        line = self.query_one("#ranking-line", Static)
        if not revealed:
            line.update("The scores are hidden until the chair reveals them. This shows how many are in.")
            return
        left = left_pence(panel)
        best = sum(c.weight * c.highest for c in panel.round.criteria)
        fits = [
            row.ranked.application.organisation for row in as_decided(panel, ranked) if row.award is None and row.fits
        ]
        if left < 0:
            money_words = f"The awards are {pounds(-left)} more than the pot. "
        else:
            money_words = (
                f"Still fits the {pounds(left)} left: "
                + (", ".join(fits[:6]) + (" and more" if len(fits) > 6 else "") if fits else "nothing undecided")
                + ". "
            )
        waiting = sum(1 for a in panel.open_applications() if not agreed_in_full(panel, a.id))
        full, sheets = sheets_counted(panel, [p.id for p in screen.scorers()])
        at_line = tied_at_the_line(panel, ranked)
        tie = (
            f"{' and '.join(r.application.organisation for r in at_line)} are tied where the money runs out. "
            "Choose the one to come first and press t, with the panel's reason. "
            if at_line
            else ""
        )
        notes = " ".join(f"{r.application.organisation}: {r.tie_note}." for r in ranked if r.tie_note)
        line.update(
            f"{tie}Scores are out of {best}; ties: {panel.round.tie_break}. {money_words}"
            + (
                f"{plural(waiting, 'application')} not agreed in full yet: they rank on the members' average. "
                if waiting
                else ""
            )
            + f"Rests on {full} of {sheets} members' sheets in full. {notes}"
        )
