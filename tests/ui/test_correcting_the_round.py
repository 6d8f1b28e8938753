"""Correcting a round on the panel screen, by keyboard: an application corrected, withdrawn, removed, an
import undone, a declaration undone; comments; a sheet entered after the reveal; a tie ordered; the pot
changed; the rubric in sight; the funding line never chosen; a resize."""

from pathlib import Path
from typing import Any

import pytest
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from workshop_tui.core.clock import FakeClock
from workshop_tui.ui.screens.confirm import ConfirmScreen
from workshop_tui.ui.screens.panel import PanelScreen
from workshop_tui.ui.screens.text_prompt import TextPrompt
from workshop_tui.ui.widgets.moderation import ModerationTab
from tests.panel_helpers import CRITERIA, the_panel
from tests.ui.live_helpers import live
from tests.ui.test_panel_screen import panel_app, panel_of, two_applications, words


def notes(pilot: Pilot[Any]) -> str:
    return " ".join(str(n.message) for n in pilot.app._notifications)


async def test_an_application_is_corrected_withdrawn_and_one_added_by_mistake_removed(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot)
        # Correct Hillside's amount: the form holds what is there now, and asks why.
        await pilot.press("e", "enter", "enter", *["backspace"] * 10, *"£28,500", "ctrl+s")
        assert "why it was corrected" in words(pilot, "#form-problem")
        pilot.app.screen.query_one("#application-reason").focus()
        await pilot.press(*"Revised budget", "ctrl+s")
        await pilot.pause()
        assert panel_of(pilot).application("app1").amount_pence == 28_500_00
        assert "£28,500" in pilot.app.screen.query_one("#applications-table", DataTable).get_row("app1")
        # Withdraw Riverside, with a reason: it stays, marked.
        await pilot.press("down", "w", *"They found other money", "enter")
        await pilot.pause()
        assert panel_of(pilot).application("app2").withdrawn == "They found other money"
        assert "withdrawn" in str(pilot.app.screen.query_one("#applications-table", DataTable).get_row("app2")[4])
        # Remove one added by mistake: asked first, then gone.
        live(pilot.app).run_command("add_application", organisation="Oops", project="Twice", amount_pence=1_000_00)
        await pilot.pause()
        await pilot.press("down", "delete")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert [a.organisation for a in panel_of(pilot).round.applications] == ["Hillside", "Riverside"]


async def test_an_import_is_undone_with_u_until_scoring_starts(
    sessions_dir: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "more.csv").write_text(
        "Organisation,Project,Amount\nOak Street Shed,Shed,40000\nCanal Singers,Songs,15000\n"
    )
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot)
        await pilot.press("i", *"more.csv", "enter")
        await pilot.pause()
        assert len(panel_of(pilot).round.applications) == 4 and "u on this tab undoes" in notes(pilot)
        await pilot.press("u")
        assert "Take out the 2 applications" in str(pilot.app.screen.query_one(".question", Static).content)
        await pilot.press("y")
        await pilot.pause()
        assert [a.organisation for a in panel_of(pilot).round.applications] == ["Hillside", "Riverside"]


async def test_a_declaration_made_in_error_is_undone_with_a_reason(sessions_dir: Path, clock: FakeClock) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot, declared=False)
        await pilot.press("tab", "i", "enter", "down", "enter", *"I volunteer there", "enter")  # Margaret, Hillside
        await pilot.pause()
        assert panel_of(pilot).has_interest("p1", "app1")
        await pilot.press("u")
        assert isinstance(pilot.app.screen, TextPrompt) and "the interest in Hillside" in pilot.app.screen.question
        await pilot.press(*"It was Dennis, not Margaret", "enter")
        await pilot.pause()
        assert not panel_of(pilot).has_interest("p1", "app1")
        assert panel_of(pilot).corrections[-1].reason == "It was Dennis, not Margaret"


async def test_the_rubric_of_the_criterion_under_the_cursor_is_shown_with_the_score_marked(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(80, 24)) as pilot:
        await two_applications(pilot)
        await pilot.press("tab", "tab", "3")  # Need: 3, and the cursor moves on to Voice
        await pilot.pause()
        rubric = words(pilot, "#sheet-rubric")
        assert rubric.startswith("Voice: Older people shape it") and "← this score" not in rubric
        await pilot.press("left")
        await pilot.pause()
        rubric = words(pilot, "#sheet-rubric")
        marked = [line for line in rubric.splitlines() if "← this score" in line]
        assert rubric.startswith("Need:") and len(marked) == 1 and marked[0].startswith("> 3 ")


async def test_a_comment_naming_someone_is_flagged_as_it_is_typed_and_kept_for_moderation(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot)
        await pilot.press("tab", "tab", "c", *"dennis's point about transport")
        await pilot.pause()
        assert "this names Dennis" in str(pilot.app.screen.query_one("#prompt-names", Static).content)
        await pilot.press("enter")
        await pilot.pause()
        comment = panel_of(pilot).comments[0]
        assert (comment.member, comment.application, comment.text) == ("p1", "app1", "dennis's point about transport")


