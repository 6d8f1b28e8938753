"""Timings learned from past sessions: planned against actual, step by step, over generated folders.

The folders hold what real ones do: steps skipped, added and moved on the day, minutes added, late
starts, long breaks, unfinished sessions, other plans' sessions, files of an older shape, and
damaged files, which are reported and never counted.
"""

import random
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.core.clock import FakeClock
from workshop_tui.core.plan_stats import PlanStats, plan_stats
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.core.step_times import step_times
from workshop_tui.model import Plan, Step
from workshop_tui.store.plan_history import PlanHistory, plan_history
from workshop_tui.store.session_file import load_session, save_session
from workshop_tui.store.toml_files import load_plan
from tests.conftest import plan_named

UK = timezone(timedelta(hours=1))
PLAN = Plan(
    name="morning",
    title="A morning together",
    starts_at="10:00",
    ends_by="12:00",
    steps=[
        Step(title="Welcome and tea", planned_minutes=10),
        Step(title="Check-in round", planned_minutes=15),
        Step(title="Break", kind="break", planned_minutes=10),
        Step(title="Ideas", kind="discussion", planned_minutes=30),
        Step(title="Break", kind="break", planned_minutes=10),
        Step(title="Check-out", planned_minutes=10),
    ],
)


def run_session(
    folder: Path,
    number: int,
    minutes: Sequence[float],
    late: int = 0,
    *,
    skip: str = "",
    add: str = "",
    move: str = "",
    extend: int = 0,
    finish: bool = True,
    plan: Plan = PLAN,
) -> Path:
    """One session of `plan`, each step run for the minutes given (in the order the agenda ends up)."""
    opened = datetime(2026, 3, 1, 9, 50, tzinfo=UK) + timedelta(days=7 * number)
    clock = FakeClock(opened)
    engine = SessionEngine(new_session(plan, f"{plan.title} {number}", clock), clock)
    clock.set(opened.replace(hour=10, minute=0) + timedelta(minutes=late))
    if move:
        index = next(i for i, step in enumerate(engine.session.steps) if step.title == move)
        engine.move_step(index, -1)
    if skip:
        engine.skip_step(next(i for i, step in enumerate(engine.session.steps) if step.title == skip))
    engine.start_timer()
    for count, spent in enumerate(minutes):
        if count == 1 and extend:
            engine.add_minutes(extend)
        clock.advance(minutes=spent)
        if count == 1 and add:
            engine.insert_step(add, 5, "activity")
        if count == len(minutes) - 1:
            break
        engine.next_step()
    if finish:
        engine.finish()
    path = folder / f"session-{number:04d}.toml"
    save_session(engine.session, path)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    run_session(sessions, 1, [12, 20, 11, 30, 10, 10], late=5)
    run_session(
        sessions, 2, [14, 18, 6, 14, 32, 10, 9], late=12, add="Stretch"
    )  # added after the check-in; ran 6 minutes
    run_session(sessions, 3, [11, 17, 10, 28, 12, 11], late=0, extend=3)
    run_session(sessions, 4, [13, 22, 10, 35, 10], late=-3, skip="Check-out")
    run_session(sessions, 5, [10, 30, 10, 10], late=2, move="Ideas", skip="Break")  # Ideas moved above the first Break
    run_session(sessions, 6, [15, 16], late=20, finish=False)  # stopped after the check-in: only finished steps count
    # Other plans' sessions, and files that cannot be read.
    other = plan_named("co-production-part-1")
    run_session(sessions, 7, [10] * 12, plan=other)
    (sessions / "garbage.toml").write_bytes(bytes(random.Random(1).randrange(256) for _ in range(900)))
    (sessions / "empty.toml").write_bytes(b"")
    newer = (sessions / "session-0001.toml").read_text().replace("schema_version = 2", "schema_version = 99", 1)
    (sessions / "newer.toml").write_text(newer)
    # A head edited by hand: the file is read whole, as the app opens it (the events are the record).
    third = sessions / "session-0003.toml"
    third.write_text(third.read_text().replace('status = "finished"', 'status = "maybe"', 1))
    # A whole write cut short: no closing "# saved" line, and the app cannot open it.
    text = (sessions / "session-0001.toml").read_text()
    (sessions / "torn.toml").write_text(text[: text.rindex('kind = "step.next"') + 5])
    return sessions


