"""The `workshop-tui` command. Bad input gets one clear sentence and exit status 2."""

import argparse
import gc
import os
import sys
import unicodedata
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from workshop_tui import __version__
from workshop_tui.model import Plan
from workshop_tui.store.plan_library import find_plan
from workshop_tui.model.session_start import SessionStart
from workshop_tui.store.problems import FileProblem, field_path
from workshop_tui.store.sessions_dir import ENV_VAR, choose_sessions_dir, own_sessions_dir, where_from
from workshop_tui.command_parser import Parser
from workshop_tui.store.settings import THEME_NAMES, settings_path, theme_problem
from workshop_tui.usage_problem import BAD_INPUT, UsageProblem
from workshop_tui.plan_commands import check, list_plans, plan_command, plan_stats
from workshop_tui.share_commands import add_share_command, merge_file, share

CODE_VARIABLE = "WORKSHOP_TUI_CODE"  # a code for `join`, kept off the command line (`serve` gives its windows theirs)

if TYPE_CHECKING:
    from workshop_tui.store.sessions_folder import SessionsFolder
    from workshop_tui.model import Session


# The session engine is loaded only by the commands that open a session (not by plans, check or stats).
def _folder(path: Path) -> "SessionsFolder":
    from workshop_tui.store.sessions_folder import SessionsFolder

    return SessionsFolder(path)


def _load_session(path: Path):
    from workshop_tui.store.session_file import load_session

    return load_session(path)


def _read_session(path: Path):
    """For looking at (review, export): a session running in a window is measured up to now."""
    from datetime import datetime

    from workshop_tui.store.session_file import load_session_now

    return load_session_now(path, datetime.now().astimezone())


def _global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--version", action="version", version=f"workshop-tui {__version__}")
    parser.add_argument("--sessions-dir", metavar="DIR", default=default, help="the folder that holds session files")
    parser.add_argument(
        "--theme",
        metavar="NAME",
        default=default,
        help=f"this window's colours: {', '.join(THEME_NAMES)} (the settings file's, else default, if not given)",
    )


