"""No form of a person's name reaches an applicant's letter or an anonymised output ([13]): as found, "Margaret
pointed out ..." in a reason reached the letter, as only the roster's whole name was replaced."""

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.export.anonymise import anonymise
from workshop_tui.export.feedback_letters import feedback_letters
from workshop_tui.export.markdown_minutes import markdown_minutes
from workshop_tui.export.panel_report import markdown_report
from tests.conftest import TEN_AM, plan_named
from tests.panel_helpers import CRITERIA, everyone_declares

# Names that are no everyday word, so finding one in an output is a leak, never the output's own words.
FIRST = ["Margaret", "Dennis", "Evelyn", "Priya", "Kwame", "Siobhán", "José", "Tomasz", "Aisling", "Gurpreet", "Norma"]
LAST = [
    "Okafor",
    "Smith-Jones",
    "Nakamura",
    "Kowalski",
    "O'Neill",
    "Álvarez",
    "Fitzgerald",
    "Oduya",
    "Brennan",
    "Haworth",
]


def bare(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The test's own folding (not the app's): no accents, a straight apostrophe, lower case."""
    return bare(text).replace("\u2019", "'").lower()


def forms(first: str, last: str) -> st.SearchStrategy[str]:
    """The ways a name is typed in a reason: whole, first or last alone, in any case, with 's; without its
    accents ("Jose"), with a phone's curly apostrophe ("O’Neill") or none ("ONeill")."""
    return st.sampled_from(
        [
            f"{first} {last}",
            first,
            last,
            first.upper(),
            last.lower(),
            f"{first}'s",
            f"{last}'s",
            f"{first.lower()}'s",
            f"@{first}",
            bare(first),
            bare(last).lower(),
            last.replace("'", "\u2019"),
            last.replace("'", ""),
            f"{bare(first)} {last.replace(chr(39), chr(0x2019))}",
        ]
    )


@st.composite
def named_rounds(draw: DrawFn) -> tuple[list[tuple[str, str]], list[str]]:
    people = draw(
        st.lists(
            st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)),
            min_size=2,
            max_size=4,
            unique_by=lambda person: person[0],
        )
    )
    said = [draw(forms(*draw(st.sampled_from(people)))) for _ in range(4)]
    return people, said


@settings(max_examples=80, deadline=None)
@given(named_rounds())
def test_no_form_of_a_roster_name_reaches_a_letter_or_an_anonymised_output(
    drawn: tuple[list[tuple[str, str]], list[str]],
) -> None:
    people, said = drawn
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(plan_named("commissioning-shortlisting"), "Fund", clock), clock)
    for first, last in people:
        engine.add_person(f"{first} {last}", "older person")
    engine.open_round(50_000_00)
    engine.add_application("Hillside Lunch Club", "Lunch", 10_000_00)
    engine.add_application("Riverside Walkers", "Walks", 10_000_00)
    everyone_declares(engine)
    engine.enter_score("p1", "app1", "need", 4, comment=f"{said[0]} knows this group")
    for criterion in CRITERIA:
        for number in range(1, len(people) + 1):
            engine.enter_score(f"p{number}", "app2", criterion, 3)
    engine.reveal_scores()
    engine.make_award("app1", "fund in full", f"As {said[1]} pointed out, it meets a need", departure_reason="ok")
    engine.make_award("app2", "decline", f"{said[2]} and {said[3]} felt it was unclear", departure_reason="ok")
    session = engine.session

    outputs = [letter.markdown for letter in feedback_letters(session)] + [
        letter.html for letter in feedback_letters(session)
    ]
    shared = anonymise(session)
    outputs += [markdown_report(shared), markdown_minutes(shared), shared.model_dump_json()]
    for first, last in people:
        for part in [first, *last.split("-"), last, last.replace("'", "")]:  # found however typed: matched folded
            found = [text for text in outputs if re.search(rf"(?<![\w]){re.escape(fold(part))}(?![\w])", fold(text))]
            assert not found, f"{part!r} is in an output: {found[0][:300]}"


def test_a_reason_is_checked_for_any_form_of_a_name_as_it_is_typed() -> None:
    from workshop_tui.export.anonymise import names_in

    roster = ["Margaret Smith", "Dennis Hill"]
    assert names_in("As margaret's note said", roster) == ["Margaret Smith"]
    assert names_in("HILL and Smith agreed", roster) == ["Margaret Smith", "Dennis Hill"]
    assert names_in("A panel member felt the hillside club was strong", roster) == []  # a whole word only
    assert names_in("Anne said so", ["Anne-Marie Jones"]) == ["Anne-Marie Jones"]  # each part of a double name


def test_a_surname_that_is_a_word_of_the_file_never_breaks_the_anonymised_copy() -> None:
    """Found on a second read: "Chris Round" turned the session's "round" into a name, and no letter could be written."""
    from tests.panel_helpers import panel_engine, score_everything

    engine, _ = panel_engine()
    engine.add_person("Chris Round", "older person")
    score_everything(engine)
    engine.reveal_scores()
    engine.add_person("Sam Guest", "guest")
    engine.make_award("app1", "decline", "Round about the same as others, Chris felt", departure_reason="ok")
    shared = anonymise(engine.session)
    assert shared.panel is not None and [p.role for p in shared.participants][-1] == "guest"
    letters = feedback_letters(engine.session)
    assert letters and not any(re.search(r"(?<!\w)chris(?!\w)", letter.markdown, re.IGNORECASE) for letter in letters)
