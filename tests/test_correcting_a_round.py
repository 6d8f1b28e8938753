"""A round that can be corrected, continued and ordered fairly: edits, withdrawals, removals, undone
imports and declarations, comments, sheets typed after the reveal, a later sitting, ties at the funding
line and each member's leniency. Each as events, each in the report."""

import pytest

from workshop_tui.core.panel_views import as_decided, leniency, ranking, tied_at_the_line
from workshop_tui.core.record_commands import NotNow
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.export.panel_report import markdown_report
from workshop_tui.model.round import TieBreak
from tests.conftest import plan_named
from tests.panel_helpers import CRITERIA, everyone_declares, panel_engine, score_everything, the_panel


def _ids(engine: SessionEngine) -> list[str]:
    return [a.id for a in the_panel(engine.session).round.applications]


def test_an_application_is_corrected_with_a_reason_and_the_report_says_what_changed() -> None:
    engine, _ = panel_engine()
    engine.edit_application(
        "app2", "The applicant sent a revised budget", amount_pence=18_000_00, project="Walks for everyone"
    )
    bid = the_panel(engine.session).application("app2")
    assert (bid.amount_pence, bid.project) == (18_000_00, "Walks for everyone")
    report = markdown_report(engine.session)
    assert "project from 'Walks for all' to 'Walks for everyone'" in report
    assert "amount from £20,000 to £18,000" in report and "The applicant sent a revised budget" in report
    with pytest.raises(NotNow, match="Nothing was changed"):
        engine.edit_application("app2", "again", amount_pence=18_000_00)
    with pytest.raises(NotNow, match="why it was corrected"):
        engine.edit_application("app2", " ", amount_pence=17_000_00)


def test_a_withdrawn_application_stays_on_record_and_is_never_scored_ranked_or_funded() -> None:
    engine, _ = panel_engine()
    score_everything(engine)
    engine.withdraw_application("app3", "The shed closed")
    engine.reveal_scores()
    with pytest.raises(NotNow, match="withdrawn"):
        engine.enter_score("p1", "app3", "need", 4)
    with pytest.raises(NotNow, match="withdrawn"):
        engine.make_award("app3", "fund in full", "Good")
    with pytest.raises(NotNow, match="withdrawn"):
        engine.agree_score("app3", "need", 3)
    row = next(r for r in ranking(the_panel(engine.session)) if r.application.id == "app3")
    assert row.place is None and row.why_not_ranked == "withdrawn: The shed closed"
    report = markdown_report(engine.session)
    assert "Oak Street Men's Shed was withdrawn" in report and "The shed closed" in report


def test_only_an_unscored_application_can_be_removed_and_its_number_is_never_given_again() -> None:
    engine, _ = panel_engine()
    engine.enter_score("p1", "app1", "need", 3)
    with pytest.raises(NotNow, match="has scores already"):
        engine.remove_application("app1")
    engine.declare_interest("p2", "app4", "I sing there")
    engine.remove_application("app4", "Typed twice")
    assert "app4" not in _ids(engine)
    assert not any(d.application == "app4" for d in the_panel(engine.session).declarations)
    engine.add_application("Canal Side Singers", "Songs for memory", 15_000_00)
    assert _ids(engine)[-1] == "app5"
    assert "Canal Side Singers was removed, with 1 declaration about it" in markdown_report(engine.session)


def test_an_import_is_undone_whole_until_scoring_starts() -> None:
    engine, _ = panel_engine(declared=False)
    rows = [{"organisation": f"Group {n}", "project": "Tea", "amount_pence": 1_000_00} for n in range(3)]
    engine.add_applications(rows, imported=True)
    engine.add_applications(rows[:2], imported=True)
    engine.undo_import()
    assert _ids(engine) == ["app1", "app2", "app3", "app4", "app5", "app6", "app7"]
    with pytest.raises(NotNow, match="no import to undo"):  # the one before is never taken for the last
        engine.undo_import()
    engine.add_applications(rows[:1], imported=True)
    engine.remove_application("app10")  # the last import's only row, removed by hand
    with pytest.raises(NotNow, match="no import to undo"):
        engine.undo_import()
    engine.add_applications(rows, imported=True)
    engine.undo_import()
    assert _ids(engine) == ["app1", "app2", "app3", "app4", "app5", "app6", "app7"]
    engine.add_applications(rows, imported=True)
    everyone_declares(engine)
    engine.enter_score("p1", "app1", "need", 3)
    with pytest.raises(NotNow, match="Scoring has started"):
        engine.undo_import()
    assert "The import of 3 applications was undone" in markdown_report(engine.session)


