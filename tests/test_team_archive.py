"""Issue [15]: a team's archive shared between laptops through git. Real git, real files, no mocks.

Each "laptop" is a sessions folder; the archive is a bare repository on disk, as on a shared drive.
"""

import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.cli import main
from workshop_tui.core.clock import FakeClock
from workshop_tui.export.markdown_minutes import markdown_minutes
from workshop_tui.model import Plan, Step
from workshop_tui.store.file_head import cut_to_last_save
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.plan_files import save_plan_version
from workshop_tui.store.plan_history import plan_history
from workshop_tui.store.session_file import load_session
from workshop_tui.store.team_archive import NO_GIT
from workshop_tui.store.toml_files import load_plan, to_toml
from tests.conftest import TEN_AM, small_plan

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.usefixtures("git_of_nobody"),
]


def archive(tmp_path: Path) -> str:
    path = tmp_path / "archive.git"
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return str(path)


def run_session(
    folder: Path,
    title: str,
    clock: FakeClock,
    facilitator: str = "Fatima",
    finish: bool = True,
    follows: Path | None = None,
) -> Path:
    """A short session run on this laptop: a note, two steps, finished (following on from `follows`)."""
    with OpenSession.create(folder, small_plan(), title, clock, facilitator, "Norah", follows=follows) as owner:
        owner.apply(Command("toggle_timer"))
        clock.advance(minutes=11)
        owner.apply(Command("add_note", {"typed": f"Said in {title}"}))
        owner.apply(Command("next_step"))
        clock.advance(minutes=2)
        if finish:
            owner.apply(Command("finish"))
        return owner.path


def comment(path: Path, text: str, clock: FakeClock) -> None:
    with OpenSession.resume(path, clock, allow_finished=True) as review:
        review.add_comment("s1", text, "a trainer")


def cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def files(folder: Path) -> dict[str, bytes]:
    """What a laptop holds that the team shares: its session files and plans, by name."""
    found = {path.name: path.read_bytes() for path in folder.glob("*.toml")}
    found |= {f"plans/{p.relative_to(folder / 'plans')}": p.read_bytes() for p in folder.glob("plans/**/*.toml")}
    return found


