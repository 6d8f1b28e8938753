"""The sessions browser at scale: launch to the table painted, with 1,000 and 10,000 session files.

The folders are made by bench/generate.py (cached under /tmp/workshop-bench-cache): varied like a
real folder, three plans, many titles and places, 0-14 people, most sessions short and a few long
(up to 3,000 notes), about 3% running or paused, about 0.5% damaged (torn, garbage, empty, bad TOML,
a bad field, a newer format). Each size is copied to a fresh folder, and the app is started the way
a user does, `.venv/bin/workshop-tui review --sessions-dir DIR`, in a 160x48 pseudo-terminal.
"Table painted" is the read from the pty after which the screen model (bench/terminal.py) shows the
status line with the number of sessions and at least 5 table rows with a date in them.

- cold: no index yet. Everything the app wrote into the folder on an earlier run (its index,
  `.workshop-tui-index.json` today) is removed before each cold run. The OS page cache cannot be
  dropped here (that needs the host's root and would slow everyone else's work on this shared
  machine), so the files are read from memory: "cold" here means no index, not a cold disk.
- warm: the next launches, with the index the cold run left.
- search (warm): `/`, a word, and the time from the last key until the status line changes.
Also printed: reading every file's bytes (the floor for a cold start that must look at every file),
and the size of the index.

Run: python bench/browser_scale.py [--sizes 1000,10000] [--cold-runs 3] [--warm-runs 5] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from terminal import Screen, Terminal, add_common_options, spread, table, use_code, workshop_tui

WIDTH, HEIGHT = 160, 48
DATE = re.compile(r"\b20\d\d\b")


def table_painted(count: int) -> Callable[[Screen], bool]:
    counts = (str(count), f"{count:,}")

    def check(screen: Screen) -> bool:
        lines = screen.lines()
        has_count = any(any(c in line for c in counts) and "session" in line for line in lines)
        return has_count and sum(1 for line in lines if DATE.search(line)) >= 5

    return check


def read_all_bytes(folder: Path) -> float:
    started = time.perf_counter()
    for path in folder.iterdir():
        if path.is_file():
            path.read_bytes()
    return time.perf_counter() - started


def one_launch(folder: Path, count: int, timeout: float, search: str | None = None) -> dict[str, Any]:
    with Terminal(workshop_tui("review", sessions_dir=folder), WIDTH, HEIGHT) as term:
        painted = term.wait_for(table_painted(count), timeout, f"the table of {count} sessions")
        result = {"table": painted - term.started_at, "first output": term.first_read_at - term.started_at}
        if search:
            term.wait_quiet(0.3)
            assert term.screen is not None
            status = next(line for line in term.screen.lines() if str(count) in line or f"{count:,}" in line)
            reads = term.reads
            term.press("/")
            term.wait_for(lambda _: term.reads > reads, 10, "the search box to take the keys")  # focus repaints it
            term.wait_quiet(0.2)
            typed = term.type(search)
            changed = term.wait_for(
                lambda s: status not in s.lines() and any(search in line for line in s.lines()), 60, "the search"
            )
            term.wait_quiet(0.3)
            result["search"] = changed - typed
        term.quit()
    return result


def clear_app_files(folder: Path, original: set[str]) -> list[str]:
    """Remove what the app added to the folder (its index), so the next launch is cold."""
    removed = []
    for path in folder.iterdir():
        if path.name not in original:
            removed.append(path.name)
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return removed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="files in each folder (default 1000,10000; quick 200,1000)")
    parser.add_argument("--cold-runs", type=int, default=None, help="default 3, quick 1")
    parser.add_argument("--warm-runs", type=int, default=None, help="default 5, quick 2")
    parser.add_argument("--search", default="buses", help="the word to search for (warm runs)")
    add_common_options(parser)
    options = parser.parse_args()
    code = use_code(options.code)
    from generate import cached_folder, kinds_of

    sizes = [int(s) for s in (options.sizes or ("200,1000" if options.quick else "1000,10000")).split(",")]
    cold_runs = options.cold_runs or (1 if options.quick else 3)
    warm_runs = options.warm_runs or (2 if options.quick else 5)
    rows, notes = [], []
    for count in sizes:
        source = cached_folder(count)
        work = Path(tempfile.mkdtemp(prefix=f"bench-browser-{count}-"))
        try:
            folder = work / "sessions"
            shutil.copytree(source, folder)
            # The generator writes only session files; anything hidden is the app's (an index left in
            # the cache by hand, say), so it is not counted as part of the folder.
            original = {path.name for path in folder.iterdir() if not path.name.startswith(".")}
            size = sum(path.stat().st_size for path in folder.iterdir())
            read_bytes = min(read_all_bytes(folder) for _ in range(3))
            timeout = 600.0
            cold, warm = [], []
            for _ in range(cold_runs):
                clear_app_files(folder, original)
                cold.append(one_launch(folder, count, timeout))
                for _ in range(warm_runs):
                    warm.append(one_launch(folder, count, timeout, options.search))
                print(f"{count} files: a cold launch and {warm_runs} warm ones done", file=sys.stderr)
            added = [path for path in folder.iterdir() if path.name not in original]
            index_size = sum(path.stat().st_size for path in added if path.is_file())
            notes.append(
                f"{count} files, {size / 1e6:.1f} MB ({kinds_of(source)}); the app added "
                f"{', '.join(p.name for p in added) or 'nothing'} ({index_size / 1e6:.1f} MB)"
            )
            for label, samples, key in (
                ("cold (no index)", cold, "table"),
                ("warm (index)", warm, "table"),
                ("search, warm", warm, "search"),
            ):
                low, mid, high = spread([s[key] for s in samples])
                rows.append(
                    [
                        f"{count:,}",
                        label,
                        str(len(samples)),
                        f"{low * 1000:.0f}",
                        f"{mid * 1000:.0f}",
                        f"{high * 1000:.0f}",
                        f"{read_bytes * 1000:.0f}",
                    ]
                )
        finally:
            shutil.rmtree(work, ignore_errors=True)

    print(f"Sessions browser, {WIDTH}x{HEIGHT} pseudo-terminal, launch to table painted (ms); code: {code}")
    print(table(["files", "launch", "runs", "min", "median", "max", "reading every file's bytes"], rows))
    for line in notes:
        print(line)
    print("aims: 1,000 files cold < 500 ms; 10,000 files cold < 2 s and warm < 600 ms")


if __name__ == "__main__":
    main()
