"""A panel's whole score grid typed in by keys: 19 applications x 8 members x 5 criteria (760
scores), each timed from its key press to the score painted in its cell and the counts redrawn
(issue [8]: median under 16 ms), in a real pseudo-terminal with real key presses.

A session is made by driving the engine: the commissioning-shortlisting plan, 8 panel members
(older people and volunteers) and 2 staff, the round opened with a £1,700,000 pot, 19 applications
with varied names and amounts, every member saying they have no interests, no scores yet; the timer
running on the "Individual scores" step, as on the day. It is saved with save_new_session in a fresh
sessions folder and opened the way a user does: `.venv/bin/workshop-tui resume FILE --sessions-dir
DIR --quiet`, at 80x24 and at 160x48. Then `c` opens the panel on its Scores tab and the sheets are
typed from paper, member by member: a digit (seeded, clustered around 3 and 4 like real sheets, each
member one either side of the application's "true" level now and then), and after a member's 95
scores, Page Down to the next sheet.

One key at a time: each digit is written to the pty, and the next is sent only once it is painted
(then --gap seconds more, 0.1 s by default, like a typist reading from a sheet). A score counts as
painted when the screen model (bench/terminal.py) shows the digit in its application's row, in its
criterion's column, AND the count line shows the member's new count and the new total for all
sheets ("N of 95 entered. All sheets: X of 760"). The ranking table (on its own tab, so not painted)
is refilled in the same handler before that frame, so its cost is inside the time. The first score
of each run (cold: the first handler, the first cell update) is shown apart from the rest.

After the last sheet, Tab and Tab again (each once the tab before is shown) show the Ranking tab (its rows must say "40 of 40"), and ctrl+q saves
and quits; the session file is then loaded (store.session_file.load_session) and must hold exactly
the scores typed, with the levels typed. A run that loses a score fails.

The floor, side by side: a bare Textual app (no workshop-tui code) in the same pty and size, with a
count line and a DataTable of 19 x 5 cells laid out like the sheet, where a digit updates the cell
under the cursor, the count line, and moves on; Page Down clears it for the next member. Timed the
same way, with the same keys.

The load average (/proc/loadavg) is printed before and after each measurement: this machine may be
busy with other work, which shows in the worst times first.

Run: python bench/panel_grid.py [--runs 1] [--sizes 80x24,160x48] [--gap 0.1] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from terminal import (
    CACHE,
    PYTHON,
    Screen,
    Terminal,
    add_common_options,
    cpu_seconds,
    table,
    use_code,
    workshop_tui,
)

PAGE_DOWN = b"\x1b[6~"
POT_PENCE = 1_700_000_00
MEMBERS = [
    ("Rita", "older person"),
    ("Ken", "older person"),
    ("Maureen", "older person"),
    ("Stan", "older person"),
    ("Joyce", "older person"),
    ("Winston", "older person"),
    ("Farida", "volunteer"),
    ("Derek", "volunteer"),
]
STAFF = [("Grace", "staff"), ("Alan", "staff")]
# Organisation, project, pounds asked: short names and long ones (cut with "…" on a narrow screen).
APPLICATIONS = [
    ("Hillside Lunch Club", "Hot lunches and company", 96_000),
    ("Canal Side Singers", "Songs and memories", 20_000),
    ("Good Neighbours Kirkside and Villages", "Befriending at home and by phone", 231_500),
    ("Forget-Me-Not Memory Café", "A weekly memory café", 146_000),
    ("Stanmoor Community Transport", "Door-to-door minibus", 250_000),
    ("Brackenridge Digital Buddies", "Tablets and help at home", 17_550),
    ("Oak Street Men's Shed", "The shed, five days a week", 64_000),
    ("Carers Together", "Breaks for older carers", 198_000),
    ("Ashby Vale African Caribbean Elders Association", "Saturday elders' club", 84_500),
    ("Sakhi Women's Group", "A weekly group for South Asian women", 104_000),
    ("Out and About Over 50s", "Social evenings and trips", 5_800),
    ("Riverside Walkers", "Walks after loss", 3_000),
    ("Holmwood Warm Spaces", "Warm rooms on two estates", 180_000),
    ("Kirkside Library Friends", "Home library visits", 41_000),
    ("Moving Together Millbrook", "Seated exercise", 68_000),
    ("Northgate Age Friendly Partnership", "Age friendly link workers", 240_000),
    ("Ferncliffe Allotment Friends", "Growing together", 29_500),
    ("Upper Dean Tea Dances", "Friday tea dances", 2_600),
    ("Brackenridge Home from Hospital Service", "Home from hospital", 149_500),
]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


# Making the session.


def make_session(folder: Path) -> tuple[Path, list[str], list[tuple[str, str]], list[str]]:
    """The round, saved in `folder`. Returns its path, the criteria's headings, the members
    (id, label) in roster order, and the applications' ids in order."""
    from workshop_tui.core.clock import FakeClock
    from workshop_tui.core.session_engine import SessionEngine, new_session
    from workshop_tui.model.participant import person_labels
    from workshop_tui.store.plan_library import find_plan
    from workshop_tui.store.session_file import save_new_session
    from workshop_tui.store.sessions_folder import session_file_name

    plan = find_plan("commissioning-shortlisting").plan
    assert plan is not None
    # Started 35 minutes ago, so the timer is running now on the "Individual scores" step.
    clock = FakeClock(datetime.now().astimezone() - timedelta(minutes=35))
    engine = SessionEngine(
        new_session(plan, "Shortlisting panel, healthy ageing fund", clock, "Grace Obi", "Alan Brook"), clock
    )
    for name, role in [*MEMBERS, *STAFF]:
        engine.add_person(name, role)
    engine.start_timer()
    clock.advance(minutes=3)
    engine.open_round(POT_PENCE)
    for organisation, project, amount in APPLICATIONS:
        engine.add_application(organisation, project, amount * 100)
    clock.advance(minutes=7)
    engine.next_step()
    scorers = [p for p in engine.session.participants if p.role != "staff"]
    for person in scorers:
        clock.advance(seconds=70)
        engine.declare_no_interests(person.id)
    engine.next_step()
    clock.advance(minutes=15)
    engine.next_step()
    clock.advance(minutes=1)
    panel = engine.session.panel
    assert panel is not None and not panel.scores
    labels = person_labels(engine.session.participants)
    path = folder / session_file_name(engine.session.title, engine.session.started_at)
    save_new_session(engine.session, path)
    headings = [c.heading[:12] for c in panel.round.criteria]
    return path, headings, [(p.id, labels[p.id]) for p in scorers], [a.id for a in panel.round.applications]