async def test_a_sheet_not_typed_before_the_reveal_is_entered_after_it(sessions_dir: Path, clock: FakeClock) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(120, 36)) as pilot:
        await two_applications(pilot)
        run = live(pilot.app).run_command
        for member in ("p1", "p2", "p3"):  # Priya's sheet (p4) came late
            for application in ("app1", "app2"):
                for criterion in CRITERIA:
                    run("enter_score", member=member, application=application, criterion=criterion, level=3)
        await pilot.press("tab", "tab", "r", "y")
        await pilot.pause()
        await pilot.press("shift+tab", *["pagedown"] * 3, "4")  # Priya's sheet, after the reveal: no reason asked
        await pilot.pause()
        assert not isinstance(pilot.app.screen, TextPrompt)
        score = next(s for s in panel_of(pilot).scores if s.member == "p4")
        assert (score.level, score.after_reveal) == (4, True) and "Entered after the reveal" in notes(pilot)


async def test_a_tie_at_the_funding_line_is_ordered_with_t_and_the_line_is_never_chosen(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(80, 24)) as pilot:
        await two_applications(pilot)
        run = live(pilot.app).run_command
        run("edit_application", application="app2", amount_pence=30_000_00, reason="Same")
        for member in ("p1", "p2", "p3", "p4"):
            for application in ("app1", "app2"):
                for criterion in CRITERIA:
                    run("enter_score", member=member, application=application, criterion=criterion, level=3)
        run("reveal_scores")
        await pilot.press("tab", "tab", "tab", "tab")  # the ranking
        await pilot.pause()
        assert "Hillside and Riverside are tied where the money runs out" in words(pilot, "#ranking-line")
        table = pilot.app.screen.query_one("#ranking-table", DataTable)
        assert table.get_row_at(0)[0] == "──"  # the line above the whole tie
        assert table.cursor_row == 1  # never on the line
        await pilot.press("up")
        assert table.cursor_row == 1
        await pilot.press("down", "t", *"Riverside reaches more people", "enter")
        await pilot.pause()
        assert [str(r[1]) for r in (table.get_row_at(i) for i in range(3))] == [
            "Riverside",
            "─ funding line ─",
            "Hillside",
        ]
        assert "the chair put Riverside first" in words(pilot, "#ranking-line")


async def test_the_pot_is_changed_with_p_and_a_reason(sessions_dir: Path, clock: FakeClock) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot)
        await pilot.press("tab", "tab", "tab", "tab", "p", *"£60,000", "enter", *"The council added £10,000", "enter")
        await pilot.pause()
        assert panel_of(pilot).round.pot_pence == 60_000_00 and "Pot £60,000." in words(pilot, "#round-line")


async def test_after_a_resize_the_ranking_is_laid_out_for_the_new_width(sessions_dir: Path, clock: FakeClock) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(160, 40)) as pilot:
        await two_applications(pilot)
        run = live(pilot.app).run_command
        run(
            "edit_application",
            application="app1",
            organisation="Hillside Lunch Club and Friendship Group",
            reason="Full name",
        )
        await pilot.press("tab", "tab", "tab", "tab")
        table = pilot.app.screen.query_one("#ranking-table", DataTable)
        wide = sum(c.get_render_width(table) for c in table.ordered_columns)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = sum(c.get_render_width(table) for c in table.ordered_columns)
        assert narrow < wide and narrow <= 80


