"""A plan's timings from past sessions, in words and as a chart in text: for `stats` and its screen.

Every number is said in words as well as drawn, so nobody needs the bars (or colour) to read it.
"""

import re
from pathlib import Path
from statistics import median

from workshop_tui.core.plan_stats import FEWEST_RUNS, ROUND_TO, PlanStats, StepStats
from workshop_tui.core.wording import duration_in_words, length_in_words, minutes_column, plural, time_used_in_words

PLANNED, ACTUAL, RANGE = "░", "█", "─"


def minutes_said(minutes: float) -> str:
    """A chart's column: whole minutes, halves up, as the review's chart; '<1' for under half a minute."""
    return minutes_column(60 * minutes)


def minutes_words(minutes: float) -> str:
    """A step's time in the words the review and the minutes use for it (`time_used_in_words`)."""
    return time_used_in_words(60 * minutes)


def over_words(minutes: float) -> str:
    """How far over: '27 seconds' under a minute, else whole minutes, as the review says an overrun."""
    return duration_in_words(60 * minutes)


def _late_words(stats: PlanStats) -> str:
    if not stats.late:
        if stats.off_slot:  # the timers ran; only not in the plan's time slot
            return (
                f"Started: {plural(stats.off_slot, 'session')} ran at another time of day than the plan's start, "
                "so how late it started is not counted."
                if stats.off_slot == 1
                else f"Started: {plural(stats.off_slot, 'session')} ran at another time of day than the plan's start, "
                "so how late they started is not counted."
            )
        return "Started: no session's timer has run yet."
    since = (
        "from opening the session, as the plan has no start time"
        if stats.late_from_opening
        else "after the planned start"
    )
    late = [minutes for minutes in stats.late if minutes >= 1]
    if not late:
        return (
            f"Started: on time in {'the one session' if len(stats.late) == 1 else f'all {len(stats.late)} sessions'}."
        )
    return (
        f"Started late in {len(late)} of {plural(len(stats.late), 'session')}: usually by {over_words(median(late))}, "
        f"at most {over_words(max(late))} ({since})."
    )


def _breaks_words(stats: PlanStats) -> str:
    if not stats.breaks_run:
        return "Breaks: none has run yet."
    if not stats.long_breaks:
        return f"Breaks: none of {stats.breaks_run} ran long by a minute or more."
    return (
        f"Breaks: {len(stats.long_breaks)} of {stats.breaks_run} ran long by a minute or more, usually by "
        f"{over_words(median(stats.long_breaks))}, at most {over_words(max(stats.long_breaks))}."
    )


def summary_lines(stats: PlanStats) -> list[str]:
    plan = stats.plan
    counted = f"{plural(stats.sessions, 'past session')}"
    if stats.unfinished:
        counted += f", {stats.unfinished} not finished (only their finished steps count)"
    lines = [f"{plan.title} ({plan.name}, version {plan.version}): {counted}."]
    if not stats.sessions:
        return lines
    lines += [_late_words(stats), _breaks_words(stats)]
    if stats.unmatched:
        lines.append(
            f"{plural(stats.unmatched, 'step')} of earlier versions of the plan are not in this one, so they are not counted."
        )
    return lines


