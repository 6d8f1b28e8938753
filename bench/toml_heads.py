"""Reading the heads of session files: the app's reader (store/toml_files.py toml_loads: rtoml, and
a depth check) against the other TOML libraries written in a compiled language (rtoml bare, toml-rs,
both Rust), tomllib, and, when the code measured still has it, the partial TOML reader this project
kept before (store/file_head.py quick_head; gone since [17]: run with PYTHONPATH at an older commit).

The head is what a listing and `stats` read of each file: the lines before `[session]` (the format,
the [summary], the [[timings]]). The heads are cut from a folder of generated sessions that vary like
a real folder (bench/generate.py: three plans, 0-14 people, short and long sessions, a few damaged),
exactly as store/session_file.py cuts them. Each reader parses every head in turn, and the whole pass
is timed; passes alternate between the readers. Every reader's result is checked against tomllib's
first, so a fast reader that reads wrongly is not counted.

The libraries are not dependencies of the app: install them for this benchmark with
`pip install rtoml toml-rs` (their absence is reported, not an error).

Run: python bench/toml_heads.py [--sessions 1000] [--passes 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import cached_folder

from workshop_tui.store.file_head import HEAD_BYTES, SESSION_TABLE
from workshop_tui.store.toml_files import toml_loads


def heads_of(folder: Path) -> list[bytes]:
    """Each file's head, cut as store/session_file.py cuts it (up to the [session] table)."""
    heads = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
        end = head.find(SESSION_TABLE)
        if end > 0:
            heads.append(head[:end])
    return heads


def readers() -> dict[str, Callable[[bytes], Any]]:
    found: dict[str, Callable[[bytes], Any]] = {"toml_loads (the app's)": lambda head: toml_loads(head.decode())}
    try:
        from workshop_tui.store.file_head import quick_head  # type: ignore[attr-defined]

        found["file_head (before [17])"] = lambda head: quick_head(head) or tomllib.loads(head.decode())
    except ImportError:
        pass
    found["tomllib (standard library)"] = lambda head: tomllib.loads(head.decode())
    try:
        import rtoml

        found[f"rtoml {rtoml.VERSION} (Rust)"] = lambda head: rtoml.loads(head.decode())
    except ImportError:
        print("rtoml is not installed: pip install rtoml", file=sys.stderr)
    try:
        import toml_rs

        version = getattr(toml_rs, "__version__", "")
        found[f"toml-rs {version} (Rust)"] = lambda head: toml_rs.loads(head.decode())
    except ImportError:
        print("toml-rs is not installed: pip install toml-rs", file=sys.stderr)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--passes", type=int, default=15)
    options = parser.parse_args()
    heads = heads_of(cached_folder(options.sessions))
    found = readers()
    expected = [tomllib.loads(head.decode()) for head in heads]
    for name, read in found.items():
        wrong = sum(1 for head, want in zip(heads, expected, strict=True) if read(head) != want)
        if wrong:
            print(f"{name}: {wrong} of {len(heads)} heads read differently from tomllib", file=sys.stderr)
    times: dict[str, list[float]] = {name: [] for name in found}
    names = list(found)
    for number in range(options.passes):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            read = found[name]
            start = time.perf_counter()
            for head in heads:
                read(head)
            times[name].append(time.perf_counter() - start)
    ours = statistics.median(times[names[0]])
    size = sum(map(len, heads)) / len(heads)
    print(f"{len(heads)} heads (mean {size:,.0f} bytes), {options.passes} passes each, alternating")
    print(f"{'reader':34} {'median ms':>10} {'worst ms':>9} {'per head us':>12} {'vs the app':>10}")
    for name in names:
        median = statistics.median(times[name])
        print(
            f"{name:34} {median * 1000:10.1f} {max(times[name]) * 1000:9.1f} "
            f"{median / len(heads) * 1e6:12.1f} {median / ours:9.2f}x"
        )


if __name__ == "__main__":
    main()
