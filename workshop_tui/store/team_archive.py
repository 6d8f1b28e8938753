"""The team's archive: a sessions folder shared with other laptops through git.

The folder is a git working tree whose remote "team" is the archive (a bare repository on a shared
drive, a git server). `share()` commits what is new here, takes in what the team shared (session files
and plans merge by their meaning: store/session_merge.py, store/plan_merge.py, through the merge driver
registered in the folder's git settings), and sends what is new. It runs the `git` the person already
has, with their credentials and servers; it never asks a question on the terminal.

Never shared: locks, sockets, outboxes, the listing index, crash reports, backups (the .gitignore it
writes), nor anything it does not know (an imported CSV of applications stays on the laptop). A
session open in a window is shared as its last complete save, never half a save; what the team changed
in a session open here waits until it is closed. No file is ever deleted or overwritten by sharing: a
file removed here is not removed from the archive, and a copy that cannot be merged is kept beside.
"""

import fcntl
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import rtoml

from workshop_tui.core.wording import names_and, plural
from workshop_tui.store.atomic import PRIVATE, open_own_file
from workshop_tui.store.file_head import (
    HEAD_BYTES,
    SESSION_TABLE,
    TAIL_BYTES,
    TIMINGS_TABLE,
    cut_to_last_save,
    kinds_after,
    saves_in_file,
)
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_lock import open_elsewhere

REMOTE = "team"
BRANCH = "main"
SESSION_DRIVER, PLAN_DRIVER = "workshop-tui-session", "workshop-tui-plan"
CAME_IN = "workshop-tui-from-the-team"  # in .git: the session files that came from the team, a name a line
KEPT_APART = "workshop-tui-kept-apart"  # in .git: the files the merge driver kept beside others, for share to add
LAST_SHARED = "workshop-tui-last-shared"  # in .git: when this folder last shared with the team
NETWORK_WAIT = 120  # seconds for a fetch or a push before it is left for next time
# The partners' archive of anonymised copies (export/anonymised_archive.py): its own working tree in here.
ANONYMISED, PARTNERS = ".anonymised", "partners"

IGNORE = """\
# Written by workshop-tui: what a team's archive never holds.
*
!/*.toml
!/plans/
!/plans/*.toml
!/plans/earlier/
!/plans/earlier/*.toml
!/.gitignore
!/.gitattributes
.*.lock
"""
ATTRIBUTES = f"""\
# Written by workshop-tui: session files and plans merge by what they hold, not line by line.
/*.toml merge={SESSION_DRIVER}
/plans/*.toml merge={PLAN_DRIVER}
"""
NO_GIT = (
    "Sharing needs git, which is not installed here. Install it (on Debian or Ubuntu: sudo apt install git; "
    "on a Mac: xcode-select --install; on Windows: git-scm.com), then run this again."
)


class ShareProblem(Exception):
    """Sharing could not go on: one sentence saying why and what to do. Nothing here was lost."""


# Up to this many files are named by title in what a share says; more are counted.
NAMED = 5


class Shared:
    """What one share did, for saying in words. (Plain classes here, not dataclasses: importing those
    costs a share of one session a tenth of git's own time.)"""

    def __init__(self, folder: Path = Path(), came_in: list[str] | None = None) -> None:
        self.folder = folder
        self.went_out: list[str] = []  # paths of what this laptop sent
        self.came_in: list[str] = came_in or []  # paths of what came from the team, new here
        self.added_to: list[str] = []  # paths of files here that the team added to
        self.kept_apart: list[str] = []  # what the merge kept as two, in words
        self.waiting: list[str] = []  # team changes to sessions open here, left for later
        self.later = ""  # why it could not reach the archive ("" when it did)
        self.switched_from = ""  # the archive this folder shared with before `share --to` another

    def _files(self, paths: list[str], went: str) -> str:
        """'2 files went out: 'Part 1' and the plan tea.'; past NAMED, '1,200 sessions and 2 plan files went out.'"""
        if len(paths) <= NAMED:
            return f"{plural(len(paths), 'file')} {went}: {names_and([_title(self.folder, path) for path in paths])}."
        plans = sum(1 for path in paths if path.startswith("plans/"))
        sessions = len(paths) - plans
        parts = ([f"{sessions:,} session{'' if sessions == 1 else 's'}"] if sessions else []) + (
            [plural(plans, "plan file")] if plans else []
        )
        return f"{names_and(parts)} {went}."

    def words(self) -> list[str]:
        lines = (
            [f"This folder shared with {self.switched_from} before; it now shares with the archive given."]
            if self.switched_from
            else []
        )
        if self.came_in:
            lines.append(self._files(self.came_in, "came in from the team"))
        if self.added_to:
            named = (
                names_and([_title(self.folder, path) for path in self.added_to])
                if len(self.added_to) <= NAMED
                else f"{len(self.added_to):,} files here"
            )
            lines.append(f"The team added to {named}: a comment, or more of the session.")
        if self.went_out:
            lines.append(self._files(self.went_out, "went out"))
        lines += self.kept_apart
        if self.waiting:
            lines.append(
                f"The team changed {names_and(self.waiting)}, which {'is' if len(self.waiting) == 1 else 'are'} "
                "open here: that comes in at the next share after it is closed."
            )
        if self.later:
            lines.append(self.later)
        elif not (self.came_in or self.added_to or self.went_out or self.kept_apart or self.waiting):
            lines.append("Nothing new: this folder and the team's archive hold the same.")
        return lines