def build_parser() -> Parser:
    parser = Parser(
        prog="workshop-tui",
        description="Run co-production workshops live, and look back at them afterwards.",
        epilog=f"With no command, the home screen opens. "
        f"The sessions folder is --sessions-dir, or ${ENV_VAR}, or a sessions folder where you run it, "
        f"or your own ({own_sessions_dir()}). Here it is {choose_sessions_dir()} ({where_from()}). "
        f"--sessions-dir may also come after the command.",
    )
    _global_options(parser, None)
    # The same options after the command (`run PLAN --sessions-dir DIR`), as people type them.
    # SUPPRESS: when not given there, they do not undo the value given before the command.
    after = Parser(add_help=False)
    _global_options(after, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help: str, **more: Any) -> Parser:
        made: Parser = commands.add_parser(name, help=help, parents=[after], **more)
        return made

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
    stats = command(
        "stats", help="how a plan's steps went in past sessions: planned against actual, and suggested timings"
    )
    stats.add_argument("plan", metavar="PLAN", help="a plan's name (built-in or your own), or a plan file")
    stats.add_argument(
        "--facilitator", metavar="NAME", help="learn only from the sessions this person ran (a whole or first name)"
    )
    stats.add_argument(
        "--save",
        action="store_true",
        help="save the suggested timings as a new version of the plan (the version before is kept)",
    )
    check = command(
        "check", help="check a plan for the people in the room: plain English, pacing, how decisions are made"
    )
    check.add_argument("plan", metavar="PLAN", help="a built-in plan's name or a plan file")
    run = command("run", help="start a live session from a plan")
    run.add_argument("plan", metavar="PLAN", help="a built-in plan's name or a plan file")
    run.add_argument("--title", metavar="T", help="the session's title (the plan's title if not given)")
    run.add_argument("--facilitator", metavar="NAME", help="the facilitator's name")
    run.add_argument("--note-taker", metavar="NAME", help="the note-taker's name")
    run.add_argument(
        "--follows",
        metavar="SESSION",
        help="for a part 2: the part 1 session to follow on from (its people and open actions come over), or 'none'",
    )
    run.add_argument("--quiet", action="store_true", help="no bell at one minute left and at time up")
    resume = command("resume", help="carry on an unfinished session (the newest if none is named)")
    resume.add_argument(
        "session", metavar="SESSION", nargs="?", help="a session file, or its name in the sessions folder"
    )
    resume.add_argument("--quiet", action="store_true", help="no bell at one minute left and at time up")
    join = command("join", help="the note-taker's window on a session open elsewhere: type first, commands on F-keys")
    join.add_argument(
        "session", metavar="SESSION", nargs="?", help="a session file, or its name (the newest open one if not given)"
    )
    join.add_argument("--name", metavar="NAME", help="your name as it is on the roster, kept with what you do")
    join.add_argument(
        "--code",
        metavar="CODE",
        help="a panel member's own code (from the chair), or the facilitator's code for a co-chair; "
        f"or set {CODE_VARIABLE}, so it is not on the command line",
    )
    join.add_argument("--quiet", action="store_true", help="no bell at one minute left and at time up")
    show = command(
        "show", help="the audience window for a projector or second display: the clock and the words, read-only"
    )
    show.add_argument(
        "session", metavar="SESSION", nargs="?", help="a session file, or its name (the newest open one if not given)"
    )
    for window in (join, show):
        # Given by `serve` only: the window is in a web browser, so it offers nothing that reads or
        # writes this computer's files (core/roles.py). Not in the help: nobody types it.
        window.add_argument("--in-browser", action="store_true", help=argparse.SUPPRESS)
    serve = command(
        "serve", help="the note-taker's and audience windows in a web browser, and a follow-along page for phones"
    )
    serve.add_argument(
        "session", metavar="SESSION", nargs="?", help="a session file, or its name (the newest open one if not given)"
    )
    serve.add_argument(
        "--host",
        metavar="ADDRESS",
        default="127.0.0.1",
        help="where to listen: 127.0.0.1 (this computer only, the default), or 0.0.0.0 for other computers (a join code is then needed)",
    )
    serve.add_argument(
        "--port", metavar="PORT", type=int, default=8000, help="the port to listen on (8000 if not given)"
    )
    review = command("review", help="look back at a session: timings, notes, decisions, replay")
    review.add_argument(
        "session", metavar="SESSION", nargs="?", help="a session file, or its name (all sessions if not given)"
    )
    export = command(
        "export", help="write a session's minutes or data to share, or a panel's report, scores and letters"
    )
    export.add_argument("session", metavar="SESSION", help="a session file, or its name in the sessions folder")
    export.add_argument(
        "--format",
        required=True,
        choices=[
            "md",
            "html",
            "csv",
            "json",
            "report-md",
            "report-html",
            "scores-csv",
            "letters-md",
            "letters-html",
            "member-cards",
        ],
        help="what to write: the minutes (md, html), the tables (csv), all the data (json); for a commissioning round, "
        "the funder's report (report-md, report-html), every score (scores-csv), a feedback letter for each applicant "
        "(letters-md, letters-html: one file each, into the folder after -o), or a card with each member's own code "
        "to print and hand out (member-cards, HTML)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write it (the screen if not given, or -); for letters, a folder (made if it is not there)",
    )
    export.add_argument(
        "--force", action="store_true", help="replace a file that is already there (never the session being exported)"
    )
    export.add_argument("--anonymise", action="store_true", help="replace names with role and number")
    export.add_argument("--what", choices=["notes", "decisions", "actions"], help="for csv: one table only")
    add_share_command(command, commands)
    return parser


# Each value a person can type, as the messages name it. Text values are trimmed and kept.
_VALUES = {
    "sessions_dir": "the folder after --sessions-dir",
    "plan": "the PLAN",
    "session": "the SESSION",
    "follows": "the SESSION after --follows",
    "output": "the file after -o",
    "title": "the title after --title",
    "facilitator": "the name after --facilitator",
    "note_taker": "the name after --note-taker",
    "name": "the name after --name",
    "host": "the address after --host",
    "plan_name": "the plan's NAME",
    "copy_of": "the PLAN after --from",
    "start": "the time after --start",
    "date": "the date after --date",
}
_TEXT = ("title", "facilitator", "note_taker", "name")
_NOT_PATHS = (*_TEXT, "host", "start", "date")
# Line and paragraph separators break a line as a new line does.
_BREAKS = {"\u2028", "\u2029"}


