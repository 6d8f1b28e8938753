"""The table of who may do what (core/roles.py), tested whole: every command a session takes, by every
role, with the agenda shared with the note-taker and without, through the owner and through a real
socket window. Generated from the commands, so a new command without a row fails here."""

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.commands import ARGUMENTS
from workshop_tui.core.roles import ROLES, Role, may, refusal
from workshop_tui.core.session_engine import NotNow
from workshop_tui.store.open_session import COMMANDS, Command, OpenSession
from workshop_tui.store.session_wire import read_key
from tests.conftest import plan_named
from tests.panel_helpers import the_panel
from tests.test_windows import answers, command, raw_window

_IDS = itertools.count(1)


@pytest.fixture(params=[False, True], ids=["agenda the facilitator's", "agenda shared"])
def owner(request: pytest.FixtureRequest, sessions_dir: Path, clock: FakeClock) -> Iterator[OpenSession]:
    """A panel's session with a window of every role able to join: the note-taker Bob, guests (any name),
    and the panel member Margaret, whose code is made as the round opens."""
    made = OpenSession.create(
        sessions_dir, plan_named("commissioning-shortlisting"), "Rights", clock, "Ann", "Bob", gather_seconds=0
    )
    made.apply(Command("add_person", {"name": "Margaret", "role": "older person"}))
    made.apply(Command("open_round", {"pot_pence": 10_000_00}))
    made.apply(Command("allow_guests", {"allowed": True}))
    made.apply(Command("share_agenda", {"agenda": request.param}))
    made.shared = request.param  # type: ignore[attr-defined]
    yield made
    made.close()


def outcome(apply: Callable[..., object]) -> str:
    """The refusal's words, or "" when the role was allowed (whatever else the command then said)."""
    try:
        apply()
    except NotNow as reason:
        return str(reason)
    return ""


def test_every_command_has_a_row_and_its_arguments_model() -> None:
    assert set(COMMANDS) == set(ARGUMENTS)
    for name in COMMANDS:
        assert any(may(role, name, agenda_shared=True) for role in ROLES), name  # some window may send it


@pytest.mark.parametrize("role", ROLES)
def test_through_the_owner_each_command_is_allowed_or_refused_as_the_table_says(owner: OpenSession, role: Role) -> None:
    for name in sorted(COMMANDS):
        # Empty arguments: a role is checked before them, so a refusal is the table's; an allowed command
        # may then be refused for its arguments, but never in the table's words.
        said = outcome(lambda name=name: owner.apply(Command(name, {}, role=role)))
        if may(role, name, agenda_shared=owner.shared):  # type: ignore[attr-defined]  # set by the fixture
            assert said != refusal(role, name), (role, name)
        else:
            assert said == refusal(role, name), (role, name, said)


@pytest.mark.parametrize("role", ROLES)
def test_through_a_real_socket_window_the_same(owner: OpenSession, role: Role) -> None:
    owner.serve()
    proof = {"facilitator": {"key": read_key(owner.path)}, "member": {"code": owner.session.codes["p1"]}}
    name = {"facilitator": "", "note-taker": "Bob", "guest": "Pat", "member": "", "audience": ""}[role]
    window = raw_window(owner, role, name, **proof.get(role, {}))
    welcome = next(
        answer
        for answer in answers(window, lambda answer: "welcome" in answer or "error" in answer)
        if "welcome" in answer or "error" in answer
    )  # one read may bring events after the welcome
    assert welcome["welcome"]["you"]["role"] == role  # the owner took the window for what it asked to be
    try:
        for name in sorted(COMMANDS):
            answer = command(window, str(next(_IDS)), name)
            said = answer.get("why", "")
            if may(role, name, agenda_shared=owner.shared):  # type: ignore[attr-defined]  # set by the fixture
                assert said != refusal(role, name), (role, name)
            else:
                assert said == refusal(role, name), (role, name, answer)
    finally:
        window.close()


def test_a_panel_members_own_window_never_runs_the_agenda_or_the_roster_even_when_the_note_taker_may(
    sessions_dir: Path, clock: FakeClock
) -> None:
    made = OpenSession.create(
        sessions_dir, plan_named("commissioning-shortlisting"), "Panel", clock, "Grace Obi", gather_seconds=0
    )
    try:
        for name in ("Pat Kelly", "Margaret"):
            made.apply(Command("add_person", {"name": name, "role": "older person"}))
        made.apply(Command("share_agenda", {"agenda": True}))
        pats: dict[str, Any] = {"role": "member", "window": "member: Pat Kelly", "window_id": "pat"}
        for name, args in (("next_step", {}), ("person_left", {"person_id": "p2"}), ("start_timer", {})):
            with pytest.raises(NotNow, match="This is a panel member's own window"):
                made.apply(Command(name, args, id=name, **pats))
        assert made.session.current_step == 0 and made.session.participants[1].left_at is None
        made.apply(Command("next_step", {}, role="note-taker", window="note-taker: Bob", window_id="bob", id="1"))
        assert made.session.current_step == 1  # the note-taker (not a member) may, while it is shared
    finally:
        made.close()


def test_the_chair_types_over_a_score_a_member_typed_in_their_own_window_only_when_asked_and_the_record_says_so(
    sessions_dir: Path, clock: FakeClock
) -> None:
    from workshop_tui.export.panel_csv import scores_csv

    made = OpenSession.create(
        sessions_dir, plan_named("commissioning-shortlisting"), "Panel", clock, "Grace Obi", gather_seconds=0
    )
    try:
        made.apply(Command("add_person", {"name": "Margaret", "role": "older person"}))
        made.apply(Command("open_round", {"pot_pence": 10_000_00}))
        made.apply(
            Command("add_application", {"organisation": "Oak Street Shed", "project": "Shed", "amount_pence": 5_000_00})
        )
        criterion = the_panel(made.session).round.criteria[0].id
        made.apply(Command("declare_no_interests", {"member": "p1"}))
        score = {"member": "p1", "application": "app1", "criterion": criterion}
        made.apply(
            Command(
                "enter_score",
                {**score, "level": 4},
                id="1",
                role="member",
                window="member: Margaret",
                window_id="margaret",
            )
        )
        with pytest.raises(NotNow, match="Margaret typed this score in their own window"):
            made.apply(Command("enter_score", {**score, "level": 2}))  # the chair's screen, not asked
        assert the_panel(made.session).scores[0].level == 4
        made.apply(Command("enter_score", {**score, "level": 2, "over_own": True}))  # asked, and said yes
        kept = the_panel(made.session).scores[0]
        assert (kept.level, kept.window, kept.typed_over) == (2, "facilitator: Grace Obi", "member: Margaret")
        assert "facilitator: Grace Obi (typed over what member: Margaret typed)" in scores_csv(made.session)
    finally:
        made.close()
