"""The example sessions shipped in sessions/, made by driving the engine as a facilitator would.

To make them again after a deliberate change:
    WORKSHOP_TUI_UPDATE_EXAMPLES=1 python -m pytest tests/test_example_sessions.py
"""

from datetime import date, datetime, timedelta, timezone

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.model import Session
from workshop_tui.store.plan_library import find_plan

UK_SUMMER = timezone(timedelta(hours=1))


def _engine(plan_name: str, title: str, start: datetime, facilitator: str, note_taker: str) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock(start)
    plan = find_plan(plan_name).plan
    return SessionEngine(new_session(plan, title, clock, facilitator, note_taker), clock), clock


def _run_step(engine: SessionEngine, clock: FakeClock, minutes: float, notes: list[str] = ()) -> None:
    """Spend `minutes` on the current step, taking the notes spread through it."""
    share = minutes / (len(notes) + 1)
    for note in notes:
        clock.advance(minutes=share)
        engine.add_note(note)
    clock.advance(minutes=share)


def training_part_1() -> Session:
    engine, clock = _engine(
        "co-production-part-1", "Co-production training, part 1 (Leeds)",
        datetime(2026, 7, 8, 10, 0, tzinfo=UK_SUMMER), "Sam Patel", "Jo Reid",
    )
    for name, role in [("Margaret", "older person"), ("Dennis", "older person"), ("Evelyn", "older person"),
                       ("Harold", "older person"), ("Priya", "volunteer"), ("Tom", "staff")]:
        engine.add_person(name, role)
    engine.start_timer()
    _run_step(engine, clock, 12, ["People arrived in good time. Tea and biscuits went down well."])
    engine.next_step()
    _run_step(engine, clock, 18, ["@margaret Hopes to learn how to get her group listened to",
                                  "@dennis Arriving tired but glad to be here", "@harold passed, which is fine"])
    engine.add_minutes(+3)
    engine.next_step()
    _run_step(engine, clock, 16, ["+ @evelyn One person speaks at a time",
                                  "+ @margaret Big print on the slides", "! @dennis The room is hard to hear in"])
    engine.record_decision(
        question="Do we agree to our group agreement?", method="fist-of-five", fingers=[0, 0, 0, 1, 3, 2],
        present=["p1", "p2", "p3", "p4", "p5", "p6"], outcome="agreed",
        statement="The group agreement stays on the wall all day.", reasons="Everyone showed three or more fingers.",
    )
    engine.next_step()
    _run_step(engine, clock, 22, ["? @evelyn Is co-production the same as consultation?",
                                  "> Ask the council how they involve older people"])
    engine.next_step()
    _run_step(engine, clock, 12)
    engine.next_step()
    _run_step(engine, clock, 21, ["@priya Our lunch club is at 'doing for' now",
                                  "+ @dennis Let members plan the menu with the cook"])
    engine.next_step()
    _run_step(engine, clock, 30)
    engine.next_step()
    _run_step(engine, clock, 20, ["@harold Reciprocity: people want something back, even a thank-you",
                                  "! @evelyn Buses stop at six, so evening events leave people out"])
    engine.next_step()
    _run_step(engine, clock, 16, ["+ @margaret Pay travel costs up front, not afterwards",
                                  "+ @priya Meet in places people already go"])
    engine.next_step()
    _run_step(engine, clock, 8)
    engine.add_action("Ask the council how they involve older people", owner="Tom", due=date(2026, 7, 15), from_note="n9")
    engine.note_dealt_with("n9")
    engine.next_step()
    engine.add_action("Talk to the cook about planning the menu together", owner="Dennis", due=date(2026, 7, 15))
    engine.add_action("Find out the bus times for the hall", owner="Evelyn", due=date(2026, 7, 15))
    _run_step(engine, clock, 10)
    engine.next_step()
    _run_step(engine, clock, 9, ["@margaret Feeling more confident", "@harold Enjoyed it"])
    engine.finish()
    return engine.session


def shortlisting_panel() -> Session:
    engine, clock = _engine(
        "commissioning-shortlisting", "Shortlisting panel, healthy ageing fund",
        datetime(2026, 9, 16, 10, 0, tzinfo=UK_SUMMER), "Grace Obi", "Alan Brook",
    )
    for name, role in [("Rita", "older person"), ("Ken", "older person"), ("Maureen", "older person"),
                       ("Stan", "older person"), ("Joyce", "older person"), ("Lena", "staff")]:
        engine.add_person(name, role)
    panel = ["p1", "p2", "p3", "p4", "p5"]
    engine.start_timer()
    _run_step(engine, clock, 10)
    engine.next_step()
    _run_step(engine, clock, 12, ["@ken Volunteers at the Friendship Club, one of the applicants: will leave for that item"])
    engine.next_step()
    _run_step(engine, clock, 15, ["? @joyce What does a 3 mean for value for money?"])
    engine.next_step()
    _run_step(engine, clock, 34, ["Scores are far apart for the walking football bid"])
    engine.next_step()
    _run_step(engine, clock, 15)
    engine.next_step()
    clock.advance(minutes=20)
    engine.person_left("p2")
    engine.record_decision(
        question="Shortlist the Friendship Club bid?", method="majority vote", votes_for=3, votes_against=1,
        abstentions=0, present=["p1", "p3", "p4", "p5"], outcome="agreed",
        statement="The Friendship Club bid goes to interview.", reasons="It scored well on reaching people who live alone.",
        dissent="Worried the costs are high for the number of people reached.", dissent_by="p4",
    )
    engine.person_arrived("p2")
    _run_step(engine, clock, 27, ["! @stan We keep coming back to the same two bids near the line"])
    engine.next_step()
    _run_step(engine, clock, 30)
    engine.next_step()
    clock.advance(minutes=30)
    engine.record_decision(
        question="Which bids to fund from the £60,000 pot?", method="dot vote",
        dots={"Friendship Club": 9, "Walking football": 7, "Digital drop-in": 4}, present=panel, outcome="agreed",
        statement="Fund the first two in full; defer the digital drop-in to the next round.",
        reasons="Ranked by score; the third no longer fits the money left.",
    )
    engine.add_minutes(+5)
    _run_step(engine, clock, 14)
    engine.next_step()
    _run_step(engine, clock, 10)
    engine.next_step()
    _run_step(engine, clock, 31, ["Reasons agreed for every bid, in words fit to share"])
    engine.next_step()
    _run_step(engine, clock, 25, ["+ @maureen Ask how older people shaped the bid"])
    engine.next_step()
    engine.add_action("Write to every applicant with the outcome and reasons", owner="Lena", due=date(2026, 9, 23))
    engine.add_action("Book rooms for the interviews", owner="Lena", due=date(2026, 9, 30))
    _run_step(engine, clock, 9)
    engine.finish()
    return engine.session


EXAMPLES = [training_part_1, shortlisting_panel]