def test_a_declaration_made_in_error_is_undone_and_what_it_set_aside_counts_again() -> None:
    engine, _ = panel_engine()
    score_everything(engine)
    engine.reveal_scores()
    engine.make_award("app1", "fund in full", "It meets a real need", departure_reason="Close to the others")
    panel = engine.session.panel
    assert panel is not None
    counted = panel.totals[("app1", "need")]
    engine.declare_interest("p2", "app1", "My wife volunteers there")
    assert panel.totals[("app1", "need")][1] == counted[1] - 1 and panel.awards[0].to_confirm
    declaration = next(d for d in panel.declarations if d.application == "app1")
    with pytest.raises(NotNow, match="why it was made in error"):
        engine.undo_declaration(declaration.id, "")
    engine.undo_declaration(declaration.id, "It was Derek's wife, not Dennis's")
    assert panel.totals[("app1", "need")] == counted and not panel.awards[0].to_confirm
    assert "Dennis's declared interest in Hillside Lunch Club" in markdown_report(engine.session)
    with pytest.raises(NotNow, match="not on record"):
        engine.undo_declaration(declaration.id, "again")


def test_a_members_comment_is_kept_for_moderation_and_never_in_a_letter() -> None:
    from workshop_tui.export.feedback_letters import feedback_letters

    engine, _ = panel_engine()
    engine.add_comment("p1", "app1", "The budget has no room for transport")
    engine.declare_interest("p2", "app2", "I walk with them")
    with pytest.raises(NotNow, match="stepped out"):
        engine.add_comment("p2", "app2", "They are lovely")
    score_everything(engine)
    engine.reveal_scores()
    engine.make_award("app1", "fund in full", "It meets a real need", departure_reason="x")
    assert "The budget has no room for transport" in markdown_report(engine.session)
    assert all("transport" not in letter.markdown for letter in feedback_letters(engine.session))


def test_a_sheet_not_typed_before_the_reveal_is_entered_after_it_and_said_so() -> None:
    engine, _ = panel_engine()
    for member in ("p1", "p2", "p3"):  # Priya's sheet (p4) was left at home
        for application in _ids(engine):
            for criterion in CRITERIA:
                engine.enter_score(member, application, criterion, 3)
    engine.reveal_scores()
    assert "The ranking rests on 3 of 4 members' sheets" in markdown_report(engine.session)
    engine.enter_score("p4", "app1", "need", 5)
    score = next(s for s in the_panel(engine.session).scores if s.member == "p4")
    assert score.after_reveal
    with pytest.raises(NotNow, match="changed with a reason"):
        engine.enter_score("p4", "app1", "need", 4)
    assert "5 (entered after the reveal)" in markdown_report(engine.session)


def _two_sittings() -> tuple[SessionEngine, SessionEngine]:
    first, clock = panel_engine()
    score_everything(first, lambda member, app, criterion: 4)
    first.add_comment("p1", "app1", "Strong letters")
    clock.advance(minutes=7 * 24 * 60)
    second = SessionEngine(
        new_session(plan_named("commissioning-shortlisting"), "Healthy ageing fund, sitting 2", clock), clock
    )
    second.follow_on(first.session, "2026-07-08-1000.toml")
    return first, second


def test_a_round_continues_at_a_later_sitting_with_every_score_and_declaration_and_its_first_times() -> None:
    first, second = _two_sittings()
    before, after = first.session.panel, second.session.panel
    assert before is not None
    assert after is not None and [a.id for a in after.round.applications] == [a.id for a in before.round.applications]
    assert len(after.scores) == len(before.scores) and after.totals == before.totals
    assert [s.at for s in after.scores] == [s.at for s in before.scores]  # when each was first typed
    assert {s.sitting for s in after.scores} == {"2026-07-08-1000.toml"}
    assert all(after.declared(p.id) for p in second.session.participants if p.role != "staff")
    assert after.sittings == ["Healthy ageing fund (2026-07-08-1000.toml)"]
    assert set(second.session.codes) >= {p.id for p in second.session.participants if p.role != "staff"}
    second.reveal_scores()  # moderation and the awards happen at this sitting
    second.agree_score("app1", "need", 4)
    assert "continued from an earlier sitting" in markdown_report(second.session)