def _git_env() -> dict[str, str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_MERGE_AUTOEDIT": "no"}
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    return env


# How long a git command waits for another git to let go of a lock in this folder, in short steps.
LOCK_WAITS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)


def git(
    folder: Path, *args: str, timeout: float = 60, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git in `folder`, never asking anything on the terminal. ShareProblem when git is not installed.

    A git still running from a share that was killed (the process, not its git, was stopped) can hold
    a lock for a moment while the next share starts; git refuses at once ("Unable to create
    '.../index.lock': File exists"), so the command is tried again for up to about 3 seconds."""
    done = _git_once(folder, args, timeout, stdin)
    for wait in LOCK_WAITS:
        if done.returncode == 0 or not _lock_held(done.stderr):
            break
        time.sleep(wait)
        done = _git_once(folder, args, timeout, stdin)
    return done


def _lock_held(said: bytes) -> bool:
    return b"Unable to create" in said and b".lock': File exists" in said


def _git_once(
    folder: Path, args: tuple[str, ...], timeout: float, stdin: bytes | None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            input=stdin,
            capture_output=True,
            env=_git_env(),
            timeout=timeout,
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise ShareProblem(NO_GIT) from None
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(args, 124, b"", f"it took longer than {timeout:.0f} seconds".encode())


def _at_once(folder: Path, *commands: list[str]) -> list[subprocess.CompletedProcess[bytes]]:
    """Several git commands that only read (or each write their own file) run side by side: a share of
    one session into an archive of thousands waits for the slowest, not for all of them in turn."""
    env = _git_env()
    try:
        running = [
            subprocess.Popen(
                ["git", "-C", str(folder), *command],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            for command in commands
        ]
    except FileNotFoundError:
        raise ShareProblem(NO_GIT) from None
    done = []
    for command, process in zip(commands, running, strict=True):
        out, err = process.communicate()
        done.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return done


class _Fetching:
    """`git fetch` from the team's archive, started before this folder's own commit is made: the network
    is the slow part of a share, and the two touch different things (the fetch only the team's branch and
    new objects, the commit only this folder's branch and index)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:  # no automatic housekeeping from this one: the commit beside it may start its own
            self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["git", "-C", str(folder), "fetch", "-q", "--no-auto-gc", "--no-auto-maintenance", REMOTE],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_git_env(),
            )
        except OSError:
            self.process = None  # said by the fetch that follows, run the usual way

    def result(self) -> subprocess.CompletedProcess[bytes]:
        if self.process is None:
            return git(self.folder, "fetch", "-q", REMOTE, timeout=NETWORK_WAIT)
        try:
            out, err = self.process.communicate(timeout=NETWORK_WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            return subprocess.CompletedProcess([], 124, b"", f"it took longer than {NETWORK_WAIT} seconds".encode())
        return subprocess.CompletedProcess([], self.process.returncode, out, err)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


_BUSY = (b"cannot lock ref", b".lock': File exists", b"Unable to create")


def _after_a_busy_ref(folder: Path, fetched: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[bytes]:
    """A fetch refused because another git is writing the same ref (the fetch of a share that was killed
    goes on by itself, and finishes within a moment): tried again for a few seconds, not said as 'could
    not reach'."""
    for wait in (0.1, 0.2, 0.4, 0.8, 1.6):
        if fetched.returncode == 0 or not any(busy in fetched.stderr for busy in _BUSY):
            return fetched
        time.sleep(wait)
        fetched = git(folder, "fetch", "-q", REMOTE, timeout=NETWORK_WAIT)
    return fetched


def archive_address(url: str) -> str:
    """The archive's address as git should keep it: a folder named from where the person stands made
    whole (git would read 'archive.git' from inside the sessions folder); a URL or 'host:path' as it is."""
    if "://" in url or re.match(r"^[^/\\]+:", url):
        return url
    return os.path.abspath(os.path.expanduser(url))


def _out(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stdout.decode("utf-8", "replace").strip()


# Reasons git gives deep in its output, said plainly: the first found wins.
_PLAIN = (
    ("No space left on device", "there is no room left on the disk"),
    ("Permission denied", "permission was refused"),
    ("does not appear to be a git repository", "there is no archive at that address"),
    ("Could not resolve host", "there is no network, or the server's name is wrong"),
    ("unable to access", "the server could not be reached"),
)


def _why(done: subprocess.CompletedProcess[bytes]) -> str:
    """git's own reason, in one line: a known cause said plainly, else its last 'fatal:' or 'error:' line."""
    text = done.stderr.decode("utf-8", "replace")
    for found, plain in _PLAIN:
        if found in text:
            return plain
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    said = [line for line in lines if line.startswith(("fatal:", "error:"))] or lines or ["no reason given"]
    return said[-1].removeprefix("fatal: ").removeprefix("error: ")


def _must(folder: Path, *args: str, what: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    done = git(folder, *args, stdin=stdin)
    if done.returncode:
        raise ShareProblem(f"Could not {what}: git said '{_why(done)}'. Nothing in {folder} was changed by it.")
    return done


def is_shared(folder: Path) -> bool:
    """The folder is a git working tree connected to a team archive (read from its settings, not git)."""
    try:
        return f'[remote "{REMOTE}"]' in (Path(folder) / ".git" / "config").read_text(
            encoding="utf-8", errors="replace"
        )
    except OSError:
        return False


def archive_of(folder: Path) -> str:
    """The team archive's address as the folder's git settings keep it ('' when not connected): read from
    the settings file, so the home screen can say it without running git."""
    try:
        settings = (Path(folder) / ".git" / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    found = re.search(rf'\[remote "{REMOTE}"\][^\[]*?\n\s*url\s*=\s*(.+?)\s*\n', settings + "\n")
    return found.group(1) if found else ""


def _driver_command(kind: str) -> str:
    # The Python this app runs on, so the driver works from a virtual environment too.
    import shlex

    return f"{shlex.quote(sys.executable)} -m workshop_tui merge-file {kind} %O %A %B %P"


def _driver_set(settings: str, driver: str, kind: str) -> bool:
    """The folder's git settings run a Python that is there for this driver (a moved venv is set again)."""
    found = re.search(
        rf'\[merge "{driver}"\][^\[]*?\n\s*driver = (.+?) -m workshop_tui merge-file {kind} %O %A %B %P\n', settings
    )
    if found is None:
        return False
    try:
        import shlex

        return os.access(shlex.split(found.group(1))[0], os.X_OK)
    except (ValueError, IndexError):
        return False


def set_up(folder: Path) -> None:
    """Make the folder ready to share: the ignore and attributes files, the merge drivers, branch main."""
    folder = Path(folder)
    for name, text in ((".gitignore", IGNORE), (".gitattributes", ATTRIBUTES)):
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8", errors="replace") != text:
            path.write_text(text, encoding="utf-8")
    try:
        settings = (folder / ".git" / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        settings = ""
    for kind, driver in (("session", SESSION_DRIVER), ("plan", PLAN_DRIVER)):
        if _driver_set(settings, driver, kind):
            continue  # as it should be: no git to run (a share of one session runs git as little as it can)
        _must(folder, "config", f"merge.{driver}.name", f"workshop-tui {kind} merge", what="set up the merge")
        _must(folder, "config", f"merge.{driver}.driver", _driver_command(kind), what="set up the merge")
    try:
        on_main = (folder / ".git" / "HEAD").read_text(encoding="utf-8").strip() == f"ref: refs/heads/{BRANCH}"
    except OSError:
        on_main = False
    if not on_main and not _tips(folder)[0]:  # nothing committed yet: the branch is main, whatever git's default
        _must(folder, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}", what="name the branch")


def _local(address: str) -> Path | None:
    """The folder an address names on this computer (a shared drive), or None for a server's."""
    if address.startswith("file://"):
        return Path(address.removeprefix("file://"))
    return Path(address) if os.path.isabs(address) else None


def _is_archive(where: Path) -> bool:
    return ((where / "HEAD").is_file() and (where / "objects").is_dir()) or (where / ".git").exists()


def _archive_on_main(where: Path) -> None:
    """A bare archive made with git's defaults names 'master' as its branch, and plain git (a clone, a
    log) then finds nothing: the team's work is on main, so an archive with nothing on its branch is told so."""
    if not (where / "HEAD").is_file():
        return  # an archive with a working tree of its own: its branch is its owner's to choose
    named = git(where, "symbolic-ref", "-q", "HEAD")
    if (
        named.returncode == 0
        and _out(named) != f"refs/heads/{BRANCH}"
        and git(where, "rev-parse", "-q", "--verify", _out(named)).returncode
    ):
        git(where, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")


def connect(folder: Path, url: str) -> Shared:
    """`share --to URL`: make the folder a git working tree (or use the one it is), connect it, share."""
    folder = Path(folder)
    import shlex
    import shutil

    if shutil.which("git") is None:
        raise ShareProblem(NO_GIT)
    address = archive_address(url)
    local = _local(address)
    if local is not None and not _is_archive(local):
        # Most likely a mistyped name, or a shared drive not there: nothing is connected to it.
        raise ShareProblem(
            f"There is no team archive at {local}. Check the name, and that the shared drive is there. To make "
            f"a new, empty archive there: git init --bare -b {BRANCH} {shlex.quote(str(local))}"
        )
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / ".git").is_dir():
        _must(folder, "init", "-q", what=f"make {folder} ready to share")
    set_up(folder)
    has = git(folder, "remote", "get-url", REMOTE)
    before = _out(has) if has.returncode == 0 else ""
    _must(folder, "remote", "set-url" if has.returncode == 0 else "add", REMOTE, address, what="connect to the archive")
    if local is not None:
        _archive_on_main(local)
    shared = share(folder)
    if before and before != address:
        shared.switched_from = before
    return shared


def stop(folder: Path) -> list[str]:
    """`share --stop`: the folder no longer shares with the team's archive (nor a partners' one). Every file
    stays; the archive keeps what it has; `share --to` connects again."""
    folder = Path(folder)
    said = []
    if is_shared(folder):
        address = _out(git(folder, "remote", "get-url", REMOTE))
        _must(folder, "remote", "remove", REMOTE, what="stop sharing")
        said.append(
            f"This folder no longer shares with {address}. Its files stay here, and the archive keeps "
            "what it has. To share again: workshop-tui share --to ADDRESS"
        )
    if partners_connected(folder):
        _must(folder / ANONYMISED, "remote", "remove", PARTNERS, what="stop sharing with partners")
        said.append("Anonymised copies no longer go to the partners' archive.")
    return said or [f"{folder} does not share with an archive."]


def start_from(folder: Path, url: str) -> Shared:
    """`share --from URL`: a new sessions folder made from a team's archive."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise ShareProblem(
            f"{folder} already holds files. To connect it to the archive, use 'share --to {url}'; "
            "or choose an empty folder with --sessions-dir."
        )
    done = git(
        folder.parent if folder.parent.exists() else Path.cwd(),
        "clone",
        "-q",
        "--no-checkout",
        "--origin",
        REMOTE,
        archive_address(url),
        str(folder.resolve()),
        timeout=NETWORK_WAIT,
    )
    if done.returncode:
        raise ShareProblem(f"Could not copy the team's archive from {url}: git said '{_why(done)}'.")
    # The archive's own idea of its main branch may be another name (a bare repository made with git's
    # defaults says "master"): the team's work is on main, as every share sends it.
    if _has(folder, THEIRS):
        _must(folder, "checkout", "-q", "-B", BRANCH, THEIRS, what="take the team's work")
    else:
        _must(folder, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}", what="name the branch")
    _owner_only(folder)
    set_up(folder)
    _remember_came_in(folder, _shareable(folder))
    _remember_shared(folder)
    return Shared(folder, came_in=_shareable(folder))


@contextmanager
def _one_share_at_a_time(folder: Path) -> Iterator[None]:
    """Two shares of one folder (the app in the background, a command) take turns: git's own locks
    guard its files, this guards the steps between them."""
    fd = open_own_file(Path(folder) / ".git" / "workshop-tui-share.lock", os.O_RDWR | os.O_CREAT, PRIVATE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _clear_stale_locks(folder: Path) -> None:
    """A share killed while git was writing (the laptop shut, the process killed) can leave git's
    index.lock behind, and every git command after would refuse. Only shares run git in this folder
    for the app, and this one holds the share lock, so one still there is stale."""
    for name in ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "MERGE_HEAD.lock", "config.lock"):
        try:
            (Path(folder) / ".git" / name).unlink()
        except OSError:
            pass
    if (Path(folder) / ".git" / "MERGE_HEAD").exists():  # a merge cut off half way: start it again
        git(folder, "merge", "--abort")


def _shareable(folder: Path, paths: list[str] | None = None) -> list[str]:
    """The files sharing deals in, as paths in the folder: session files at the top, and plans."""
    if paths is None:
        paths = [entry.name for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
        plans = Path(folder) / "plans"
        for sub in ("", "earlier"):
            where = plans / sub if sub else plans
            if where.is_dir():
                paths += [
                    str(Path("plans", sub, e.name)) if sub else f"plans/{e.name}"
                    for e in os.scandir(where)
                    if e.is_file(follow_symlinks=False)
                ]
    return sorted(
        p
        for p in paths
        if p.endswith(".toml")
        and not Path(p).name.startswith(".")
        and (p.count("/") == 0 or p.startswith(("plans/", "plans/earlier/")))
    )


def _head_table(head: bytes) -> dict[str, Any] | None:
    """A session file's head as TOML (rtoml: no model or engine is loaded for it), or None."""
    try:
        table: dict[str, Any] = rtoml.loads(head.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError is one, as is rtoml's TomlParsingError
        return None
    return table


def _summary(path: Path) -> dict[str, Any]:
    """A session file's [summary] (read only when a title is said: a share of thousands reads none):
    the quick way from its head, as the app writes it; the whole reader for anything else."""
    try:
        with open(path, "rb") as file:
            head = file.read(HEAD_BYTES)
    except OSError:
        head = b""
    at = head.find(TIMINGS_TABLE)
    at = head.find(SESSION_TABLE) if at < 0 else at
    quick = _head_table(head[:at]) if at >= 0 else None
    summary = quick.get("summary") if quick is not None else None
    if isinstance(summary, dict):
        return summary
    from workshop_tui.store.session_file import read_summary

    return read_summary(path)


def _title(folder: Path, path: str) -> str:
    """How a file is named to people: a session by its title, a plan by its name."""
    if path.startswith("plans/"):
        return f"the plan {Path(path).stem}" + (" (an earlier version)" if "/earlier/" in path else "")
    try:
        return f"'{_summary(Path(folder) / path).get('title') or path}'"
    except FileProblem:
        return path


class _Staged(NamedTuple):
    paths: list[str]  # every path staged
    new: set[str]  # of those, the files new to the archive
    tree: str  # the tree they make, for the commit
    settings: str  # git's user.name and user.email lines, for who the commit is by


def _stage(folder: Path) -> _Staged:
    """Stage what is new here: each file as it stands, a session open in a window as its last complete
    save. git's index keeps each file's size and time, so a share of one new session into an archive of
    thousands reads one file (the allow-list .gitignore says what counts)."""
    _must(folder, "add", "--ignore-removal", "--", ".", what="note what is new here")
    listed, tree, settings = _at_once(
        folder,
        ["diff", "--cached", "--name-status", "--no-renames", "-z"],
        ["write-tree"],
        ["config", "--get-regexp", r"^user\.(name|email)$"],
    )
    said = _out(listed).split("\0")
    staged = _Staged([], set(), _out(tree) if tree.returncode == 0 else "", _out(settings))
    for status, path in zip(said[0::2], said[1::2], strict=False):
        if path:
            staged.paths.append(path)
            if status == "A":
                staged.new.add(path)
    cut = False
    for path in staged.paths:  # never half a save: a session open in a window goes as far as its last "# saved" line
        if "/" in path or not open_elsewhere(folder / path):
            continue
        data = cut_to_last_save((folder / path).read_bytes())
        blob = _out(_must(folder, "hash-object", "-w", "--stdin", what="note an open session", stdin=data))
        _must(folder, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", what="note an open session")
        cut = True
    if cut or not staged.tree:
        staged = staged._replace(tree=_out(_must(folder, "write-tree", what="record what is new here")))
    return staged


def _named_by_git(folder: Path) -> str:
    """The person's name in git's own settings ('' when git has none)."""
    known = _out(git(folder, "config", "--get", "user.name"))
    return known.strip()


def _person(folder: Path) -> str:
    """Who this laptop's shares are by, when git has no name for them: the facilitator of the newest
    session run on this laptop (never one that came from the team: that is someone else), else the
    name the person logs in with."""
    came = from_the_team(folder)
    for path in sorted(_shareable(folder), reverse=True):
        if "/" in path or path in came:
            continue
        try:
            name = " ".join(str(_summary(Path(folder) / path).get("facilitator") or "").split())
        except FileProblem:
            continue
        if name:
            return name
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError):
        return "workshop-tui"


def _author(folder: Path, known: str | None = None) -> list[str]:
    """git's own name for the person if it has one (`known`: git's user.name and user.email settings, when
    already read); else as _person() finds it."""
    if os.environ.get("GIT_AUTHOR_NAME") and os.environ.get("GIT_COMMITTER_NAME"):
        return []  # named for this run (a script, a test): git takes those
    if known is None:
        known = _out(git(folder, "config", "--get-regexp", r"^user\.(name|email)$"))
    if "user.name " in known:
        return [] if "user.email " in known else ["-c", "user.email="]
    return ["-c", f"user.name={_person(folder)}", "-c", "user.email="]


def _events_before(folder: Path, paths: list[str], head: str) -> dict[str, int]:
    """How many events each session file held in the commit `head`, for the files it held (one call to git)."""
    if not head or not paths:
        return {}
    asked = "".join(f"{head}:{path}\n" for path in paths).encode("utf-8")
    out = git(folder, "cat-file", "--batch", stdin=asked).stdout
    counts: dict[str, int] = {}
    at = 0
    for path in paths:
        end = out.find(b"\n", at)
        if end < 0:
            break
        said = out[at:end].split()
        at = end + 1
        if len(said) != 3 or said[1] != b"blob":
            continue  # not there before: a new file
        size = int(said[2])
        body, at = out[at : at + size], at + size + 1
        saved = saves_in_file(body[-64:])  # its closing "# saved N" line: how many events it held
        if saved is not None:
            counts[path] = saved
    return counts


def _what_changed(folder: Path, path: str, summary: dict[str, Any], before: int | None) -> str:
    """A session's change in a few words: its state when new or carried on; else what was added to it."""
    status = str(summary.get("status", "saved"))
    if before is None:
        return status
    try:
        with open(Path(folder) / path, "rb") as file:
            file.seek(max(0, os.fstat(file.fileno()).st_size - TAIL_BYTES))
            tail = file.read()
    except OSError:
        return status
    counted = saves_in_file(tail[-64:])
    kinds = kinds_after(tail, before, counted) if counted is not None else None
    comments = sum(1 for kind in kinds or [] if kind.startswith("comment."))
    if kinds and comments == len(kinds):
        return "a comment added" if comments == 1 else f"{comments} comments added"
    return status


def _message(folder: Path, paths: list[str], head: str = "", new: set[str] | None = None) -> str:
    """'Co-production training, part 1 (Leeds): finished', or ': a comment added', one line per file after
    the first; past 20 files (a first share of a whole folder), how many, with each file's name: its title
    is in the file."""
    if len(paths) > 20:
        return f"{plural(len(paths), 'file')} shared\n\n" + "\n".join(paths)
    before = _events_before(folder, [path for path in paths if "/" not in path and path not in (new or set())], head)
    lines = []
    for path in paths:
        if path.startswith("plans/"):
            lines.append(f"{_title(folder, path).capitalize()}: saved")
            continue
        try:
            summary = _summary(Path(folder) / path)
            lines.append(f"{summary.get('title') or path}: {_what_changed(folder, path, summary, before.get(path))}")
        except FileProblem:
            lines.append(f"{path}: saved")
    if len(lines) == 1:
        return lines[0]
    return f"{plural(len(lines), 'file')} shared\n\n" + "\n".join(lines)


def _commit_here(folder: Path, head: str) -> list[str]:
    """Commit what is new here on top of `head` (this folder's commit, '' for none yet): the files committed.
    Made with git's own parts (write-tree, commit-tree, update-ref) rather than `git commit`, which reads
    and rewrites the whole index again: in an archive of thousands that was a third of a share's time."""
    staged = _stage(folder)
    if not staged.paths:
        return []
    files = _shareable(folder, staged.paths)  # (else only the archive's own .gitignore and .gitattributes)
    message = _message(folder, files, head, staged.new) if files else "The archive's settings for workshop-tui"
    # The message on standard input: a first share of thousands of files names each, longer than a
    # command line may be.
    commit = _out(
        _must(
            folder,
            *_author(folder, staged.settings),
            "commit-tree",
            staged.tree,
            *(["-p", head] if head else []),
            "-F",
            "-",
            what="record what is new here",
            stdin=message.encode("utf-8"),
        )
    )
    # Moved only from where it was: a commit made here by hand in between is never lost.
    _must(
        folder,
        "update-ref",
        "-m",
        "workshop-tui share",
        f"refs/heads/{BRANCH}",
        commit,
        head or "0" * 40,
        what="record what is new here",
    )
    return files


def _has(folder: Path, ref: str) -> bool:
    return git(folder, "rev-parse", "--verify", "-q", ref).returncode == 0


THEIRS = f"refs/remotes/{REMOTE}/{BRANCH}"


_COMMIT_ID = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def _tips(folder: Path) -> tuple[str, str]:
    """The commit this folder is on and the team's ('' for one there is not yet). Read from git's own
    files when they are plain (a share runs git as few times as it can); else asked of git."""
    found = []
    for ref in (f"refs/heads/{BRANCH}", THEIRS):
        try:
            said = (Path(folder) / ".git" / ref).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            break  # not a loose file (packed, or another kind of store): git says
        if not _COMMIT_ID.fullmatch(said):
            break
        found.append(said)
    else:
        return found[0], found[1]
    listed = _out(git(folder, "for-each-ref", "--format=%(refname) %(objectname)", f"refs/heads/{BRANCH}", THEIRS))
    named = dict(line.split(" ", 1) for line in listed.splitlines() if " " in line)
    return named.get(f"refs/heads/{BRANCH}", ""), named.get(THEIRS, "")


def _take_in(folder: Path, shared: Shared) -> None:
    """Merge what the team shared, unless it changes a session open here."""
    theirs = THEIRS
    before, team = _tips(folder)
    if not team or team == before:
        return  # an archive nobody has shared into yet, or one that has just what this folder has
    if before and git(folder, "merge-base", "--is-ancestor", theirs, "HEAD").returncode == 0:
        return  # nothing here that the team has and this folder has not
    if before:
        changed = _out(git(folder, "diff", "--name-only", "--no-renames", f"HEAD...{theirs}")).splitlines()
        waiting = [path for path in changed if "/" not in path and open_elsewhere(Path(folder) / path)]
        if waiting:
            shared.waiting = [_title(folder, path) for path in waiting]
            return
        done = git(
            folder,
            *_author(folder),
            "merge",
            "-q",
            "--no-edit",
            "--allow-unrelated-histories",
            "-m",
            "Took in the team's work",
            theirs,
        )
    else:  # nothing shared here yet: the team's work, as it is (no file here has its name)
        done = git(folder, "checkout", "-q", "-B", BRANCH, theirs)
    if done.returncode:
        stuck = _out(git(folder, "diff", "--name-only", "--diff-filter=U")).splitlines()
        git(folder, "merge", "--abort")
        raise ShareProblem(
            f"Could not take in the team's work ({names_and(stuck) if stuck else _why(done)}). Nothing here was "
            "changed. Look at those files on both laptops, or ask the person who shared them."
        )
    _owner_only(folder)
    kept = _kept_apart(folder)
    if kept:
        _must(
            folder,
            "add",
            "--pathspec-from-file=-",
            "--pathspec-file-nul",
            what="keep both copies",
            stdin="\0".join(kept).encode("utf-8"),
        )
        if git(folder, "diff", "--cached", "--quiet").returncode:  # (a share killed after the merge committed them)
            _must(
                folder,
                *_author(folder),
                "commit",
                "-q",
                "--no-verify",
                "-m",
                "Kept both copies: " + ", ".join(kept),
                what="keep both copies",
            )
    after = _out(git(folder, "rev-parse", "HEAD"))
    if before != after:
        came = _out(
            git(folder, "diff", "--name-only", "--no-renames", f"{before}..{after}" if before else after)
        ).splitlines()
        had = set(_out(git(folder, "ls-tree", "-r", "--name-only", before)).splitlines()) if before else set()
        arrived = [path for path in _shareable(folder, came) if path not in kept]
        shared.came_in = [path for path in arrived if path not in had]
        shared.added_to = [path for path in arrived if path in had]  # a comment from the team on a session here
        # Only files this folder did not have: a comment from the team on a session made here leaves it ours.
        _remember_came_in(folder, shared.came_in)
    shared.kept_apart += [f"Both copies were kept: {path} holds the other one." for path in kept]


def _owner_only(folder: Path) -> None:
    """Session files hold people's names: readable by their owner only, as this app writes them. (git
    writes the files it takes in with the usual permissions.)"""
    for path in _shareable(folder):
        if "/" not in path:
            where = Path(folder) / path
            try:
                if not where.is_symlink():  # a link is never followed to change another file
                    os.chmod(where, PRIVATE)
            except OSError:
                pass


def _kept_apart(folder: Path) -> list[str]:
    record = Path(folder) / ".git" / KEPT_APART
    try:
        names = record.read_text(encoding="utf-8").splitlines()
        record.unlink()
    except OSError:
        return []
    return sorted({name for name in names if name and (Path(folder) / name).is_file()})


def _going_out(folder: Path, head: str = "", team: str = "") -> list[str]:
    """The files this folder holds other than as the archive has them: what a push sends."""
    if not head:
        head, team = _tips(folder)
    if not head or head == team:
        return []
    if team:
        changed = _out(git(folder, "diff", "--name-only", "--no-renames", f"{team}..{head}")).splitlines()
    else:
        changed = _out(git(folder, "ls-tree", "-r", "--name-only", head)).splitlines()
    return _shareable(folder, changed)


def from_the_team(folder: Path) -> set[str]:
    """The names of the session files in the folder that came from the team's archive (not made here)."""
    try:
        return set((Path(folder) / ".git" / CAME_IN).read_text(encoding="utf-8").split("\n")) - {""}
    except OSError:
        return set()


def _remember_came_in(folder: Path, paths: list[str]) -> None:
    came = from_the_team(folder) | {path for path in paths if "/" not in path}
    record = Path(folder) / ".git" / CAME_IN
    temporary = record.with_suffix(".saving")
    temporary.write_text("\n".join(sorted(came)) + "\n", encoding="utf-8")
    os.replace(temporary, record)


def _remember_shared(folder: Path) -> None:
    (Path(folder) / ".git" / LAST_SHARED).write_text(datetime.now(UTC).isoformat(), encoding="utf-8")


def _housekeeping_due(folder: Path) -> bool:
    """git's own test for packing its loose objects, as `git commit` would start it: more than gc.auto
    (6,700) loose objects, estimated from one of its 256 folders. Asked here without starting git."""
    try:
        return len(os.listdir(Path(folder) / ".git" / "objects" / "17")) > 6700 // 256
    except OSError:
        return False


def share(folder: Path) -> Shared:
    """`share`: take in what the team shared and send what is new here. See the module's words."""
    folder = Path(folder)
    if not is_shared(folder):
        raise ShareProblem(
            f"{folder} is not connected to a team archive yet. Connect it with "
            "'workshop-tui share --to URL', or start a folder from one with 'share --from URL'."
        )
    shared = Shared(folder)
    with _one_share_at_a_time(folder):
        _clear_stale_locks(folder)
        set_up(folder)
        fetching = _Fetching(folder)
        try:
            last, _ = _tips(folder)
            committed = _commit_here(folder, last)
        except BaseException:
            fetching.stop()
            raise
        try:
            for attempt in range(3):  # someone may share between our taking in and our sending
                fetched = (
                    fetching.result() if attempt == 0 else git(folder, "fetch", "-q", REMOTE, timeout=NETWORK_WAIT)
                )
                fetched = _after_a_busy_ref(folder, fetched)
                if fetched.returncode:
                    shared.later = (
                        f"Could not reach the team's archive ({_why(fetched)}). What is new here is kept, "
                        "and goes out at the next share."
                    )
                    return shared
                head, team = _tips(folder)
                if attempt == 0 and last and team == last and head != last:
                    going = committed  # the usual share: nothing came from the team, and what goes out is what was just committed
                else:
                    _take_in(folder, shared)
                    head, team = _tips(folder)
                    if not head:
                        break  # nothing here, nothing came: nothing to send
                    going = _going_out(folder, head, team)
                    if head == team:
                        _remember_shared(folder)
                        return shared  # the archive has all this folder has
                pushed = git(folder, "push", "-q", REMOTE, f"HEAD:refs/heads/{BRANCH}", timeout=NETWORK_WAIT)
                if pushed.returncode == 0:
                    shared.went_out = going
                    _remember_shared(folder)
                    return shared
                # Someone shared in between (the archive is ahead): take that in and try again.
                refused = b"(fetch first)" in pushed.stderr or b"(non-fast-forward)" in pushed.stderr
                if shared.waiting and refused:  # the team's work was not taken in, so ours cannot go on top yet
                    shared.later = "What is new here goes out at the next share after that session is closed."
                    return shared
                if not refused:
                    shared.later = (
                        f"Could not send to the team's archive ({_why(pushed)}). What is new here is kept, "
                        "and goes out at the next share."
                    )
                    return shared
            else:
                shared.later = (
                    "The team's archive kept changing while this folder shared. Run 'workshop-tui share' again."
                )
            _remember_shared(folder)
            return shared
        finally:
            if committed and _housekeeping_due(folder):
                git(folder, "maintenance", "run", "--auto", "--quiet")


class ShareStatus(NamedTuple):
    archive: str  # its address
    waiting: list[str]  # what goes out at the next share
    last_shared: datetime | None
    by: str = ""  # who the archive says shared from here
    by_git: bool = True  # that name is git's own setting (else worked out: see _person)

    def words(self) -> list[str]:
        lines = [f"This folder shares with the team's archive at {self.archive}."]
        if self.last_shared:
            lines.append(f"It last shared on {self.last_shared.astimezone():%d %B %Y at %H:%M}.")
        else:
            lines.append("It has not shared yet.")
        if self.waiting:
            lines.append(f"Waiting to go out: {names_and(self.waiting)}.")
        else:
            lines.append("Nothing is waiting to go out.")
        if self.by and not self.by_git:
            lines.append(
                f"The archive names what goes out from here as shared by {self.by}. To choose the name: "
                'git config --global user.name "Your Name"'
            )
        return lines


def status(folder: Path) -> ShareStatus:
    folder = Path(folder)
    if not folder.is_dir():
        raise ShareProblem(f"There is no sessions folder at {folder}. Check the name given with --sessions-dir.")
    if not is_shared(folder):
        raise ShareProblem(
            f"{folder} is not connected to a team archive yet. Connect it with 'workshop-tui share --to URL'."
        )
    url = _out(git(folder, "remote", "get-url", REMOTE))
    # All of it (the .gitignore is an allow-list), then the shareable names: never one argument a file.
    new = _out(git(folder, "status", "--porcelain", "--untracked-files=all", "--no-renames")).splitlines()
    paths = sorted(set(_shareable(folder, [line[3:] for line in new] + _going_out(folder))))
    try:
        last = datetime.fromisoformat((folder / ".git" / LAST_SHARED).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        last = None
    named = _named_by_git(folder)
    return ShareStatus(url, [_title(folder, path) for path in paths], last, named or _person(folder), bool(named))


def partners_connected(folder: Path) -> bool:
    """The folder keeps anonymised copies for a partners' archive (export/anonymised_archive.py)."""
    try:
        settings = (Path(folder) / ANONYMISED / ".git" / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return f'[remote "{PARTNERS}"]' in settings


def connected(folder: Path) -> bool:
    """A quick look, without running git: the folder shares with a team archive or a partners' one."""
    return is_shared(folder) or partners_connected(folder)


def share_in_background(folder: Path) -> "subprocess.Popen[bytes] | None":
    """Start `workshop-tui share` for a connected folder, as a process of its own: it finishes its share
    even if the app is closed at once, and the screen never waits on the network. None if not connected."""
    if not connected(folder):
        return None
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "workshop_tui", "--sessions-dir", str(folder), "share"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError:
        return None
