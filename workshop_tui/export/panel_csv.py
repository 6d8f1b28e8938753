"""Every score of a round as CSV: one row per panel member, application and criterion.

A cell with no number says why in the state column: "no score" (the member chose not to score),
"stepped out" (they declared a link), "not entered", or "withdrawn" (scored, then a link was
declared, so the score no longer counts; the level it had is in "original level"). "No score" is
never written as zero.
"""

import csv
import io
from datetime import datetime
from pathlib import Path

from workshop_tui.core.panel_views import members
from workshop_tui.export.csv_tables import neutralised
from workshop_tui.export.panel_facts import SCORED, WITHDRAWN, cell, changes, first_level, labels, level_words, round_of
from workshop_tui.model import Session

HEADER = [
    "member",
    "role",
    "application id",
    "organisation",
    "project",
    "criterion",
    "level",
    "state",
    "comment",
    "entered at",
    "changed at",
    "original level",
    "reason for change",
    "typed in",
]


def _time(at: datetime | None) -> str:
    return f"{at:%Y-%m-%d %H:%M:%S}" if at is not None else ""


def score_rows(session: Session, source: Path | str | None = None) -> list[list[str]]:
    """The header, then a row for each scoring member x application x criterion, in roster and round order."""
    panel = round_of(session, source)
    names = labels(session)
    rows = [HEADER]
    for person in members(session):
        for application in panel.round.applications:
            for criterion in panel.round.criteria:
                state, score = cell(panel, person.id, application.id, criterion.id)
                row = [
                    names[person.id],
                    person.role,
                    application.id,
                    application.organisation,
                    application.project,
                    criterion.name,
                ]
                if score is None:
                    rows.append([*row, "", state, "", "", "", "", "", ""])
                    continue
                reasons = "; ".join(change.reason for change in changes(score) if change.reason)
                rows.append(
                    [
                        *row,
                        str(score.level) if state == SCORED else "",
                        state,
                        score.comment,
                        _time(score.at),
                        _time(score.changed_at),
                        level_words(first_level(score)) if score.earlier or state == WITHDRAWN else "",
                        reasons,
                        # Who typed it last, and whose it was when another window typed over it.
                        f"{score.window} (typed over what {score.typed_over} typed)"
                        if score.typed_over
                        else score.window,
                    ]
                )
    return rows


def scores_csv(session: Session, source: Path | str | None = None) -> str:
    """Every cell quoted (quotes inside doubled); none can start a spreadsheet formula (see csv_tables)."""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL).writerows(
        [[neutralised(c) for c in row] for row in score_rows(session, source)]
    )
    return out.getvalue()