def test_three_laptops_share_sessions_comments_and_plans_and_lose_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = archive(tmp_path)
    a, b, c = (tmp_path / name for name in ("laptop-a", "laptop-b", "laptop-c"))
    clock = FakeClock(TEN_AM)
    part_1 = run_session(a, "Part 1 (Leeds)", clock)
    status, out, _ = cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    assert status == 0 and out == "1 file went out: 'Part 1 (Leeds)'.\n"
    for laptop in (b, c):
        status, out, _ = cli("--sessions-dir", str(laptop), "share", "--from", url, capsys=capsys)
        assert status == 0 and out == "1 file came in from the team: 'Part 1 (Leeds)'.\n"

    # Now each laptop works on its own: comments on part 1 on two laptops at once, sessions on each,
    # the same plan changed on two.
    comment(part_1, "Well paced", FakeClock(TEN_AM + timedelta(days=1)))
    comment(b / part_1.name, "The tea ran long", FakeClock(TEN_AM + timedelta(days=1, minutes=5)))
    # Part 2 is run on another laptop from part 1, following on from the copy of part 1 that came to it.
    part_2 = run_session(
        b, "Part 2 (Leeds)", FakeClock(TEN_AM + timedelta(days=14)), facilitator="Bob", follows=b / part_1.name
    )
    run_session(c, "Part 1 (York)", FakeClock(TEN_AM + timedelta(days=2)), facilitator="Cat")
    plan = Plan(name="tea-and-talk", title="Tea and talk", steps=[Step(title="Tea", planned_minutes=20)])
    for laptop, minutes in ((a, 25), (c, 30)):
        save_plan_version(laptop / "plans", plan, None)
        saved = load_plan(laptop / "plans" / "tea-and-talk.toml")
        changed = saved.model_copy(update={"steps": [Step(title="Tea", planned_minutes=minutes)]})
        save_plan_version(laptop / "plans", changed, saved.version)

    for _ in range(2):
        for laptop in (a, b, c):
            assert cli("--sessions-dir", str(laptop), "share", capsys=capsys)[0] == 0

    # Every laptop holds the same files, and each file holds every event once.
    assert files(a) == files(b) == files(c)
    merged = load_session(a / part_1.name)
    assert sorted(comment.text for comment in merged.comments) == ["The tea ran long", "Well paced"]
    assert len({(e.at, e.kind, str(e.details)) for e in merged.events}) == len(merged.events)
    assert {load_session(path).title for path in a.glob("*.toml")} == {
        "Part 1 (Leeds)",
        "Part 2 (Leeds)",
        "Part 1 (York)",
    }
    # Part 2 follows part 1 on every laptop: its file names part 1's, which is the same everywhere.
    follows = load_session(a / part_2.name).follows
    assert follows is not None and follows.file == part_1.name
    assert (
        "This session follows on from 'Part 1 (Leeds)'"
        in cli("--sessions-dir", str(c), "export", part_2.name, "--format", "md", "-o", "-", capsys=capsys)[1]
    )
    # Both new versions of the plan survive: one as version 3, with a note; the other kept whole.
    plans = a / "plans"
    now = load_plan(plans / "tea-and-talk.toml")
    assert now.version == 3 and "came from another laptop" in now.description
    kept = load_plan(plans / "earlier" / "tea-and-talk-v2.toml")
    assert {now.steps[0].planned_minutes, kept.steps[0].planned_minutes} == {25, 30}
    # Session files stay readable by their owner only, on every laptop.
    for laptop in (a, b, c):
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in laptop.glob("*.toml"))
    # Review, export and stats work on each laptop.
    for laptop in (a, b, c):
        assert "Well paced" not in markdown_minutes(load_session(laptop / part_1.name))  # comments are the trainer's
        assert len(plan_history(laptop, "small").sessions) == 3
        assert (
            cli("--sessions-dir", str(laptop), "export", part_1.name, "--format", "md", "-o", "-", capsys=capsys)[0]
            == 0
        )
    # stats learns from the whole archive, or from one person's sessions.
    plan_file = tmp_path / "small.toml"
    plan_file.write_bytes(to_toml(small_plan()))
    status, out, _ = cli("--sessions-dir", str(c), "stats", str(plan_file), capsys=capsys)
    assert status == 0 and ": 3 past sessions." in out
    status, out, _ = cli("--sessions-dir", str(c), "stats", str(plan_file), "--facilitator", "bob", capsys=capsys)
    assert status == 0 and out.startswith("Only the sessions run by Bob: 1 of 3.\n") and ": 1 past session." in out
    status, _, err = cli("--sessions-dir", str(c), "stats", str(plan_file), "--facilitator", "Zed", capsys=capsys)
    assert status == 2 and "The facilitators of its sessions here: Bob, Cat, Fatima." in err


