"""The panel's report never says one thing in words and another in its table, over generated rounds:
pots, amounts, agreed scores with many ties, awards of every kind, the chair's orders for ties."""

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from workshop_tui.core.record_commands import NotNow
from workshop_tui.export.panel_report import markdown_report
from workshop_tui.model.round import TieBreak
from tests.panel_helpers import CRITERIA, panel_engine
from tests.test_panel_export import md_tables

LINE = "The funding line"


# The pot; more applications (in £5,000s); each one's level; the tie break; awards; whether ties are ordered.
DecidedRound = tuple[int, list[int], list[int], TieBreak, list[tuple[int, str]], bool]


@st.composite
def decided_rounds(draw: DrawFn) -> DecidedRound:
    pot = draw(st.integers(1, 12)) * 10_000_00
    extra = draw(st.lists(st.integers(1, 8), min_size=0, max_size=4))  # more applications, in £5,000s
    levels = draw(
        st.lists(st.integers(2, 3), min_size=4 + len(extra), max_size=4 + len(extra))
    )  # few levels: many ties
    tie_break: TieBreak = draw(
        st.sampled_from(["smaller amount first", "higher score on the first criterion", "the panel decides"])
    )
    awards = draw(
        st.lists(
            st.tuples(st.integers(0, 7), st.sampled_from(["fund in full", "decline", "defer", "smaller"])), max_size=5
        )
    )
    order = draw(st.booleans())
    return pot, extra, levels, tie_break, awards, order


@settings(max_examples=120, deadline=None)
@given(decided_rounds())
def test_the_reports_statements_agree_with_its_tables(case: DecidedRound) -> None:
    pot, extra, levels, tie_break, awards, order = case
    engine, _ = panel_engine(pot_pence=pot)
    panel = engine.session.panel
    assert panel is not None
    panel.round.tie_break = tie_break
    for number, fives in enumerate(extra):
        engine.add_application(f"Group {number}", "Tea and talk", fives * 5_000_00)
    for application, level in zip([a.id for a in panel.round.applications], levels, strict=True):
        engine.enter_score("p1", application, "need", level)
    engine.reveal_scores()
    for application, level in zip([a.id for a in panel.round.applications], levels, strict=True):
        for criterion in CRITERIA:
            engine.agree_score(application, criterion, level)
    ids = [a.id for a in panel.round.applications]
    if order:
        from workshop_tui.core.panel_views import tied_at_the_line

        tied = tied_at_the_line(panel)
        if tied:
            engine.order_tie([r.application.id for r in reversed(tied)], "The panel chose")
    for index, outcome in awards:
        application = ids[index % len(ids)]
        try:
            if outcome == "smaller":
                engine.make_award(
                    application,
                    "fund a smaller amount",
                    "Part of it",
                    amount_pence=1_000_00,
                    departure_reason="We chose to",
                )
            else:
                engine.make_award(application, outcome, "Our reason", departure_reason="We chose to")
        except NotNow:
            pass
    report = markdown_report(engine.session)
    table = md_tables(report, "## The ranking")[0][1:]
    line_at = next((i for i, row in enumerate(table) if row[1].startswith(LINE)), None)
    short = [i for i, row in enumerate(table) if row[5] in ("does not fit the money left", "tied at the line")]
    if any(row[5] == "tied at the line" for row in table):
        assert "are tied where the money runs out" in report
    if short:
        assert line_at is not None and line_at < min(short), (
            "a row says it does not fit, above the line or with no line"
        )
        assert "there is no funding line" not in report
    else:
        assert line_at is None, "a funding line with nothing undecided short of money below it"
    if line_at is not None and 0 < line_at < len(table) - 1:
        above, below = table[line_at - 1][0], table[line_at + 1][0]
        assert not (above.endswith("(tied)") and above == below), "the funding line falls inside a tie"
    money = report[report.index("## The money") :]
    awarded = sum(a.amount_pence for a in panel.awards)
    assert ("more than the pot" in money) == (awarded > panel.round.pot_pence)
    assert "-£" not in report