def _tied_round(pot_pence: int, tie_break: TieBreak) -> SessionEngine:
    engine, _ = panel_engine(pot_pence=pot_pence, declared=False)
    the_panel(engine.session).round.tie_break = tie_break
    # app1 and app2 both get the same scores; app3 and app4 lower.
    score_everything(engine, lambda member, app, criterion: {"app1": 4, "app2": 4, "app3": 2, "app4": 2}[app])
    engine.reveal_scores()
    return engine


def test_the_tie_break_rule_is_said_where_it_separates_two_applications() -> None:
    engine = _tied_round(60_000_00, "smaller amount first")
    first, second = ranking(the_panel(engine.session))[:2]
    assert (first.application.id, second.application.id) == ("app2", "app1")
    assert (
        second.tie_note
        == "Same score as Riverside Walkers; Riverside Walkers asks for less, so comes first (the tie-break rule)"
    )


def test_no_funding_line_falls_inside_a_tie_and_the_chair_orders_it_with_a_reason() -> None:
    # £40,000: one of the tied £30,000 and £20,000 fits, not both.
    engine = _tied_round(40_000_00, "the panel decides")
    panel = engine.session.panel
    assert panel is not None
    rows = as_decided(panel)
    assert [r.ranked.place for r in rows[:2]] == [1, 1] and not any(r.above_the_line for r in rows[:2])
    assert {r.application.id for r in tied_at_the_line(panel)} == {"app1", "app2"}
    with pytest.raises(NotNow, match="not tied"):
        engine.order_tie(["app1", "app3"], "x")
    engine.order_tie(["app1", "app2"], "The lunch club reaches people living alone")
    rows = as_decided(panel)
    assert [r.ranked.application.id for r in rows[:2]] == ["app1", "app2"]
    assert rows[0].above_the_line and not rows[1].above_the_line and tied_at_the_line(panel) == []
    report = markdown_report(engine.session)
    assert "the chair put Hillside Lunch Club first: The lunch club reaches people living alone" in report


def test_the_chairs_latest_order_counts_and_a_tied_application_is_never_called_ranked_higher() -> None:
    engine = _tied_round(40_000_00, "the panel decides")
    from workshop_tui.core.panel_views import departure

    panel = engine.session.panel
    assert panel is not None
    engine.order_tie(["app1", "app2"], "Reason")
    engine.order_tie(["app2", "app1"], "Changed our minds")  # the latest order counts
    assert [r.application.id for r in ranking(panel)[:2]] == ["app2", "app1"]
    panel.tie_orders.clear()
    # Funding one of a tie the money cannot fund in full chooses it: said as a tie, and a reason is asked.
    words = departure(panel, panel.application("app2"), "fund in full", 20_000_00)
    assert words == (
        "It is tied with Hillside Lunch Club (both are 1) where the money runs out, so funding it chooses it first."
    )
    with pytest.raises(NotNow, match="Please say why"):
        engine.make_award("app2", "fund in full", "Good walks")


def test_a_members_leniency_is_their_average_gap_from_the_others() -> None:
    engine, _ = panel_engine()
    score_everything(engine, lambda member, app, criterion: 5 if member == "p1" else 3)
    panel = engine.session.panel
    assert panel is not None
    p1, p2 = leniency(panel, "p1"), leniency(panel, "p2")
    assert p1 is not None and p1.words == "2.0 higher than the panel"
    assert p2 is not None and p2.words == "0.7 lower than the panel"  # 3 against (5+3+3)/3
    assert leniency(panel, "p5") is None  # Tom is staff: no scores


def test_a_stale_order_never_stops_the_ranking_and_one_joining_the_tie_leaves_it_tied() -> None:
    engine = _tied_round(40_000_00, "the panel decides")
    engine.order_tie(["app1", "app2"], "First")
    engine.order_tie(["app2", "app1"], "Second")
    for criterion in CRITERIA:  # Oak Street's agreed scores now tie it with the other two
        engine.agree_score("app3", criterion, 4)
        engine.agree_score("app1", criterion, 4)
        engine.agree_score("app2", criterion, 4)
    top = [r for r in ranking(the_panel(engine.session)) if r.place == 1]
    assert {r.application.id for r in top} == {"app1", "app2", "app3"} and all(r.tied and not r.tie_note for r in top)
    engine.order_tie(["app3", "app2", "app1"], "Ordered again")
    assert [r.application.id for r in ranking(the_panel(engine.session))[:3]] == ["app3", "app2", "app1"]


