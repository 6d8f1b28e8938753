"""A session recorded by driving the engine, as a note-taker would, for export tests."""

from datetime import date

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.model import Plan, Session, Step
from tests.conftest import TEN_AM

TRICKY_NOTE = 'Said "no, thanks", then <script>alert(1)</script>\nand left'


def recorded_session() -> Session:
    clock = FakeClock(TEN_AM)
    plan = Plan(
        name="panel",
        title="Panel meeting",
        quorum=3,
        steps=[
            Step(title="Welcome", planned_minutes=10),
            Step(title="Tea", kind="break", planned_minutes=15),
            Step(title="Deciding", kind="decision", planned_minutes=30),
        ],
    )
    engine = SessionEngine(new_session(plan, "Panel, July", clock, "Fatima Khan", "Norah Lee"), clock)
    engine.add_person("Ann Jones", "older person")
    engine.add_person("Bob Smith", "older person")
    engine.add_person("Cat", "volunteer")
    engine.start_timer()
    clock.advance(minutes=3)
    engine.add_note("+ @ann Meet somewhere with a hearing loop")
    engine.add_note(f"! @bob {TRICKY_NOTE}")
    engine.add_note("> Bus times, parking | access")
    clock.advance(minutes=9)
    engine.next_step()
    clock.advance(minutes=15)
    engine.next_step()
    clock.advance(minutes=20)
    engine.record_decision(
        question="Meet monthly at the library?",
        method="majority vote",
        votes_for=2,
        votes_against=1,
        abstentions=0,
        present=["p1", "p2", "p3"],
        outcome="agreed",
        statement="We meet monthly.",
        reasons="It has a hearing loop; Ann Jones asked for it.",
        dissent="Too far for Bob Smith.",
        dissent_by="p2",
    )
    engine.add_action("Book the library room", owner="Cat", due=date(2026, 7, 15))
    engine.add_action("Ask about buses", owner="Ann Jones", from_note="n3")
    engine.toggle_action("a1")
    clock.advance(minutes=5)
    engine.finish()
    return engine.session