def step_words(step: StepStats) -> str:
    """One step's story: 'Usually took 14 minutes (9 to 22), against 10 planned. Ran over in 7 of 10 runs, usually by 4 minutes.'"""
    if not step.sessions:
        return "In no past session."
    parts = []
    against = f"against {step.planned} planned"
    if step.plan_changed:  # say both, so "ran over" (against the plan of the day) is not read against today's
        then = sorted(set(step.planned_then))
        against += f" now ({then[0] if len(then) == 1 else f'{then[0]} to {then[-1]}'} when it ran)"
    if step.ran == 1 and step.median is not None:
        parts.append(f"Took {minutes_words(step.median)}, {against}.")
    elif step.ran and step.median is not None and step.shortest is not None and step.longest is not None:
        shortest, longest = minutes_words(step.shortest), minutes_words(step.longest)
        if shortest == longest:
            span = "each time"
        elif re.fullmatch(r"\d+ minutes?", shortest) and re.fullmatch(r"\d+ minutes", longest):
            span = f"({shortest.split()[0]} to {longest})"  # "(12 to 14 minutes)"
        else:
            span = f"({shortest} to {longest})"
        parts.append(f"Usually took {minutes_words(step.median)} {span}, {against}.")
    else:
        parts.append("Never ran.")
    if step.over:
        over = "the time planned then" if step.plan_changed else ""
        parts.append(
            f"Ran a minute or more over{' ' + over if over else ''} in {len(step.over)} of {plural(step.ran, 'run')}, "
            f"usually by {over_words(median(step.over))}."
        )
    elif step.ran > 1:
        parts.append(f"Never ran a minute or more over in {step.ran} runs.")
    if step.skipped:
        parts.append(f"Skipped in {step.skipped} of {plural(step.sessions, 'session')}.")
    if step.removed:
        parts.append(f"Taken off the agenda in {step.removed} of {plural(step.sessions, 'session')}.")
    if step.passed:
        parts.append(f"Passed without its timer in {step.passed} of {plural(step.sessions, 'session')}.")
    if step.dropped:
        parts.append(f"Not reached in {step.dropped} of {plural(step.sessions, 'session')}: they finished first.")
    if step.moved:
        parts.append(f"Moved in {plural(step.moved, 'session')}.")
    return " ".join(parts)


def chart_lines(stats: PlanStats, width: int = 80) -> list[str]:
    """Each step: its planned minutes as ░ and its middle actual as █, with ─ out to the longest run."""
    longest = max([step.planned for step in stats.steps] + [step.longest or 0 for step in stats.steps] + [1])
    room = max(10, width - 17)  # after "    actual  30½ ", and a column to spare so no bar wraps
    scale = room / longest

    def bar(minutes: float) -> int:
        return max(1, round(minutes * scale)) if minutes > 0 else 0

    lines = [
        f"Step by step: {PLANNED} planned, {ACTUAL} what it usually took (the middle run), {RANGE} out to the longest run."
    ]
    for step in stats.steps:
        lines += ["", f"{step.number:>2}. {step.title} ({step.kind})"]
        lines.append(f"    planned {step.planned:>3} {PLANNED * bar(step.planned)}")
        if step.median is not None and step.longest is not None:
            usual = bar(step.median)
            lines.append(
                f"    actual  {minutes_said(step.median):>3} {ACTUAL * usual}{RANGE * max(0, bar(step.longest) - usual)}"
            )
        lines.append(f"    {step_words(step)}")
    if stats.added:
        lines += ["", "Added on the day:"]
    for added in stats.added:
        took = f", usually {minutes_words(median(added.used))}" if added.used else ""
        lines.append(f"    '{added.title}' in {plural(added.sessions, 'session')}{took}.")
    return lines


def suggestion_lines(stats: PlanStats) -> list[str]:
    if not stats.sessions:
        return []
    rule = (
        f"Suggested timings: what each step usually took (the middle run), rounded to {ROUND_TO} minutes; "
        f"as planned where a step ran fewer than {FEWEST_RUNS} times."
    )
    lines = [rule]
    for step in stats.steps:
        change = "" if step.suggested == step.planned else f" (was {step.planned})"
        lines.append(f"{step.number:>3}. {step.title}: {step.suggested}{change}")
    planned = sum(step.planned for step in stats.steps)
    suggested = sum(stats.suggested)
    lines.append(f"In all: {length_in_words(planned)} planned, {length_in_words(suggested)} suggested.")
    return lines


def report_lines(stats: PlanStats, width: int = 80) -> list[str]:
    if not stats.sessions:
        return [
            *summary_lines(stats),
            f"Run it with 'workshop-tui run {stats.plan.name}', and its timings will show here.",
        ]
    return [*summary_lines(stats), "", *chart_lines(stats, width), "", *suggestion_lines(stats)]


def damaged_lines(damaged: list[tuple[Path, str]], folder: Path) -> list[str]:
    """The files that could not be read, each with why: never counted, always said."""
    if not damaged:
        return []
    they = "it is" if len(damaged) == 1 else "they are"
    lines = ["", f"{plural(len(damaged), 'file')} in {folder} could not be read, so {they} not counted:"]
    return lines + [f"  {path.name}: {why}" for path, why in damaged]
