"""The `workshop-tui` command. Bad input gets one clear sentence and exit status 2."""

import argparse
import gc
import sys
from pathlib import Path

from workshop_tui import __version__
from workshop_tui.core.plan_checks import check_plan
from workshop_tui.core.wording import length_in_words
from workshop_tui.store.plan_library import builtin_plans, find_plan, folder_plans
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.sessions_folder import ENV_VAR, SessionsFolder, choose_sessions_dir
from workshop_tui.store.session_file import load_session

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
    run = commands.add_parser("run", help="start a live session from a plan")
    run.add_argument("plan", metavar="PLAN", help="a built-in plan's name or a plan file")
    run.add_argument("--title", metavar="T", help="the session's title (the plan's title if not given)")
    run.add_argument("--facilitator", metavar="NAME", default="", help="the facilitator's name")
    run.add_argument("--note-taker", metavar="NAME", default="", help="the note-taker's name")
    run.add_argument("--quiet", action="store_true", help="no bell at one minute left and at time up")
    resume = commands.add_parser("resume", help="carry on an unfinished session (the newest if none is named)")
    resume.add_argument("session", metavar="SESSION", nargs="?", help="a session file, or its name in the sessions folder")
    resume.add_argument("--quiet", action="store_true", help="no bell at one minute left and at time up")
    review = commands.add_parser("review", help="look back at a session: timings, notes, decisions, replay")
    review.add_argument("session", metavar="SESSION", nargs="?", help="a session file, or its name (all sessions if not given)")
    export = commands.add_parser("export", help="write a session's minutes or data to share")
    export.add_argument("session", metavar="SESSION", help="a session file, or its name in the sessions folder")
    export.add_argument("--format", required=True, choices=["md", "html", "csv", "json"], help="what to write")
    export.add_argument("-o", "--output", metavar="FILE", help="where to write it (the screen if not given)")
    export.add_argument("--anonymise", action="store_true", help="replace names with role and number")
    export.add_argument("--what", choices=["notes", "decisions", "actions"], help="for csv: one table only")
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


def open_app(sessions_dir: Path, opening=None, quiet: bool = False) -> int:
    # Textual is imported only when a screen opens, so the other commands start fast.
    from workshop_tui.ui.app import WorkshopApp

    app = WorkshopApp(sessions_dir=sessions_dir, quiet=quiet, opening=opening)
    app.run()
    # Not zero after a crash (see WorkshopApp._handle_exception), so scripts and people can tell.
    return app.return_code or 0


def run(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.core.clock import SystemClock
    from workshop_tui.store.open_session import OpenSession
    from workshop_tui.ui.app import OpenedSession

    plan = find_plan(args.plan, sessions_dir / "plans").plan
    title = args.title if args.title is not None else plan.title
    if not title.strip():
        raise UsageProblem("the title after --title is empty; give the session a title")
    # Made here, so a sessions folder that cannot hold it is said in one sentence before any screen shows.
    owner = OpenSession.create(sessions_dir, plan, title.strip(), SystemClock(), args.facilitator, args.note_taker)
    try:
        return open_app(sessions_dir, OpenedSession(owner), args.quiet)
    finally:
        owner.close()


def resume(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.ui.app import OpenedSession

    from workshop_tui.core.clock import SystemClock
    from workshop_tui.store.open_session import OpenSession

    folder = SessionsFolder(sessions_dir)
    if args.session:
        path = folder.find(args.session)
    else:
        unfinished = folder.unfinished()
        if not unfinished:
            raise FileProblem(sessions_dir, "", "there is no unfinished session in this folder", "Start one with 'workshop-tui run PLAN'.")
        path, _ = unfinished[0]
    # Opened here, so a session open in another window is refused before any screen shows.
    owner = OpenSession.resume(path, SystemClock())
    try:
        return open_app(sessions_dir, OpenedSession(owner), args.quiet)
    finally:
        owner.close()


def review(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.ui.app import BrowseSessions, ReviewSession

    if not args.session:
        return open_app(sessions_dir, BrowseSessions())
    path = SessionsFolder(sessions_dir).find(args.session)
    return open_app(sessions_dir, ReviewSession(load_session(path), path))


def export_session(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.export.writing import export

    path = SessionsFolder(sessions_dir).find(args.session)
    for written in export(load_session(path), args.format, args.output, args.anonymise, args.what):
        print(f"Wrote {written}.", file=sys.stderr)
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
    if args.command not in (None, "run", "resume", "review"):
        gc.enable()  # turned off by workshop_tui.start; only a screen's first frame waits for it
    sessions_dir = choose_sessions_dir(args.sessions_dir)
    try:
        if args.command == "plans":
            return list_plans(sessions_dir)
        if args.command == "check":
            return check(args.plan, sessions_dir)
        if args.command == "run":
            return run(args, sessions_dir)
        if args.command == "resume":
            return resume(args, sessions_dir)
        if args.command == "review":
            return review(args, sessions_dir)
        if args.command == "export":
            return export_session(args, sessions_dir)
        return open_app(sessions_dir)
    except UsageProblem as problem:
        print(f"workshop-tui: {problem}.", file=sys.stderr)
        return BAD_INPUT
    except FileProblem as problem:
        print(problem, file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130
