"""Notes, decisions and actions as CSV, one table each, for spreadsheets."""

import csv
import io
from collections.abc import Sequence

from workshop_tui.core.wording import names_and
from workshop_tui.export.formats import CSV_TABLES
from workshop_tui.export.minutes import action_state
from workshop_tui.model import Decision, Session
from workshop_tui.model.participant import person_label


def _rows(session: Session, what: str, later: Sequence[Session]) -> list[list[str]]:
    titles = {step.id: step.title for step in session.steps}
    if what == "notes":
        return [["time", "step", "kind", "text", "by", "removed", "typed in"]] + [
            [
                f"{n.at:%Y-%m-%d %H:%M:%S}",
                titles.get(n.step, n.step),
                n.kind,
                n.text,
                names_and([person_label(p, session.participants) for p in n.speakers]),
                "yes" if n.removed_at else "no",
                n.window,
            ]
            for n in session.notes
        ]
    if what == "decisions":
        return [
            [
                "time",
                "step",
                "question",
                "method",
                "present",
                "for",
                "against",
                "abstained",
                "objections",
                "fingers 0-5",
                "dots",
                "outcome",
                "statement",
                "reasons",
                "dissent",
                "dissent by",
                "made by",
                "warnings",
                "typed in",
            ]
        ] + [
            [
                f"{d.at:%Y-%m-%d %H:%M:%S}",
                titles.get(d.step, d.step),
                d.question,
                d.method,
                _present(d),
                *("" if v is None else str(v) for v in (d.votes_for, d.votes_against, d.abstentions, d.objections)),
                " ".join(str(count) for count in d.fingers),
                "; ".join(f"{option}: {count}" for option, count in d.dots.items()),
                d.outcome,
                d.statement,
                d.reasons,
                d.dissent,
                person_label(d.dissent_by, session.participants) if d.dissent_by else "",
                d.made_by,
                "; ".join(d.warnings),
                d.window,
            ]
            for d in session.decisions
        ]
    if what == "actions":
        earlier = session.follows.title if session.follows else ""
        return [["what", "who", "due", "state", "step", "carried over from", "what happened", "typed in"]] + [
            [
                a.text,
                a.owner,
                a.due.isoformat() if a.due else "",
                "done" if a.done_at else "open",
                titles.get(a.step, a.step),
                earlier if a.carried_from else "",
                action_state(a, session, later),
                a.window,
            ]
            for a in session.actions
        ]
    raise ValueError(f"'{what}' is not one of {', '.join(CSV_TABLES)}")


def _present(decision: Decision) -> str:
    """How many were there when it was decided: the people ticked, or the head count."""
    if decision.present:
        return str(len(decision.present))
    return "" if decision.present_count is None else str(decision.present_count)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a ' in front (OWASP)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def csv_table(session: Session, what: str, later: Sequence[Session] = ()) -> str:
    """One table as CSV. Every cell is quoted (quotes inside doubled) and none can start a formula."""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL).writerows(
        [[neutralised(cell) for cell in row] for row in _rows(session, what, later)]
    )
    return out.getvalue()