def _longest(field: str) -> int | None:
    known = SessionStart.model_fields.get(field)
    for rule in known.metadata if known else []:
        longest = getattr(rule, "max_length", None)
        if isinstance(longest, int):
            return longest
    return None


def value_problem(label: str, value: str, longest: int | None = None) -> str | None:
    """Why a value typed on the command line cannot be used, in words, or None if it can."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates: the shell passed bytes that are not UTF-8, such as $'\xff'.
        return f"{label} is not UTF-8 text (it has bytes from another encoding); type it again in a UTF-8 terminal"
    if not value.strip():
        return f"{label} is empty; give one, or leave it out"
    if any(unicodedata.category(ch) == "Cc" or ch in _BREAKS for ch in value):
        return f"{label} has a control character in it, such as a new line, a tab or a terminal escape; type it on one line as plain text"
    if longest is not None and len(value.strip()) > longest:
        return f"{label} is {len(value.strip())} characters long, but may be at most {longest}; make it shorter"
    return None


# A file's or folder's name can be at most 255 bytes, and a whole path about 4,000, on the systems it runs on.
LONGEST_NAME, LONGEST_PATH = 255, 4000


def path_problem(label: str, value: str) -> str | None:
    """Why a value that names a file or folder cannot be one, in words, or None if it can."""
    if len(value.encode("utf-8")) > LONGEST_PATH:
        return f"{label} is too long to be the name of a file ({len(value)} characters); give a shorter one"
    longest = max(len(part.encode("utf-8")) for part in value.split("/"))
    if longest > LONGEST_NAME:
        return f"{label} is {longest} bytes long, but the name of a file or folder may be at most {LONGEST_NAME}; give a shorter one"
    return None


def check_values(args: argparse.Namespace) -> None:
    """Refuse, in one sentence, any value that is not plain text, before anything is read or made."""
    for name, label in _VALUES.items():
        value = getattr(args, name, None)
        if value is None:
            continue
        longest = _longest(name) if name in _TEXT else None
        problem = value_problem(label, value, longest) or (None if name in _NOT_PATHS else path_problem(label, value))
        if problem:
            raise UsageProblem(problem)
        if name in _TEXT:
            setattr(args, name, value.strip())
    theme = getattr(args, "theme", None)
    if theme is not None and (problem := theme_problem(theme)):
        raise UsageProblem(problem)
    from_environment = os.environ.get(ENV_VAR)
    if args.sessions_dir is None and from_environment:
        label = f"the folder in ${ENV_VAR}"
        problem = value_problem(label, from_environment) or path_problem(label, from_environment)
        if problem:
            raise UsageProblem(problem)


def check_terminal() -> None:
    """Refuse to start a screen with no terminal to show it in: it would wait for ever, using a core."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return  # a browser window of `serve`: textual-serve gives it its own way to draw
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageProblem(
            "its screens need a terminal, and its input or output is not one (redirected, or run from a script); "
            "run it in a terminal window, or use 'workshop-tui serve' for a web browser"
        )


def _validation_sentence(error: ValidationError) -> str:
    # Never the value itself: it may be session text, on a projector.
    first = error.errors()[0]
    message = first["msg"]
    return (
        f"workshop-tui: {field_path(first['loc'])}: {message[:1].lower()}{message[1:]}; "
        "check the values given on the command line and in the files it names."
    )


def _quiet_stdout() -> None:
    # The reader went away (`| head`): say nothing more, and let the exit be quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def open_app(sessions_dir: Path, opening=None, quiet: bool = False, theme: str | None = None) -> int:
    check_terminal()
    # Textual is imported only when a screen opens, so the other commands start fast.
    from workshop_tui.ui.app import WorkshopApp

    app = WorkshopApp(
        sessions_dir=sessions_dir, quiet=quiet, opening=opening, theme=theme, settings_file=settings_path()
    )
    app.run()
    # Not zero after a crash (see WorkshopApp._handle_exception), so scripts and people can tell.
    return app.return_code or 0


