"""The plan commands of `workshop-tui`: plans, plan edit, plan print, stats and check.

Each loads only what it needs (no session engine, and Textual only as the plan editor opens), so
they answer quickly. Bad input raises UsageProblem or FileProblem; command_line.py says it in one sentence.
"""

import argparse
import re
import shutil
import sys
from datetime import date, time
from pathlib import Path

from workshop_tui.cli import screen
from workshop_tui.cli.parser import AddCommand, Parser
from workshop_tui.cli.usage_problem import BAD_INPUT, UsageProblem
from workshop_tui.core.wording import length_in_words, plural
from workshop_tui.model import Plan
from workshop_tui.model.plan import PLAN_NAME
from workshop_tui.store.plan_library import all_plans, find_plan
from workshop_tui.store.problems import FileProblem


def add_commands(command: AddCommand, after: Parser) -> None:
    """The plan commands, in the order the help lists them; `after` holds the options every command takes after it."""
    command("plans", help="list the plans (built-in and your own) and their length")
    plan = command(
        "plan", help="write or change a plan (plan edit), or print its agenda for the people coming (plan print)"
    )
    plan_commands = plan.add_subparsers(dest="plan_command", metavar="edit|print", parser_class=Parser)
    plan_edit = plan_commands.add_parser(
        "edit", help="write a new plan, or change one, in the plan editor", parents=[after]
    )
    plan_edit.add_argument(
        "plan_name",
        metavar="NAME",
        nargs="?",
        help="the plan to change; a name no plan has yet starts a new plan with it",
    )
    plan_edit.add_argument("--from", dest="copy_of", metavar="PLAN", help="start a new plan from a copy of this one")
    plan_print = plan_commands.add_parser(
        "print", help="a large-print agenda with clock times, for sending to the people coming", parents=[after]
    )
    plan_print.add_argument(
        "plan_name", metavar="NAME", help="the plan: a built-in plan's name, your own plan's, or a plan file"
    )
    plan_print.add_argument(
        "--start", metavar="TIME", help="when it starts, such as 10:00 (the plan's own start time if not given)"
    )
    plan_print.add_argument("--date", metavar="DATE", help="the day, such as 2026-07-08, printed at the top")
    plan_print.add_argument("--title", metavar="T", help="the heading (the plan's title if not given)")
    plan_print.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write it: a .html or .md file, or - for the screen (Markdown); "
        "if not given, NAME-agenda.html and NAME-agenda.md in this folder",
    )
    plan_print.add_argument("--force", action="store_true", help="replace files that are already there")
    stats_of = command(
        "stats", help="how a plan's steps went in past sessions: planned against actual, and suggested timings"
    )
    stats_of.add_argument("plan", metavar="PLAN", help="a plan's name (built-in or your own), or a plan file")
    stats_of.add_argument(
        "--facilitator", metavar="NAME", help="learn only from the sessions this person ran (a whole or first name)"
    )
    stats_of.add_argument(
        "--save",
        action="store_true",
        help="save the suggested timings as a new version of the plan (the version before is kept)",
    )
    checked = command(
        "check", help="check a plan for the people in the room: plain English, pacing, how decisions are made"
    )
    checked.add_argument("plan", metavar="PLAN", help="a built-in plan's name or a plan file")


def list_plans(args: argparse.Namespace, sessions_dir: Path) -> int:
    """`plans`: each plan's name, title and length (it takes no arguments of its own)."""
    entries = all_plans(sessions_dir / "plans")
    width = max((len(entry.name) for entry in entries), default=0)
    for entry in entries:
        if entry.plan is None:
            print(f"{entry.name:<{width}}  cannot be used: {entry.problem}")
            continue
        plan = entry.plan
        where = (
            ""
            if entry.builtin
            else f"  (your version {plan.version}: {entry.path})"
            if entry.replaces_builtin
            else f"  ({entry.path})"
        )
        print(
            f"{plan.name:<{width}}  {plan.title} - {plural(len(plan.steps), 'step')}, "
            f"{length_in_words(plan.planned_minutes)}{where}"
        )
    return 0


FINDINGS = 1  # `check`: the plan was read and has findings to look at


