"""The plan editor's checks: how many things to look at, and each of them (core/plan_checks.py). Enter on
one goes to the step or the detail it is about; the editor (ui/screens/plan_editor.py) does that."""

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop_tui.core.plan_checks import Finding
from workshop_tui.core.wording import plural


class PlanFindings(Vertical):
    DEFAULT_CSS = """
    PlanFindings {
        height: auto;
    }
    PlanFindings #findings-heading {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    PlanFindings #plan-findings {
        height: auto;
        max-height: 7;
        border: none;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="findings-heading", markup=False)
        yield OptionList(id="plan-findings", markup=False)

    def show(self, findings: list[Finding]) -> None:
        self.findings = findings
        count = len(findings)
        self.query_one("#findings-heading", Static).update(
            f"{plural(count, 'thing')} to look at (Tab, then Enter goes to the step)"
            if count
            else "Nothing to look at: the checks are happy."
        )
        listed = self.query_one("#plan-findings", OptionList)
        listed.display = bool(findings)
        listed.clear_options()
        listed.add_options(
            Option(f"{f.where[:1].upper()}{f.where[1:]}: {f.advice}", id=str(n)) for n, f in enumerate(findings)
        )
        if findings:
            listed.highlighted = 0

    def chosen(self) -> Finding | None:
        """The finding under the cursor; None when there is none."""
        index = self.query_one("#plan-findings", OptionList).highlighted
        return None if index is None or index >= len(self.findings) else self.findings[index]
