"""One feedback letter for each applicant: their own scores, the panel's reasons and the decision.

A letter goes outside, to one applicant, so it is made from a copy of the session with no one's name in it
(export/anonymise.py) and from that applicant's records only: their application, their scores, the scores
the panel agreed for them, and their award. No other applicant's scores, amount or decision is read.

What people typed about this application (comments, reasons) may still name another applicant or quote
their amount ("stronger than Riverside Walkers"), so in that text any mention of another applicant's
organisation, project or amount is replaced by "(name removed)" or "(amount removed)". A mention that is
only part of this applicant's own name is theirs and is kept: "Age UK" inside "Age UK Leeds" is not
another applicant "Age UK", but "Age UK Leeds" in a letter to "Age UK" is. Names are matched as whole
words, ignoring case and how the spaces fall.
"""

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from workshop_tui.core.panel_events import find_agreed
from workshop_tui.core.panel_views import counted_scores, levels
from workshop_tui.core.ranking import weighted_score
from workshop_tui.core.wording import plural
from workshop_tui.export.anonymise import anonymise
from workshop_tui.export.html_minutes import sections_html
from workshop_tui.export.markdown_minutes import sections_markdown
from workshop_tui.export.minutes import Block, Section, Table
from workshop_tui.export.panel_facts import changes, is_close_scores_reason, level_words, round_of, weighted_words
from workshop_tui.model import Session
from workshop_tui.model.panel import Panel
from workshop_tui.model.round import Application, pounds

ANOTHER_APPLICANT = "(name removed)"
AN_AMOUNT = "(amount removed)"


def _name_pattern(name: str) -> str:
    """A name as whole words, any case, any run of spaces between its words."""
    words = [re.escape(word) for word in name.split()]
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


def _amount_pattern(pence: int) -> str:
    """£20,000 as people write it: £20,000, £20000, £ 20,000, £20,000.00 (not £20,000.50 or £200,000)."""
    whole, rest = divmod(pence, 100)
    digits = f"{whole:,}".replace(",", ",?")
    tail = rf"\.{rest:02d}" if rest else r"(?:\.00)?"
    return rf"(?<![\d,.])£\s?{digits}{tail}(?![\d]|[,.]\d)"


class Redactor:
    """Takes other applicants' names and amounts out of text written about one application."""

    def __init__(self, panel: Panel, application: Application, own_amounts: set[int]):
        own = [application.organisation, application.project]
        self._own = [re.compile(_name_pattern(name), re.IGNORECASE) for name in own if name.split()]
        others = [a for a in panel.round.applications if a.id != application.id]
        self._names = [
            re.compile(_name_pattern(name), re.IGNORECASE)
            for a in others
            for name in (a.organisation, a.project)
            if name.split()
        ]
        self._amounts = [
            re.compile(_amount_pattern(a.amount_pence)) for a in others if a.amount_pence not in own_amounts
        ]

    def __call__(self, text: str) -> str:
        text = " ".join(text.split())
        own = [m.span() for pattern in self._own for m in pattern.finditer(text)]
        found: list[tuple[int, int, str]] = []
        for patterns, words in ((self._names, ANOTHER_APPLICANT), (self._amounts, AN_AMOUNT)):
            for pattern in patterns:
                # Every match, overlapping ones too: a name found inside a longer one is found again here.
                start = 0
                while (m := pattern.search(text, start)) is not None:
                    inside_own = any(a <= m.start() and m.end() <= b for a, b in own)
                    if not inside_own:
                        found.append((m.start(), m.end(), words))
                    start = m.start() + 1
        if not found:
            return text
        found.sort()
        out: list[str] = []
        at = 0
        span_end, span_words = -1, ""
        for start, end, words in found:
            if start < span_end:  # overlaps the span being cut: one longer span, "another applicant" if any is a name
                span_end = max(span_end, end)
                span_words = ANOTHER_APPLICANT if ANOTHER_APPLICANT in (words, span_words) else span_words
                continue
            if span_end >= 0:
                out.append(span_words)
                at = span_end
            out.append(text[at:start])
            span_end, span_words = end, words
        out += [span_words, text[span_end:]]
        return "".join(out)


