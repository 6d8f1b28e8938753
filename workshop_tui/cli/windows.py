"""The commands that open a window on a session running elsewhere: `join` (the note-taker's, a guest's,
a panel member's or a co-chair's), `show` (the audience's, for a projector) and `serve` (both, and a
follow-along page, in web browsers)."""

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_tui.cli import screen
from workshop_tui.cli.parser import AddCommand
from workshop_tui.cli.session_files import load_session, sessions_folder
from workshop_tui.cli.usage_problem import UsageProblem
from workshop_tui.store.problems import FileProblem

if TYPE_CHECKING:
    from workshop_tui.store.sessions_folder import SessionsFolder

CODE_VARIABLE = "WORKSHOP_TUI_CODE"  # a code for `join`, kept off the command line (`serve` gives its windows theirs)


def add_commands(command: AddCommand) -> None:
    """`join`, `show` and `serve`, in the order the help lists them."""
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


def open_now(folder: "SessionsFolder", wanted: str | None) -> Path:
    """The session a window joins: the one named, else the newest one another window is running,
    else the newest unfinished one."""
    from workshop_tui.store.session_wire import socket_path

    if wanted:
        path = folder.find(wanted)
        if load_session(path).status == "finished":
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
    """A window joined to the session's owner as the person named (or whose code is given): a note-taker,
    a guest, a panel member or a co-chair (core/joining.py). It runs the session itself if no one does."""
    from workshop_tui.core.clock import SystemClock
    from workshop_tui.core.joining import NotWelcome, who_joins
    from workshop_tui.store.joined_session import JoinedSession
    from workshop_tui.ui.app import OpenedSession

    path = open_now(sessions_folder(sessions_dir), args.session)
    code = args.code or os.environ.get(CODE_VARIABLE, "")
    # Said here, before any screen opens; the owner decides again as the window says hello.
    try:
        joiner = who_joins(load_session(path), "note-taker", args.name or "", code)
    except NotWelcome as refused:
        raise UsageProblem(str(refused)) from None
    window = JoinedSession(path, SystemClock(), joiner.role, joiner.name, in_browser=args.in_browser, code=code)
    try:
        return screen.open_app(
            sessions_dir, OpenedSession(window, joiner.role, args.in_browser), args.quiet, args.theme
        )
    finally:
        window.close()


def show(args: argparse.Namespace, sessions_dir: Path) -> int:
    """The audience window: follows the session's owner, read-only, and waits for it if it has gone."""
    from workshop_tui.core.clock import SystemClock
    from workshop_tui.store.joined_session import JoinedSession
    from workshop_tui.ui.app import OpenedSession

    path = open_now(sessions_folder(sessions_dir), args.session)
    window = JoinedSession(path, SystemClock(), "audience", in_browser=args.in_browser)
    try:
        return screen.open_app(
            sessions_dir, OpenedSession(window, "audience", args.in_browser), quiet=True, theme=args.theme
        )
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
    path = open_now(sessions_folder(sessions_dir), args.session)
    session = load_session(path)  # a session that cannot be read is said now, not in each browser
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
