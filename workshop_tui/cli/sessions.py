"""The commands that open a live session on this laptop: `run` starts one from a plan, `resume`
carries one on. Each opens the session's file before any screen shows, so a problem with it is
said in one sentence."""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_tui.cli import screen
from workshop_tui.cli.parser import AddCommand
from workshop_tui.cli.session_files import sessions_folder
from workshop_tui.cli.usage_problem import UsageProblem
from workshop_tui.model import Plan
from workshop_tui.store.plan_library import find_plan
from workshop_tui.store.problems import FileProblem

if TYPE_CHECKING:
    from workshop_tui.model import Session
    from workshop_tui.store.sessions_folder import SessionsFolder


def add_commands(command: AddCommand) -> None:
    """`run` and `resume`, in the order the help lists them."""
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


def run(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.core.clock import SystemClock
    from workshop_tui.store.open_session import OpenSession
    from workshop_tui.ui.app import OpenedSession

    plan = find_plan(args.plan, sessions_dir / "plans").plan
    assert plan is not None  # find_plan gives only plans that load: one that does not is a FileProblem
    # --title, --facilitator and --note-taker were checked and trimmed by check_values().
    title = args.title if args.title is not None else plan.title
    # Made here, so a sessions folder that cannot hold it is said in one sentence before any screen shows.
    follows = earlier_session(args.follows, plan, title, sessions_folder(sessions_dir))
    screen.check_terminal()  # before the session's file is made
    owner = OpenSession.create(
        sessions_dir, plan, title, SystemClock(), args.facilitator or "", args.note_taker or "", follows=follows
    )
    try:
        return screen.open_app(sessions_dir, OpenedSession(owner), args.quiet, args.theme)
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

    folder = sessions_folder(sessions_dir)
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
        return screen.open_app(sessions_dir, OpenedSession(owner), args.quiet, args.theme)
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
