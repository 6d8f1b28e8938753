"""Every kind of event is named once, and everything about it is read from that one rule."""

import pytest

from workshop_tui.core.event_kinds import RULES, Area, Kind, event_words, redraws, rule, rule_of
from workshop_tui.model import Event
from tests.conftest import TEN_AM


def test_every_kind_has_one_rule_with_words_and_what_it_redraws() -> None:
    assert {kind for kind in Kind} == set(found.kind for kind in Kind if (found := rule_of(kind)) is not None)
    assert set(RULES) == {kind.value for kind in Kind}
    for kind in Kind:
        found = rule_of(kind)
        assert found is not None
        assert found.words and found.words[0].islower() and not found.words.endswith(".")
        assert found.redraws != Area.NOTHING


def test_a_second_rule_for_the_same_kind_is_refused() -> None:
    rule_of(Kind.NOTE_ADD)
    with pytest.raises(RuntimeError, match="two rules"):
        rule(Kind.NOTE_ADD, "again", Area.NOTES)(lambda session, event: None)


def test_the_replay_says_each_event_in_words_and_an_unknown_kind_by_its_name() -> None:
    assert event_words("note.add") == "a note was taken"
    assert event_words("later.kind") == "later.kind"


def test_a_note_redraws_the_notes_but_not_the_agenda_and_an_unknown_kind_redraws_everything() -> None:
    note = Event(at=TEN_AM, kind="note.add", details={})
    assert redraws([note]) & Area.NOTES and not redraws([note]) & Area.AGENDA
    assert redraws([Event(at=TEN_AM, kind="step.next", details={})]) & Area.AGENDA
    assert redraws([Event(at=TEN_AM, kind="later.kind", details={})]) == Area.ALL
