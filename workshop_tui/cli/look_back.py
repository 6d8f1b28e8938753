"""The commands that look back at sessions: `review` (on a screen) and `export` (to files to share)."""

import argparse
import sys
from pathlib import Path

from workshop_tui.cli import screen
from workshop_tui.cli.parser import AddCommand
from workshop_tui.cli.session_files import read_session, sessions_folder
from workshop_tui.export.formats import CSV_TABLES, FORMAT_NAMES


def add_commands(command: AddCommand) -> None:
    """`review` and `export`, in the order the help lists them."""
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
        choices=FORMAT_NAMES,
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
    export.add_argument("--what", choices=CSV_TABLES, help="for csv: one table only")


def review(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.ui.app import BrowseSessions, ReviewSession

    if not args.session:
        return screen.open_app(sessions_dir, BrowseSessions(), theme=args.theme)
    path = sessions_folder(sessions_dir).find(args.session)
    return screen.open_app(sessions_dir, ReviewSession(read_session(path), path), theme=args.theme)


def export_session(args: argparse.Namespace, sessions_dir: Path) -> int:
    from workshop_tui.export.writing import export

    path = sessions_folder(sessions_dir).find(args.session)
    output = None if args.output == "-" else args.output  # -o - is the screen (standard output)
    session = read_session(path)
    # The sessions that follow on from this one (part 2), beside it: the minutes say what became of its actions.
    later = sessions_folder(path.parent).followers_of(path)
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