def stats_of(folder: Path) -> tuple[PlanHistory, PlanStats]:
    history = plan_history(folder, "morning")
    return history, plan_stats(PLAN, history.sessions)


def test_each_step_says_what_it_usually_took_against_the_plan(folder: Path) -> None:
    _history, stats = stats_of(folder)
    assert stats.sessions == 6 and stats.unfinished == 1
    welcome, check_in, _first_break, ideas, _second_break, _check_out = stats.steps
    assert welcome.used == (12, 14, 11, 13, 10, 15)
    assert (welcome.median, welcome.shortest, welcome.longest) == (12.5, 10, 15)
    assert check_in.used == (20, 18, 17, 22, 30)  # the unfinished session was still on it
    assert ideas.used == (30, 32, 28, 35, 10)
    assert ideas.moved == 1


def test_running_over_is_counted_by_how_much_against_the_plan_as_run(folder: Path) -> None:
    _, stats = stats_of(folder)
    welcome, check_in = stats.steps[:2]
    assert welcome.over == (2, 4, 1, 3, 5)  # 10 minutes planned; the 10-minute run was on time
    # 15 planned: over in four of five runs; the minutes added with + do not hide an overrun.
    assert check_in.over == (5, 3, 2, 7, 15)


def test_skips_are_counted_and_a_skipped_step_is_not_timed(folder: Path) -> None:
    _, stats = stats_of(folder)
    first_break, check_out = stats.steps[2], stats.steps[5]
    assert check_out.skipped == 1 and check_out.ran == 3 and check_out.sessions == 5
    assert check_out.dropped == 1  # the fifth session finished before it: the step a group runs out of time for
    assert first_break.skipped == 1 and first_break.used == (11, 14, 10, 10)


def test_steps_added_on_the_day_are_listed_apart(folder: Path) -> None:
    _, stats = stats_of(folder)
    [added] = stats.added
    assert (added.title, added.sessions, added.used) == ("Stretch", 1, (6,))


def test_late_starts_and_long_breaks_are_measured(folder: Path) -> None:
    _, stats = stats_of(folder)
    assert stats.late == (5, 12, 0, -3, 2, 20)  # from the plan's 10:00, the day each ran
    assert not stats.late_from_opening
    # Breaks of 10 minutes: 11, 14, 12 and 10 ... ran 11, 14 and 12.
    assert stats.long_breaks == (1, 4, 2) and stats.breaks_run == 9


def test_damaged_files_are_reported_and_never_counted(folder: Path) -> None:
    history, _stats = stats_of(folder)
    assert [path.name for path, _ in history.damaged] == ["empty.toml", "garbage.toml", "newer.toml", "torn.toml"]
    reasons = dict((path.name, why) for path, why in history.damaged)
    assert "newer workshop-tui" in reasons["newer.toml"]
    assert "empty" in reasons["empty.toml"]
    assert "not valid TOML" in reasons["torn.toml"]
    assert all(session.name.startswith("session-") for session in history.sessions)


def test_suggested_timings_are_the_middle_run_rounded_to_five_minutes(folder: Path) -> None:
    _, stats = stats_of(folder)
    # Welcome: 12.5 -> 15 (halves go up: a step that runs long keeps its time); check-in: 20 -> 20;
    # first break: 10.5 -> 10; ideas 30 -> 30; the second break: 10 -> 10; check-out ran 3 times (10, 9, 11) -> 10.
    assert stats.suggested == [15, 20, 10, 30, 10, 10]
    few = plan_stats(PLAN, stats_of(folder)[0].sessions[:2])
    assert few.suggested == [step.planned_minutes for step in PLAN.steps]  # too few runs to learn from


