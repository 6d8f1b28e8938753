"""A commissioning panel's ranking and funding line, recomputed for many applications (issue [8]).

The panel's ranking is recomputed after every agreed score, so its cost is felt on each key press
once the score grid is built. This times `core.ranking.rank` alone, in this process, for rounds of
19 (a real round), 1,000 (the issue's aim: under 16 ms) and 10,000 applications. The rounds vary
like real ones: amounts from £1,000 to £150,000 with most under £30,000, five criteria with
different weights and pass marks, scores clustered around the middle of the scale, about 5% of
applications not yet scored on every criterion, and many ties. Each size is timed cold (the first
call, fresh objects) and then warm; min / median / max over the runs, and the worst.

It measures the computation, not the screen: the grid that shows it does not exist yet.

Run: python bench/ranking.py [--runs 50] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from terminal import add_common_options, spread, table, use_code

LEVELS = ["Poor", "Weak", "Fair", "Good", "Excellent"]


def make_round(count: int, seed: int):
    from workshop_tui.model.round import Application, Criterion, Round

    rng = random.Random(seed)
    criteria = [
        Criterion(id="need", name="Meets a real need", weight=3, levels=LEVELS, pass_mark=2),
        Criterion(id="voice", name="Older people have a say", weight=2, levels=LEVELS, pass_mark=2),
        Criterion(id="reach", name="Reaches people who are left out", weight=2, levels=LEVELS),
        Criterion(id="money", name="Good use of money", weight=1, levels=LEVELS),
        Criterion(id="last", name="Will last", weight=1, levels=LEVELS),
    ]
    applications = []
    scores: dict[str, dict[str, int]] = {}
    for number in range(count):
        amount = int(min(150_000, max(1_000, rng.lognormvariate(9.6, 0.8)))) * 100
        app = Application(id=f"app{number}", organisation=f"Group {number}", project=f"Project {number}", amount_pence=amount)
        applications.append(app)
        scores[app.id] = {
            c.id: min(5, max(1, round(rng.gauss(3.2, 0.9)))) for c in criteria if rng.random() > 0.01
        }
    pot = sum(a.amount_pence for a in applications) * 55 // 100  # about half can be funded
    return Round(pot_pence=pot, criteria=criteria, applications=applications), scores


def time_rank(count: int, runs: int) -> dict:
    from workshop_tui.core.ranking import rank

    cold_round, cold_scores = make_round(count, seed=count)
    started = time.perf_counter()
    first = rank(cold_round, cold_scores)
    cold = (time.perf_counter() - started) * 1000
    warm = []
    round_, scores = make_round(count, seed=count + 1)
    for _ in range(runs):
        started = time.perf_counter()
        rank(round_, scores)
        warm.append((time.perf_counter() - started) * 1000)
    funded = sum(1 for r in first if r.fits)
    tied = sum(1 for r in first if r.tied)
    return {"count": count, "cold": cold, "warm": spread(warm), "funded": funded, "tied": tied}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50, help="warm runs per size (default 50, quick 10)")
    parser.add_argument("--sizes", default="19,1000,10000", help="how many applications (default 19,1000,10000)")
    add_common_options(parser)
    args = parser.parse_args()
    code = use_code(args.code)
    runs = 10 if args.quick else args.runs
    rows = []
    for count in [int(size) for size in args.sizes.split(",")]:
        found = time_rank(count, runs)
        low, median, high = found["warm"]
        rows.append([count, f"{found['cold']:.2f}", f"{low:.2f}", f"{median:.2f}", f"{high:.2f}", found["funded"], found["tied"]])
    print(f"Ranking and funding line, core.ranking.rank in one process; code: {code}; {runs} warm runs each (ms)")
    print(table(["applications", "cold", "warm min", "warm median", "warm max", "funded", "tied"], rows))
    print("aim (issue [8]): under 16 ms for 1,000 applications")


if __name__ == "__main__":
    main()
