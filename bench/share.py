"""Sharing with a team's archive (issue [15]), side by side with git by hand, as a user waits for it.

Three measures, each a whole command in a fresh process, timed from start to exit:

1. The first share of 1,000 sessions: `workshop-tui share --to URL` on a folder of 1,000 sessions
   against git by hand (`git init && git add -A && git commit && git remote add && git push`).
   Aim: within 1.3x. Each run has its own fresh copy of the folder and its own empty bare archive.
2. Sharing one new session into an archive of 10,000: `workshop-tui share` against git's own
   `git add FILE && git commit && git push` of that file. Aim: within 1.5x. (`share` also fetches
   and looks at what the team sent; by hand does not: that is what `share` is for.)
3. `stats PLAN` over an archive of 10,000 sessions from 20 facilitators, cold and warm, and with
   `--facilitator NAME`. Aim: under 2 s cold. Also the first `stats` on a laptop, before its timings
   index exists (every file read): the worst case a person meets, once.

The 1,000 sessions are bench/stats.py's: made by driving the real session owner, varied like a real
trainer's year (most short, a few of thousands of notes, timers started late, agenda changes, a few
unfinished, a few damaged). The 10,000 are those, each saved again ten times under another id, start
and title by one of 20 facilitators, with the app's own writer (so every head is as the app writes it).
Cold: the OS page cache is dropped before each run (as root); the output says when it could not be.
The two programs of a pair take turns, so a slow spell on the machine falls on both.

Run: python bench/share.py [--runs 5] [--sessions 1000] [--archive 10000] [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import _cached
from stats import PLAN, drop_page_cache, plan_folder, run_once
from terminal import PYTHON, WORKSHOP_TUI, program_env

import workshop_tui

FACILITATORS = [
    "Fatima Khan",
    "Bob Hale",
    "Cat Jones",
    "Dev Patel",
    "Eve Shaw",
    "Femi Ade",
    "Gail Ross",
    "Hari Das",
    "Ines Roy",
    "Jack Lowe",
    "Kay Moss",
    "Liam Ford",
    "Mina Cho",
    "Ned Park",
    "Orla Kerr",
    "Pia Lund",
    "Raj Mehta",
    "Sue Wren",
    "Tariq Ali",
    "Una Byrne",
]
GIT = shutil.which("git") or "git"
QUIET = {
    **os.environ,
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "",
}


def archive_of(count: int, base: Path) -> Path:
    """`count` sessions from the base ones, each saved again under a new id, start, title and facilitator."""
    from workshop_tui.store.session_file import load_session, session_file_bytes
    from workshop_tui.store.sessions_folder import session_file_name

    def make(partial: Path) -> None:
        folder = partial / "sessions"
        folder.mkdir()
        bases = sorted(base.glob("*.toml"))
        made = 0
        for number, path in enumerate(bases):
            try:
                session = load_session(path)
            except Exception:  # a damaged one: copied as it is, as a real archive holds a few
                shutil.copy(path, folder / path.name)
                made += 1
                continue
            copies = max(1, count // len(bases) + (number < count % len(bases)))
            for copy in range(copies):
                rng = random.Random(f"{number}|{copy}")
                moved = timedelta(days=7 * copy + rng.randint(0, 6))
                again = session.model_copy(
                    update={
                        "id": f"{session.id}-{copy}",
                        "facilitator": FACILITATORS[(number + copy) % len(FACILITATORS)],
                        "title": f"{session.title} ({copy + 1})",
                        "started_at": session.started_at + moved,
                    }
                )
                again.events = [e.model_copy(update={"at": e.at + moved}) for e in session.events]
                name = session_file_name(again.title, again.started_at, 1 + copy)
                (folder / name).write_bytes(session_file_bytes(again))
                made += 1
            if number % 100 == 99:
                print(f"  {made} of {count} made", file=sys.stderr)

    return _cached(f"share-archive-{count}", make) / "sessions"


def timed(command: list[str] | str, cold: bool) -> float:
    """Wall seconds of one whole command (a shell line for git by hand); cold: the page cache dropped first."""
    if cold:
        drop_page_cache()
    return run_once(["sh", "-c", command] if isinstance(command, str) else command)[0]


def by_hand_first(folder: Path, url: Path) -> str:
    return (
        f"cd '{folder}' && {GIT} init -q && {GIT} add -A && {GIT} commit -qm 'Sessions' && "
        f"{GIT} remote add team '{url}' && {GIT} push -q team HEAD:refs/heads/main"
    )


def first_share(base: Path, runs: int, scratch: Path) -> tuple[list[float], list[float]]:
    ours, hand = [], []
    for run in range(runs):
        for turn in (0, 1) if run % 2 == 0 else (1, 0):
            folder, url = scratch / f"first-{run}-{turn}", scratch / f"first-{run}-{turn}.git"
            shutil.copytree(base, folder)
            subprocess.run([GIT, "init", "-q", "--bare", str(url)], check=True, env=QUIET)
            if turn == 0:
                ours.append(
                    timed([WORKSHOP_TUI, "--sessions-dir", str(folder), "share", "--to", str(url)], cold=run == 0)
                )
            else:
                hand.append(timed(by_hand_first(folder, url), cold=run == 0))
            shutil.rmtree(folder)
            shutil.rmtree(url)
    return ours, hand


def one_new_session(archive: Path, runs: int, scratch: Path) -> tuple[list[float], list[float]]:
    """Both folders shared once, untimed; then, each run, one new session into each, shared and timed."""
    mine, theirs = scratch / "ten-k-ours", scratch / "ten-k-hand"
    urls = {mine: scratch / "ten-k-ours.git", theirs: scratch / "ten-k-hand.git"}
    for folder, url in urls.items():
        shutil.copytree(archive, folder)
        subprocess.run([GIT, "init", "-q", "--bare", str(url)], check=True, env=QUIET)
    subprocess.run(
        [WORKSHOP_TUI, "--sessions-dir", str(mine), "share", "--to", str(urls[mine])],
        check=True,
        env=QUIET,
        capture_output=True,
    )
    subprocess.run(["sh", "-c", by_hand_first(theirs, urls[theirs])], check=True, env=QUIET)
    new = sorted(archive.glob("*.toml"))[:runs]
    ours, hand = [], []
    for run, path in enumerate(new):
        name = f"2027-01-{run + 1:02d}-1000-new-session.toml"
        for turn in (0, 1) if run % 2 == 0 else (1, 0):
            if turn == 0:
                shutil.copy(path, mine / name)
                ours.append(timed([WORKSHOP_TUI, "--sessions-dir", str(mine), "share"], cold=run == 0))
            else:
                shutil.copy(path, theirs / name)
                hand.append(
                    timed(
                        f"cd '{theirs}' && {GIT} add '{name}' && {GIT} commit -qm 'A new session' && "
                        f"{GIT} push -q team HEAD:refs/heads/main",
                        cold=run == 0,
                    )
                )
    return ours, hand


def stats_times(archive: Path, runs: int) -> dict[str, tuple[list[float], list[float], list[float]]]:
    """Each: the first stats on a laptop (no timings index yet: every file read), cold; then cold with
    the index the first one wrote; then warm."""
    index = archive / ".workshop-tui-timings.json"
    found = {}
    for label, extra in (("stats PLAN", []), ("stats PLAN --facilitator 'Cat Jones'", ["--facilitator", "Cat Jones"])):
        command = [WORKSHOP_TUI, "--sessions-dir", str(archive), "stats", PLAN, *extra]
        first = []
        for _ in range(max(1, runs // 2)):
            index.unlink(missing_ok=True)
            first.append(timed(command, cold=True))
        cold = [timed(command, cold=True) for _ in range(runs)]
        warm = [timed(command, cold=False) for _ in range(runs)]
        found[label] = (first, cold, warm)
    return found


def said(samples: list[float]) -> str:
    return f"median {statistics.median(samples):.2f} s, worst {max(samples):.2f} s ({len(samples)} runs)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--archive", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="100 sessions, an archive of 1,000, 2 runs")
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.archive, args.runs = 100, 1000, 2
    base = plan_folder(args.sessions, seed=1)
    archive = archive_of(args.archive, base)
    # The app's .pyc files made once, as installing it makes them: no timed run compiles the app.
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(Path(workshop_tui.__file__).parent)], check=True, env=program_env()
    )
    cold_ok = drop_page_cache()
    print(
        f"{args.sessions} sessions ({sum(p.stat().st_size for p in base.glob('*.toml')) / 2**20:.0f} MiB); "
        f"an archive of {len(list(archive.glob('*.toml')))} "
        f"({sum(p.stat().st_size for p in archive.glob('*.toml')) / 2**20:.0f} MiB); "
        f"{'the first run of each is cold (page cache dropped)' if cold_ok else 'cold runs NOT possible here (not root)'}."
    )
    with tempfile.TemporaryDirectory(prefix="share-bench-") as where:
        scratch = Path(where)
        ours, hand = first_share(base, args.runs, scratch)
        ratio = statistics.median(ours) / statistics.median(hand)
        print(
            f"\n1. First share of {args.sessions} sessions:\n   workshop-tui share --to: {said(ours)}\n"
            f"   git by hand:             {said(hand)}\n   ratio of medians {ratio:.2f}x (aim: within 1.3x)"
        )
        ours, hand = one_new_session(archive, args.runs, scratch)
        ratio = statistics.median(ours) / statistics.median(hand)
        print(
            f"\n2. One new session into an archive of {args.archive}:\n   workshop-tui share: {said(ours)}\n"
            f"   git add, commit, push: {said(hand)}\n   ratio of medians {ratio:.2f}x (aim: within 1.5x)"
        )
    for label, (first, cold, warm) in stats_times(archive, args.runs).items():
        print(
            f"\n3. {label} over {args.archive} sessions:\n   first on this laptop (no index yet), cold: {said(first)}\n"
            f"   cold: {said(cold)} (aim: under 2 s)\n   warm: {said(warm)}"
        )


if __name__ == "__main__":
    main()