def test_a_tie_at_the_line_is_found_when_a_lower_bid_still_fits_and_funding_one_asks_why() -> None:
    from workshop_tui.core.panel_views import departure

    engine, _ = panel_engine(pot_pence=40_000_00)
    the_panel(engine.session).round.tie_break = "the panel decides"
    engine.edit_application("app3", "Revised", amount_pence=25_000_00)
    score_everything(engine, lambda member, app, criterion: {"app1": 4, "app2": 4, "app3": 3, "app4": 1}[app])
    engine.reveal_scores()
    panel = engine.session.panel
    assert panel is not None
    assert {r.application.id for r in tied_at_the_line(panel)} == {"app1", "app2"}
    rows = {r.ranked.application.id: r for r in as_decided(panel)}
    assert rows["app1"].money_words == rows["app2"].money_words == "tied at the line"
    assert "tied with Hillside Lunch Club" in departure(panel, panel.application("app2"), "fund in full", 20_000_00)
    with pytest.raises(NotNow, match="Please say why"):
        engine.make_award("app2", "fund in full", "Good walks")
    assert "are tied where the money runs out" in markdown_report(engine.session)


def test_removing_an_application_or_undoing_out_of_order_never_leaves_a_member_undeclared() -> None:
    engine, _ = panel_engine()  # everyone said "no interests"
    engine.enter_score("p2", "app1", "need", 3)
    engine.declare_interest("p2", "app4", "I sing there")
    engine.declare_interest("p2", "app3", "My shed")
    engine.remove_application("app4")  # the interest that replaced his "none" goes with it
    panel = engine.session.panel
    assert panel is not None
    assert panel.declared("p2") and panel.has_interest("p2", "app3")
    undo = next(d.id for d in panel.declarations if d.member == "p2" and d.application == "app3")
    engine.undo_declaration(undo, "Wrong shed")
    assert panel.declared("p2") and [d.application for d in panel.declarations if d.member == "p2"] == [""]


def test_only_the_chair_or_the_note_taker_undoes_a_declaration_and_ties_wait_for_the_reveal() -> None:
    engine, _ = panel_engine()
    score_everything(engine)
    engine.declare_interest("p2", "app1", "My wife volunteers there")
    interest = next(d.id for d in the_panel(engine.session).declarations if d.application == "app1")
    with engine.stamped("member: Dennis", "c1"), pytest.raises(NotNow, match="own window"):
        engine.undo_declaration(interest, "I changed my mind")
    with pytest.raises(NotNow, match="after the scores are revealed"):
        engine.order_tie(["app1", "app2"], "Early")
    from workshop_tui.core.roles import may

    assert may("note-taker", "undo_declaration") and not may("member", "undo_declaration")


def test_a_withdrawn_applicants_letter_says_it_was_withdrawn() -> None:
    from workshop_tui.export.feedback_letters import feedback_letters

    engine, _ = panel_engine()
    engine.withdraw_application("app2", "The group closed")
    letter = next(letter for letter in feedback_letters(engine.session) if "Riverside" in letter.markdown)
    assert "was withdrawn from this round" in letter.markdown and "The group closed" not in letter.markdown


def test_an_agreed_score_a_late_sheet_did_not_weigh_is_marked_to_check_until_agreed_again() -> None:
    engine, _ = panel_engine()
    for member in ("p1", "p2", "p3"):  # Priya's sheet (p4) came late
        for criterion in CRITERIA:
            engine.enter_score(member, "app1", criterion, 3)
    engine.reveal_scores()
    engine.agree_score("app1", "need", 3, "Members were within one level of each other.")
    engine.enter_score("p4", "app1", "need", 5)
    agreed = the_panel(engine.session).agreed[0]
    assert agreed.to_check == "Priya's score came in after this was agreed"
    assert "(to check: Priya's score came in after this was agreed)" in markdown_report(engine.session)
    engine.agree_score("app1", "need", 4, "With Priya's strong letters in mind")
    assert the_panel(engine.session).agreed[0].to_check == ""
