"""Each decision method's tally and warnings: read out to the room, never decided for it."""

from datetime import UTC, datetime
from typing import Any

from workshop_tui.core.decision_tally import check_decision, tally
from workshop_tui.model import Decision

AT = datetime(2026, 7, 8, 11, tzinfo=UTC)


def decision(**fields: Any) -> Decision:
    return Decision(id="d1", at=AT, step="s1", question="Q", **fields)


def test_majority_vote_shows_the_result() -> None:
    assert tally(decision(method="majority vote", votes_for=5, votes_against=2, abstentions=1)).summary == (
        "5 for, 2 against, 1 abstained: more for than against."
    )
    assert "a tie" in tally(decision(method="majority vote", votes_for=3, votes_against=3)).summary
    assert "more against" in tally(decision(method="majority vote", votes_for=1, votes_against=3)).summary


def test_fist_of_five_says_whether_everyone_is_at_three_or_more() -> None:
    everyone = tally(decision(method="fist-of-five", fingers=[0, 0, 0, 2, 3, 1]))
    assert everyone.summary == "2 showed 3, 3 showed 4, 1 showed 5. Everyone is at 3 or more."
    assert everyone.warnings == []
    some = tally(decision(method="fist-of-five", fingers=[0, 1, 1, 2, 3, 1]))
    assert "Not everyone is at 3 or more" in some.summary
    assert some.warnings == ["2 people showed fewer than 3 fingers: hear what would help them."]


def test_dot_vote_ranks_the_options() -> None:
    result = tally(decision(method="dot vote", dots={"Library": 7, "Cafe": 3, "Hall": 7}))
    assert result.summary == "Most dots first: Hall 7 dots; Library 7 dots; Cafe 3 dots."


def test_consent_counts_objections() -> None:
    assert tally(decision(method="consent", objections=0)).summary == "No objections were raised."
    assert tally(decision(method="consent", objections=1)).summary.startswith("1 objection was raised")


def test_quorum_warning_when_too_few_are_present() -> None:
    result = tally(decision(present=["p1", "p2", "p3", "p4"]), quorum=5)
    assert result.warnings == ["Only 4 people present, but the quorum is 5. The decision may not count."]
    assert tally(decision(present=["p1"] * 5), quorum=5).warnings == []


def test_a_decision_made_by_staff_alone_is_flagged() -> None:
    assert "Made by staff alone, not by the group." in tally(decision(made_by="staff")).warnings


def test_the_outcome_is_never_set_by_the_tally() -> None:
    d = decision(method="majority vote", votes_for=9, votes_against=0)
    tally(d)
    assert d.outcome == "deferred"


# Issue 9, item 15: impossible counts and outcomes the counts do not support are said in words.


def test_counts_larger_than_the_room_are_warned_about() -> None:
    votes = check_decision(
        decision(method="majority vote", votes_for=5, votes_against=2, abstentions=1, present_count=6)
    )
    assert votes == ["8 votes were counted (for, against and abstained), but only 6 people were present."]
    hands = check_decision(decision(method="fist-of-five", fingers=[0, 0, 0, 4, 3, 0], present=["p1"] * 6))
    assert hands == ["7 people showed fingers, but only 6 were present."]
    objections = check_decision(decision(method="consent", objections=2, present_count=1))
    assert objections == ["2 objections were counted, but only 1 person was present."]
    assert check_decision(decision(method="majority vote", votes_for=8)) == []  # nobody said how many were there


def test_an_outcome_the_counts_do_not_support_is_warned_about_but_never_changed() -> None:
    consent = decision(method="consent", objections=1, outcome="agreed")
    assert check_decision(consent) == [
        "Recorded as agreed by consent, but 1 objection was raised. Consent means nobody objects."
    ]
    assert consent.outcome == "agreed"
    fingers = check_decision(decision(method="fist-of-five", fingers=[0, 0, 1, 3, 0, 0], outcome="agreed"))
    assert fingers == [
        "Recorded as agreed, but 1 person showed fewer than 3 fingers. By fist-of-five, a proposal is agreed when everyone shows 3 or more."
    ]
    lost = check_decision(decision(method="majority vote", votes_for=3, votes_against=3, outcome="agreed"))
    assert lost == ["Recorded as agreed, but the vote was 3 for and 3 against: a tie, not a majority."]
    won = check_decision(decision(method="majority vote", votes_for=4, votes_against=1, outcome="not agreed"))
    assert won == ["Recorded as not agreed, but the vote was 4 for and 1 against: a majority for."]
    assert check_decision(decision(method="consent", objections=1, outcome="not agreed")) == []
    assert check_decision(decision(method="fist-of-five", fingers=[0, 0, 0, 1, 2, 3], outcome="agreed")) == []


def test_dissent_from_someone_not_present_is_warned_about() -> None:
    assert check_decision(decision(present=["p1", "p2"], dissent="No", dissent_by="p3")) == [
        "The person recorded as dissenting is not ticked as present."
    ]


def test_the_tally_shows_the_warnings_kept_with_a_decision_once() -> None:
    kept = "8 votes were counted (for, against and abstained), but only 6 people were present."
    d = decision(method="majority vote", votes_for=8, present_count=6, warnings=[kept, "An older warning."])
    assert tally(d).warnings == [kept, "An older warning."]
