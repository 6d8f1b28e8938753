"""The commissioning panel on screen, each stage of a round by keyboard alone."""

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from workshop_tui.core.clock import FakeClock
from workshop_tui.model.panel import Panel
from workshop_tui.ui.app import WorkshopApp
from workshop_tui.ui.screens.panel import PanelScreen
from tests.conftest import plan_named
from tests.panel_helpers import CRITERIA, MEMBERS, the_panel
from tests.ui.live_helpers import live, live_app

PANEL_PLAN = plan_named("commissioning-shortlisting")


def panel_app(sessions_dir: Path, clock: FakeClock) -> WorkshopApp:
    return live_app(sessions_dir, clock, plan=PANEL_PLAN)


def roster(pilot: Pilot[Any]) -> None:
    """The panel's people (not what these tests are about): four members and a staff member."""
    screen = live(pilot.app)
    for name, role in [*MEMBERS, ("Tom", "staff")]:
        screen.run_command("add_person", name=name, role=role)


def declarations(pilot: Pilot[Any]) -> None:
    """Each member who has not declared yet says they have no interests (declarations come first)."""
    screen = live(pilot.app)
    for number in range(1, len(MEMBERS) + 1):
        panel = screen.session.panel
        assert panel is not None
        if not panel.declared(f"p{number}"):
            screen.run_command("declare_no_interests", member=f"p{number}")


def panel_of(pilot: Pilot[Any]) -> Panel:
    return the_panel(live(pilot.app).session)


def words(pilot: Pilot[Any], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).content)


async def two_applications(pilot: Pilot[Any], declared: bool = True) -> None:
    """The round opened and two applications in, by commands (typing them is tested on its own), then c.
    With `declared`, each member has said they have no interests (declarations come first)."""
    roster(pilot)
    run = live(pilot.app).run_command
    run("open_round", pot_pence=50_000_00)
    run("add_application", organisation="Hillside", project="Lunch", amount_pence=30_000_00)
    run("add_application", organisation="Riverside", project="Walks", amount_pence=20_000_00)
    if declared:
        declarations(pilot)
    await pilot.press("c", "shift+tab", "shift+tab")  # it opens on the scores: back to the applications


async def open_round_with_two_applications(pilot: Pilot[Any]) -> None:
    roster(pilot)
    await pilot.press("c", "o", *"£50,000", "enter")
    for organisation, project, amount in [("Hillside", "Lunch", "30,000"), ("Riverside", "Walks", "£20,000")]:
        await pilot.press("n", *organisation, "enter", *project, "enter", *amount, "ctrl+s")
    await pilot.pause()


async def test_c_opens_the_panel_and_o_opens_the_round_with_its_pot(sessions_dir: Path, clock: FakeClock) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        roster(pilot)
        await pilot.press("c")
        assert isinstance(pilot.app.screen, PanelScreen)
        assert "No round is open yet" in words(pilot, "#round-line")
        await pilot.press("o", *"a lot", "enter")
        assert "should be an amount of money" in words(pilot, "#form-problem")  # the prompt stays open
        await pilot.press(*["backspace"] * 5, *"£1,700,000", "enter")
        await pilot.pause()
        assert panel_of(pilot).round.pot_pence == 1_700_000_00
        assert words(pilot, "#round-line").startswith("Pot £1,700,000. Awarded £0. Left £1,700,000.")


async def test_a_small_plan_has_no_panel_key(sessions_dir: Path, clock: FakeClock) -> None:
    async with live_app(sessions_dir, clock).run_test() as pilot:
        await pilot.press("c")
        assert not isinstance(pilot.app.screen, PanelScreen)