def check(args: argparse.Namespace, sessions_dir: Path) -> int:
    """Exit 0 when the plan is clean, 1 when it has findings, 2 when it cannot be read."""
    try:
        entry = find_plan(args.plan, sessions_dir / "plans")
    except FileProblem as problem:
        for each in problem.all:
            print(each, file=sys.stderr)
        return BAD_INPUT
    plan = entry.plan
    assert plan is not None  # find_plan gives only plans that load
    from workshop_tui.core.plan_checks import check_plan  # its word lists load only for a check, not for every command

    findings = check_plan(plan)
    length = f"{plan.title}: {plural(len(plan.steps), 'step')}, {length_in_words(plan.planned_minutes)}"
    # A built-in plan is named as the user named it: the path inside the installed package means nothing to them.
    where = f"The built-in plan '{entry.name}'" if entry.builtin else str(entry.path)
    if not findings:
        print(f"{where}: nothing to change. {length}.")
        return 0
    print(f"{where}: {plural(len(findings), 'thing')} to look at. {length}.")
    for number, finding in enumerate(findings, start=1):
        print(f"\n{number}. {finding.where[:1].upper()}{finding.where[1:]} ({finding.check})")
        print(f"   {finding.what[:1].upper()}{finding.what[1:]}.")
        print(f"   Why: {finding.why}")
        print(f"   What to do: {finding.todo}")
    return FINDINGS


def plan_command(args: argparse.Namespace, sessions_dir: Path) -> int:
    """`plan edit` (a screen) or `plan print`."""
    if args.plan_command == "edit":
        return edit_plan(args.plan_name, args.copy_of, sessions_dir, args.theme)
    if args.plan_command == "print":
        return print_agenda(args, sessions_dir)
    raise UsageProblem(
        "say what to do with a plan: 'plan edit [NAME]' to write or change one, or 'plan print NAME' for its agenda"
    )


_PLAN_NAME = re.compile(PLAN_NAME)


def _looks_like_a_path(wanted: str) -> bool:
    return wanted.endswith(".toml") or "/" in wanted or Path(wanted).exists()


def edit_plan(name: str | None, copy_of: str | None, sessions_dir: Path, theme: str | None) -> int:
    """The plan editor: on the plan called `name`, a new plan of that name (from a copy of `copy_of`), or a new plan."""
    from workshop_tui.core.plan_draft import PlanDraft
    from workshop_tui.store.plan_files import plan_path
    from workshop_tui.ui.app import EditPlan

    plans_dir = sessions_dir / "plans"
    if name is not None and not _looks_like_a_path(name) and not _PLAN_NAME.match(name):
        raise UsageProblem(
            f"a plan's NAME may only hold small letters, digits and dashes, such as 'my-workshop', not '{name}'"
        )
    existing = None
    if name is not None:
        if _looks_like_a_path(name) or plan_path(plans_dir, name).exists():
            existing = find_plan(str(plan_path(plans_dir, name)) if not _looks_like_a_path(name) else name, plans_dir)
        else:
            found = [entry for entry in all_plans(plans_dir) if entry.name == name and entry.plan]
            existing = found[0] if found else None
    if copy_of is not None:
        if existing is not None:
            raise UsageProblem(
                f"there is already a plan called '{name}'; give the copy a new NAME, or leave out --from to change '{name}'"
            )
        source = find_plan(copy_of, plans_dir)
        assert source.plan is not None
        draft = PlanDraft.of(source.plan, editing=False)
        if name:
            draft.details.name, draft.name_given = name, True
        return screen.open_app(sessions_dir, EditPlan(draft), theme=theme)
    if existing is not None and existing.plan is not None:
        return screen.open_app(sessions_dir, EditPlan(PlanDraft.of(existing.plan), existing.builtin), theme=theme)
    draft = PlanDraft.new()
    if name:
        draft.details.name, draft.details.title = name, name.replace("-", " ").capitalize()
        draft.name_given = True
    return screen.open_app(sessions_dir, EditPlan(draft), theme=theme)


