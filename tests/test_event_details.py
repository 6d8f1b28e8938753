"""Each kind of event declares the shape of its details; reading it keeps what the rules did with the plain dict."""

from datetime import date

import pytest

from workshop_tui.core.event_details import NoDetails
from workshop_tui.core.event_kinds import Kind, rule_of
from workshop_tui.core.panel_events import ApplicationAdded, ScoreEntered
from workshop_tui.core.record_events import ActionAdded, NoteChanged, NoteTaken
from workshop_tui.core.session_events import StepAdded, StepChanged, StepEdited


def test_every_kind_declares_the_shape_of_its_details() -> None:
    for kind in Kind:
        found = rule_of(kind)
        assert found is not None and found.shape is not NoDetails, kind


def test_a_missing_key_is_named_as_the_plain_dict_named_it() -> None:
    with pytest.raises(KeyError, match="'to'"):
        StepChanged.read({"from": "s1"})


def test_a_missing_key_with_a_default_takes_it_as_the_rules_did() -> None:
    added = StepAdded.read({"after": "s1", "step": "s9", "title": "Tea", "minutes": "10"})
    assert (added.kind, added.minutes, added.instructions, added.prompts, added.decides_by) == (
        "activity",
        10,
        "",
        [],
        "",
    )
    assert NoteTaken.read({"note": "n1", "step": "s1", "kind": "idea", "text": 5}).text == "5"


def test_a_key_whose_absence_means_something_is_none_when_left_out() -> None:
    assert StepEdited.read({"step": "s2"}) == StepEdited(step="s2")
    assert StepEdited.read({"step": "s2"}).title is None
    assert NoteChanged.read({"note": "n1", "text": "Tea"}).by is None
    assert ScoreEntered.read({"member": "p1", "application": "a1", "criterion": "need"}).level is None


def test_a_list_default_is_made_anew_for_each_event() -> None:
    first = NoteTaken.read({"note": "n1", "step": "s1", "kind": "idea", "text": "Tea"})
    second = NoteTaken.read({"note": "n2", "step": "s1", "kind": "idea", "text": "Cake"})
    assert first.also_by == second.also_by == [] and first.also_by is not second.also_by


def test_a_wrong_whole_number_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="the event's amount is not a whole number"):
        ApplicationAdded.read({"application": "a1", "organisation": "Choir", "project": "Songs", "amount": "lots"})


def test_the_plain_dict_has_the_keys_in_order_and_leaves_out_what_the_commands_left_out() -> None:
    assert StepChanged(from_="s1", to="s2").plain() == {"from": "s1", "to": "s2"}
    assert list(ActionAdded(action="a1", step="s1", text="Book the hall").plain()) == [
        "action",
        "step",
        "text",
        "owner",
    ]
    due = ActionAdded(action="a1", text="Book the hall", due=date(2026, 7, 1), from_note="n2").plain()
    assert list(due) == ["action", "step", "text", "owner", "due", "from_note"]
    taken = NoteTaken(note="n1", step="s1", kind="idea", text="Tea", by="p1")
    assert taken.plain() == {"note": "n1", "step": "s1", "kind": "idea", "text": "Tea", "by": "p1"}
    assert NoteTaken.read(taken.plain()) == taken


def test_a_join_code_event_without_its_code_is_passed_over_and_one_for_nobody_is_refused() -> None:
    """An exported copy keeps a code event without its code, and an old hand-edited one may lack its
    holder too: such a file loads as it always did. A code with no one to hold it is refused."""
    from workshop_tui.core.event_kinds import apply_event
    from workshop_tui.model import Event
    from tests.conftest import TEN_AM, small_session

    session = small_session()
    apply_event(session, Event(at=TEN_AM, kind=Kind.SESSION_CODE, details={}))
    apply_event(session, Event(at=TEN_AM, kind=Kind.SESSION_CODE, details={"holder": "p1"}))
    assert session.codes == {}
    apply_event(session, Event(at=TEN_AM, kind=Kind.SESSION_CODE, details={"holder": "p1", "code": "K7Q2"}))
    assert session.codes == {"p1": "K7Q2"}
    with pytest.raises(KeyError, match="'holder'"):
        apply_event(session, Event(at=TEN_AM, kind=Kind.SESSION_CODE, details={"code": "Z9X1"}))
