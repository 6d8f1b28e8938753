"""The `share` command: the sessions folder shared with a team's archive through git
(store/team_archive.py); and `merge-file`, the merge driver git runs for session files and plans."""

from __future__ import annotations  # argparse is named in annotations only: loaded only to read a whole command line

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

from workshop_tui.cli.usage_problem import BAD_INPUT, UsageProblem

if TYPE_CHECKING:
    import argparse

# The driver's exit status when it could not write its result: git then stops the merge, and `share`
# says which file to look at. Any other outcome is a merge git can take.
DRIVER_FAILED = 1


def add_commands(command: Callable[..., argparse.ArgumentParser], commands: Any) -> None:
    """`share` through the command line's own `command()`; `merge-file` straight on `commands`, so it has no
    line in the help (people never type it: git runs it)."""
    share = command(
        "share",
        help="share the sessions folder with your team's archive (git): take in what others shared, send what is new",
        description="Share the sessions folder with your team's archive, through git: take in what others "
        "shared and send what is new here. Run alone once the folder is connected. Exits with 1 "
        "when the archive could not be reached (nothing is lost: it goes out next time).",
    )
    where = share.add_mutually_exclusive_group()
    where.add_argument(
        "--to",
        metavar="URL",
        help="connect this folder to a team archive (any git remote: a shared drive, a git server) and share",
    )
    where.add_argument(
        "--from", dest="from_url", metavar="URL", help="start this (empty) sessions folder from a team archive"
    )
    where.add_argument(
        "--status", action="store_true", help="what is waiting to go out, and when this folder last shared"
    )
    where.add_argument(
        "--stop",
        action="store_true",
        help="stop sharing this folder (its files stay, and the archive keeps what it has)",
    )
    share.add_argument(
        "--anonymised",
        action="store_true",
        help="with --to: keep a second archive of anonymised copies only (names as roles), for partners "
        "outside the organisation; it never holds a name",
    )
    merge = commands.add_parser("merge-file")
    merge.add_argument("kind", choices=["session", "plan"])
    for name in ("ancestor", "ours", "theirs", "path"):
        merge.add_argument(name)


FAST = ("share", "merge-file")


def leave(status: int) -> NoReturn:
    """End the process at once with `status`, once what it said is out: a share's files are all closed,
    and Python's own tidying at exit took a tenth of git's time for a share of one session."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def fast_main(argv: list[str]) -> int | None:
    """`share` and `merge-file` without loading the rest of the app: git runs the merge driver once for
    each file it merges, and a share of one new session should cost little more than git's own commit
    and push. None when the command line is not one of these (the whole command line then reads it)."""
    at = 0
    while at < len(argv) and argv[at] != "--":
        word = argv[at]
        if word == "--sessions-dir":
            at += 2
        elif word.startswith("--sessions-dir="):
            at += 1
        elif word.startswith("-"):
            return None  # --help, --version, a mistake: said by the whole command line
        else:
            break
    if at >= len(argv) or argv[at] not in FAST:
        return None
    if argv[at:] == ["share"]:  # the share the app starts by itself, and the usual one: no more to read
        given = _folder_given(argv[:at])
        return _said(
            lambda: share(
                SimpleNamespace(anonymised=False, to=None, status=False, stop=False, from_url=None),
                _sessions_dir(given),
            )
        )
    import argparse

    from workshop_tui.cli.parser import Parser

    parser = Parser(prog="workshop-tui")
    folder_help = "the folder that holds session files (workshop-tui --help says which is used without it)"
    parser.add_argument("--sessions-dir", metavar="DIR", default=None, help=folder_help)
    after = Parser(add_help=False)
    after.add_argument("--sessions-dir", metavar="DIR", default=argparse.SUPPRESS, help=folder_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help: str, **more: Any) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = commands.add_parser(name, help=help, parents=[after], **more)
        return made

    add_commands(command, commands)

    def run() -> int:
        args = parser.parse_args(argv)
        if args.command == "merge-file":
            return merge_file(args)
        return share(args, _sessions_dir(args.sessions_dir))

    return _said(run)


def _folder_given(before: list[str]) -> str | None:
    """--sessions-dir's value in the words before the command (the last one given wins)."""
    given = None
    for at, word in enumerate(before):
        if word == "--sessions-dir" and at + 1 < len(before):
            given = before[at + 1]
        elif word.startswith("--sessions-dir="):
            given = word.removeprefix("--sessions-dir=")
    return given