def sheet_levels(members: int, applications: int, criteria: int, seed: int = 8) -> list[list[list[int]]]:
    """levels[member][application][criterion]: each application has a "true" level per criterion,
    mostly 3 or 4; a member writes it, or one either side of it now and then."""
    rng = random.Random(seed)
    true = [[min(5, max(1, round(rng.gauss(3.4, 0.9)))) for _ in range(criteria)] for _ in range(applications)]
    return [
        [[min(5, max(1, level + rng.choice((-1, 0, 0, 0, 0, 1)))) for level in row] for row in true]
        for _ in range(members)
    ]


# Reading the screen.


def flat(screen: Screen) -> str:
    """The screen's words as one line: a sentence wrapped over two rows reads as one."""
    return " ".join(line.strip() for line in screen.lines())


def header_row(screen: Screen, headings: list[str]) -> tuple[int, list[int]] | None:
    """The sheet's heading row, and the column at which each criterion's cells start."""
    for number, line in enumerate(screen.lines()):
        if all(f" {h} " in line + " " for h in headings):
            xs: list[int] = []
            at = 0
            for h in headings:
                at = line.index(f" {h}", at) + 1
                xs.append(at)
                at += len(h)
            return number, xs
    return None


def cell(screen: Screen, top: int, number: int, x: int) -> str | None:
    """What is painted in the cell at column `x` of application `number`'s row (None if not on screen)."""
    label = f"{number:>2}"
    for line in screen.lines()[top + 1 :]:
        if line[1:3] == label and line[3] == " " and line[4] != " ":
            end = line.find(" ", x)
            painted: str = line[x : end if end != -1 else len(line)]
            return painted
    return None


