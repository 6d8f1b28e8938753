"""Who a window is (core/joining.py): a name on the roster, a guest while guests are let in, a panel
member only with their own code, a co-chair with the facilitator's code. As found in [12]: any name on
`join` acted as the chair, and a member who mistyped their name saw every sheet."""

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.joining import FACILITATOR_CODE, NotWelcome, normal_code, spaced, who_joins
from workshop_tui.core.record_commands import NotNow
from workshop_tui.export.anonymise import anonymise
from workshop_tui.export.json_export import json_session
from workshop_tui.export.member_cards import member_cards
from workshop_tui.model import Session
from workshop_tui.store.open_session import Command, OpenSession
from tests.conftest import plan_named, small_plan
from tests.panel_helpers import MEMBERS, panel_engine


def refusal(session: Session, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(NotWelcome) as refused:
        who_joins(session, *args, **kwargs)
    return str(refused.value)


def test_a_name_must_be_on_the_roster_and_a_close_miss_is_offered() -> None:
    engine, _ = panel_engine()
    session = engine.session
    assert who_joins(session, "note-taker", "tom").window == "note-taker: Tom"  # staff: takes notes
    assert refusal(session, "note-taker", "Stranger") == (
        "No one called Stranger is on the roster. Ask the facilitator to add you, or to let guests join."
    )
    assert refusal(session, "note-taker", "Margret").endswith("Did you mean Margaret?")
    assert refusal(session, "note-taker", "") == "Say who you are: your name as it is on the roster."


def test_a_panel_member_acts_as_themselves_only_with_their_own_code() -> None:
    engine, _ = panel_engine()
    session = engine.session
    # Her name alone never opens her window (it would show every sheet), nor a note-taker's.
    assert refusal(session, "note-taker", "Margaret") == (
        "Margaret is on the panel. A panel member's window needs their own code, which the chair has."
    )
    assert "needs that member's own code" in refusal(session, "member", "Margaret")
    code = session.codes["p1"]
    # The code decides the person, whatever name is typed with it, and however the code is spaced.
    assert who_joins(session, "note-taker", "Dennis", spaced(code).lower()).window == "member: Margaret"
    assert who_joins(session, "note-taker", "", f" {code[:3]}-{code[3:]} ").role == "member"
    assert (
        refusal(session, "note-taker", "Margaret", "AAAAAA")
        == "That code is not right. Check it with the chair or the facilitator."
    )


def test_every_member_has_a_different_code_made_as_the_round_opens_and_a_late_member_too() -> None:
    engine, _ = panel_engine()
    codes = engine.session.codes
    members = [p.id for p in engine.session.participants if p.role != "staff"]
    assert set(codes) == {FACILITATOR_CODE, *members}
    assert len(set(codes.values())) == len(codes)
    engine.add_person("Late Larry", "volunteer")
    assert engine.session.codes[engine.session.participants[-1].id] not in codes.values()
    before = dict(engine.session.codes)
    assert engine.make_codes() == [] and engine.session.codes == before  # a printed card goes on working


def test_the_facilitators_code_opens_a_co_chairs_window_under_their_own_name() -> None:
    engine, _ = panel_engine()
    code = engine.session.codes[FACILITATOR_CODE]
    assert who_joins(engine.session, "note-taker", "Grace Obi", code).window == "facilitator: Grace Obi"
    assert refusal(engine.session, "note-taker", "", code) == "Say your name too, so the record says who did what."
    assert "Only the facilitator's own computer" in refusal(engine.session, "facilitator", "Grace Obi")
    assert who_joins(engine.session, "facilitator", "", has_key=True).role == "facilitator"


def test_guests_join_only_while_the_facilitator_lets_them_and_a_window_may_ask_for_less() -> None:
    engine, _ = panel_engine()
    engine.allow_guests(True)
    assert who_joins(engine.session, "note-taker", "Visitor From Leeds").window == "guest: Visitor From Leeds"
    assert who_joins(engine.session, "guest", "Tom").window == "guest: Tom"
    assert "needs their own code" in refusal(engine.session, "note-taker", "Margaret")  # a member is still a member
    engine.allow_guests(False)
    assert "No one called Visitor" in refusal(engine.session, "note-taker", "Visitor From Leeds")
    assert [e.kind for e in engine.session.events[-2:]] == ["session.guests", "session.guests"]  # recorded


def test_the_note_taker_named_when_the_session_began_may_join_by_that_name(
    sessions_dir: Path, clock: FakeClock
) -> None:
    owner = OpenSession.create(sessions_dir, small_plan(), "Training", clock, "Ann", "Bob Jones")
    try:
        assert who_joins(owner.session, "note-taker", "bob  jones").window == "note-taker: Bob Jones"
    finally:
        owner.close()


def test_codes_never_leave_in_an_export_but_the_member_cards_which_are_private(tmp_path: Path) -> None:
    engine, _ = panel_engine()
    session = engine.session
    codes = set(session.codes.values())
    for shared in (json_session(session), anonymise(session).model_dump_json()):
        assert not any(code in shared for code in codes)
    cards = member_cards(session)
    for (name, _), person in zip(MEMBERS, session.participants[: len(MEMBERS)], strict=True):
        assert name in cards and spaced(session.codes[person.id]) in cards
    assert (
        "Tom" not in cards and spaced(session.codes[FACILITATOR_CODE]) not in cards
    )  # staff and the co-chair: no card
    assert cards.count('class="card"') == len(MEMBERS)


def test_member_cards_from_the_command_line_are_readable_by_their_owner_only(tmp_path: Path, clock: FakeClock) -> None:
    owner = OpenSession.create(tmp_path, plan_named("commissioning-shortlisting"), "Fund", clock, "Grace")
    for name, role in MEMBERS:
        owner.apply(Command("add_person", {"name": name, "role": role}))
    owner.apply(Command("open_round", {"pot_pence": 10_000_00}))
    codes = dict(owner.session.codes)
    owner.close()
    out = tmp_path / "cards.html"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "workshop_tui",
            "export",
            str(owner.path),
            "--format",
            "member-cards",
            "-o",
            str(out),
            "--sessions-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert all(spaced(codes[f"p{n}"]) in out.read_text() for n in range(1, len(MEMBERS) + 1))
    anonymised = subprocess.run(
        [
            sys.executable,
            "-m",
            "workshop_tui",
            "export",
            str(owner.path),
            "--format",
            "member-cards",
            "--anonymise",
            "--sessions-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert anonymised.returncode == 2 and "Leave out --anonymise" in anonymised.stderr


def join_says(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop_tui", "join", *args, "--sessions-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env={**os.environ, "WORKSHOP_TUI_CODE": ""},
    )


def test_join_under_a_name_not_on_the_roster_is_refused_before_any_screen_opens(
    tmp_path: Path, clock: FakeClock
) -> None:
    owner = OpenSession.create(tmp_path, small_plan(), "Training", clock, "Ann")
    owner.apply(Command("add_person", {"name": "Margaret Smith", "role": "older person"}))
    owner.close()
    stranger = join_says(tmp_path, "--name", "Stranger")
    assert stranger.returncode == 2 and stranger.stdout == ""
    assert stranger.stderr == (
        "workshop-tui: No one called Stranger is on the roster. Ask the facilitator to add you, "
        "or to let guests join.\n"
    )
    typo = join_says(tmp_path, "--name", "Margret Smith")
    assert typo.stderr == "workshop-tui: No one called Margret Smith is on the roster. Did you mean Margaret Smith?\n"
    nameless = join_says(tmp_path)
    assert nameless.returncode == 2 and "Say who you are" in nameless.stderr


def test_normal_code_takes_what_people_type() -> None:
    assert normal_code(" kx7-4mp ") == normal_code("KX7 4MP") == "KX74MP"


def test_in_a_panels_session_a_members_name_never_opens_a_window_even_before_the_round_opens(
    sessions_dir: Path, clock: FakeClock
) -> None:
    """Found on a second read: before the round opened, Margaret's name alone opened a note-taker's window,
    which kept its rights once the round was open."""
    owner = OpenSession.create(sessions_dir, plan_named("commissioning-shortlisting"), "Fund", clock, "Grace")
    try:
        owner.apply(Command("add_person", {"name": "Margaret Smith", "role": "older person"}))
        assert owner.session.panel is None
        assert "is on the panel" in refusal(owner.session, "note-taker", "Margaret Smith")
    finally:
        owner.close()


def test_a_member_with_no_name_on_the_roster_acts_by_their_id() -> None:
    engine, _ = panel_engine()
    engine.add_person("", "volunteer")
    unnamed = engine.session.participants[-1]
    joiner = who_joins(engine.session, "note-taker", "", engine.session.codes[unnamed.id])
    assert joiner.window == f"member: {unnamed.id}"
    engine.declare_no_interests(unnamed.id)
    with engine.stamped(joiner.window, "c1"):
        engine.enter_score(unnamed.id, "app1", "need", 3)  # their own sheet
        with pytest.raises(NotNow, match="only"):
            engine.enter_score("p1", "app1", "need", 3)


def test_referring_to_the_funder_is_only_for_an_application_nobody_is_free_to_decide() -> None:
    engine, _ = panel_engine()
    with pytest.raises(NotNow, match="Members are free to decide Hillside Lunch Club"):
        engine.make_award("app1", "refer to the funder", "We would rather not")


def test_a_stranger_at_the_browsers_join_page_is_never_offered_a_name_from_the_roster() -> None:
    engine, _ = panel_engine()
    assert "Did you mean" not in refusal(engine.session, "note-taker", "Tomm", suggest=False)
    assert "Did you mean Tom?" in refusal(engine.session, "note-taker", "Tomm")
