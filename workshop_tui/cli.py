"""The `workshop-tui` command. Bad input gets one clear sentence and exit status 2."""

import argparse
import sys
from pathlib import Path

from workshop_tui import __version__
from workshop_tui.core.plan_checks import check_plan
from workshop_tui.core.wording import length_in_words
from workshop_tui.store.plan_library import builtin_plans, find_plan, folder_plans
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.sessions_folder import ENV_VAR, choose_sessions_dir

BAD_INPUT = 2


class UsageProblem(Exception):
    """The command line itself was wrong."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print usage and a terse line
        raise UsageProblem(message)


def build_parser() -> Parser:
    parser = Parser(
        prog="workshop-tui",
        description="Run co-production workshops live, and look back at them afterwards.",
        epilog=f"With no command, the home screen opens. "
        f"The sessions folder is --sessions-dir, or ${ENV_VAR}, or ./sessions.",
    )
    parser.add_argument("--version", action="version", version=f"workshop-tui {__version__}")
    parser.add_argument(
        "--sessions-dir", metavar="DIR", help="the folder that holds session files"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.add_parser("plans", help="list the built-in plans and their length")
    check = commands.add_parser(
        "check", help="check a plan file: fields, plain English and pacing"
    )
    check.add_argument("plan", metavar="PLAN", help="a built-in plan's name or a plan file")
    return parser


def list_plans(sessions_dir: Path) -> int:
    entries = builtin_plans() + folder_plans(sessions_dir / "plans")
    width = max((len(entry.name) for entry in entries), default=0)
    for entry in entries:
        if entry.plan is None:
            print(f"{entry.name:<{width}}  cannot be used: {entry.problem}")
            continue
        plan = entry.plan
        where = "" if entry.builtin else f"  ({entry.path})"
        print(
            f"{plan.name:<{width}}  {plan.title} - {len(plan.steps)} steps, "
            f"{length_in_words(plan.planned_minutes)}{where}"
        )
    return 0


def check(wanted: str, sessions_dir: Path) -> int:
    try:
        entry = find_plan(wanted, sessions_dir / "plans")
    except FileProblem as problem:
        for each in problem.all:
            print(each, file=sys.stderr)
        return BAD_INPUT
    plan = entry.plan
    problems = check_plan(plan)
    for problem in problems:
        print(f"{entry.path}, {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found in {entry.path}.", file=sys.stderr)
        return BAD_INPUT
    print(
        f"{entry.path}: no problems found. {plan.title}: {len(plan.steps)} steps, "
        f"{length_in_words(plan.planned_minutes)}."
    )
    return 0


def open_home(sessions_dir: Path) -> int:
    from workshop_tui.ui.app import WorkshopApp

    WorkshopApp(sessions_dir=sessions_dir).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except UsageProblem as problem:
        print(
            f"workshop-tui: {problem}. Run 'workshop-tui --help' to see what it takes.",
            file=sys.stderr,
        )
        return BAD_INPUT
    sessions_dir = choose_sessions_dir(args.sessions_dir)
    try:
        if args.command == "plans":
            return list_plans(sessions_dir)
        if args.command == "check":
            return check(args.plan, sessions_dir)
        return open_home(sessions_dir)
    except FileProblem as problem:
        print(problem, file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130