def test_a_session_carried_on_on_two_laptops_is_kept_as_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = archive(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    path = run_session(a, "Part 1", FakeClock(TEN_AM), finish=False)
    cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    cli("--sessions-dir", str(b), "share", "--from", url, capsys=capsys)
    for laptop, text in ((a, "Said on A"), (b, "Said on B")):
        with OpenSession.resume(laptop / path.name, FakeClock(TEN_AM + timedelta(minutes=20))) as owner:
            owner.apply(Command("add_note", {"typed": text}))
    cli("--sessions-dir", str(a), "share", capsys=capsys)
    status, out, _ = cli("--sessions-dir", str(b), "share", capsys=capsys)
    assert status == 0 and "Both copies were kept" in out
    notes = {note.text for p in b.glob("*.toml") for note in load_session(p).notes}
    assert {"Said on A", "Said on B"} <= notes  # nothing lost: both stories are there
    assert len(list(b.glob("*.toml"))) == 2


def test_without_git_share_says_so_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git here
    status, out, err = cli("--sessions-dir", str(tmp_path / "s"), "share", "--to", "/nowhere", capsys=capsys)
    assert status == 2 and out == "" and NO_GIT in err and "Traceback" not in err


def test_an_unreachable_archive_keeps_everything_and_shares_later(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = archive(tmp_path)
    a = tmp_path / "a"
    run_session(a, "Part 1", FakeClock(TEN_AM))
    cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    run_session(a, "Part 2", FakeClock(TEN_AM + timedelta(days=7)))
    Path(url).rename(url + ".away")  # the shared drive is not there
    status, out, _ = cli("--sessions-dir", str(a), "share", capsys=capsys)
    assert status == 1 and "Could not reach the team's archive" in out and "goes out at the next share" in out
    status, out, _ = cli("--sessions-dir", str(a), "share", "--status", capsys=capsys)
    assert "Waiting to go out: 'Part 2'." in out
    Path(url + ".away").rename(url)
    status, out, _ = cli("--sessions-dir", str(a), "share", capsys=capsys)
    assert out == "1 file went out: 'Part 2'.\n"


def test_an_archive_rewritten_by_someone_else_loses_nothing_here(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = archive(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    run_session(a, "Part 1", FakeClock(TEN_AM))
    cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    # Someone else pushes an unrelated history over the archive's main.
    other = tmp_path / "other"
    run_session(other, "Their session", FakeClock(TEN_AM + timedelta(days=3)))
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    subprocess.run(["git", "-C", str(other), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(other), "-c", "user.name=X", "-c", "user.email=", "commit", "-qm", "x"], check=True
    )
    subprocess.run(["git", "-C", str(other), "push", "-q", "--force", url, "HEAD:refs/heads/main"], check=True)
    run_session(a, "Part 2", FakeClock(TEN_AM + timedelta(days=7)))
    status, out, _ = cli("--sessions-dir", str(a), "share", capsys=capsys)
    assert status == 0, out
    cli("--sessions-dir", str(b), "share", "--from", url, capsys=capsys)
    assert {load_session(p).title for p in b.glob("*.toml")} == {"Part 1", "Part 2", "Their session"}


def test_a_folder_not_connected_is_told_how(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli("--sessions-dir", str(tmp_path), "share", capsys=capsys)
    assert status == 2 and "is not connected to a team archive yet" in err and "share --to URL" in err


def test_what_is_never_shared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = archive(tmp_path)
    a = tmp_path / "a"
    path = run_session(a, "Part 1", FakeClock(TEN_AM))
    for name in (
        "applications.csv",
        ".Part-1.toml.lock",
        "x.outbox",
        "y.sock",
        "Part-1.toml.cut-1.bak",
        ".workshop-tui-index.json",
        ".workshop-tui-timings.json",
    ):
        (a / name).write_text("private")
    (a / "crash-reports").mkdir()
    (a / "crash-reports" / "r.txt").write_text("private")
    cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    tracked = subprocess.run(["git", "-C", str(a), "ls-files"], capture_output=True, text=True).stdout.split()
    # The session, and the archive's own rules (so a folder started from it, or plain git, keeps them).
    assert sorted(tracked) == sorted([path.name, ".gitignore", ".gitattributes"])
    assert os.environ["HOME"].endswith("home")  # the person's own git settings were not touched


# Names that are no everyday word, so finding one in the partners' archive is a leak.
FIRST = ["Margaret", "Dennis", "Evelyn", "Priya", "Kwame", "Siobhan", "Tomasz", "Aisling"]
LAST = ["Okafor", "Smith-Jones", "Nakamura", "Kowalski", "Fitzgerald", "Oduya"]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)), min_size=2, max_size=4, unique_by=lambda p: p[0]
    ),
    st.lists(st.integers(0, 3), min_size=3, max_size=3),
)
def test_the_partners_archive_never_holds_a_name(
    tmp_path_factory: pytest.TempPathFactory, people: list[tuple[str, str]], said: list[int]
) -> None:
    tmp_path = tmp_path_factory.mktemp("anonymised")
    url = archive(tmp_path)
    folder = tmp_path / "sessions"
    clock = FakeClock(TEN_AM)
    first, last = people[0]
    with OpenSession.create(
        folder, small_plan(), f"Tea with {first} {last}", clock, f"{first} {last}", "Norah Okafor"
    ) as owner:
        for name, surname in people:
            owner.apply(Command("add_person", {"name": f"{name} {surname}", "role": "older person"}))
        forms = [f"@{people[i % len(people)][0]}" for i in said] + [people[said[0] % len(people)][1].upper()]
        owner.apply(
            Command("add_note", {"typed": f"{forms[0]} said {forms[1]}'s idea was good, and {forms[3]} agreed"})
        )
        owner.apply(Command("add_action", {"text": f"Ring {forms[2]}", "owner": people[-1][0]}))
        owner.apply(Command("finish"))
    capsys_free = main(["--sessions-dir", str(folder), "share", "--anonymised", "--to", url])
    assert capsys_free == 0
    copy = tmp_path / "copy"
    subprocess.run(["git", "clone", "-q", "-b", "main", url, str(copy)], check=True, capture_output=True)
    history = subprocess.run(
        ["git", "-C", str(copy), "log", "--format=%an %ae %s %b"], capture_output=True, text=True
    ).stdout
    texts = [p.read_text() for p in copy.glob("*.toml")] + [history, *(p.name for p in copy.glob("*.toml"))]
    assert len(texts) == 3  # one session, its history, its name
    words = {w for first, last in people for w in (first, *last.split("-"))} | {"Norah", "Okafor"}
    for text in texts:
        for word in words:
            assert not re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE), (word, text[:300])
    assert load_session(next(copy.glob("*.toml"))).notes  # still a session a partner can review