def file_stem(application: Application) -> str:
    """'app3-oak-street-men-s-shed': the application's id, then its organisation in plain letters."""
    plain = unicodedata.normalize("NFKD", application.organisation).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].rstrip("-")
    safe_id = re.sub(r"[^A-Za-z0-9]+", "-", application.id).strip("-") or "application"
    return f"{safe_id}-{slug}" if slug else safe_id


# The decision in the words the panel's screen and the report use, then what it means for the applicant.
DECISION_WORDS = {
    "fund in full": "The panel decided to fund in full: the {amount} you asked for.",
    "fund a smaller amount": "The panel decided to fund a smaller amount: {amount} of the {asked} you asked for.",
    "defer": "The panel decided to defer: it will come back to your application later.",
    "decline": "The panel decided to decline your application this time.",
    "refer to the funder": "Your application goes to the funder to decide, because no panel member was free to decide it.",
}


FUNDED_NOT = "so your application could not be funded in this round."


def _reasons_then(reasons: list[str], ending: str) -> list[Block]:
    """'A, so ...' for one reason; each reason, then 'Because of this, ...' for several."""
    if len(reasons) == 1:
        return [f"{reasons[0]}, {ending}"]
    return [[f"{reason}." for reason in reasons], f"Because of this, {ending}"]


def _why_not_ranked(panel: Panel, application: Application) -> tuple[list[str], list[str]]:
    """Why the application cannot be ranked for funding, from its own scores only, as the ranking
    judges it (core/ranking.py): a criterion below its pass mark, or one with no score at all. Each
    reason is a sentence without its full stop. Also those of them that rest on an agreed score."""
    reasons: list[str] = []
    on_agreed_scores: list[str] = []
    for criterion in panel.round.criteria:
        agreed = find_agreed(panel, application.id, criterion.id)
        found = levels(panel, application.id, criterion.id)
        if agreed is not None:
            if criterion.pass_mark is not None and agreed.level < criterion.pass_mark:
                reason = (
                    f"The panel's agreed score for '{criterion.name}' is {agreed.level}, "
                    f"below the pass mark of {criterion.pass_mark}"
                )
                reasons.append(reason)
                on_agreed_scores.append(reason)
        elif not found:
            reasons.append(f"No panel member gave a score for '{criterion.name}', and the panel did not agree one")
        elif criterion.pass_mark is not None and Fraction(sum(found), len(found)) < criterion.pass_mark:
            reasons.append(
                f"The panel members' scores for '{criterion.name}' average {weighted_words(Fraction(sum(found), len(found)))}, "
                f"below the pass mark of {criterion.pass_mark}, and the panel has not agreed a score for it yet"
            )
    return reasons, on_agreed_scores