class Sheet:
    """Where the sheet is drawn on this screen, found once per run."""

    def __init__(self, term: Terminal, headings: list[str]):
        term.wait_for(lambda s: header_row(s, headings) is not None, 30, "the sheet's headings")
        with term._changed:
            assert term.screen is not None
            found = header_row(term.screen, headings)
            assert found is not None
            self.top, self.xs = found

    def painted(self, number: int, criterion: int, level: int, mine: str, total: str) -> Callable[[Screen], bool]:
        x = self.xs[criterion]
        wanted = str(level)

        def check(screen: Screen) -> bool:
            if cell(screen, self.top, number, x) != wanted:
                return False
            words = flat(screen)
            return mine in words and total in words

        return check


# One grid, in either program.


def type_grid(
    term: Terminal,
    headings: list[str],
    members: list[str],
    applications: int,
    levels: list[list[list[int]]],
    sheets: int,
    gap: float,
    wanted_each: int,
) -> dict[str, Any]:
    """Type `sheets` members' sheets; returns the times."""
    grand = wanted_each * len(members)
    sheet = Sheet(term, headings)
    latencies: list[float] = []
    keys: list[tuple[float, float]] = []  # (written, painted) of each score, for matching with a log
    page_downs: list[float] = []
    first_on_sheet: list[float] = []
    total = 0
    cpu_before = cpu_seconds(term.pid)
    started = time.perf_counter()
    for m in range(sheets):
        if m:
            at = term.write(PAGE_DOWN)
            label = members[m]

            def on_the_sheet(s: Screen, label: str = label, m: int = m) -> bool:
                return (
                    f"{label}'s sheet ({m + 1} of {len(members)} members" in flat(s)
                    and cell(s, sheet.top, 1, sheet.xs[0]) == "·"
                )

            done = term.wait_for(on_the_sheet, 20, f"{label}'s sheet")
            page_downs.append(done - at)
            time.sleep(gap)
        mine = 0
        for a in range(applications):
            for c in range(len(headings)):
                level = levels[m][a][c]
                mine += 1
                total += 1
                check = sheet.painted(
                    a + 1, c, level, f": {mine} of {wanted_each} entered.", f"All sheets: {total} of {grand}."
                )
                at = term.type(str(level))
                painted = term.wait_for(
                    check, 20, f"score {total} ({members[m]}, application {a + 1}, column {c + 1}) = {level}"
                )
                latencies.append(painted - at)
                keys.append((at, painted))
                if mine == 1:
                    first_on_sheet.append(painted - at)
                if gap:
                    time.sleep(gap)
    wall = time.perf_counter() - started
    cpu = cpu_seconds(term.pid) - cpu_before
    return {
        "latencies": latencies,
        "keys": keys,
        "page downs": page_downs,
        "first on sheet": first_on_sheet,
        "wall": wall,
        "cpu": cpu,
    }