async def test_a_panels_next_sitting_continues_the_round_chosen_in_the_start_form(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from textual.widgets import Select

    from workshop_tui.store.sessions_folder import SessionsFolder
    from workshop_tui.ui.app import WorkshopApp
    from workshop_tui.ui.screens.live import LiveScreen
    from workshop_tui.ui.screens.start_session import StartSessionScreen
    from tests.panel_helpers import panel_engine, score_everything

    first, _ = panel_engine()
    score_everything(first, lambda member, app, criterion: 4)
    first.finish()
    earlier = SessionsFolder(sessions_dir).create(first.session)
    clock.advance(minutes=7 * 24 * 60)
    app = WorkshopApp(sessions_dir=sessions_dir, clock=clock, quiet=True, autosave_gather_seconds=0)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        plans = app.screen.query_one("#plans", OptionList)
        for _ in range(plans.option_count):  # down to the panel's plan
            assert plans.highlighted_option is not None
            if "panel" in str(plans.highlighted_option.prompt).casefold():
                break
            await pilot.press("down")
        await pilot.press("enter")
        assert isinstance(app.screen, StartSessionScreen)
        follows = app.screen.query_one("#follows", Select)
        assert follows.value == ""  # a new round, unless a sitting is chosen
        follows.value = str(earlier)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        panel = app.screen.session.panel
        assert panel is not None and len(panel.scores) == len(the_panel(first.session).scores)
        assert panel.sittings == [f"Healthy ageing fund ({earlier.name})"]


HOSTILE = {  # made here: every file a spreadsheet could save, or a person could pick by mistake
    "excel.csv": b"PK\x03\x04rest of a zip",
    "old-excel.csv": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "report.pdf": b"%PDF-1.7\n",
    "binary.csv": bytes(range(256)) * 8,
    "empty.csv": b"",
    "header-only.csv": b"Organisation,Project,Amount\n",
    "no-columns.csv": b"Name,Age\nMargaret,80\n",
    "huge-cell.csv": b"Organisation,Project,Amount\nHillside,Lunch,300\nRiverside," + b"x" * 200_000 + b",200\n",
    "billions.csv": b"Organisation,Project,Amount\nHillside,Lunch,99999999999999\n",
    "not-money.csv": b"Organisation,Project,Amount\nHillside,Lunch,lots\n",
    "utf16-bad.csv": "Organisation\tProject\tAmount\nHillside\tLunch\tlots\n".encode("utf-16"),
    "controls.csv": "Organisation,Project,Amount\n\x1b[2JHill\x07side,Lunch\u202e,£300\n".encode(),
    "nul.csv": b"Organisation,Project,Amount\nHill\x00side,Lunch,300\n",
    "old-mac.csv": b"Organisation,Project,Amount\rHillside,Lunch,300\r",
    "semicolons.csv": b"Organisation;Project;Amount\nHillside;Lunch;300\n",
}


async def test_a_corpus_of_hostile_files_imported_through_the_screen_never_stops_the_meeting(
    sessions_dir: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, data in HOSTILE.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "a-folder").mkdir()
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot)
        for name in [*HOSTILE, "a-folder", "missing.csv"]:
            before = len(panel_of(pilot).round.applications)
            await pilot.press("i", *name, "enter")
            await pilot.pause()
            if isinstance(pilot.app.screen, ConfirmScreen):  # an organisation the round has already: asked first
                await pilot.press("y")
                await pilot.pause()
            after = panel_of(pilot).round.applications
            if isinstance(pilot.app.screen, TextPrompt):  # refused: one sentence, nothing half-imported
                said = words(pilot, "#form-problem")
                assert said and "\n" not in said and "Traceback" not in said and "\x1b" not in said, (name, said)
                assert len(after) == before, name
                await pilot.press("escape")
            else:  # read as it is: the whole file, and its words are plain
                assert len(after) == before + 1, name
                assert all(ch.isprintable() for a in after for ch in a.organisation + a.project), name
            assert pilot.app.is_running and pilot.app.screen.__class__.__name__ == "PanelScreen", name


async def test_the_live_screen_under_the_panel_never_makes_the_panel_paint_again(
    sessions_dir: Path, clock: FakeClock
) -> None:
    # Textual counts the screen under the top one as showing through; the live screen's every change then
    # repainted the whole panel, and a typed score took 40 ms to show instead of 7 (bench/panel_grid.py).
    async with panel_app(sessions_dir, clock).run_test(size=(80, 24)) as pilot:
        await two_applications(pilot)
        assert not live(pilot.app).is_current and pilot.app._background_screens == []
        await pilot.press("escape")
        await pilot.pause()
        assert live(pilot.app).is_current


async def test_importing_the_same_file_again_asks_first_and_a_withdrawn_application_is_off_the_sheet(
    sessions_dir: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_tui.ui.screens.confirm import ConfirmScreen

    monkeypatch.chdir(tmp_path)
    (tmp_path / "more.csv").write_text("Organisation,Project,Amount\nOak Street Shed,Shed,40000\n")
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot)
        await pilot.press("i", *"more.csv", "enter")
        await pilot.pause()
        await pilot.press("i", *"more.csv", "enter")  # the same file again, by mistake
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "in this round already: Oak Street Shed" in str(pilot.app.screen.query_one(".question", Static).content)
        await pilot.press("n")
        await pilot.pause()
        assert len(panel_of(pilot).round.applications) == 3
        live(pilot.app).run_command("withdraw_application", application="app2", reason="They closed")
        await pilot.press("tab", "tab")
        await pilot.pause()
        sheet = pilot.app.screen.query_one("#score-sheet", DataTable)
        assert [
            str(sheet.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value) for row in range(sheet.row_count)
        ] == [
            "app1",
            "app3",
        ]


async def test_a_late_sheet_typed_after_the_reveal_shows_in_moderation_at_once(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(120, 36)) as pilot:
        await two_applications(pilot)
        run = live(pilot.app).run_command
        for member in ("p1", "p2", "p3"):
            for application in ("app1", "app2"):
                for criterion in CRITERIA:
                    run("enter_score", member=member, application=application, criterion=criterion, level=3)
        run("reveal_scores")
        await pilot.press("tab", "tab", "tab")  # moderation, on the first application
        await pilot.pause()
        assert isinstance(pilot.app.screen, PanelScreen)
        moderating = pilot.app.screen.query_one(ModerationTab).moderating
        run("enter_score", member="p4", application=moderating, criterion="need", level=5)  # Priya's late sheet
        await pilot.pause()
        table = pilot.app.screen.query_one("#moderation-table", DataTable)
        assert table.get_row("p4")[0] == "5"