KILLER = """#!/bin/sh
# A git that counts its calls and, on call {at}, kills the share that ran it ({when} git runs). (The
# count is kept under a lock: a share runs its fetch beside its other calls.) A git it started goes on.
exec 9>>"{counter}.lock"; flock 9
count=$(cat "{counter}" 2>/dev/null || echo 0); count=$((count + 1)); echo $count > "{counter}"
flock -u 9
if [ $count -eq {at} ] && [ "{when}" = before ]; then kill -9 $PPID; exit 1; fi
{git} "$@"; status=$?
if [ $count -eq {at} ]; then kill -9 $PPID; fi
exit $status
"""


def share_killed_at(folder: Path, at: int, when: str, tmp_path: Path) -> int:
    """`workshop-tui share` in a process of its own, killed on git's call `at`; its exit status."""
    bin_dir = tmp_path / f"bin-{at}-{when}"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    fake.write_text(KILLER.format(at=at, when=when, counter=bin_dir / "count", git=shutil.which("git")))
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    done = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "--sessions-dir", str(folder), "share"],
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    return done.returncode


def test_a_share_killed_at_any_moment_loses_nothing_and_the_next_one_finishes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = archive(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    run_session(a, "Part 1", FakeClock(TEN_AM))
    cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    cli("--sessions-dir", str(b), "share", "--from", url, capsys=capsys)
    # A git killed while it wrote the index leaves its lock: git alone would refuse every command after.
    (a / ".git" / "index.lock").write_text("")
    run_session(a, "After a crash", FakeClock(TEN_AM + timedelta(hours=5)))
    assert cli("--sessions-dir", str(a), "share", capsys=capsys)[1] == "1 file went out: 'After a crash'.\n"
    day = 0
    killed = 0
    # Every moment with FAULT_RUNS set (about 80 seconds); else every second, before or after in turn.
    every = bool(os.environ.get("FAULT_RUNS"))
    for at in range(1, 60, 1 if every else 2):
        for when in ("before", "after") if every else (("before", "after")[at % 2],):
            day += 1
            # Work on both laptops since they last shared: a new session on each, a comment on part 1.
            for laptop, who in ((a, "Ann"), (b, "Bob")):
                run_session(laptop, f"{who} day {day}", FakeClock(TEN_AM + timedelta(days=day)), facilitator=who)
            comment(b / "2026-07-08-1000-part-1.toml", f"Note {day}", FakeClock(TEN_AM + timedelta(days=day, hours=3)))
            cli("--sessions-dir", str(b), "share", capsys=capsys)
            killed += share_killed_at(a, at, when, tmp_path) == -9
            assert cli("--sessions-dir", str(a), "share", capsys=capsys)[0] == 0
            assert cli("--sessions-dir", str(b), "share", capsys=capsys)[0] == 0
            # Every session whole on both laptops, and the same on both.
            assert files(a) == files(b)
            assert {load_session(p).title for p in a.glob("*.toml")} >= {f"Ann day {day}", f"Bob day {day}"}
            assert len(load_session(a / "2026-07-08-1000-part-1.toml").comments) == day
        if not killed:
            break  # past the last git call of a share: every moment has been tried
        killed = 0
    assert at > 5  # a share makes several calls to git, and each was a moment to kill it


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a disk with room for little: a tmpfs of 40 KiB (needs root; skipped otherwise)."""
    where = tmp_path / "small-disk"
    where.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", str(where)], capture_output=True
        ).returncode
    ):
        pytest.skip("needs root, to make a small disk")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_disk_keeps_every_session_whole_and_says_what_to_do(
    tmp_path: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = Path(__file__).parent.parent / "sessions"
    # The archive on a disk too small for the sessions: nothing goes out, nothing here is lost.
    url = str(small_disk / "archive.git")
    subprocess.run(
        ["git", "init", "-q", "--bare", "--template=", url], check=True
    )  # no sample hooks: room for little else
    a = tmp_path / "a"
    a.mkdir()
    for path in examples.glob("*.toml"):
        shutil.copy(path, a / path.name)
    before = files(a)
    status, out, _ = cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    assert status == 0 and "Could not send to the team's archive" in out and "goes out at the next share" in out
    assert files(a) == before
    # The laptop's own disk is full: one sentence, and every session as it was.
    shutil.rmtree(url)
    full = small_disk / "laptop"
    full.mkdir()
    shutil.copy(next(examples.glob("*leeds.toml")), full)
    try:
        with open(small_disk / "filler", "wb", buffering=0) as filler:
            while True:
                filler.write(b"x" * 512)
    except OSError:
        pass  # the disk is full
    kept = files(full)
    status, _, err = cli("--sessions-dir", str(full), "share", "--to", str(tmp_path / "elsewhere.git"), capsys=capsys)
    assert status == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert files(full) == kept


def test_two_shares_of_one_folder_at_once_take_turns_and_both_finish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The app shares in the background while a person runs 'share' in a terminal: neither breaks the other."""
    url = archive(tmp_path)
    a = tmp_path / "a"
    run_session(a, "Part 1", FakeClock(TEN_AM))
    cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    for day in range(1, 4):
        run_session(a, f"Day {day}", FakeClock(TEN_AM + timedelta(days=day)))
    command = [sys.executable, "-m", "workshop_tui", "--sessions-dir", str(a), "share"]
    both = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        for _ in range(2)
    ]
    said = [process.communicate(timeout=120) for process in both]
    assert [process.returncode for process in both] == [0, 0], said
    out = sorted(text.decode() for text, _ in said)
    assert out == [
        "3 files went out: 'Day 1', 'Day 2' and 'Day 3'.\n",
        "Nothing new: this folder and the team's archive hold the same.\n",
    ]
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "-b", "main", url, str(clone)], check=True, capture_output=True)
    assert {load_session(p).title for p in clone.glob("*.toml")} == {"Part 1", "Day 1", "Day 2", "Day 3"}