def run_app(width: int, height: int, sheets: int, gap: float) -> dict[str, Any]:
    from workshop_tui.store.session_file import load_session

    work = Path(tempfile.mkdtemp(prefix="bench-panel-grid-"))
    try:
        folder = work / "sessions"
        folder.mkdir()
        path, headings, members, app_ids = make_session(folder)
        labels = [label for _, label in members]
        levels = sheet_levels(len(members), len(app_ids), len(headings))
        wanted_each = len(app_ids) * len(headings)
        load_before = load_average()
        with Terminal(workshop_tui("resume", str(path), "--quiet", sessions_dir=folder), width, height) as term:
            term.wait_for(lambda s: bool(s.find("Agenda")), 60, "the live screen")
            term.wait_quiet(0.5)
            term.press("c")
            term.wait_for(
                lambda s: f"{labels[0]}'s sheet (1 of {len(labels)} members" in flat(s), 30, "the panel's Scores tab"
            )
            term.wait_quiet(0.5)
            found = type_grid(term, headings, labels, len(app_ids), levels, sheets, gap, wanted_each)
            # The ranking tab: every application's count of scores in.
            term.press("tab")
            term.wait_for(lambda s: "nobody is swayed" in flat(s), 20, "the moderation tab")
            term.press("tab")
            expect = f"{sheets * len(headings)} of {len(members) * len(headings)}"
            term.wait_for(lambda s: bool(s.find("Scores entered")) and bool(s.find(expect)), 20, "the ranking tab")
            term.wait_quiet(0.3)
            assert term.screen is not None
            shown = [line for line in term.screen.lines() if " of " in line and "£" in line]
            found["ranking rows checked"] = len(shown)
            found["ranking ok"] = bool(shown) and all(expect in line for line in shown)
            code = term.quit(20)
            found["quit code"] = code
        found["load"] = (load_before, load_average())
        # What the file holds.
        session = load_session(path)
        panel = session.panel
        assert panel is not None
        scores = [s for s in panel.scores if s.withdrawn_at is None]
        typed = {
            (members[m][0], app_ids[a], panel.round.criteria[c].id): levels[m][a][c]
            for m in range(sheets)
            for a in range(len(app_ids))
            for c in range(len(headings))
        }
        held = {(s.member, s.application, s.criterion): s.level for s in scores}
        found["typed"] = len(typed)
        found["in file"] = len(scores)
        found["file ok"] = held == typed and len(scores) == len(typed)
        found["file problems"] = [] if found["file ok"] else _differences(typed, held)
        return found
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _differences(
    typed: Mapping[tuple[str, str, str], int | None], held: Mapping[tuple[str, str, str], int | None]
) -> list[str]:
    out = [f"missing {k} = {v}" for k, v in typed.items() if k not in held]
    out += [f"wrong {k}: typed {v}, file {held[k]}" for k, v in typed.items() if k in held and held[k] != v]
    out += [f"extra {k} = {v}" for k, v in held.items() if k not in typed]
    return out[:10] + ([f"... and {len(out) - 10} more"] if len(out) > 10 else [])


FLOOR = '''\
"""The floor for bench/panel_grid.py: a bare Textual score sheet (no workshop-tui code)."""
import json
import sys

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

HEADINGS, NAMES, MEMBERS = json.loads(sys.argv[1])


class Sheet(DataTable):
    BINDINGS = [Binding("pagedown", "app.next_member", "Next member")]


class Floor(App):
    CSS = "Static { padding: 0 1; } DataTable { height: 1fr; }"

    def compose(self):
        yield Static("", id="line", markup=False)
        yield Sheet(cursor_type="cell")
        yield Footer()

    def on_mount(self):
        self.member = 0
        self.entered = [0] * len(MEMBERS)
        self.fill()

    def fill(self):
        table = self.query_one(Sheet)
        table.clear(columns=True)
        table.add_columns(*HEADINGS)
        width = max(16, min(48, self.size.width - 60))
        for number, name in enumerate(NAMES, start=1):
            shown = name if len(name) <= width else name[: width - 1] + "\\u2026"
            table.add_row(*(["\\u00b7"] * len(HEADINGS)), key=str(number), label=Text(f"{number:>2} {shown}"))
        table.move_cursor(row=0, column=0, animate=False)
        self.count_line()

    def count_line(self):
        wanted = len(NAMES) * len(HEADINGS)
        self.query_one("#line", Static).update(
            f"{MEMBERS[self.member]}'s sheet ({self.member + 1} of {len(MEMBERS)} members; Page Down for the next): "
            f"{self.entered[self.member]} of {wanted} entered. All sheets: {sum(self.entered)} of {wanted * len(MEMBERS)}. "
            "Hidden from the room until the chair reveals them (r).")

    def on_key(self, event):
        if event.character is not None and event.character.isdigit():
            event.stop()
            table = self.query_one(Sheet)
            table.update_cell_at(table.cursor_coordinate, event.character)
            self.entered[self.member] += 1
            self.count_line()
            row, column = table.cursor_coordinate
            if column + 1 < len(table.columns):
                table.move_cursor(column=column + 1, animate=False)
            elif row + 1 < table.row_count:
                table.move_cursor(row=row + 1, column=0, animate=False)

    def action_next_member(self):
        self.member = (self.member + 1) % len(MEMBERS)
        self.fill()


Floor().run()
'''