def run(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.core.clock import SystemClock
    from workshop_tui.store.open_session import OpenSession
    from workshop_tui.ui.app import OpenedSession

    plan = find_plan(args.plan, sessions_dir / "plans").plan
    # --title, --facilitator and --note-taker were checked and trimmed by check_values().
    title = args.title if args.title is not None else plan.title
    # Made here, so a sessions folder that cannot hold it is said in one sentence before any screen shows.
    follows = earlier_session(args.follows, plan, title, _folder(sessions_dir))
    check_terminal()  # before the session's file is made
    owner = OpenSession.create(
        sessions_dir, plan, title, SystemClock(), args.facilitator or "", args.note_taker or "", follows=follows
    )
    try:
        return open_app(sessions_dir, OpenedSession(owner), args.quiet, args.theme)
    finally:
        owner.close()


def earlier_session(wanted: str | None, plan: Plan, title: str, folder: "SessionsFolder") -> Path | None:
    """The session a new one follows on from: the one named after --follows, or none.

    A plan that follows another (part 2) and has sessions of that plan to choose from must be told
    which, so the wrong group's people and actions never come over by themselves.
    """
    if wanted is not None:
        return None if wanted.strip().casefold() == "none" else folder.find(wanted)
    if not plan.follows:
        return None
    choices = folder.earlier_sessions(plan.follows, title)
    if not choices:
        return None
    likeliest = choices[0]
    raise UsageProblem(
        f"'{plan.title}' follows on from another session, so say which one to carry its people and open actions "
        f"from: add --follows {likeliest.path.stem} (the likeliest, '{likeliest.title}'), another session's name, "
        f"or --follows none"
    )


def resume(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.core.clock import SystemClock
    from workshop_tui.store.joined_session import resume_or_join
    from workshop_tui.ui.app import OpenedSession

    folder = _folder(sessions_dir)
    if args.session:
        path = folder.find(args.session)
    else:
        unfinished = folder.unfinished()
        if not unfinished:
            raise FileProblem(
                sessions_dir,
                "",
                "there is no unfinished session in this folder",
                "Start one with 'workshop-tui run PLAN'.",
            )
        path = _own_unfinished(sessions_dir, unfinished)
    # Opened here, so a problem with the file is said before any screen shows. If another window runs
    # it, this one joins it as the facilitator's screen, with every key as usual.
    owner = resume_or_join(path, SystemClock())
    try:
        return open_app(sessions_dir, OpenedSession(owner), args.quiet, args.theme)
    finally:
        owner.close()


def _own_unfinished(sessions_dir: Path, unfinished: "list[tuple[Path, Session]]") -> Path:
    """The newest unfinished session run on this laptop. One that came from the team's archive was run on
    another laptop: carried on here by mistake, the archive would end up holding two, so it is only
    carried on when named."""
    from workshop_tui.store.team_archive import from_the_team

    theirs = from_the_team(sessions_dir)
    own = [path for path, _ in unfinished if path.name not in theirs]
    if own:
        return own[0]
    named = ", ".join(
        f"'{session.title}' (run by {session.facilitator or 'someone'}: {path.stem})"
        for path, session in unfinished[:3]
    )
    raise FileProblem(
        sessions_dir,
        "",
        f"the unfinished sessions here came from the team's archive, run on other laptops: {named}",
        "To carry one on here, name it: workshop-tui resume NAME",
    )


def open_now(folder: "SessionsFolder", wanted: str | None) -> Path:
    """The session a window joins: the one named, else the newest one another window is running,
    else the newest unfinished one."""
    from workshop_tui.store.session_wire import socket_path

    if wanted:
        path = folder.find(wanted)
        if _load_session(path).status == "finished":
            raise FileProblem(
                path,
                "",
                "this session has finished, so there is nothing to join",
                "Look back at it with 'workshop-tui review', or start a new one with 'workshop-tui run PLAN'.",
            )
        return path
    unfinished = folder.unfinished()
    if not unfinished:
        raise FileProblem(
            folder.path,
            "",
            "there is no unfinished session in this folder",
            "Start one with 'workshop-tui run PLAN', then join it.",
        )
    running = [path for path, _ in unfinished if socket_path(path).exists()]
    return running[0] if running else unfinished[0][0]


def join(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.core.clock import SystemClock
    from workshop_tui.core.joining import NotWelcome, who_joins
    from workshop_tui.store.joined_session import JoinedSession
    from workshop_tui.ui.app import OpenedSession

    """A window joined to the session's owner as the person named (or whose code is given): a note-taker,
    a guest, a panel member or a co-chair (core/joining.py). It runs the session itself if no one does."""
    path = open_now(_folder(sessions_dir), args.session)
    code = args.code or os.environ.get(CODE_VARIABLE, "")
    # Said here, before any screen opens; the owner decides again as the window says hello.
    try:
        joiner = who_joins(_load_session(path), "note-taker", args.name or "", code)
    except NotWelcome as refused:
        raise UsageProblem(str(refused)) from None
    window = JoinedSession(path, SystemClock(), joiner.role, joiner.name, in_browser=args.in_browser, code=code)
    try:
        return open_app(sessions_dir, OpenedSession(window, joiner.role, args.in_browser), args.quiet, args.theme)
    finally:
        window.close()


def show(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.core.clock import SystemClock
    from workshop_tui.store.joined_session import JoinedSession
    from workshop_tui.ui.app import OpenedSession

    """The audience window: follows the session's owner, read-only, and waits for it if it has gone."""
    path = open_now(_folder(sessions_dir), args.session)
    window = JoinedSession(path, SystemClock(), "audience", in_browser=args.in_browser)
    try:
        return open_app(sessions_dir, OpenedSession(window, "audience", args.in_browser), quiet=True, theme=args.theme)
    finally:
        window.close()


def serve(args: argparse.Namespace, sessions_dir: Path) -> int:
    """Serve the note-taker's and audience windows of one session to web browsers, until Ctrl+C."""
    import asyncio
    import errno
    import logging

    from workshop_tui.web.join_code import JoinCode, is_loopback, make_code
    from workshop_tui.web.server import WindowServer
    from workshop_tui.web.tell_owner import TellOwner

    if not 1 <= args.port <= 65535:
        raise UsageProblem(f"the port after --port must be from 1 to 65535, not {args.port}")
    path = open_now(_folder(sessions_dir), args.session)
    session = _load_session(path)  # a session that cannot be read is said now, not in each browser
    if session.status == "finished":
        raise FileProblem(
            path,
            "",
            "this session has finished, so there is nothing to join",
            "Serve a session that is running, or look back at this one with 'workshop-tui review'.",
        )
    code = None if is_loopback(args.host) else JoinCode(make_code())
    server = WindowServer(path.resolve(), sessions_dir.resolve(), session.title, args.host, args.port, code)
    logging.basicConfig(format="%(message)s", level=logging.WARNING)

    def notice(join_code: str) -> str:
        # The code first: the facilitator's screen may cut a long line short.
        words = f"Browsers: {base()}/join for notes, /show for the screen, /follow for phones"
        return f"Join code {join_code} · {words}" if join_code else words

    def base() -> str:
        return f"http://{_address_for_others(args.host)}:{server.port}"

    def ready() -> None:
        lines = [
            f"Serving '{session.title}' to web browsers.",
            f"  The note-taker's window: {base()}/join",
            f"  The audience window:     {base()}/show",
            f"  Follow along on a phone: {base()}/follow",
        ]
        if code is not None:
            lines.append(f"  Join code: {code.code} (it is on the facilitator's screen too)")
        lines.append("Press Ctrl+C to stop.")
        print("\n".join(lines), flush=True)
        tell.append(TellOwner(path, notice(code.code if code is not None else "")))
        tell[0].start()

    def code_changed(new_code: str) -> None:
        # Too many wrong codes were typed: a longer code (the server has said it here), and on the
        # facilitator's screen. Browsers already in stay in.
        for teller in tell:
            teller.say(notice(new_code))

    server.code_changed = code_changed
    tell: list[TellOwner] = []
    try:
        asyncio.run(server.run_until_stopped(ready))
        print("Stopped serving. The browser windows are closed.", flush=True)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageProblem(f"port {args.port} is in use already; choose another with --port") from None
        raise UsageProblem(f"it cannot listen on {args.host} port {args.port} ({error.strerror or error})") from None
    finally:
        for teller in tell:
            teller.stop()
    return 0


def _address_for_others(host: str) -> str:
    """The address a browser on another computer types: this computer's, when it listens on all of them."""
    import socket

    if host not in ("0.0.0.0", "::", ""):
        return f"[{host}]" if ":" in host else host
    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only asks which address would be used
        address = str(probe.getsockname()[0])
        probe.close()
        return address
    except OSError:
        return socket.gethostname()


def review(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.ui.app import BrowseSessions, ReviewSession

    if not args.session:
        return open_app(sessions_dir, BrowseSessions(), theme=args.theme)
    path = _folder(sessions_dir).find(args.session)
    return open_app(sessions_dir, ReviewSession(_read_session(path), path), theme=args.theme)


def export_session(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.export.writing import export

    path = _folder(sessions_dir).find(args.session)
    output = None if args.output == "-" else args.output  # -o - is the screen (standard output)
    session = _read_session(path)
    # The sessions that follow on from this one (part 2), beside it: the minutes say what became of its actions.
    later = _folder(path.parent).followers_of(path)
    for written in export(
        session,
        args.format,
        output,
        args.anonymise,
        args.what,
        force=args.force,
        source=path,
        sessions_dir=sessions_dir,
        later=later,
    ):
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
    if args.command not in (None, "run", "resume", "review", "join", "show"):
        gc.enable()  # turned off by workshop_tui.start; only a screen's first frame waits for it
        # A file name on disk that is not UTF-8 is shown escaped, not a crash while printing it.
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    if args.command == "merge-file":  # run by git inside a merge: only its own paths, no sessions folder
        return merge_file(args)
    try:
        check_values(args)
        sessions_dir = choose_sessions_dir(args.sessions_dir)
        if args.command == "plans":
            return list_plans(sessions_dir)
        if args.command == "plan":
            return plan_command(args, sessions_dir, partial(open_app, theme=args.theme))
        if args.command == "stats":
            return plan_stats(args, sessions_dir)
        if args.command == "check":
            return check(args.plan, sessions_dir)
        if args.command == "run":
            return run(args, sessions_dir)
        if args.command == "resume":
            return resume(args, sessions_dir)
        if args.command == "join":
            return join(args, sessions_dir)
        if args.command == "show":
            return show(args, sessions_dir)
        if args.command == "serve":
            return serve(args, sessions_dir)
        if args.command == "review":
            return review(args, sessions_dir)
        if args.command == "export":
            return export_session(args, sessions_dir)
        if args.command == "share":
            return share(args, sessions_dir)
        return open_app(sessions_dir, theme=args.theme)
    except UsageProblem as problem:
        said = str(problem)
        print(f"workshop-tui: {said}{'' if said.endswith(('.', '?')) else '.'}", file=sys.stderr)
        return BAD_INPUT
    except FileProblem as problem:
        print(problem, file=sys.stderr)
        return BAD_INPUT
    except ValidationError as error:
        # Last resort: a value that reached a model unchecked is still one sentence, not a traceback.
        print(_validation_sentence(error), file=sys.stderr)
        return BAD_INPUT
    except UnicodeEncodeError as error:
        # Last resort: text that is not UTF-8 (lone surrogates) was about to be written.
        print(
            f"workshop-tui: some text given to it is not UTF-8 ({error.reason}) and cannot be saved; type it again in a UTF-8 terminal.",
            file=sys.stderr,
        )
        return BAD_INPUT
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except OSError as error:
        # Last resort: the system refused a file or folder in a way not foreseen above.
        where = f" ({error.filename})" if error.filename else ""
        print(
            f"workshop-tui: the system said '{error.strerror or error}'{where}; check the files and folders it was given.",
            file=sys.stderr,
        )
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130