async def test_applications_are_typed_in_or_imported_from_a_spreadsheet(
    sessions_dir: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the file's name is typed as a user in that folder would
    bad = tmp_path / "bad.csv"
    bad.write_text("Organisation,Project,Amount requested\nOak Street Shed,Shed,£40,000\nCanal Singers,Songs,lots\n")
    good = tmp_path / "good.csv"
    good.write_text(
        'Amount requested,Organisation,Project,Notes\n"£40,000",Oak Street Shed,Shed,x\n15000,Canal Singers,Songs,y\n'
    )
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await open_round_with_two_applications(pilot)
        assert [a.organisation for a in panel_of(pilot).round.applications] == ["Hillside", "Riverside"]
        await pilot.press("i", *bad.name, "enter")
        assert "row 3" in words(pilot, "#form-problem") and len(panel_of(pilot).round.applications) == 2
        await pilot.press("escape", "i", *good.name, "enter")
        await pilot.pause()
        assert [a.amount_pence for a in panel_of(pilot).round.applications] == [
            30_000_00,
            20_000_00,
            40_000_00,
            15_000_00,
        ]
        assert pilot.app.screen.query_one("#applications-table", DataTable).row_count == 4


async def test_an_organisation_twice_in_a_spreadsheet_is_asked_about_before_it_is_imported(
    sessions_dir: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_tui.ui.screens.confirm import ConfirmScreen

    monkeypatch.chdir(tmp_path)
    twice = tmp_path / "twice.csv"
    twice.write_text("Organisation;Project;Amount\nOak Street Shed;Shed;40000\noak street shed ;Shed again;40000\n")
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await open_round_with_two_applications(pilot)
        await pilot.press("i", *twice.name, "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "Oak Street Shed (rows 2 and 3)" in str(pilot.app.screen.query_one(".question", Static).content)
        await pilot.press("n")
        await pilot.pause()
        assert len(panel_of(pilot).round.applications) == 2  # nothing imported
        await pilot.press("i", *twice.name, "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen), pilot.app.screen
        await pilot.press("y")
        await pilot.pause()
        assert len(panel_of(pilot).round.applications) == 4, [
            n.message for n in pilot.app._notifications
        ]  # both, as chosen


async def test_declarations_show_staff_as_not_scoring_and_an_interest_steps_a_member_out(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot, declared=False)
        await pilot.press("tab")  # declarations
        table = pilot.app.screen.query_one("#declarations-table", DataTable)
        assert table.get_row("p5")[2] == "not scoring"  # the Role column says staff
        await pilot.press("i", "enter", "down", "enter", *"Trustee", "enter")  # Margaret, application 1
        await pilot.press("down", "n")  # Dennis: no interests
        await pilot.pause()
        assert table.get_row("p1")[2] == "1 interest" and table.get_row("p2")[2] == "no interests"
        assert table.get_row("p3")[2] == "not yet"
        await pilot.press("tab")  # Margaret's sheet: she is out of application 1
        sheet = pilot.app.screen.query_one("#score-sheet", DataTable)
        assert list(sheet.get_row("app1")) == ["out"] * len(CRITERIA)


async def test_a_sheet_is_typed_in_digits_and_stays_hidden_from_the_other_tabs_until_revealed(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot)
        await pilot.press("tab", "tab")  # Margaret's sheet
        await pilot.press(*"43n52", *"34443")  # both rows: the cursor moves on by itself
        sheet = pilot.app.screen.query_one("#score-sheet", DataTable)
        assert list(sheet.get_row("app1")) == ["4", "3", "none", "5", "2"]
        assert list(sheet.get_row("app2")) == ["3", "4", "4", "4", "3"]
        assert "10 of 10 entered" in words(pilot, "#sheet-line")
        await pilot.press("pagedown")  # Dennis's sheet is his own
        assert list(sheet.get_row("app1")) == ["·"] * 5 and "Dennis's sheet" in words(pilot, "#sheet-line")
        await pilot.press(*"5555")
        await pilot.press("tab")
        assert "hidden until the chair reveals" in words(pilot, "#moderation-line")
        await pilot.press("tab")
        ranking = pilot.app.screen.query_one("#ranking-table", DataTable)
        assert list(ranking.get_row("app1"))[2:] == ["9 of 20", "hidden"]


async def test_reveal_then_moderate_a_changed_score_keeps_the_first_and_an_agreed_score_needs_a_reason(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(120, 36)) as pilot:
        await two_applications(pilot)
        await pilot.press("tab", "tab", *"1" * 5, *"4" * 5, "pagedown", *"5" * 5, *"4" * 5)
        await pilot.press("r", "y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PanelScreen) and panel_of(pilot).revealed_at is not None
        line = words(pilot, "#moderation-line")
        assert "Hillside" in line  # margaret 1s, dennis 5s: far apart, and near the line
        # Margaret changes her first score and says why.
        await pilot.press("3", *"Missed it", "enter")
        score = panel_of(pilot).scores[0]
        assert (score.level, score.earlier[0].level, score.reason) == (3, 1, "Missed it")
        # The agreed row: a reason is asked for where members were far apart.
        await pilot.press(*["down"] * 6, "4", "enter")
        assert "please say why" in words(pilot, "#form-problem")
        await pilot.press(*"A clear need", "enter")
        await pilot.pause()
        moderation = pilot.app.screen.query_one("#moderation-table", DataTable)
        assert moderation.get_row("agreed")[0] == "4"
        assert panel_of(pilot).agreed[0].reason == "A clear need"


async def test_agreeing_the_close_ones_then_awarding_on_the_ranking_with_a_reason_for_going_against_it(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(120, 36)) as pilot:
        await two_applications(pilot)
        run = live(pilot.app).run_command  # the sheets (typed by keys in the tests above)
        for member in ("p1", "p2", "p3", "p4"):
            for application, level in (("app1", 5 if member in ("p1", "p2") else 4), ("app2", 4)):
                for criterion in CRITERIA:
                    run("enter_score", member=member, application=application, criterion=criterion, level=level)
        await pilot.press("tab", "tab", "r", "y", "a", "pagedown", "a")
        await pilot.pause()
        assert len(panel_of(pilot).agreed) == 10
        await pilot.press("tab")  # the ranking: Hillside first, both fit £50,000
        ranking = pilot.app.screen.query_one("#ranking-table", DataTable)
        assert [ranking.get_row_at(i)[1] for i in range(2)] == ["Hillside", "Riverside"]
        await pilot.press("f", *"Clear need.", "ctrl+s")
        await pilot.pause()
        assert "Awarded £30,000. Left £20,000." in words(pilot, "#round-line")
        # Declining the next, which still fits, goes against the ranking: the form asks why.
        await pilot.press("down", "x")
        assert "fits the £20,000 left" in words(pilot, "#award-departure")
        await pilot.press(*"No.", "ctrl+s")
        assert "Please say why" in words(pilot, "#form-problem")
        await pilot.press("tab", *"Council pays.", "ctrl+s")
        await pilot.pause()
        award = panel_of(pilot).awards[-1]
        assert (award.outcome, award.departure_reason) == ("decline", "Council pays.")
        assert ranking.get_row("app2")[4] == "decline"


async def test_a_member_scores_in_their_own_window_and_sees_only_their_own_sheet(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.store.open_session import Command, OpenSession
    from tests.test_windows import until
    from tests.ui.test_windows_ui import joined_window_app

    owner = OpenSession.create(sessions_dir, PANEL_PLAN, "Healthy ageing fund", clock, "Ann", gather_seconds=0)
    try:
        for name, role in MEMBERS:
            owner.apply(Command("add_person", {"name": name, "role": role}))
        owner.apply(Command("open_round", {"pot_pence": 50_000_00}))
        owner.apply(
            Command(
                "add_application",
                {"organisation": "Hillside Lunch Club", "project": "Lunch", "amount_pence": 30_000_00},
            )
        )
        for member in ("p1", "p2"):
            owner.apply(Command("declare_no_interests", {"member": member}))
        owner.apply(Command("enter_score", {"member": "p2", "application": "app1", "criterion": "need", "level": 1}))
        window, app = joined_window_app(owner, clock, "member", "", code=owner.session.codes["p1"])
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f9")
            assert "Your sheet, Margaret" in words(pilot, "#sheet-line")
            await pilot.press("pagedown")  # no one else's sheet here
            assert "Your sheet, Margaret" in words(pilot, "#sheet-line")
            await pilot.press("4")
            until(lambda: len(the_panel(owner.session).scores) == 2, "the owner to have Margaret's score")
            assert [(s.member, s.level, s.window) for s in the_panel(owner.session).scores][-1] == (
                "p1",
                4,
                "member: Margaret",
            )
            sheet = pilot.app.screen.query_one("#score-sheet", DataTable)
            assert sheet.get_row("app1")[0] == "4"  # Dennis's 1 is nowhere on this screen
        window.close()
    finally:
        owner.close()


def test_the_replay_says_which_application_an_award_was_for() -> None:
    from workshop_tui.core.panel_views import panel_event_words
    from tests.example_sessions import shortlisting_panel

    session = shortlisting_panel()
    award = next(e for e in session.events if e.kind == "award.make")
    words = panel_event_words(session, award.kind, dict(award.details))
    organisation = the_panel(session).application(str(award.details["application"])).organisation
    assert words.startswith(f"the panel made an award: {organisation}, {award.details['outcome']}")


def a_round(pilot: Pilot[Any], applications: int = 4, pot: int = 50_000, interest: bool = False) -> None:
    """Set up by commands (not what these tests are about): the roster, the round and its applications."""
    run = live(pilot.app).run_command
    roster(pilot)
    run("open_round", pot_pence=pot * 100)
    for number in range(1, applications + 1):
        run("add_application", organisation=f"Group {number}", project="A project", amount_pence=20_000_00)
    if interest:
        run("declare_interest", member="p1", application="app2", interest="Trustee")
    declarations(pilot)


async def test_a_sheet_typed_straight_through_passes_over_the_row_the_member_stepped_out_of(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        a_round(pilot, applications=3, interest=True)
        await pilot.press("c", *"4444433333")  # Margaret's paper sheet: application 2 is blank on it
        sheet = pilot.app.screen.query_one("#score-sheet", DataTable)
        assert list(sheet.get_row("app1")) == ["4"] * 5
        assert list(sheet.get_row("app2")) == ["out"] * 5
        assert list(sheet.get_row("app3")) == ["3"] * 5
        assert "10 of 10 entered" in words(pilot, "#sheet-line")


async def test_moderation_keeps_its_order_while_scores_are_agreed_so_page_down_meets_each_application_once(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        a_round(pilot, applications=5)
        run = live(pilot.app).run_command
        for member, base in [("p1", 1), ("p2", 3), ("p3", 5), ("p4", 4)]:
            for number in range(1, 6):
                for criterion in CRITERIA:
                    run(
                        "enter_score",
                        member=member,
                        application=f"app{number}",
                        criterion=criterion,
                        level=min(5, max(1, base + number % 3 - 1)),
                    )
        run("reveal_scores")
        await pilot.press("c", "tab")  # it opens on the scores; moderation is next
        seen = []
        for _ in range(5):
            seen.append(words(pilot, "#moderation-line").split(":")[1].split(",")[0].strip())
            # Every criterion agreed at the top of the scale (the cursor moves on): the ranking moves a lot.
            await pilot.press(*["down"] * 6, *["5", "A", "enter"] * len(CRITERIA), "pagedown")
        assert sorted(seen) == [f"Group {n}" for n in range(1, 6)]


async def test_on_the_agreed_row_the_cursor_moves_on_to_the_next_criterion(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        a_round(pilot, applications=1)
        run = live(pilot.app).run_command
        for member in ("p1", "p2"):
            for criterion in CRITERIA:
                run("enter_score", member=member, application="app1", criterion=criterion, level=3)
        run("reveal_scores")
        await pilot.press("c", "tab", *["down"] * 6, "3", "enter", "4", "enter")
        agreed = {a.criterion: a.level for a in panel_of(pilot).agreed}
        assert agreed == {"need": 3, "voice": 4}


async def test_the_money_column_follows_the_decisions_after_a_smaller_award(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(120, 30)) as pilot:
        a_round(pilot, applications=3, pot=50_000)  # three of £20,000: two fit in rank order
        run = live(pilot.app).run_command
        for number, level in [(1, 5), (2, 4), (3, 3)]:
            for member in ("p1", "p2"):
                for criterion in CRITERIA:
                    run("enter_score", member=member, application=f"app{number}", criterion=criterion, level=level)
        run("reveal_scores")
        await pilot.press("c", "tab", "tab")
        ranking = pilot.app.screen.query_one("#ranking-table", DataTable)
        assert ranking.get_row("app3")[5] == "does not fit"
        await pilot.press("s", *"5000", "tab", *"A start", "ctrl+s")  # the first gets £5,000 of its £20,000
        await pilot.pause()
        assert ranking.get_row("app1")[4:] == ["fund less", "£5,000 given"]
        assert ranking.get_row("app3")[5] == "fits"  # the money a smaller award left now reaches it
        assert "Still fits the £45,000 left: Group 2, Group 3." in words(pilot, "#ranking-line")


async def test_a_typed_score_is_drawn_in_its_cell_on_screen_not_only_kept(sessions_dir: Path, clock: FakeClock) -> None:
    from textual.geometry import Region

    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        a_round(pilot, applications=2)
        await pilot.press("c", *"52", "n", "right", "left")  # the cursor leaves the row and comes back
        await pilot.press("4")  # the fourth cell
        await pilot.pause()
        sheet = pilot.app.screen.query_one("#score-sheet", DataTable)
        lines = [
            "".join(segment.text for segment in strip)
            for strip in sheet.render_lines(Region(0, 0, sheet.size.width, 4))
        ]
        first = next(line for line in lines if "Group 1" in line)
        assert first.split()[3:] == ["5", "2", "none", "4", "·"]


async def test_enter_on_an_application_shows_its_summary_and_where_the_whole_of_it_is(
    sessions_dir: Path, clock: FakeClock
) -> None:
    async with panel_app(sessions_dir, clock).run_test(size=(80, 24)) as pilot:
        roster(pilot)
        run = live(pilot.app).run_command
        run("open_round", pot_pence=100_000_00)
        run(
            "add_application",
            organisation="Hillside Lunch Club",
            project="Hot lunches",
            amount_pence=96_000_00,
            summary="A hot lunch three days a week.",
            link="applications/01-hillside.pdf",
        )
        await pilot.press("c", "shift+tab", "shift+tab")  # from the scores back to the applications
        table = pilot.app.screen.query_one("#applications-table", DataTable)
        assert table.get_row("app1")[3] == "£96,000"  # the amount is never cut at 80 columns
        await pilot.press("enter")
        shown = [n.message for n in pilot.app._notifications]
        assert any("A hot lunch three days a week." in m and "applications/01-hillside.pdf" in m for m in shown)


async def test_typing_over_a_score_a_member_typed_in_their_own_window_asks_first(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.store.open_session import Command

    async with panel_app(sessions_dir, clock).run_test(size=(100, 30)) as pilot:
        await two_applications(pilot)
        owner = live(pilot.app).owner
        criterion = panel_of(pilot).round.criteria[0].id
        # Margaret types her own first score in her own window.
        owner.carry_out(
            Command(
                "enter_score",
                {"member": "p1", "application": "app1", "criterion": criterion, "level": 4},
                id="1",
                role="member",
                window="member: Margaret",
                window_id="margaret",
            )
        )
        await pilot.press("tab", "tab")  # Margaret's sheet, on her first cell
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert "typed this score in their own window" in str(pilot.app.screen.query_one(".question", Static).content)
        await pilot.press("n")  # leave it
        await pilot.pause()
        assert panel_of(pilot).scores[0].level == 4
        await pilot.press("2", "y")  # asked again, and yes
        await pilot.pause()
        kept = panel_of(pilot).scores[0]
        assert (kept.level, kept.typed_over) == (2, "member: Margaret") and kept.window.startswith("facilitator")


async def test_the_chair_sees_who_may_join_with_each_members_code_and_lets_guests_in(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.core.joining import spaced
    from workshop_tui.ui.screens.who_may_join import WhoMayJoinScreen

    async with panel_app(sessions_dir, clock).run_test(size=(100, 40)) as pilot:
        roster(pilot)
        live(pilot.app).run_command("open_round", pot_pence=50_000_00)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WhoMayJoinScreen)
        shown = words(pilot, "#who-words")
        session = live(pilot.app).session
        for person in session.participants[:4]:  # the members, each with their own code
            assert f"{person.name}: {spaced(session.codes[person.id])}" in shown
        assert f"Their code: {spaced(session.codes['facilitator'])}" in shown and "Not let in" in shown
        await pilot.press("g")
        await pilot.pause()
        assert live(pilot.app).owner.session.guests_allowed  # recorded
        assert "Let in" in words(pilot, "#who-words")
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, WhoMayJoinScreen)
        # Served to web browsers beyond this computer: the join code is there too, first and whole (the
        # title bar cut it at 80 columns, and a new user read out the co-chair's code instead).
        live(pilot.app).owner.say("Join code 2A7TJ5 · Browsers: http://192.168.1.5:8000/join for notes")
        await pilot.press("ctrl+g")
        await pilot.pause()
        shown = words(pilot, "#who-words")
        assert shown.startswith(
            "Web browsers (workshop-tui serve)\n  Join code 2A7TJ5\n  Browsers: http://192.168.1.5:8000/join"
        )
        assert "for web browsers only; a co-chair's code is below" in shown


async def test_a_note_takers_window_is_never_shown_the_codes(sessions_dir: Path, clock: FakeClock) -> None:
    from workshop_tui.store.open_session import Command, OpenSession
    from workshop_tui.ui.screens.who_may_join import WhoMayJoinScreen
    from tests.ui.test_windows_ui import joined_window_app

    owner = OpenSession.create(sessions_dir, PANEL_PLAN, "Fund", clock, "Ann", "Bob", gather_seconds=0)
    try:
        window, app = joined_window_app(owner, clock, "note-taker", "Bob")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert not isinstance(pilot.app.screen, WhoMayJoinScreen)
            assert "facilitator" not in owner.session.codes  # nothing was made from this window either
            with pytest.raises(Exception, match="Only the facilitator"):
                window.carry_out(Command("make_codes"))
        window.close()
    finally:
        owner.close()


async def test_a_reason_that_names_someone_is_flagged_as_it_is_typed() -> None:
    from textual.app import App

    from workshop_tui.model.round import Application
    from workshop_tui.ui.screens.panel_forms import AwardForm

    application = Application(id="app1", organisation="Hillside Lunch Club", project="Lunch", amount_pence=30_000_00)
    form = AwardForm(application, "decline", "", "£20,000", names=["Margaret Smith", "Dennis Hill"])

    class Host(App[Any]):
        def on_mount(self) -> None:
            self.push_screen(form)

    async with Host().run_test(size=(100, 30)) as pilot:
        await pilot.pause()  # the form is up, its reason field has the focus
        await pilot.press(*"As margaret's note said")
        await pilot.pause()
        warning = str(form.query_one("#award-names", Static).content)
        assert "this names Margaret Smith" in warning and "The applicant will read this reason" in warning
        await pilot.press(*["backspace"] * len("As margaret's note said"), *"A panel member's note said")
        await pilot.pause()
        assert str(form.query_one("#award-names", Static).content) == ""


def test_the_panels_money_line_says_over_the_pot_never_a_minus_sign() -> None:
    from workshop_tui.ui.screens.panel import _left_line

    assert _left_line(5_000_00) == "Left £5,000" and _left_line(-34_650_00) == "£34,650 over the pot"
