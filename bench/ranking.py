"""A commissioning panel's ranking and funding line, recomputed for many applications (issue [8]).

The panel's ranking is recomputed after every agreed score, so its cost is felt on each key press
once the score grid is built. This times `core.ranking.rank` alone, in this process, for rounds of
19 (a real round), 1,000 (the issue's aim: under 16 ms) and 10,000 applications. The rounds vary
like real ones: amounts from £1,000 to £150,000 with most under £30,000, five criteria with
different weights and pass marks, scores clustered around the middle of the scale, about 5% of
applications not yet scored on every criterion, and many ties. Each size is timed cold (the first
call, fresh objects) and then warm; min / median / max over the runs, and the worst.

Two paths are timed. `rank` alone, on agreed whole-number scores. And what the panel screen pays
after each key: `core.panel_views.ranking(panel)`, from every member's scores (8 members, so the
averages are fractions) with about half the applications agreed, which also gathers the scores.
It measures the computation; bench/panel_grid.py measures the painted screen.

Run: python bench/ranking.py [--runs 50] [--quick] [--code REF]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from datetime import UTC

from terminal import add_common_options, spread, table, use_code

if TYPE_CHECKING:
    from workshop_tui.model.panel import Panel
    from workshop_tui.model.round import Round

LEVELS = ["Poor", "Weak", "Fair", "Good", "Excellent"]


def make_round(count: int, seed: int) -> tuple[Round, dict[str, dict[str, int]]]:
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
        app = Application(
            id=f"app{number}", organisation=f"Group {number}", project=f"Project {number}", amount_pence=amount
        )
        applications.append(app)
        scores[app.id] = {c.id: min(5, max(1, round(rng.gauss(3.2, 0.9)))) for c in criteria if rng.random() > 0.01}
    pot = sum(a.amount_pence for a in applications) * 55 // 100  # about half can be funded
    return Round(pot_pence=pot, criteria=criteria, applications=applications), scores


def time_rank(count: int, runs: int) -> dict[str, Any]:
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


def make_panel(count: int, seed: int, members: int = 8) -> Panel:
    """A round as the screen holds it: every member's scores, about half the applications agreed."""
    from datetime import datetime

    from workshop_tui.model.panel import AgreedScore, Panel, Score

    round_, agreed = make_round(count, seed)
    rng = random.Random(seed)
    now = datetime(2026, 9, 16, 10, 0, tzinfo=UTC)
    scores, settled = [], []
    for application in round_.applications:
        for criterion in round_.criteria:
            middle = agreed[application.id].get(criterion.id, 3)
            for member in range(members):
                level = min(5, max(1, middle + rng.choice((-1, 0, 0, 1))))
                scores.append(
                    Score.model_construct(
                        at=now,
                        member=f"p{member}",
                        application=application.id,
                        criterion=criterion.id,
                        level=level,
                        withdrawn_at=None,
                    )
                )
            if rng.random() < 0.5:
                settled.append(
                    AgreedScore.model_construct(
                        at=now, application=application.id, criterion=criterion.id, level=middle
                    )
                )
    panel = Panel.model_construct(
        round=round_, declarations=[], scores=scores, agreed=settled, awards=[], revealed_at=now
    )
    # What validating a Panel does: the totals the rules then keep (a pydantic validator, called as a method).
    return panel._count_the_scores()  # type: ignore[operator,no-any-return]


def time_screen_ranking(count: int, runs: int) -> dict[str, Any]:
    from workshop_tui.core.panel_views import ranking

    cold_panel = make_panel(count, seed=count)
    started = time.perf_counter()
    ranking(cold_panel)
    cold = (time.perf_counter() - started) * 1000
    panel = make_panel(count, seed=count + 1)
    warm = []
    for _ in range(runs):
        started = time.perf_counter()
        ranking(panel)
        warm.append((time.perf_counter() - started) * 1000)
    return {"count": count, "cold": cold, "warm": spread(warm), "scores": len(panel.scores)}


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
        rows.append(
            [
                count,
                f"{found['cold']:.2f}",
                f"{low:.2f}",
                f"{median:.2f}",
                f"{high:.2f}",
                found["funded"],
                found["tied"],
            ]
        )
    print(f"Ranking and funding line, core.ranking.rank in one process; code: {code}; {runs} warm runs each (ms)")
    print(table(["applications", "cold", "warm min", "warm median", "warm max", "funded", "tied"], rows))
    rows = []
    for count in [int(size) for size in args.sizes.split(",")]:
        found = time_screen_ranking(count, runs)
        low, median, high = found["warm"]
        rows.append([count, found["scores"], f"{found['cold']:.2f}", f"{low:.2f}", f"{median:.2f}", f"{high:.2f}"])
    print()
    print("What the panel screen pays per key: core.panel_views.ranking(panel), from 8 members' scores (ms)")
    print(table(["applications", "scores", "cold", "warm min", "warm median", "warm max"], rows))
    print("aim (issue [8]): under 16 ms for 1,000 applications")


if __name__ == "__main__":
    main()