def _start_time(text: str | None, plan: Plan) -> time:
    if text is None:
        if plan.starts_at is None:
            raise UsageProblem(
                f"'{plan.title}' has no start time of its own; say when it starts, such as --start 10:00"
            )
        return plan.starts_at
    found = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text.strip())
    if not found or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        raise UsageProblem(f"the time after --start must be a time of day such as 10:00 or 13:30, not '{text}'")
    return time(int(found.group(1)), int(found.group(2)))


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageProblem(f"the date after --date must be written like 2026-07-08, not '{text}'") from None


def print_agenda(args: argparse.Namespace, sessions_dir: Path) -> int:
    """A large-print agenda, in HTML and Markdown, for sending to the people coming."""
    from workshop_tui.export.printed_agenda import agenda_html, agenda_markdown, agenda_of
    from workshop_tui.export.writing import write_files

    entry = find_plan(args.plan_name, sessions_dir / "plans")
    assert entry.plan is not None
    plan = entry.plan
    agenda = agenda_of(plan, _start_time(args.start, plan), args.title or "", _day(args.date))
    if args.output == "-":
        sys.stdout.write(agenda_markdown(agenda))
        return 0
    if args.output:
        output = Path(args.output)
        if output.suffix.lower() not in (".html", ".htm", ".md"):
            raise UsageProblem(
                f"the file after -o must end in .html or .md (or be - for the screen), not '{output.name}'"
            )
        files = [
            (output, agenda_html(agenda) if output.suffix.lower() in (".html", ".htm") else agenda_markdown(agenda))
        ]
    else:
        files = [
            (Path(f"{plan.name}-agenda.html"), agenda_html(agenda)),
            (Path(f"{plan.name}-agenda.md"), agenda_markdown(agenda)),
        ]
    for written in write_files(files, shareable=True, force=args.force, sessions_dir=sessions_dir):
        print(f"Wrote {written}.", file=sys.stderr)
    return 0


def plan_stats(args: argparse.Namespace, sessions_dir: Path) -> int:
    """How the plan's steps went in past sessions, and suggested timings; --save keeps them as a new version."""
    from workshop_tui.core.plan_stats import plan_stats as stats_of
    from workshop_tui.core.plan_stats import run_by
    from workshop_tui.core.timings_report import report_lines
    from workshop_tui.store.plan_files import PlanNotSaved, save_plan_version
    from workshop_tui.store.plan_history import plan_history

    entry = find_plan(args.plan, sessions_dir / "plans")
    assert entry.plan is not None
    history = plan_history(sessions_dir, entry.plan.name)
    sessions = history.sessions
    if args.facilitator is not None:
        sessions = run_by(history.sessions, args.facilitator)
        if not sessions:
            known = sorted({s.facilitator for s in history.sessions if s.facilitator.strip()})
            ran = f" The facilitators of its sessions here: {', '.join(known)}." if known else ""
            raise UsageProblem(f"no session of {entry.plan.name} here was run by '{args.facilitator}'.{ran}")
        print(f"Only the sessions run by {sessions[0].facilitator}: {len(sessions)} of {len(history.sessions)}.")
    stats = stats_of(entry.plan, sessions)
    width = min(100, max(60, shutil.get_terminal_size((80, 24)).columns))
    print("\n".join(report_lines(stats, width)))
    from workshop_tui.core.timings_report import damaged_lines

    for line in damaged_lines(history.damaged, sessions_dir):
        print(line)
    if not args.save:
        if stats.sessions and stats.suggestion_changes:
            print(
                f"\nTo save the suggested timings as a new version of the plan: workshop-tui stats {entry.plan.name} --save"
            )
        return 0
    if not stats.suggestion_changes:
        print("\nThe suggested timings are the plan's own, so there is nothing new to save.")
        return 0
    try:
        saved = save_plan_version(sessions_dir / "plans", stats.suggested_plan(), entry.plan.version)
    except PlanNotSaved as problem:
        raise UsageProblem(str(problem).rstrip(".")) from None
    print(f"\n{saved.said}")
    from workshop_tui.core.plan_checks import check_plan

    findings = check_plan(saved.plan)
    if findings:
        print(
            f"With these timings the checks find {plural(len(findings), 'thing')} to look at: "
            f"run 'workshop-tui check {entry.plan.name}'."
        )
    return 0