def _sessions_dir(given: str | None) -> Path:
    from workshop_tui.store.sessions_dir import choose_sessions_dir

    return choose_sessions_dir(given)


def _said(run: Callable[[], int]) -> int:
    """Run a command, with what goes wrong said in one sentence and the exit status that goes with it."""
    try:
        return run()
    except UsageProblem as problem:
        said = str(problem)
        print(f"workshop-tui: {said}{'' if said.endswith(('.', '?')) else '.'}", file=sys.stderr)
        return BAD_INPUT
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        print(
            f"workshop-tui: the system said '{error.strerror or error}'{where}; check the folder it was given.",
            file=sys.stderr,
        )
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130


def share(args: argparse.Namespace | SimpleNamespace, sessions_dir: Path) -> int:
    from workshop_tui.store import team_archive

    if args.anonymised and not args.to:
        raise UsageProblem("--anonymised goes with --to URL: the address of the partners' archive")
    lines: list[str] = []
    reached = True
    partners = team_archive.partners_connected(sessions_dir)

    def anonymised() -> ModuleType:  # the anonymiser loads the session engine: only for a folder that has partners
        from workshop_tui.export import anonymised_archive

        return anonymised_archive

    try:
        if args.anonymised:
            lines += anonymised().connect(sessions_dir, args.to).words() or ["Nothing to send yet."]
        elif args.status:
            lines += team_archive.status(sessions_dir).words() if team_archive.is_shared(sessions_dir) else []
            if partners:
                lines.append("Anonymised copies also go to a partners' archive.")
            if not lines:
                team_archive.status(sessions_dir)  # says how to connect
        elif args.stop:
            lines += team_archive.stop(sessions_dir)
        elif args.to:
            lines += team_archive.connect(sessions_dir, args.to).words()
        elif args.from_url:
            lines += team_archive.start_from(sessions_dir, args.from_url).words()
        else:
            if not partners or team_archive.is_shared(sessions_dir):
                shared = team_archive.share(sessions_dir)
                lines += shared.words()
                reached = not shared.later
            if partners:
                lines += anonymised().share(sessions_dir).words()
    except team_archive.ShareProblem as problem:
        raise UsageProblem(str(problem)) from None
    for line in lines:
        print(line)
    return 0 if reached else 1  # could not reach the archive: said above, and nothing is lost


def merge_file(args: argparse.Namespace) -> int:
    """git's merge driver: the result goes into OURS; a copy kept beside goes next to PATH, and its name
    is noted for `share` to add. Run by git in the top of the working tree."""
    from workshop_tui.store.atomic import write_atomically
    from workshop_tui.store.team_archive import KEPT_APART

    ours, theirs = Path(args.ours), Path(args.theirs)
    try:
        if args.kind == "session":
            from workshop_tui.store.session_merge import merge_session

            merged = merge_session(ours.read_bytes(), theirs.read_bytes(), args.path)
            data, said = merged.data, merged.said
            apart = (_beside(args.path), merged.apart) if merged.apart is not None else None
        else:
            from workshop_tui.store.plan_merge import merge_plan

            plan = merge_plan(ours.read_bytes(), theirs.read_bytes(), args.path)
            data, said, apart = plan.data, plan.said, plan.kept
        if apart is not None:
            name, kept = apart
            if not Path(name).exists():
                Path(name).parent.mkdir(parents=True, exist_ok=True)
                write_atomically(Path(name), kept, 0o600)
            with open(Path(".git") / KEPT_APART, "a", encoding="utf-8") as record:
                record.write(f"{name}\n")
        write_atomically(ours, data, 0o600)
    except OSError as error:
        print(f"workshop-tui could not merge {args.path} ({error.strerror or error}).", file=sys.stderr)
        return DRIVER_FAILED
    if said:
        print(said, file=sys.stderr)
    return 0


def _beside(path: str) -> str:
    """A free name beside PATH for the other copy: 'NAME (other copy).toml', then '(other copy 2)'..."""
    stem = path.removesuffix(".toml")
    for number in range(1, 1000):
        name = f"{stem} (other copy{'' if number == 1 else f' {number}'}).toml"
        if not os.path.lexists(name):
            return name
    raise OSError("no free name beside it")