def run_floor(width: int, height: int, sheets: int, gap: float) -> dict[str, Any]:
    import json

    script = Path(CACHE) / "panel_grid_floor.py"
    script.parent.mkdir(parents=True, exist_ok=True)
    if not script.exists() or script.read_text() != FLOOR:
        script.write_text(FLOOR)
    headings = ["Need", "Voice", "Reach", "Delivery", "Value"]
    labels = [name for name, _ in MEMBERS]
    names = [organisation for organisation, _, _ in APPLICATIONS]
    levels = sheet_levels(len(labels), len(names), len(headings))
    load_before = load_average()
    with Terminal([PYTHON, str(script), json.dumps([headings, names, labels])], width, height) as term:
        term.wait_for(lambda s: f"{labels[0]}'s sheet (1 of" in flat(s), 30, "the floor's sheet")
        term.wait_quiet(0.5)
        found = type_grid(term, headings, labels, len(names), levels, sheets, gap, len(names) * len(headings))
        term.quit()
    found["load"] = (load_before, load_average())
    return found


# Reporting.


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, len(ordered) * 9 // 10)]


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Cold: each run's first score. The rest: every other score of every run."""
    cold = [r["latencies"][0] for r in runs]
    rest = [t for r in runs for t in r["latencies"][1:]]
    pages = [t for r in runs for t in r["page downs"]]
    sheets_first = [t for r in runs for t in r["first on sheet"][1:]]
    scores = sum(len(r["latencies"]) for r in runs)
    per_sheet = len(APPLICATIONS) * 5
    first_sheet = [t for r in runs for t in r["latencies"][1:per_sheet]]
    last_sheet = [t for r in runs for t in r["latencies"][-per_sheet:]]
    return {
        "first sheet": statistics.median(first_sheet),
        "last sheet": statistics.median(last_sheet),
        "cold": cold,
        "rest": rest,
        "median": statistics.median(rest),
        "p90": p90(rest),
        "worst": max(rest),
        "over 16": sum(1 for t in rest if t > 0.016),
        "over 33": sum(1 for t in rest if t > 0.033),
        "pages": pages,
        "sheets first": sheets_first,
        "scores": scores,
        "wall": [r["wall"] for r in runs],
        "cpu per score": sum(r["cpu"] for r in runs) / scores,
        "load": [r["load"] for r in runs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="full grids per size, each in a fresh program (default 1)")
    parser.add_argument("--sizes", default="80x24,160x48", help="terminal sizes, WIDTHxHEIGHT (default 80x24,160x48)")
    parser.add_argument(
        "--gap",
        type=float,
        default=0.1,
        help="seconds between a score painted and the next key (default 0.1; 0 types as fast as it paints)",
    )
    parser.add_argument("--sheets", type=int, default=None, help="members' sheets to type (default all 8; quick 2)")
    parser.add_argument("--no-floor", action="store_true", help="leave out the bare Textual sheet")
    add_common_options(parser)
    options = parser.parse_args()
    code = use_code(options.code)
    sizes = [tuple(int(n) for n in size.lower().split("x")) for size in options.sizes.split(",")]
    sheets = options.sheets or (2 if options.quick else len(MEMBERS))
    sheets = max(1, min(sheets, len(MEMBERS)))
    load_start = load_average()
    results = []
    for width, height in sizes:
        app = []
        for run in range(options.runs):
            app.append(run_app(width, height, sheets, options.gap))
            print(f"{width}x{height} workshop-tui run {run + 1} done (load {load_average()})", file=sys.stderr)
        floor = []
        if not options.no_floor:
            for run in range(options.runs):
                floor.append(run_floor(width, height, sheets, options.gap))
                print(f"{width}x{height} floor run {run + 1} done (load {load_average()})", file=sys.stderr)
        results.append(((width, height), app, floor))

    scores = sheets * len(APPLICATIONS) * 5
    print(
        f"A panel's score grid typed by keys: {sheets} sheet{'s' if sheets != 1 else ''} of {len(APPLICATIONS)} "
        f"applications x 5 criteria ({scores} scores) per run, {options.runs} run{'s' if options.runs != 1 else ''} per size, "
        f"{options.gap:g} s between a paint and the next key; code: {code}"
    )
    print(
        f"{os.cpu_count()} CPUs; load average (1, 5, 15 min) at the start: {load_start}, at the end: {load_average()}"
    )
    rows = []
    for (width, height), app, floor in results:
        for name, runs in (("workshop-tui", app), ("bare Textual sheet", floor)):
            if not runs:
                continue
            s = summary(runs)
            rows.append(
                [
                    f"{width}x{height}",
                    name,
                    str(s["scores"]),
                    " ".join(ms(t) for t in s["cold"]),
                    ms(s["median"]),
                    ms(s["p90"]),
                    ms(s["worst"]),
                    f"{s['over 16']} / {s['over 33']}",
                    f"{ms(s['first sheet'])} / {ms(s['last sheet'])}",
                    ms(statistics.median(s["sheets first"])) if s["sheets first"] else "-",
                    ms(statistics.median(s["pages"])) if s["pages"] else "-",
                    " ".join(f"{w:.1f}" for w in s["wall"]),
                    ms(s["cpu per score"]),
                    "; ".join(f"{a} -> {b}" for a, b in s["load"]),
                ]
            )
    print(
        "\nKey press to score painted in its cell, with the counts (ms; cold is each run's first score, "
        "median / p90 / worst are of the rest)"
    )
    print(
        table(
            [
                "size",
                "program",
                "scores",
                "cold",
                "median",
                "p90",
                "worst",
                "> 16 / > 33 ms",
                "median 1st / last sheet",
                "first on a new sheet",
                "page down",
                "grid wall s",
                "CPU ms per score",
                "load before -> after",
            ],
            rows,
        )
    )
    for (width, height), app, floor in results:
        if floor:
            ratio = summary(app)["median"] / summary(floor)["median"]
            cpu = summary(app)["cpu per score"] / summary(floor)["cpu per score"]
            print(f"{width}x{height}: workshop-tui's median is {ratio:.2f}x the bare sheet's; CPU per score {cpu:.2f}x")
    print("aim (issue [8]): median < 16 ms per score, the ranking redrawn after each")

    print("\nWhat was saved (the session file after ctrl+q, loaded with load_session)")
    rows = []
    failed = False
    for (width, height), app, _ in results:
        for number, r in enumerate(app, start=1):
            ok = r["file ok"] and r["ranking ok"]
            failed |= not ok
            rows.append(
                [
                    f"{width}x{height}",
                    str(number),
                    str(r["typed"]),
                    str(r["in file"]),
                    "yes" if r["file ok"] else "NO",
                    f"{'yes' if r['ranking ok'] else 'NO'} ({r['ranking rows checked']} rows on screen)",
                    str(r["quit code"]),
                ]
            )
    print(
        table(
            [
                "size",
                "run",
                "scores typed",
                "scores in the file",
                "levels all right",
                "ranking says all in",
                "exit code",
            ],
            rows,
        )
    )
    for (width, height), app, _ in results:
        for r in app:
            for problem in r["file problems"]:
                print(f"  {width}x{height}: {problem}")
    if failed:
        print("FAILED: the file or the ranking does not hold what was typed")
        sys.exit(1)


if __name__ == "__main__":
    main()
