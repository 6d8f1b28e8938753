"""The review screen: timings, notes, decisions, actions, who was heard, replay, comments and export."""

from pathlib import Path

import pytest
from textual.widgets import DataTable, Markdown, Static, TabbedContent

from workshop_tui.cli import main
from workshop_tui.core.clock import FakeClock
from workshop_tui.core.review import timing_chart
from workshop_tui.store.open_session import OpenSession
from workshop_tui.store.session_file import load_session, save_session
from workshop_tui.ui.app import ReviewSession, WorkshopApp
from workshop_tui.ui.screens.review import ReviewScreen
from workshop_tui.ui.widgets.fitted_table import FittedTable
from workshop_tui.ui.widgets.replay_panel import ReplayPanel
from tests.example_sessions import training_part_1
from tests.panel_helpers import the_panel


def review_app(sessions_dir: Path, clock: FakeClock) -> tuple[WorkshopApp, Path]:
    sessions_dir.mkdir(exist_ok=True)
    session = training_part_1()
    path = sessions_dir / "part-1.toml"
    save_session(session, path)
    return WorkshopApp(sessions_dir, clock, opening=ReviewSession(load_session(path), path)), path


def replay_text(app: WorkshopApp) -> str:
    return str(app.screen.query_one(ReplayPanel).content)


def test_the_timing_chart_compares_planned_and_actual_and_says_overruns_in_words() -> None:
    chart = timing_chart(training_part_1())
    at = chart.index("Check-in round: 3 minutes over the plan, within the 18 minutes it had on the day")
    assert chart[at + 1].startswith("planned  15 ░") and chart[at + 1].endswith(" and 18 on the day")
    assert chart[at + 2].startswith("actual   18 █")
    assert chart[-1].startswith(
        "In all: the plan was 3 hours 5 minutes. 12 steps ran, for 3 hours 14 minutes "
        "against 3 hours 5 minutes planned for them (9 minutes over)."
    )


async def test_summary_and_record_tabs_show_the_session(sessions_dir: Path, clock: FakeClock) -> None:
    app, _ = review_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "3 minutes over" in str(app.screen.query_one("#timing-chart", Static).content)
        tabs = app.screen.query_one(TabbedContent)
        for pane in ["notes-tab", "decisions-tab", "actions-tab", "heard-tab"]:
            tabs.active = pane
            await pilot.pause()
        decisions = app.screen.query_one("#decisions-tab").query_one(Markdown).source
        assert "Do we agree to our group agreement?" in decisions and "Everyone is at 3 or more" in decisions


async def test_replay_steps_through_events_and_shows_what_the_screen_showed(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app, _ = review_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*["n"] * 8)  # set up, six people added, then the timer started
        assert "Event 8 of" in replay_text(app) and "the timer started" in replay_text(app)
        assert "Step 1 of 12: Arrival and welcome - 10:00 left, timer running" in replay_text(app)
        await pilot.press("j", *"10:20", "enter")
        assert "Replay at 10:20:00" in replay_text(app)
        assert "Step 2 of 12: Check-in round" in replay_text(app)
        assert "Hopes to learn how to get her group listened to" in replay_text(app)
        await pilot.press("p")
        assert "Replay at 10:20:00" not in replay_text(app)


async def test_playing_moves_at_the_chosen_speed(sessions_dir: Path, clock: FakeClock) -> None:
    app, _ = review_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "space")
        panel = app.screen.query_one(ReplayPanel)
        assert panel.playing and panel.speed == 60
        assert isinstance(app.screen, ReviewScreen)
        app.screen.replay.playing = False  # stop the real-time ticks; move the replay by hand
        before = panel.moment
        for _ in range(4):
            panel.advance(0.25 * panel.speed)
        assert panel.moment is not None and before is not None
        assert (panel.moment - before).total_seconds() == 60
        assert "Paused at 60x" in replay_text(app)


