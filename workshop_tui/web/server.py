"""`workshop-tui serve`: the note-taker's and the audience windows in a web browser.

Built on textual-serve: each browser that opens /join or /show gets its own `workshop-tui join` or
`workshop-tui show` process on this machine, which joins the session's owner like any other window.
What this adds to textual-serve's own server:

- two windows on one port, by path (/join, /show), each page titled with its role and the session;
- the follow-along page (/follow): plain HTML for phones and screen readers, kept up to date by
  server-sent events from one read-only window on the owner, however many phones follow (web/follow_feed.py);
- every request must name this server as its Host (no DNS rebinding), and anything that says where it
  comes from (every window connection must) must come from this server's own pages; no other site may
  put the pages in a frame, and browsers keep no copy of them;
- a join code, needed for every page, file and connection, when it listens beyond this machine, typed
  in a form that is posted (so it stays out of the browser's history);
- limits: MOST_WINDOWS windows at once, a screen size between the smallest and largest sizes, a
  largest message, and HANDSHAKE_SECONDS for a connection to say what it wants;
- each window runs `workshop-tui join|show --in-browser`, so it offers only what a browser window may do;
- a page that loads nothing from the internet (textual-serve's own asks Google for a font);
- a window whose program stops says so on the page, instead of waiting forever;
- the windows stop when the server stops, however it stops.
"""

import asyncio
import ctypes
import ipaddress
import json
import logging
import os
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from workshop_tui.core.clock import SystemClock
from workshop_tui.core.joining import NotWelcome, who_joins
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session
from workshop_tui.web.follow_feed import FollowFeed
from workshop_tui.web.join_code import MOST_WRONG, JoinCode, is_loopback

log = logging.getLogger("workshop-tui.serve")
TEMPLATES = Path(__file__).parent / "templates"
COOKIE = "workshop_join"
PERSON_COOKIE = "workshop_person"  # which person a browser's note-taker's window is, for this run of serve
CODE_VARIABLE = "WORKSHOP_TUI_CODE"  # as `join` reads it (cli/windows.py)
BROWSER_WINDOWS = {"join": "Note-taker's window", "show": "Audience window"}
FOLLOW_TITLE = "Follow along"
FOLLOW_FILES = Path(__file__).parent / "follow_files"
MOST_FOLLOWERS = 500  # phones on the follow-along page at once: each is one open connection, no process
STILL_HERE_SECONDS = 25.0  # a quiet follow-along stream says it is still there (and notices a phone gone)
# The follow-along page runs its own script and style only, and talks to this server only.
FOLLOW_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
MOST_WINDOWS = 60  # each is a process on this computer
MOST_COLUMNS, MOST_ROWS = 500, 300  # a bigger screen only costs memory: one window grew to 1.6 GB
FEWEST_COLUMNS, FEWEST_ROWS = 10, 5
MOST_MESSAGE = 64 * 1024  # bytes in one message from a browser: keys, a size, a ping
HANDSHAKE_SECONDS = 10.0  # for a connection to send its whole request; an idle one is closed after it too
ALL_ADDRESSES = ("0.0.0.0", "::", "")
ROOM_FULL = f"The room is full: {MOST_WINDOWS} browser windows are open already. Close one, then try again."


def window_command(role: str, session: Path, sessions_dir: Path) -> str:
    """The command a browser's window runs: the installed workshop-tui beside this Python."""
    script = Path(sys.executable).parent / "workshop-tui"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "workshop_tui"]
    # --in-browser: the window offers only what a window in a web browser may do (core/roles.py). The
    # person's name is added for each window (`_person_command`); their code goes in its environment.
    extra = ["--in-browser"]
    # exec: the shell makes way for the window, so stopping the process stops the window itself.
    return "exec " + shlex.join([*program, role, str(session), "--sessions-dir", str(sessions_dir), *extra])