def test_a_session_open_in_a_window_goes_out_as_its_last_whole_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A window writing a session while the folder shares: the archive gets the file up to its last
    '# saved' line, never half a save; once the window closes, the whole file goes at the next share."""
    url = archive(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    clock = FakeClock(TEN_AM)
    with OpenSession.create(a, small_plan(), "Part 1", clock, "Fatima", "Norah") as owner:
        owner.apply(Command("add_note", {"typed": "Saved whole"}))
        owner.flush()
        with open(owner.path, "ab") as half:  # a save the window is part way through writing
            half.write(b'\n[[events]]\nkind = "note_added"\ntext = "Half wri')
        status, out, _ = cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
        assert status == 0 and "1 file went out: 'Part 1'." in out
        shared = subprocess.run(["git", "-C", url, "show", f"main:{owner.path.name}"], capture_output=True).stdout
        assert b"Saved whole" in shared and b"Half wri" not in shared
        assert owner.path.read_bytes().endswith(b"Half wri")  # the window's own file was not touched
        owner.path.write_bytes(cut_to_last_save(owner.path.read_bytes()))  # (the window finishes that save)
        path = owner.path
    with OpenSession.resume(path, clock) as owner:
        owner.apply(Command("add_note", {"typed": "Said after"}))
    cli("--sessions-dir", str(a), "share", capsys=capsys)
    cli("--sessions-dir", str(b), "share", "--from", url, capsys=capsys)
    assert [note.text for note in load_session(b / path.name).notes] == ["Saved whole", "Said after"]


def test_an_archive_named_from_where_the_person_stands_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'share --to ../archive.git' means that folder as seen from where the command runs, not from
    inside the sessions folder (git would read it from there)."""
    archive(tmp_path)
    elsewhere = tmp_path / "work" / "here"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    a = tmp_path / "laptop" / "sessions"
    run_session(a, "Part 1", FakeClock(TEN_AM))
    status, out, _ = cli("--sessions-dir", str(a), "share", "--to", "../../archive.git", capsys=capsys)
    assert status == 0 and "1 file went out: 'Part 1'." in out, out
    status, out, _ = cli("--sessions-dir", "b", "share", "--from", "../../archive.git", capsys=capsys)
    assert status == 0 and "came in from the team" in out, out
    assert [p.name for p in (elsewhere / "b").glob("*.toml")] == [p.name for p in a.glob("*.toml")]


