"""A property over generated sessions with a window of every role (core/roles.py, core/joining.py): whatever
the windows send, in any order, no event is made by a role the table does not allow, a member's window
acts only for that member, and the outputs name the person and role behind each recorded act."""

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.event_kinds import Kind
from workshop_tui.core.joining import NotWelcome, who_joins
from workshop_tui.core.record_commands import NotNow
from workshop_tui.core.roles import Role, may
from workshop_tui.export.markdown_minutes import markdown_minutes
from workshop_tui.export.panel_csv import scores_csv
from workshop_tui.export.panel_facts import who_did
from workshop_tui.export.panel_report import markdown_report
from workshop_tui.model import Action, Decision, Note
from workshop_tui.store.open_session import REFUSED, Command, OpenSession
from workshop_tui.store.session_file import load_session
from tests.conftest import TEN_AM, plan_named
from tests.panel_helpers import CRITERIA, MEMBERS

# Which command makes each kind of event these windows can cause: the table is asked about that command.
MADE_BY: dict[str, set[str]] = {
    Kind.NOTE_ADD: {"add_note"},
    Kind.ACTION_ADD: {"add_action"},
    Kind.DECISION_ADD: {"record_decision"},
    Kind.STEP_NEXT: {"next_step"},
    Kind.STEP_PREVIOUS: {"previous_step"},
    Kind.TIMER_START: {"start_timer", "toggle_timer"},
    Kind.TIMER_PAUSE: {"pause_timer", "toggle_timer"},
    Kind.PERSON_LEAVE: {"person_left"},
    Kind.SESSION_SHARE: {"share_agenda"},
    Kind.SESSION_GUESTS: {"allow_guests"},
    Kind.SESSION_ROOM_RECORD: {"room_record"},
    Kind.SESSION_CODE: {"make_codes", "open_round", "add_person"},
    Kind.DECLARATION_ADD: {"declare_interest", "declare_no_interests"},
    Kind.SCORE_ENTER: {"enter_score"},
    Kind.SCORES_REVEAL: {"reveal_scores"},
    Kind.AWARD_MAKE: {"make_award"},
}

APPLICATIONS = ["app1", "app2"]


def commands() -> st.SearchStrategy[Command]:
    member = st.sampled_from(["p1", "p2", "p3", "p4"])
    application = st.sampled_from(APPLICATIONS)
    return st.one_of(
        st.builds(lambda n: Command("add_note", {"typed": f"note {n}"}), st.integers(0, 99)),
        st.builds(lambda n: Command("add_action", {"text": f"action {n}"}), st.integers(0, 99)),
        st.just(Command("record_decision", {"question": "Meet again?", "method": "consensus", "outcome": "agreed"})),
        st.sampled_from(
            [Command("next_step"), Command("previous_step"), Command("start_timer"), Command("pause_timer")]
        ),
        st.builds(lambda p: Command("person_left", {"person_id": p}), st.sampled_from(["p1", "p2", "p5"])),
        st.builds(lambda on: Command("share_agenda", {"agenda": on}), st.booleans()),
        st.builds(lambda on: Command("allow_guests", {"allowed": on}), st.booleans()),
        st.builds(lambda on, names: Command("room_record", {"on": on, "names": names}), st.booleans(), st.booleans()),
        st.builds(
            lambda m, a: Command("declare_interest", {"member": m, "application": a, "interest": "Trustee"}),
            member,
            application,
        ),
        st.builds(
            lambda m, a, c, level: Command(
                "enter_score", {"member": m, "application": a, "criterion": c, "level": level}
            ),
            member,
            application,
            st.sampled_from(CRITERIA),
            st.integers(1, 5),
        ),
        st.just(Command("reveal_scores")),
        st.builds(
            lambda a: Command("make_award", {"application": a, "outcome": "fund in full", "reason": "Strong"}),
            application,
        ),
    )


# The windows: who asks, and with what; the owner decides who each is (core/joining.py), as at a hello.
WINDOWS: list[tuple[Role, str, str, bool]] = [
    ("facilitator", "Grace Obi", "", True),
    ("note-taker", "Tom", "", False),
    ("note-taker", "A Visitor", "", False),
    ("member", "", "p1", False),
    ("member", "", "p3", False),
    ("audience", "", "", False),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(WINDOWS) - 1), commands()), min_size=1, max_size=40))
def test_no_event_is_made_by_a_role_the_table_does_not_allow_and_every_output_names_who_did_it(
    sent: list[tuple[int, Command]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        owner = OpenSession.create(
            Path(folder),
            plan_named("commissioning-shortlisting"),
            "Fund",
            FakeClock(TEN_AM),
            "Grace Obi",
            gather_seconds=0,
        )
        try:
            for name, role in [*MEMBERS, ("Tom", "staff")]:
                owner.apply(Command("add_person", {"name": name, "role": role}))
            owner.apply(Command("open_round", {"pot_pence": 50_000_00}))
            for number in range(len(APPLICATIONS)):
                owner.apply(
                    Command(
                        "add_application", {"organisation": f"Club {number}", "project": "P", "amount_pence": 10_000_00}
                    )
                )
            owner.apply(Command("allow_guests", {"allowed": True}))
            before = len(owner.session.events)
            ids = itertools.count(1)
            for index, command in sent:
                asked, name, holder, key = WINDOWS[index]
                code = owner.session.codes.get(holder, "") if holder else ""
                try:
                    joiner = who_joins(owner.session, asked, name, code, has_key=key)
                except NotWelcome:
                    continue  # refused at its hello (guests were turned away): it sends nothing
                try:
                    owner.apply(
                        Command(
                            command.name, command.args, str(next(ids)), joiner.window, joiner.role, False, f"w{index}"
                        )
                    )
                except (NotNow, *REFUSED):
                    pass
            owner.flush()
            session = load_session(owner.path)
        finally:
            owner.close()

    shared = False
    for event in session.events[before:]:
        role, _, person = event.window.partition(": ")
        made_by = MADE_BY.get(event.kind, set())
        assert made_by, f"an event this test does not expect: {event.kind}"
        assert any(may(role, command, agenda_shared=shared) for command in made_by), (role, event.kind)
        if event.kind == Kind.SESSION_SHARE:
            shared = bool(event.details["agenda"])
        if role == "member":  # a member's window acts for that member alone
            own = next(p.id for p in session.participants if p.name == person)
            if "member" in event.details:
                assert event.details["member"] == own
        assert role != "audience"

    # The outputs name who did what, from the events.
    minutes = markdown_minutes(session)
    records: list[Note | Decision | Action] = [*session.notes, *session.decisions, *session.actions]
    several = len({r.window for r in records if r.window}) > 1
    for record in records:
        role, _, person = record.window.partition(": ")
        if several and person:
            assert f"window ({person})" in minutes
    if session.panel is not None and session.panel.revealed_at is not None:
        revealer = next(e for e in reversed(session.events) if e.kind == Kind.SCORES_REVEAL).window.partition(": ")[2]
        assert who_did(session, Kind.SCORES_REVEAL) == f"{revealer} (chair)"
        assert f"{revealer} (chair)" in markdown_report(session)
    table = scores_csv(session)
    for score in session.panel.scores if session.panel else []:
        assert score.window in table  # the window that typed each score