class _Window(AppService):
    """One browser's window: textual-serve's process, which also stops if the server dies. `code` (a
    member's or a co-chair's) goes in the process's environment, which only this user can read, never
    on its command line, which anyone on the computer can."""

    code = ""

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment[CODE_VARIABLE] = self.code
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_shell(
            self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            preexec_fn=_start_as_a_guest,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process


# How much less of the processor a browser's window asks for than the facilitator's screen: on the
# facilitator's laptop, 50 windows starting or repainting at once must not make its own keys wait.
WINDOW_NICENESS = 10


def _start_as_a_guest() -> None:
    """Between fork and exec: the window yields the processor to the facilitator's screen, and Linux
    sends it SIGTERM when the server goes, even if the server is killed."""
    try:
        os.nice(WINDOW_NICENESS)
    except OSError:
        pass  # not allowed here: the window runs at the server's priority
    if sys.platform == "linux":
        set_parent_death_signal = 1
        ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, signal.SIGTERM)


FORM = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{background:#0c181f;color:#eee;font:20px system-ui,sans-serif;display:flex;justify-content:center;
align-items:center;height:90vh}} input{{font-size:28px;width:7em;letter-spacing:.2em;text-transform:uppercase}}
button{{font-size:24px}} .problem{{color:#ffb0b0}}</style></head>
<body><form method="post" action="{action}"><h1>{title}</h1>
<p>Type the join code. It is on the facilitator's screen.</p>
<p class="problem" role="alert">{problem}</p>
<label for="code">Join code</label><br>
<input id="code" name="code" autocomplete="off" autofocus required maxlength="32">
<button type="submit">Join</button></form></body></html>"""


WHO_FORM = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{background:#0c181f;color:#eee;font:20px system-ui,sans-serif;display:flex;justify-content:center;
align-items:center;min-height:90vh}} input{{font-size:26px;width:14em}} #code{{width:7em;letter-spacing:.2em;
text-transform:uppercase}} button{{font-size:24px}} .problem{{color:#ffb0b0}} .hint{{color:#ccc;font-size:17px}}</style></head>
<body><form method="post" action="/join"><h1>{title}</h1>
<p class="problem" role="alert">{problem}</p>
<p><label for="name">Your name, as it is on the roster</label><br>
<input id="name" name="name" autocomplete="name" autofocus required maxlength="100" value="{name}"></p>
<p><label for="code">Your own code, if you have one</label><br>
<input id="code" name="code" autocomplete="off" maxlength="32" aria-describedby="code-hint"><br>
<span class="hint" id="code-hint">Panel members: the code on your card. A co-chair: the facilitator's code. Anyone else: leave it empty.</span></p>
<button type="submit">Join</button></form></body></html>"""


class WindowServer(Server):
    """Serves /join and /show for one session; `join_code` guards everything when it is given."""

    def __init__(
        self,
        session: Path,
        sessions_dir: Path,
        title: str,
        host: str = "127.0.0.1",
        port: int = 8000,
        join_code: JoinCode | None = None,
        commands: dict[str, str] | None = None,
    ):
        self.commands = commands or {role: window_command(role, session, sessions_dir) for role in BROWSER_WINDOWS}
        super().__init__(command=self.commands["join"], host=host, port=port, title=title, templates_path=TEMPLATES)
        self.titles = {role: f"{words} - {title}" for role, words in BROWSER_WINDOWS.items()}
        self.join_code = join_code
        self.windows: set[_Window] = set()
        self.said: Callable[[str], None] = log.warning  # where refusals are told (the serve terminal)
        # Called with the new code when too many wrong codes made it be replaced (serve prints it and
        # tells the owner, so the facilitator's screen shows it).
        self.code_changed: Callable[[str], None] = lambda code: None
        self.handshake_seconds = HANDSHAKE_SECONDS
        self.session_path = session
        # Who each browser's note-taker's window is: a token in its cookie -> (name, code), for this run only.
        self.people: dict[str, tuple[str, str]] = {}
        self.wrong_codes: dict[str, int] = {}  # names not on the roster and wrong codes, by address
        self.titles["follow"] = f"{FOLLOW_TITLE} - {title}"
        # The follow-along page's one window on the owner, opened when the first phone comes.
        self.follow_feed: FollowFeed | None = None
        self._follow_starting = asyncio.Lock()
        self.followers = 0  # follow-along streams open now

    # The routes.

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        routes: list[web.AbstractRouteDef] = [web.get("/", self.handle_menu), web.post("/", self.handle_code_form)]
        for role in BROWSER_WINDOWS:
            routes += [
                web.get(f"/{role}", self.handle_index),
                web.post(f"/{role}", self.handle_who_form if role == "join" else self.handle_code_form),
                web.get(f"/ws/{role}", self.handle_websocket),
            ]
        routes += [
            web.get("/follow", self.handle_follow),
            web.post("/follow", self.handle_code_form),
            web.get("/follow/events", self.handle_follow_events),
            web.get("/follow/follow.js", self.handle_follow_file),
            web.get("/follow/follow.css", self.handle_follow_file),
            web.get("/download/{key}", self.handle_download),
            web.static("/static", self.statics_path, show_index=False),
        ]
        app.add_routes(routes)
        app.on_shutdown.append(self.on_shutdown)
        app.on_response_prepare.append(self._no_frames_no_copies)
        return app

    @staticmethod
    async def _no_frames_no_copies(request: web.Request, response: web.StreamResponse) -> None:
        """No other site may show these pages in a frame (to trick a click); browsers keep no copy of them."""
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")  # the follow page sets its own
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"

    def answers_to(self, host_header: str) -> bool:
        """True when the Host a request names is this server: its address and port. A page on another
        site whose name was pointed at this computer (DNS rebinding) names its own site, and is refused."""
        try:
            parts = urlsplit("//" + host_header)
            name, port = (parts.hostname or "").rstrip("."), parts.port
        except ValueError:
            return False
        if (port if port is not None else 80) != self.port:
            return False
        if name in self.names:
            return True
        if self.host in ALL_ADDRESSES:
            # Listening on every address: any address of this computer typed as numbers is this server
            # (a rebinding page always comes by a name, never by numbers).
            try:
                ipaddress.ip_address(name)
                return True
            except ValueError:
                return False
        return False

    @property
    def names(self) -> set[str]:
        """The names and addresses a browser may use for this server."""
        names = {self.host.strip("[]").lower()}
        if is_loopback(self.host) or self.host in ALL_ADDRESSES:
            names |= {"localhost", "127.0.0.1", "::1"}
        if self.host in ALL_ADDRESSES:
            here = socket.gethostname().lower()
            names |= {here, f"{here}.local", socket.getfqdn().lower()}
        return names

    @web.middleware
    async def guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Every request must name this server and, if it says where it comes from, come from its pages;
        a window connection must say so. With a join code, every request needs the cookie it gives (or,
        for a page, the code itself)."""
        if not self.answers_to(request.host):
            raise web.HTTPForbidden(
                text="Refused: this server does not answer to that name. Use the address 'workshop-tui serve' printed.\n"
            )
        is_window = request.path.startswith("/ws/")
        origin = request.headers.get("Origin")
        if is_window and origin is None:
            raise web.HTTPForbidden(text="Refused: a window connection must come from this server's own page.\n")
        if origin is not None and origin.lower() != f"{request.scheme}://{request.host}".lower():
            raise web.HTTPForbidden(text="Refused: this came from another web site.\n")
        code = self.join_code
        if code is None or code.holds_cookie(request.cookies.get(COOKIE, "")):
            return await handler(request)
        address = request.remote or "?"
        is_page = not request.path.startswith(("/ws/", "/static/", "/download/", "/follow/"))
        if not is_page:
            # A code in a connection's or a file's address is never taken: only a page's form takes it.
            raise web.HTTPForbidden(text="Refused: the join code is needed first.\n")
        if code.locked_out(address):
            raise web.HTTPTooManyRequests(text="Refused: too many wrong join codes from this address.\n")
        if request.method == "POST":
            typed: str | None = str((await request.post()).get("code", ""))
        else:
            typed = request.query.get("code")  # the link the facilitator shares may carry it
        if typed is None:
            return self._form(request, "", 401)
        if code.paused():
            return self._form(
                request, "Too many wrong codes have been tried lately. Wait a minute, then try again.", 429
            )
        if not code.right(typed):
            count = code.count_wrong(address)
            self.said(f"A wrong join code was typed at {address} ({count} from there, {code.wrong_in_all} in all).")
            if code.locked_out(address):
                self.said(
                    f"{address} is refused from now on, after {count} wrong codes; start serve again to let it try again."
                )
            if code.paused():
                self.said("Too many wrong join codes in a minute: every code is refused for a minute.")
            if code.replace_if_guessed_at():
                self.said(
                    f"So many wrong join codes were typed that the code is now a longer one: {code.code} (browsers already in stay in)."
                )
                self.code_changed(code.code)
            return self._form(request, "That code is not right. Check it on the facilitator's screen.", 403)
        # In: the cookie, and the page again at its address without the code (out of the address bar).
        query = {key: value for key, value in request.query.items() if key != "code"}
        response = web.Response(
            status=303, headers={"Location": request.path + (f"?{urlencode(query)}" if query else "")}
        )
        response.set_cookie(COOKIE, code.cookie, httponly=True, samesite="Lax", path="/")
        return response

    async def handle_code_form(self, request: web.Request) -> web.Response:
        """The code form posted by a browser that is in already: back to the page."""
        raise web.HTTPSeeOther(request.path)

    def _form(self, request: web.Request, problem: str, status: int) -> web.Response:
        title = self.titles.get(request.path.strip("/"), self.title)
        page = FORM.format(title=escape(title), action=escape(request.path), problem=escape(problem))
        return web.Response(text=page, content_type="text/html", status=status, headers={"Cache-Control": "no-store"})

    # Who a note-taker's window is: a name on the roster, and a member's or a co-chair's code.

    def person_of(self, request: web.Request) -> tuple[str, str] | None:
        return self.people.get(request.cookies.get(PERSON_COOKIE, ""))

    def _who_form(self, problem: str, status: int, name: str = "") -> web.Response:
        page = WHO_FORM.format(title=escape(self.titles["join"]), problem=escape(problem), name=escape(name))
        return web.Response(text=page, content_type="text/html", status=status, headers={"Cache-Control": "no-store"})

    async def handle_who_form(self, request: web.Request) -> web.Response:
        """The name (and code) posted: checked against the session's roster and codes as they are now, then
        kept for this browser in a cookie, and the page again at its plain address (no code in it, ever)."""
        form = await request.post()
        if "name" not in form:  # the join code's form, posted by a browser that is in already
            raise web.HTTPSeeOther(request.path)
        name, code = str(form.get("name", ""))[:100], str(form.get("code", ""))[:32]
        address = request.remote or "?"
        if self.wrong_codes.get(address, 0) >= MOST_WRONG:
            return self._who_form(
                "Too many wrong names or codes came from this computer. Ask the facilitator.", 429, name
            )
        try:
            # No "Did you mean ...?" here: a stranger's browser must not learn the roster's names by guessing.
            joiner = who_joins(load_session(self.session_path), "note-taker", name, code, suggest=False)
        except NotWelcome as refused:
            # Wrong names count as wrong codes do: guessing the roster to join as someone on it is refused too.
            self.wrong_codes[address] = self.wrong_codes.get(address, 0) + 1
            self.said(f"A name or code that is not right was typed at {address}.")
            return self._who_form(str(refused), 403, name)
        except FileProblem as problem:
            return self._who_form(f"The session cannot be read now ({problem.what}).", 503, name)
        token = secrets.token_urlsafe(32)
        self.people[token] = (joiner.name if joiner.role == "member" else name, code)
        response = web.Response(status=303, headers={"Location": request.path})
        response.set_cookie(PERSON_COOKIE, token, httponly=True, samesite="Strict", path="/")
        return response

    async def handle_menu(self, request: web.Request) -> web.Response:
        links = "".join(
            f'<li><a href="/{role}">{escape(self.titles[role])}</a></li>' for role in (*BROWSER_WINDOWS, "follow")
        )
        page = f'<!DOCTYPE html><html lang="en-GB"><title>{escape(self.title)}</title><h1>{escape(self.title)}</h1><ul>{links}</ul></html>'
        return web.Response(text=page, content_type="text/html")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if request.path == "/join" and self.person_of(request) is None:
            return self._who_form("", 200)
        if len(self.windows) >= MOST_WINDOWS:
            page = f'<!DOCTYPE html><html lang="en-GB"><title>The room is full</title><p>{escape(ROOM_FULL)}</p></html>'
            return web.Response(text=page, content_type="text/html", status=503)
        return await self._index_page(request)

    @aiohttp_jinja2.template("app_index.html")
    async def _index_page(self, request: web.Request) -> dict[str, Any]:
        role = request.path.strip("/")
        base = f"{request.scheme}://{request.host}"  # as the browser reached it: right for cookies, and for 0.0.0.0
        sockets = "wss" + base[5:] if base.startswith("https") else "ws" + base[4:]
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{sockets}/ws/{role}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.titles[role]},
        }

    # The follow-along page: one window on the owner for every phone (web/follow_feed.py).

    async def feed(self) -> FollowFeed:
        """The follow-along page's feed, joined to the owner when the first phone comes."""
        async with self._follow_starting:
            if self.follow_feed is None:
                feed = FollowFeed(self.session_path, SystemClock())
                await feed.start()
                self.follow_feed = feed
            return self.follow_feed

    async def handle_follow(self, request: web.Request) -> web.Response:
        try:
            feed = await self.feed()
        except FileProblem as problem:
            page = (
                f'<!DOCTYPE html><html lang="en-GB"><title>{escape(self.titles["follow"])}</title>'
                f"<main><p>The session cannot be read now ({escape(problem.what)}). Try again in a moment.</p></main></html>"
            )
            return web.Response(text=page, content_type="text/html", status=503)
        return web.Response(
            text=feed.page(),
            content_type="text/html",
            charset="utf-8",
            headers={"Content-Security-Policy": FOLLOW_POLICY},
        )

    async def handle_follow_file(self, request: web.Request) -> web.Response:
        name = request.path.rsplit("/", 1)[1]
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        return web.Response(text=(FOLLOW_FILES / name).read_text(encoding="utf-8"), content_type=kind, charset="utf-8")

    async def handle_follow_events(self, request: web.Request) -> web.StreamResponse:
        """What the follow-along page says, now and at each change, as server-sent events, until the phone goes."""
        if self.followers >= MOST_FOLLOWERS:
            raise web.HTTPServiceUnavailable(text="Too many phones are following already.\n")
        try:
            feed = await self.feed()
        except FileProblem as problem:
            raise web.HTTPServiceUnavailable(text=f"The session cannot be read now ({problem.what}).\n") from None
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"})
        self.followers += 1
        try:
            await response.prepare(request)
            version = feed.version
            await response.write(b"retry: 3000\n\n" + feed.message)
            while not feed.closed:
                if await feed.changed_after(version, STILL_HERE_SECONDS):
                    if feed.closed:
                        break
                    version = feed.version
                    await response.write(feed.message)
                else:
                    await response.write(b": still here\n\n")
        except ConnectionResetError:
            pass  # the phone has gone
        finally:
            self.followers -= 1
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's own, with the window chosen by the path, a word if the window stops, and the
        limits: the number of windows, the screen size and the size of a message."""
        role = request.path.rsplit("/", 1)[1]
        person = self.person_of(request) if role == "join" else ("", "")
        if person is None:
            raise web.HTTPForbidden(text="Refused: say who you are on the join page first.\n")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MOST_MESSAGE)
        width, height = screen_size(request.query.get("width", "80"), request.query.get("height", "24"))
        if len(self.windows) >= MOST_WINDOWS:
            await websocket.prepare(request)
            await websocket.send_bytes(f"\x1b[2J\x1b[H\r\n  {ROOM_FULL}\r\n".encode())
            await websocket.close(code=1013, message=b"The room is full.")  # 1013: try again later
            return websocket
        name, code = person
        command = self.commands[role] + (" " + shlex.join(["--name", name]) if name else "")
        window = _Window(
            command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,  # type: ignore[arg-type]  # textual-serve passes this very method
            download_manager=self.download_manager,
            debug=self.debug,
        )
        window.code = code
        self.windows.add(window)  # before any wait, so two at once cannot both take the last place
        try:
            await websocket.prepare(request)
            await window.start(width, height)
            watcher = asyncio.create_task(self._say_if_it_stops(websocket, window))
            try:
                await self._process_messages(websocket, window)
            finally:
                watcher.cancel()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one browser's trouble never stops the server
            log.warning("A browser window ended with a problem: %s", error)
        finally:
            await window.stop()
            self.windows.discard(window)
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """textual-serve's own, with the screen size kept within limits (it takes any size it is sent)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            envelope = json.loads(message.data)
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(*screen_size(data.get("width"), data.get("height")))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    @staticmethod
    async def _say_if_it_stops(websocket: web.WebSocketResponse, window: _Window) -> None:
        process = window._process
        if process is None:
            return
        status = await process.wait()
        if not websocket.closed:
            await websocket.send_bytes(
                f"\x1b[2J\x1b[H\r\n  This window has stopped (exit status {status}). "
                "The terminal where 'workshop-tui serve' runs says why.\r\n".encode()
            )

    async def start(self) -> web.AppRunner:
        """Listen; returns the runner (`await runner.cleanup()` stops it). Port 0 picks a free port.
        Raises OSError (such as the port being in use) before anything is said."""
        # keepalive_timeout: aiohttp closes a connection that has not sent a whole request by then
        # (one that sends its request a byte at a time, to hold the server's attention, too).
        runner = web.AppRunner(
            await self._make_app(),
            handle_signals=False,
            shutdown_timeout=5,
            access_log=None,
            keepalive_timeout=self.handshake_seconds,
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self.port = runner.addresses[0][1]
        return runner

    async def on_shutdown(self, app: web.Application) -> None:
        """End the follow-along streams; ask every window to quit; stop any still there after three seconds."""
        if self.follow_feed is not None:
            await self.follow_feed.close()
        for window in list(self.windows):
            if window._process is not None and window._process.returncode is None:
                await window.send_meta({"type": "quit"})

        async def wait_or_stop(process: asyncio.subprocess.Process) -> None:
            try:
                await asyncio.wait_for(process.wait(), 3)
            except TimeoutError:
                process.kill()

        await asyncio.gather(*(wait_or_stop(w._process) for w in list(self.windows) if w._process is not None))

    async def run_until_stopped(self, ready: Callable[[], None]) -> None:
        """Serve until Ctrl+C or SIGTERM; `ready` is called once it listens."""
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        runner = await self.start()
        ready()
        try:
            await stop.wait()
        finally:
            await runner.cleanup()


def screen_size(width: object, height: object) -> tuple[int, int]:
    """Columns and rows as a browser asks for them, kept between the smallest and the largest."""
    columns = to_int(str(width), 80) if not isinstance(width, int) else width
    rows = to_int(str(height), 24) if not isinstance(height, int) else height
    return max(FEWEST_COLUMNS, min(MOST_COLUMNS, columns)), max(FEWEST_ROWS, min(MOST_ROWS, rows))