def test_a_mistyped_archive_is_said_and_nothing_is_connected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = tmp_path / "a"
    run_session(a, "Part 1", FakeClock(TEN_AM))
    status, out, err = cli("--sessions-dir", str(a), "share", "--to", str(tmp_path / "nope.git"), capsys=capsys)
    assert status == 2 and out == ""
    assert f"There is no team archive at {tmp_path / 'nope.git'}. Check the name" in err
    assert "git init --bare -b main" in err
    status, _, err = cli("--sessions-dir", str(a), "share", "--status", capsys=capsys)
    assert status == 2 and "is not connected to a team archive yet" in err
    status, _, err = cli("--sessions-dir", str(tmp_path / "not-made"), "share", "--status", capsys=capsys)
    assert status == 2 and f"There is no sessions folder at {tmp_path / 'not-made'}." in err


def test_an_archive_made_with_gits_defaults_reads_in_plain_git_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`git init --bare` names 'master' as the archive's branch; the team's work is on main, so the
    archive is told so, and a plain `git clone` or `git log` of it finds the sessions."""
    url = tmp_path / "archive.git"
    subprocess.run(["git", "-c", "init.defaultBranch=master", "init", "-q", "--bare", str(url)], check=True)
    a = tmp_path / "a"
    path = run_session(a, "Part 1", FakeClock(TEN_AM))
    cli("--sessions-dir", str(a), "share", "--to", str(url), capsys=capsys)
    subprocess.run(["git", "clone", "-q", str(url), str(tmp_path / "plain")], check=True, capture_output=True)
    assert (tmp_path / "plain" / path.name).read_bytes() == path.read_bytes()


def test_what_goes_out_is_signed_by_this_laptops_person_and_status_says_how_to_choose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a name in git's settings, a share is signed by the facilitator of the newest session run
    on this laptop: never by someone whose session came from the team."""
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    url = archive(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    run_session(a, "Part 1", FakeClock(TEN_AM), facilitator="Fatima Khan")
    cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    cli("--sessions-dir", str(b), "share", "--from", url, capsys=capsys)
    run_session(b, "Panel", FakeClock(TEN_AM + timedelta(days=1)), facilitator="Sam Lee")
    cli("--sessions-dir", str(b), "share", capsys=capsys)
    comment(a / "2026-07-08-1000-part-1.toml", "Good energy", FakeClock(TEN_AM + timedelta(days=2)))
    cli("--sessions-dir", str(a), "share", capsys=capsys)  # Sam's newer session is here now: still Fatima
    authors = subprocess.run(
        ["git", "-C", url, "log", "--format=%an|%s", "main"], capture_output=True, text=True
    ).stdout
    # Who and what, as the archive's history tells it: a comment is said as one, not as "finished" again.
    assert authors.splitlines() == [
        "Fatima Khan|Took in the team's work",
        "Fatima Khan|Part 1: a comment added",
        "Sam Lee|Panel: finished",
        "Fatima Khan|Part 1: finished",
    ]
    status, out, _ = cli("--sessions-dir", str(b), "share", capsys=capsys)
    assert status == 0 and out == "The team added to 'Part 1': a comment, or more of the session.\n"
    _, out, _ = cli("--sessions-dir", str(a), "share", "--status", capsys=capsys)
    assert "shared by Fatima Khan. To choose the name: git config --global user.name" in out
    assert "It last shared on " in out


def test_stop_sharing_keeps_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = archive(tmp_path)
    a = tmp_path / "a"
    path = run_session(a, "Part 1", FakeClock(TEN_AM))
    cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    status, out, _ = cli("--sessions-dir", str(a), "share", "--stop", capsys=capsys)
    assert status == 0 and f"This folder no longer shares with {url}." in out
    assert load_session(path).title == "Part 1"
    status, _, err = cli("--sessions-dir", str(a), "share", capsys=capsys)
    assert status == 2 and "is not connected to a team archive yet" in err
    status, out, _ = cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    assert status == 0 and "Nothing new" in out


def test_resume_carries_on_this_laptops_session_not_one_from_the_team(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A paused session that came from another laptop is only carried on here when named: carried on by
    mistake on two laptops, the archive would end up holding two copies of it."""
    url = archive(tmp_path)
    a, c = tmp_path / "a", tmp_path / "c"
    cli("--sessions-dir", str(c), "share", "--to", url, capsys=capsys)
    theirs = run_session(c, "Panel C", FakeClock(TEN_AM + timedelta(days=2)), facilitator="Sam Lee", finish=False)
    cli("--sessions-dir", str(c), "share", capsys=capsys)
    cli("--sessions-dir", str(a), "share", "--from", url, capsys=capsys)
    status, _, err = cli("--sessions-dir", str(a), "resume", capsys=capsys)
    assert status == 2 and "came from the team's archive, run on other laptops: 'Panel C' (run by Sam Lee" in err
    assert "To carry one on here, name it: workshop-tui resume NAME" in err
    ours = run_session(a, "Panel A", FakeClock(TEN_AM), facilitator="Fatima", finish=False)  # older than Panel C
    from workshop_tui.cli.sessions import _own_unfinished
    from workshop_tui.store.sessions_folder import SessionsFolder

    assert _own_unfinished(a, SessionsFolder(a).unfinished()) == ours
    assert theirs.name in {path.name for path, _ in SessionsFolder(a).unfinished()}


def test_the_quick_way_in_says_the_same_and_exits_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`workshop-tui [--sessions-dir DIR] share` alone (as the app starts it) is read without argparse and
    ends at once: it says the same words and exits with the same status as the whole command line."""
    url = archive(tmp_path)
    a = tmp_path / "a"
    run_session(a, "Part 1", FakeClock(TEN_AM))
    cli("--sessions-dir", str(a), "share", "--to", url, capsys=capsys)
    run_session(a, "Part 2", FakeClock(TEN_AM + timedelta(days=7)))

    def quick(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "workshop_tui", *args],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )

    Path(url).rename(url + ".away")
    done = quick(f"--sessions-dir={a}", "share")
    assert done.returncode == 1 and done.stdout.startswith("Could not reach the team's archive") and done.stderr == ""
    Path(url + ".away").rename(url)
    done = quick("--sessions-dir", str(a), "share")
    assert (done.returncode, done.stdout, done.stderr) == (0, "1 file went out: 'Part 2'.\n", "")
    done = quick("--sessions-dir", str(tmp_path / "not-connected"), "share")
    assert done.returncode == 2 and "is not connected to a team archive yet" in done.stderr