def test_the_timings_at_the_head_of_each_file_are_what_its_events_make(folder: Path) -> None:
    history, _ = stats_of(folder)
    assert len(history.sessions) == 6  # the plan's six runs: a check of none would pass
    for session in history.sessions:
        whole = load_session(folder / session.name)
        assert session.steps == step_times(whole)


def test_a_file_without_timings_at_its_head_is_read_whole(folder: Path) -> None:
    path = folder / "session-0001.toml"
    text = path.read_text()
    start, end = text.index("\n[[timings]]\n"), text.index("\n[session]\n")
    path.write_text(text[:start] + text[end:])  # as files were written before timings were kept
    history, stats = stats_of(folder)
    assert stats.sessions == 6 and not any(p.name == "session-0001.toml" for p, _ in history.damaged)
    assert stats.steps[0].used[0] == 12


def test_sessions_of_an_earlier_version_count_where_their_steps_still_fit(folder: Path) -> None:
    renamed = PLAN.model_copy(
        update={"steps": [PLAN.steps[0].model_copy(update={"title": "Arrival"}), *PLAN.steps[1:]], "version": 2}
    )
    history = plan_history(folder, "morning")
    stats = plan_stats(renamed, history.sessions)
    assert stats.steps[0].sessions == 0 and stats.steps[1].sessions == 5  # the sixth had not finished its check-in
    assert stats.unmatched == 6  # "Welcome and tea" in each session is not in version 2