def letter_sections(session: Session, application_id: str, source: Path | str | None = None) -> list[Section]:
    """The letter to one applicant. Raises NoRound (a FileProblem) for a session without a round."""
    round_of(session, source)
    session = anonymise(session)
    panel = round_of(session, source)
    application = panel.application(application_id)
    award = next((a for a in panel.awards if a.application == application.id), None)
    own_amounts = {application.amount_pence, panel.round.pot_pence} | ({award.amount_pence} if award else set())
    clean = Redactor(panel, application, own_amounts)
    criteria = panel.round.criteria
    org = application.organisation

    opening: list[Block] = [
        f"Dear {org},",
        f"Thank you for applying to '{clean(session.title)}' for your project '{application.project}'. "
        f"You asked for {pounds(application.amount_pence)}. The panel had {pounds(panel.round.pot_pence)} to give in all.",
        "A panel of local people read your application. Each member scored it on their own first. "
        "Then the panel talked the scores through and agreed a score for each criterion. "
        "This letter gives your scores and the panel's reasons.",
    ]
    sections = [Section(f"Feedback on your application: {org}", 1, opening, part="opening")]

    decision: list[Block]
    not_ranked, agreed_below = _why_not_ranked(panel, application)
    settled = bool(agreed_below)  # an agreed score below its pass mark will not change by itself
    if application.withdrawn:
        decision = ["Your application was withdrawn from this round, so the panel did not score or decide it."]
    elif award is None and not_ranked:
        # Not "no decision yet" alone: say why it could not be ranked, in its own scores' words.
        ending = (
            FUNDED_NOT
            if settled or session.status == "finished"
            else "so your application cannot be ranked for funding yet."
        )
        decision = _reasons_then(not_ranked, ending)
    elif award is None:
        decision = ["The panel has not made a decision on your application yet."]
    else:
        words = DECISION_WORDS.get(award.outcome, "The panel decided: {outcome}.")
        decision = [
            words.format(
                amount=pounds(award.amount_pence), asked=pounds(application.amount_pence), outcome=award.outcome
            ),
            f"The panel's reason: {clean(award.reason)}",
        ]
    sections.append(Section("The panel's decision", 2, decision, part="decision"))

    lowest, highest = min(c.lowest for c in criteria), max(c.highest for c in criteria)
    scores: list[Block] = [
        f"Each criterion was scored from {lowest} to {highest}. The words say what each score means. "
        'The weight says how much a criterion counts. "No score" means a member chose not to score. It is not a zero.',
    ]
    rows = []
    agreed_levels: dict[str, int] = {}
    below: list[str] = []
    for criterion in criteria:
        agreed = find_agreed(panel, application.id, criterion.id)
        given = ", ".join(level_words(s.level) for s in counted_scores(panel, application.id, criterion.id)) or "none"
        if agreed is None:
            rows.append([criterion.name, str(criterion.weight), "not agreed yet", "", given])
            continue
        agreed_levels[criterion.id] = agreed.level
        mark = ""
        if criterion.pass_mark is not None and agreed.level < criterion.pass_mark:
            below.append(criterion.name)
            mark = f" (below the pass mark of {criterion.pass_mark})"
        rows.append(
            [criterion.name, str(criterion.weight), f"{agreed.level}{mark}", criterion.level_words(agreed.level), given]
        )
    scores.append(
        Table(["Criterion", "Weight", "The panel's score", "What that score means", "Panel members' scores"], rows)
    )
    weighted = weighted_score(agreed_levels, criteria)
    if weighted is not None:
        most = sum(c.weight * c.highest for c in criteria)
        scores.append(
            f"Your weighted score: {weighted_words(weighted)} out of a possible {most}. "
            "It adds up each of the panel's scores times its weight."
        )
    if below and award is not None:
        if award.amount_pence:
            scores += [f"{reason}." for reason in agreed_below]
        else:
            scores += _reasons_then(agreed_below, FUNDED_NOT)
    out_of_it = {d.member for d in panel.declarations if d.application == application.id}
    if out_of_it:
        scores.append(
            f"{plural(len(out_of_it), 'panel member')} had a link to your organisation. "
            "They took no part in scoring or deciding on your application."
        )
    sections.append(Section("Your scores", 2, scores, part="scores"))

    said: list[str] = []
    for criterion in criteria:
        agreed = find_agreed(panel, application.id, criterion.id)
        # The reason the panel screen writes by itself where members were close is not the panel's own.
        if agreed is not None and agreed.reason and not is_close_scores_reason(agreed.reason):
            said.append(f"{criterion.name}: the panel agreed {agreed.level}. Why: {clean(agreed.reason)}")
        for score in counted_scores(panel, application.id, criterion.id):
            if score.comment:
                said.append(f"{criterion.name}: a panel member wrote: {clean(score.comment)}")
            for change in changes(score):
                why = clean(change.reason) if change.reason else "no reason given"
                said.append(
                    f"{criterion.name}: a panel member changed their score from {level_words(change.before)} "
                    f"to {level_words(change.after)}. Why: {why}"
                )
    sections.append(
        Section(
            "What the panel said",
            2,
            [said] if said else ["The panel wrote no comments on your application."],
            part="comments",
        )
    )
    sections.append(
        Section(
            "Questions",
            2,
            ["If you would like to talk about this feedback, please contact the fund's staff."],
            part="closing",
        )
    )
    return sections


@dataclass(frozen=True)
class Letter:
    application: Application
    stem: str
    sections: list[Section]

    @property
    def markdown(self) -> str:
        return sections_markdown(self.sections)

    @property
    def html(self) -> str:
        return sections_html(f"Feedback: {self.application.organisation}", self.sections)


def feedback_letters(session: Session, source: Path | str | None = None) -> list[Letter]:
    """A letter for every application in the round, in the round's order."""
    panel = round_of(session, source)
    return [Letter(a, file_stem(a), letter_sections(session, a.id, source)) for a in panel.round.applications]
