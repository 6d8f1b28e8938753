"""The whole `workshop-tui` command line: read it, check the values typed, and run the command it names
(each group of commands is a file of its own here). Bad input gets one clear sentence and exit status 2."""

import argparse
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workshop_tui import __version__
from workshop_tui.cli import look_back, plans, screen, sessions, share, windows
from workshop_tui.cli.parser import Parser
from workshop_tui.cli.usage_problem import BAD_INPUT, UsageProblem
from workshop_tui.cli.values import check_values
from workshop_tui.store.problems import FileProblem, field_path
from workshop_tui.store.sessions_dir import ENV_VAR, choose_sessions_dir, own_sessions_dir, where_from
from workshop_tui.store.settings import THEME_NAMES

# Each command, and what runs it. With no command, the home screen opens; `merge-file` is run by git
# inside a merge and has no sessions folder, so main() runs it before any value is checked.
COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "plans": plans.list_plans,
    "plan": plans.plan_command,
    "stats": plans.plan_stats,
    "check": plans.check,
    "run": sessions.run,
    "resume": sessions.resume,
    "join": windows.join,
    "show": windows.show,
    "serve": windows.serve,
    "review": look_back.review,
    "export": look_back.export_session,
    "share": share.share,
}
# The commands that open a screen: garbage collection stays off until its first frame (workshop_tui/start.py).
SCREENS = (None, "run", "resume", "review", "join", "show")


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

    plans.add_commands(command, after)
    sessions.add_commands(command)
    windows.add_commands(command)
    look_back.add_commands(command)
    share.add_commands(command, commands)
    return parser


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


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except UsageProblem as problem:
        print(
            f"workshop-tui: {problem}. Run 'workshop-tui --help' to see what it takes.",
            file=sys.stderr,
        )
        return BAD_INPUT
    if args.command not in SCREENS:
        gc.enable()  # turned off by workshop_tui.start; only a screen's first frame waits for it
        # A file name on disk that is not UTF-8 is shown escaped, not a crash while printing it.
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    if args.command == "merge-file":  # run by git inside a merge: only its own paths, no sessions folder
        return share.merge_file(args)
    try:
        check_values(args)
        sessions_dir = choose_sessions_dir(args.sessions_dir)
        if args.command is None:
            return screen.open_app(sessions_dir, theme=args.theme)
        return COMMANDS[args.command](args, sessions_dir)
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