def test_stats_prints_the_chart_and_saves_the_suggested_timings_as_a_new_version(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plans = folder / "plans"
    plans.mkdir()
    (plans / "morning.toml").write_text(
        'name = "morning"\ntitle = "A morning together"\nstarts_at = 10:00:00\nends_by = 12:00:00\n'
        + "".join(
            f'[[steps]]\ntitle = "{s.title}"\nkind = "{s.kind}"\nplanned_minutes = {s.planned_minutes}\n'
            for s in PLAN.steps
        )
    )
    assert main(["--sessions-dir", str(folder), "stats", "morning"]) == 0
    out = capsys.readouterr().out
    assert "A morning together (morning, version 1): 6 past sessions, 1 not finished" in out
    assert "Started late in 4 of 6 sessions: usually by 9 minutes, at most 20 minutes" in out
    assert "2. Check-in round (activity)" in out and "░" in out and "█" in out
    assert "Ran a minute or more over in 5 of 5 runs, usually by 5 minutes." in out
    assert "Skipped in 1 of 5 sessions." in out
    assert "Added on the day:\n    'Stretch' in 1 session, usually 6 minutes." in out
    assert "4 files in" in out and "garbage.toml" in out
    assert "workshop-tui stats morning --save" in out

    assert main(["--sessions-dir", str(folder), "stats", "morning", "--save"]) == 0
    out = capsys.readouterr().out
    assert "Saved 'A morning together' as version 2, in the plans folder as morning.toml." in out
    saved = load_plan(plans / "morning.toml")
    assert saved.version == 2 and [step.planned_minutes for step in saved.steps] == [15, 20, 10, 30, 10, 10]
    assert (plans / "earlier" / "morning-v1.toml").exists()
    # The suggested plan is a plan `check` reads: 0 (clean) or 1 (findings), never 2.
    assert main(["--sessions-dir", str(folder), "check", "morning"]) in (0, 1)
    # Saving again changes nothing: the suggestion is the plan's own now. The plan of the day is said
    # beside today's, so running over (against the plan of the day) is not read against the new one.
    assert main(["--sessions-dir", str(folder), "stats", "morning", "--save"]) == 0
    out = capsys.readouterr().out
    assert "nothing new to save" in out
    assert (
        "against 15 planned now (10 when it ran). Ran a minute or more over the time planned then in 5 of 6 runs" in out
    )


def test_stats_of_a_plan_never_run_says_how_to_run_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--sessions-dir", str(tmp_path), "stats", "co-production-part-2"]) == 0
    out = capsys.readouterr().out
    assert "0 past sessions" in out and "workshop-tui run co-production-part-2" in out
    assert main(["--sessions-dir", str(tmp_path), "stats", "no-such-plan"]) == 2


def test_a_step_skipped_after_the_last_whole_write_is_counted_as_skipped(tmp_path: Path) -> None:
    from workshop_tui.store.open_session import Command, OpenSession

    clock = FakeClock(datetime(2026, 3, 1, 10, 0, tzinfo=UK))
    owner = OpenSession.create(tmp_path, PLAN, "Still running", clock, gather_seconds=0)
    owner.apply(Command("toggle_timer"))
    clock.advance(minutes=12)
    owner.apply(Command("next_step"))  # a whole write: the head's timings are as now
    assert owner.save_now().ok
    owner.apply(Command("skip_step", {"index": 5}))  # appended after the head
    owner.apply(Command("add_note", {"typed": "Tea is late"}))
    assert owner.save_now().ok
    text = owner.path.read_text()
    head_says = text[: text.index("\n[session]\n")]
    assert head_says.count('state = "skipped"') == 0  # the head is behind the file
    [session] = plan_history(tmp_path, "morning").sessions
    assert [step.state for step in session.steps] == [
        "done",
        "running",
        "not reached",
        "not reached",
        "not reached",
        "skipped",
    ]
    owner.close()


def practice_run(folder: Path) -> None:
    """A practice run just after midnight, of a plan that starts at 10:00: its timer ran for 12 minutes."""
    clock = FakeClock(datetime(2026, 12, 6, 0, 41, tzinfo=UK))
    engine = SessionEngine(new_session(PLAN, "Practice", clock), clock)
    engine.start_timer()
    clock.advance(minutes=12)
    engine.finish()
    save_session(engine.session, folder / "practice.toml")


def test_a_session_run_at_another_time_of_day_is_not_counted_as_late(tmp_path: Path) -> None:
    practice_run(tmp_path)  # not 14 hours late
    run_session(tmp_path, 1, [12, 20], late=75)  # an hour and a quarter late, opened ten minutes before
    stats = plan_stats(PLAN, plan_history(tmp_path, "morning").sessions)
    assert stats.sessions == 2 and stats.late == (75,)
    from workshop_tui.core.timings_report import summary_lines

    assert "usually by 1 hour 15 minutes" in " ".join(summary_lines(stats))


def test_a_step_that_takes_about_its_time_keeps_it() -> None:
    from workshop_tui.core.plan_stats import StepStats

    def step(planned: int, *used: float) -> StepStats:
        return StepStats(1, "Talk", "discussion", planned, len(used), used, (), 0, 0)

    assert step(12, 12, 12, 13).suggested == 12  # not rounded down to 10
    assert step(2, 2, 2, 2).suggested == 2  # not raised to 5
    assert step(10, 12.5, 12.5, 13).suggested == 15  # over by half a round: up
    assert step(10, 12.5).suggested == 10  # one run is too few


def test_a_session_whose_timer_ran_off_the_plans_time_is_never_called_not_run(tmp_path: Path) -> None:
    # The only session ran at another time of day: its timer ran, so "no session's timer has run yet" is wrong.
    practice_run(tmp_path)
    stats = plan_stats(PLAN, plan_history(tmp_path, "morning").sessions)
    from workshop_tui.core.timings_report import summary_lines

    said = " ".join(summary_lines(stats))
    assert "no session's timer has run yet" not in said
    assert (
        "Started: 1 session ran at another time of day than the plan's start, so how late it started is not counted."
        in said
    )
