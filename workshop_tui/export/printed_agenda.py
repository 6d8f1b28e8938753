"""A printed agenda for the people coming: large print, clock times, breaks marked in words, plain words.

Sent out in advance, so people know what will happen and when they can rest. It shows each step's
time and title, how the group decides at a decision step, and the questions it will ask, never the
facilitator's own instructions.
"""

from dataclasses import dataclass
from datetime import date, time
from html import escape

from workshop_tui.core.decision_methods import method_explained
from workshop_tui.core.timetable import TimedStep, clock_time, timetable
from workshop_tui.core.wording import length_in_words, plural
from workshop_tui.export.markdown_text import plain_words
from workshop_tui.model import Plan

# What each kind of step is, in the words of the people coming.
KIND_WORDS = {
    "activity": "Activity",
    "discussion": "Talking together",
    "break": "Break",
    "decision": "Deciding together",
    "scoring": "Scoring",
    "presentation": "A short talk",
}

# Large print: about 18 point text, near-black on white (19:1), a plain font, no italics, breaks
# marked by a word and a thick border rather than by colour.
STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 1.5rem; line-height: 1.5;
       color: #111111; background: #ffffff; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 2.25rem; line-height: 1.2; margin-bottom: 0.5rem; }
.when { font-size: 1.75rem; font-weight: bold; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1.5rem 0; }
th, td { border: 2px solid #111111; padding: 0.5rem 0.75rem; text-align: left; vertical-align: top; }
th { background: #eeeeee; }
td.time { white-space: nowrap; font-weight: bold; width: 9rem; }
tr.break td { border-width: 4px; background: #f2f2f2; }
.kind { font-weight: bold; }
ul { margin: 0.25rem 0 0 0; padding-left: 1.5rem; }
@media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } }
"""


@dataclass(frozen=True)
class Agenda:
    title: str
    description: str
    day: date | None
    steps: list[TimedStep]

    @property
    def starts(self) -> str:
        return clock_time(self.steps[0].starts)

    @property
    def ends(self) -> str:
        return clock_time(self.steps[-1].ends)

    @property
    def when(self) -> str:
        day = f"{self.day:%A} {self.day.day} {self.day:%B %Y}, " if self.day else ""
        return f"{day}{self.starts} to {self.ends}"

    @property
    def breaks(self) -> int:
        return sum(1 for timed in self.steps if timed.step.kind == "break")


def agenda_of(plan: Plan, start: time, title: str = "", day: date | None = None) -> Agenda:
    return Agenda(title or plan.title, plan.description, day, timetable(plan.steps, start))


def questions(timed: TimedStep) -> list[str]:
    """The questions the group will be asked: the step's prompts that are questions."""
    return [prompt for prompt in timed.step.prompts if prompt.rstrip().endswith("?")]


def how_decided(timed: TimedStep) -> str:
    method = timed.step.decides_by
    return method_explained(method) if timed.step.kind == "decision" and method else ""


def what_we_do(kind: str, title: str) -> str:
    """'Activity: Check-in round'; a step called only what it is ('Break') is said once, never 'Break: Break'."""
    said = KIND_WORDS[kind]
    return said if title.strip().casefold() == said.casefold() else f"{said}: {title}"


def _about(agenda: Agenda) -> str:
    total = agenda.steps[-1].ends - agenda.steps[0].starts
    if not agenda.breaks:
        return f"It lasts {length_in_words(total)}. You may step out at any time."
    each = "marked Break below" if agenda.breaks == 1 else "each marked Break below"
    return f"It lasts {length_in_words(total)}, with {plural(agenda.breaks, 'break')}, {each}. You may step out at any time."


def agenda_html(agenda: Agenda) -> str:
    rows = []
    for timed in agenda.steps:
        is_break = timed.step.kind == "break"
        said = KIND_WORDS[timed.step.kind]
        what = (
            [f'<span class="kind">{escape(said)}</span>']
            if what_we_do(timed.step.kind, timed.step.title) == said
            else [f'<span class="kind">{escape(said)}:</span> {escape(timed.step.title)}']
        )
        decided = how_decided(timed)
        if decided:
            what.append(f"<p>How we decide: {escape(decided)}</p>")
        asked = questions(timed)
        if asked:
            what.append("<p>We will ask:</p><ul>" + "".join(f"<li>{escape(q)}</li>" for q in asked) + "</ul>")
        row_class = ' class="break"' if is_break else ""
        rows.append(f'<tr{row_class}><td class="time">{escape(timed.times)}</td><td>{"".join(what)}</td></tr>')
    description = f"<p>{escape(agenda.description)}</p>\n" if agenda.description else ""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(agenda.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<h1>{escape(agenda.title)}</h1>\n<p class="when">{escape(agenda.when)}</p>\n{description}'
        f"<p>{escape(_about(agenda))}</p>\n"
        '<table>\n<thead><tr><th scope="col">Time</th><th scope="col">What we will do</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + f"\n</tbody>\n</table>\n<p>We finish at {escape(agenda.ends)}.</p>\n</main>\n</body>\n</html>\n"
    )


_md = plain_words  # the plan's words stay words: no accidental headings, lists, links or emphasis


def agenda_markdown(agenda: Agenda) -> str:
    lines = [f"# {_md(agenda.title)}", "", f"**{_md(agenda.when)}**", ""]
    if agenda.description:
        lines += [_md(agenda.description), ""]
    lines += [_md(_about(agenda)), ""]
    for timed in agenda.steps:
        # One colon a heading: the time, a dash, then what happens ("10:00 to 10:10 - Activity: Welcome").
        heading = f"## {timed.times} - {_md(what_we_do(timed.step.kind, timed.step.title))}"
        lines += [heading, ""]
        decided = how_decided(timed)
        if decided:
            lines += [f"How we decide: {_md(decided)}", ""]
        asked = questions(timed)
        if asked:
            lines += ["We will ask:", ""] + [f"- {_md(q)}" for q in asked] + [""]
    lines.append(f"We finish at {agenda.ends}.")
    return "\n".join(lines) + "\n"
