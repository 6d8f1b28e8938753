"""A second archive for partners outside the organisation: anonymised copies of the sessions only.

`share --anonymised --to URL` makes `.anonymised/` inside the sessions folder a git working tree whose
remote "partners" is that archive. At each share, every session file that changed since the last is
copied there anonymised (names as roles, as `export --anonymise` does: export/anonymise.py), checked for
any form of a roster name, committed and sent. The copies are session files a partner can review and
learn timings from. Nothing else is ever in that tree, so a folder set up this way never sends a name:
a copy in which a name is still found is not written, and the share says which session it was.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from workshop_tui.core.name_forms import NameFinder, name_parts
from workshop_tui.core.wording import plural
from workshop_tui.export.anonymise import anonymise
from workshop_tui.model import Session
from workshop_tui.store.atomic import PRIVATE, write_atomically
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import load_session, session_file_bytes
from workshop_tui.store.sessions_dir import session_paths
from workshop_tui.store.sessions_folder import session_file_name
from workshop_tui.store.team_archive import (
    ANONYMISED,
    BRANCH,
    NETWORK_WAIT,
    PARTNERS,
    ShareProblem,
    archive_address,
    git,
)

SOURCES = "workshop-tui-sources.json"  # in its .git: a digest of each session file last copied, to skip the rest


@dataclass
class SharedAnonymised:
    went_out: int = 0
    held_back: list[str] = field(default_factory=list)  # sessions whose copy still held a name
    later: str = ""

    def words(self) -> list[str]:
        lines = []
        if self.went_out:
            lines.append(f"{plural(self.went_out, 'anonymised session')} went to the partners' archive.")
        for title in self.held_back:
            lines.append(f"'{title}' was not sent to the partners: a name was still found in its anonymised copy.")
        if self.later:
            lines.append(self.later)
        return lines


def tree(folder: Path) -> Path:
    return Path(folder) / ANONYMISED


def connected(folder: Path) -> bool:
    try:
        return f'[remote "{PARTNERS}"]' in (tree(folder) / ".git" / "config").read_text(
            encoding="utf-8", errors="replace"
        )
    except OSError:
        return False


def connect(folder: Path, url: str) -> SharedAnonymised:
    """Set up `.anonymised/` with the partners' archive as its remote, then share into it."""
    where = tree(folder)
    where.mkdir(parents=True, exist_ok=True)
    if not (where / ".git").is_dir():
        _must(where, "init", "-q")
        _must(where, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
    has = git(where, "remote", "get-url", PARTNERS)
    _must(where, "remote", "set-url" if has.returncode == 0 else "add", PARTNERS, archive_address(url))
    return share(folder)


def _must(where: Path, *args: str) -> None:
    done = git(where, *args)
    if done.returncode:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ShareProblem(f"Could not set up the anonymised archive: git said '{said[-1] if said else 'no reason'}'.")


def names_of(session: Session) -> list[str]:
    """Every form of each roster name worth looking for in a copy: whole, and each word of two letters or more."""
    found = set()
    for name in [p.name for p in session.participants] + [session.facilitator, session.note_taker]:
        name = name.strip()
        if name:
            found.add(name)
            found.update(word for word in name_parts({name: "them"}) if len(word) > 2)
    return sorted(found)


def still_named(data: bytes, names: list[str]) -> bool:
    """Any form of any of `names` in the copy: with or without accents, any apostrophe, any case."""
    return NameFinder(dict.fromkeys(names, True)).finds(data.decode("utf-8", "replace"))


def share(folder: Path) -> SharedAnonymised:
    folder, where = Path(folder), tree(folder)
    shared = SharedAnonymised()
    record = where / ".git" / SOURCES
    try:
        copied: dict[str, dict[str, str]] = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        copied = {}
    taken = {entry.get("copy") for entry in copied.values()}
    changed = []
    for path in session_paths(folder):
        data = path.read_bytes()
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if copied.get(path.name, {}).get("digest") == digest:
            continue
        try:
            session = load_session(path)
        except FileProblem:
            continue  # not a session this app can read: never copied
        hidden = anonymise(session)
        copy = session_file_bytes(hidden)
        if still_named(copy, names_of(session)):
            shared.held_back.append(hidden.title)
            continue
        # Named from the anonymised title, never from the file's own name (made from a title that may hold a name).
        name = copied.get(path.name, {}).get("copy") or _free(taken, hidden.title, hidden.started_at)
        taken.add(name)
        write_atomically(where / name, copy, PRIVATE)
        copied[path.name] = {"digest": digest, "copy": name}
        changed.append(name)
    if changed:
        git(where, "add", "--pathspec-from-file=-", "--pathspec-file-nul", stdin="\0".join(changed).encode("utf-8"))
        # The app's name, never the person's: the partners' archive holds no name, its history neither.
        git(
            where,
            "-c",
            "user.name=workshop-tui",
            "-c",
            "user.email=",
            "commit",
            "-q",
            "--no-verify",
            "-m",
            f"{plural(len(changed), 'anonymised session')}",
        )
    write_atomically(record, json.dumps(copied, sort_keys=True).encode(), PRIVATE)
    if git(where, "rev-parse", "--verify", "-q", "HEAD").returncode:
        return shared  # nothing to send yet
    theirs = f"refs/remotes/{PARTNERS}/{BRANCH}"
    known = git(where, "rev-parse", "--verify", "-q", theirs).returncode == 0
    going = (
        git(where, "diff", "--name-only", theirs, "HEAD")
        if known
        else git(where, "ls-tree", "-r", "--name-only", "HEAD")
    )
    pushed = git(where, "push", "-q", PARTNERS, f"HEAD:refs/heads/{BRANCH}", timeout=NETWORK_WAIT)
    if pushed.returncode:
        said = pushed.stderr.decode("utf-8", "replace").strip().splitlines()
        shared.later = (
            f"Could not reach the partners' archive ({said[-1] if said else 'no reason'}). The anonymised "
            "copies are kept, and go out at the next share."
        )
    else:
        shared.went_out = len(going.stdout.split())
    return shared


def _free(taken: set[str | None], title: str, started_at: datetime) -> str:
    for number in range(1, 10_000):
        name = session_file_name(title, started_at, number)
        if name not in taken:
            return name
    raise ShareProblem("Too many anonymised sessions share one title and start.")