async def test_a_trainer_comment_is_saved_apart_and_the_record_is_unchanged(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app, path = review_app(sessions_dir, clock)
    before = load_session(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"Lovely check-in; keep it short next time", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Lovely check-in" in str(app.screen.query_one("#comments", Static).content)
    after = load_session(path)
    assert [c.text for c in after.comments] == ["Lovely check-in; keep it short next time"]
    assert after.comments[0].on == "s1"
    # The comment is one more event at the end; everything recorded before it is as it was.
    assert after.events[:-1] == before.events and after.events[-1].kind == "comment.add"
    after.comments, after.events = [], before.events
    assert after == before


async def test_a_comment_added_in_a_review_keeps_work_saved_elsewhere_meanwhile(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app, path = review_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Meanwhile another window opens the same session, adds a comment and closes it.
        with OpenSession.resume(path, clock, allow_finished=True) as other:
            other.add_comment("s2", "Written in another window while the review was open")
        await pilot.press("c", *"Lovely check-in", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    after = load_session(path)
    assert [c.text for c in after.comments] == [
        "Written in another window while the review was open",
        "Lovely check-in",
    ]


async def test_x_exports_the_minutes_from_the_review(sessions_dir: Path, clock: FakeClock) -> None:
    app, path = review_app(sessions_dir, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x", "enter")
        await app.workers.wait_for_complete()
    written = path.with_name("part-1-minutes.md")
    assert written.read_text().startswith("# Co-production training, part 1 (Leeds)")


def test_review_of_a_missing_session_is_one_sentence_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--sessions-dir", str(tmp_path), "review", "nope"]) == 2
    assert "there is no such session file" in capsys.readouterr().err


async def test_exporting_over_a_file_that_is_there_asks_first_and_replaces_it_only_on_yes(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.ui.screens.confirm import ConfirmScreen

    app, _ = review_app(sessions_dir, clock)
    target = sessions_dir.parent / "minutes.md"
    target.write_text("precious")
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        app.screen.write_export("md", False, str(target))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text() == "precious"
        assert isinstance(app.screen, ReviewScreen)
        app.screen.write_export("md", False, str(target))
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the focus starts on "no": an Enter never replaces a file
        await pilot.pause()
        assert target.read_text() == "precious"
        assert isinstance(app.screen, ReviewScreen)
        app.screen.write_export("md", False, str(target))
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert target.read_text().startswith("# ")


async def test_a_step_called_actions_keeps_its_notes_in_the_notes_tab(sessions_dir: Path, clock: FakeClock) -> None:
    from workshop_tui.core.session_engine import SessionEngine, new_session
    from workshop_tui.model import Plan, Step
    from workshop_tui.store.session_file import save_session
    from workshop_tui.ui.app import ReviewSession, WorkshopApp

    plan = Plan(
        name="odd",
        title="Odd",
        description="",
        steps=[
            Step(title="Actions", kind="discussion", planned_minutes=10),
            Step(title="Decisions", kind="discussion", planned_minutes=10),
        ],
    )
    engine = SessionEngine(new_session(plan, "Odd titles", clock), clock)
    engine.add_note("Said under the step called Actions")
    engine.record_decision(question="Meet monthly?", method="consensus", outcome="agreed", present_count=5)
    engine.add_action("Book the room")
    engine.finish()
    sessions_dir.mkdir()
    path = sessions_dir / "odd.toml"
    save_session(engine.session, path)
    app = WorkshopApp(sessions_dir, clock, opening=ReviewSession(load_session(path), path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tabs = {
            pane: app.screen.query_one(f"#{pane} Markdown", Markdown).source for pane in ("notes-tab", "decisions-tab")
        }
        # The actions tab is its headings, its sentences and its tables' rows.
        actions = app.screen.query_one("#actions-tab")
        tabs["actions-tab"] = " ".join(
            [str(words.content) for words in actions.query(".review-heading, .review-words").results(Static)]
            + [" ".join(row.cells.values()) for table in actions.query(FittedTable) for row in table.fitted_rows]
        )
    assert "Said under the step called Actions" in tabs["notes-tab"]
    assert "Said under" not in tabs["actions-tab"] and "Meet monthly?" not in tabs["actions-tab"]
    assert "Meet monthly?" in tabs["decisions-tab"] and "Book the room" in tabs["actions-tab"]


async def test_right_and_left_move_between_the_tabs_from_the_who_was_heard_table(
    sessions_dir: Path, clock: FakeClock
) -> None:
    app, _ = review_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        tabs.active = "heard-tab"
        await pilot.pause()
        app.screen.query_one("#heard-table").focus()
        await pilot.press("right")
        assert tabs.active == "replay"
        await pilot.press("left", "left")
        assert tabs.active == "actions-tab"
        await pilot.press("left", "left", "left", "left")
        assert tabs.active == "comments-tab"  # round from the first to the last


async def test_quick_presses_of_right_past_who_was_heard_are_not_pulled_back(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from textual import events

    app, _ = review_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        tabs.active = "actions-tab"
        await pilot.pause()
        app.post_message(events.Key("right", None))  # to "Who was heard"
        app.post_message(events.Key("right", None))  # on to "Replay" before the first has settled
        await pilot.pause()
        await pilot.pause()
        assert tabs.active == "replay"


async def test_at_80x24_every_key_in_the_footer_is_whole_and_in_sight(sessions_dir: Path, clock: FakeClock) -> None:
    from itertools import pairwise

    from textual.widgets._footer import FooterKey

    app, _ = review_app(sessions_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = sorted(app.screen.query(FooterKey), key=lambda key: key.region.x)
        assert keys
        for left, right in pairwise(keys):
            assert left.region.right <= right.region.x, (left.description, right.description)
        assert keys[-1].region.right <= 80
        shown = {key.description for key in keys}
        assert {"Back", "Comment", "Export", "Play/pause", "Help", "Quit"} <= shown


async def test_the_review_and_replay_of_a_round_show_when_scores_were_revealed_changed_and_awarded(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from tests.example_sessions import shortlisting_panel

    sessions_dir.mkdir(exist_ok=True)
    path = sessions_dir / "panel.toml"
    save_session(shortlisting_panel(), path)
    session = load_session(path)
    app = WorkshopApp(sessions_dir, clock, opening=ReviewSession(session, path))
    async with app.run_test(size=(120, 40)) as pilot:
        tabs = app.screen.query_one(TabbedContent)
        tabs.active = "decisions-tab"
        await pilot.pause()
        decisions = app.screen.query_one("#decisions-tab").query_one(Markdown).source
        assert "The panel's work" in decisions and "revealed" in decisions
        from datetime import timedelta

        revealed = the_panel(session).revealed_at
        assert revealed is not None
        await pilot.press("j", *f"{revealed + timedelta(minutes=1):%H:%M}", "enter")
        shown = replay_text(app)
        assert f"revealed at {revealed:%H:%M}" in shown and "0 changed in moderation" in shown
        last_award = max(a.at for a in the_panel(session).awards)
        await pilot.press("j", *f"{last_award + timedelta(minutes=1):%H:%M}", "enter")
        shown = replay_text(app)
        assert "Awards so far:" in shown and "3 changed in moderation" in shown


def _in_sight(app: WorkshopApp, words: str) -> bool:
    """Whether a line holding `words` is drawn on the screen now, inside the part of its tab in view."""
    from textual.widgets._markdown import MarkdownBlock

    for block in app.screen.query(MarkdownBlock):
        if words in str(block._content) and not block.children:
            region = block.region
            return bool(region) and app.screen.query_one("#review", TabbedContent).region.contains_region(region)
    raise AssertionError(f"no line holds {words!r}")


async def test_at_80x24_the_decisions_tab_of_a_round_scrolls_by_keys_and_by_the_mouse_wheel(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from textual import events

    from tests.example_sessions import shortlisting_panel

    sessions_dir.mkdir(exist_ok=True)
    path = sessions_dir / "panel.toml"
    save_session(shortlisting_panel(), path)
    app = WorkshopApp(sessions_dir, clock, opening=ReviewSession(load_session(path), path))
    last = "in all, of a pot of"  # the last line of "The panel's work", at the end of the tab
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "right")  # Summary, Notes, Decisions
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "decisions-tab"
        assert not _in_sight(app, last)
        await pilot.press("end")
        await pilot.pause()
        assert _in_sight(app, last)
        await pilot.press("home")
        await pilot.pause()
        assert not _in_sight(app, last)
        await pilot.press(*["pagedown"] * 60)
        await pilot.pause()
        assert _in_sight(app, last)
        await pilot.press("home", *["down"] * 3)
        await pilot.pause()
        scroll = app.screen.focused
        assert scroll is not None and scroll.scroll_y == 3
        await pilot.press("up")
        assert scroll.scroll_y == 2
        # The mouse wheel over the text, sent as the terminal sends it (through the screen, to what is under it).
        await pilot.press("home")
        await pilot.pause()
        assert not _in_sight(app, last)
        for _ in range(80):
            await pilot._post_mouse_events([events.MouseScrollDown], "#decisions-tab .tab-scroll", offset=(20, 5))
        assert _in_sight(app, last)
        await pilot.press("right")  # Left and Right still move between the tabs
        assert tabs.active == "actions-tab"
        await pilot.press("left")
        assert tabs.active == "decisions-tab"


async def test_who_was_heard_tells_someone_who_never_came_or_left_early_from_one_who_said_nothing(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.core.clock import FakeClock
    from workshop_tui.core.session_engine import SessionEngine, new_session
    from workshop_tui.export.markdown_minutes import markdown_minutes
    from tests.conftest import TEN_AM, small_plan

    own_clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(small_plan(), "Heard", own_clock), own_clock)
    engine.add_person("Ann")
    engine.add_person("Bob")
    engine.add_person("Cath", arrived=False)
    engine.add_note("@ann The bus is late")
    own_clock.advance(minutes=40)
    engine.person_left("p2")
    engine.finish()
    sessions_dir.mkdir(exist_ok=True)
    path = sessions_dir / "heard.toml"
    save_session(engine.session, path)
    minutes = markdown_minutes(engine.session)
    assert "Expected but not there: Cath." in minutes and "Left before the end: Bob (10:40)." in minutes
    app = WorkshopApp(sessions_dir, clock, opening=ReviewSession(load_session(path), path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#heard-table", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]
    assert rows == [
        ["Ann", "older person", "there", "1", "0"],
        ["Bob", "older person", "left at 10:40", "0", "0"],
        ["Cath", "older person", "never came", "-", "-"],
    ]
