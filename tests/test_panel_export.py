"""A commissioning round's outputs: the funder's report, the feedback letters, the scores CSV, --anonymise,
the minutes' "The panel's work", and `workshop-tui export` for each."""

import csv
import io
import re
import stat
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from workshop_tui.cli import main
from workshop_tui.core.clock import FakeClock
from workshop_tui.core.record_commands import NotNow
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.export.anonymise import anonymise
from workshop_tui.export.feedback_letters import Letter, feedback_letters
from workshop_tui.export.markdown_minutes import markdown_minutes
from workshop_tui.export.minutes import minutes_sections
from workshop_tui.export.panel_csv import HEADER, scores_csv
from workshop_tui.export.panel_report import html_report, markdown_report
from workshop_tui.model import Session
from workshop_tui.model.round import pounds
from workshop_tui.store.problems import FileProblem
from workshop_tui.store.session_file import save_new_session
from tests.conftest import TEN_AM, plan_named, small_session
from tests.panel_helpers import CRITERIA, decided_round, everyone_declares, panel_engine

NAMES = ["Margaret", "Dennis", "Evelyn", "Priya", "Harold", "Tom"]


class Text(HTMLParser):
    """The tags of a page and its words, as a reader sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data + "\n"


def page_text(page: str) -> str:
    parsed = Text()
    parsed.feed(page)
    parsed.close()
    return parsed.text


def letter_to(session: Session, application_id: str) -> Letter:
    """The letter `workshop-tui export --letters` writes to one applicant."""
    return next(letter for letter in feedback_letters(session) if letter.application.id == application_id)


def md_text(markdown: str) -> str:
    """Markdown as it reads: the backslashes that keep people's words from being markup taken off."""
    return re.sub(r"\\(.)", r"\1", markdown)


def md_tables(markdown: str, after_heading: str) -> list[list[list[str]]]:
    """The tables in the section under `after_heading` (up to the next heading of the same level), as cells."""
    level = after_heading.split(" ")[0]
    start = markdown.index(after_heading + "\n")
    end = markdown.find(f"\n{level} ", start + 1)
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in markdown[start : end if end >= 0 else None].splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            current.append([cell.strip() for cell in line.strip()[1:-1].split(" | ")])
        elif current and not line.startswith("|---"):
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


@pytest.fixture(scope="module")
def decided() -> Session:
    engine, _ = decided_round()
    return engine.session


# The report: every part, in Markdown and in HTML.

EVERY_PART = [
    # The process: the pot, the criteria with weights and pass marks, the levels' words, the tie-break, the times.
    "The round opened at 10:00 on Wednesday 8 July 2026 with a pot of £50,000 to give.",
    "At 10:05 the pot changed from £50,000 to £60,000. The reason: The council added £10,000",
    "Meets a real need",
    "Good use of money",
    "5: An urgent need, very well shown, that nothing else meets.",
    "1: The costs are unclear or far too high.",
    "An application scored below a pass mark is not ranked",
    "When two applications had the same weighted score, the one asking for less money came first.",
    "The chair revealed the scores at 10:40 on Wednesday 8 July 2026.",
    # Attendance.
    "Panel members who scored:",
    "Tom (staff)",
    "They did not score",
    "Expected but not there: Harold (older person).",
    # Declarations.
    "I am a member of the lunch club",
    "My sister runs the choir",
    "yes: 5 scores set aside",
    "Said they had no links to declare: Margaret, Dennis.",
    "Not asked, or no answer recorded: Harold.",
    # Scores, with "no score" and "stepped out" as words.
    "no score",
    "stepped out",
    "stepped out (score withdrawn)",
    "Margaret on Meets a real need: Dennis knows this group better than I do",
    # Moderation: the change (from, to, reason, when) and every agreed score with its reason.
    "The letters of support are strong",
    "We agreed 4 after talking it through",
    # The ranking: ties, weighted scores, the funding line.
    "4 (tied)",
    "The funding line: £5,000 is left",
    "Tied places: 4.",
    # The awards and reasons, the departure and who stepped out.
    "Decision: Fund in full: £30,000.",
    "Decision: Fund a smaller amount: £25,000 of the £40,000 asked.",
    "This went against the ranking or the pot. It is ranked 2",
    "The panel's reason for that: The walks already have council money.",
    "Stepped out of this decision: Evelyn.",
    "Stepped out of this decision: Priya.",
    "No decision yet.",
    # The money.
    "The pot was £60,000. The panel awarded £55,000 to 2 applications.",
    "£5,000 is left.",
]


@pytest.mark.parametrize("form", ["md", "html"])
def test_the_report_has_every_part_in_markdown_and_in_html(decided: Session, form: str) -> None:
    text = md_text(markdown_report(decided)) if form == "md" else page_text(html_report(decided))
    missing = [part for part in EVERY_PART if part not in text]
    assert missing == []


def test_the_report_shows_each_members_scores_with_words_never_zero_or_blank(decided: Session) -> None:
    report = markdown_report(decided)
    criteria = [
        "Meets a real need",
        "Older people shape it",
        "Reaches people often left out",
        "Can be done well",
        "Good use of money",
    ]
    walkers = md_tables(report, "### Riverside Walkers: Walks for all")[0]
    assert walkers[0] == ["Panel member", *criteria]
    assert walkers[1] == ["Margaret", "no score", "4", "4", "4", "4"]
    assert walkers[2] == ["Dennis", "5 (changed)", "4", "4", "4", "4"]
    assert walkers[-1] == ["Agreed by the panel", "4", "4", "4", "4", "4"]
    lunch = md_tables(report, "### Hillside Lunch Club: Lunch and a chat")[0]
    assert lunch[3] == ["Evelyn", *["stepped out"] * 5]
    for heading in [
        "Hillside Lunch Club: Lunch and a chat",
        "Riverside Walkers: Walks for all",
        "Oak Street Men's Shed: Shed sessions",
        "Canal Side Singers: Songs for memory",
        "Canal Side Poets: Poems for memory",
    ]:
        for row in md_tables(report, f"### {heading}")[0][1:]:
            assert all(cell not in ("", "0") for cell in row), row


def test_the_report_lists_every_changed_and_agreed_score_and_the_ranking_with_its_line(decided: Session) -> None:
    report = markdown_report(decided)
    changed, agreed = md_tables(report, "## Changes in moderation")
    assert changed[1:] == [
        [
            "Riverside Walkers: Walks for all",
            "Dennis",
            "Meets a real need",
            "4",
            "5",
            "The letters of support are strong",
            "10:45",
        ]
    ]
    assert len(agreed) == 1 + 5 * 5  # every agreed score
    assert [
        "Riverside Walkers: Walks for all",
        "Meets a real need",
        "4",
        "no score, 5, 4, 4",
        "We agreed 4 after talking it through",
        "10:55",
        "-",
    ] in agreed
    ranking = md_tables(report, "## The ranking")[0]
    # As decided, the line falls where the money runs out: after app3's smaller award leaves £5,000,
    # before the tied pair of £15,000. Declining app2, which the money reached, does not move it.
    assert [row[0] for row in ranking[1:]] == ["1", "2", "3", "-", "4 (tied)", "4 (tied)"]
    assert ranking[1][2:] == ["55", "£30,000", "fund in full", "£30,000 given"]
    assert ranking[3][4:] == ["fund a smaller amount", "£25,000 given"]


def test_the_report_html_parses_and_keeps_hostile_text_as_words() -> None:
    engine, _ = panel_engine()
    engine.add_application("<script>alert(1)</script>", '<b>Bold</b> & "quoted"', 5_000_00)
    engine.enter_score("p1", "app5", "need", 3, comment="<img src=x onerror=alert(2)>")
    page = html_report(engine.session)
    parsed = Text()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<script>alert(1)</script>: <b>Bold</b> & "quoted"' in parsed.text  # the words kept, as words
    assert parsed.tags.count("h1") == 1 and "table" in parsed.tags
    letter = letter_to(engine.session, "app5").html
    assert "<script>" not in letter and "alert(1)" in page_text(letter)
    assert "\\<script\\>" in markdown_report(engine.session)  # Markdown keeps it from being a tag too


def test_a_session_without_a_round_is_one_sentence_for_every_panel_output() -> None:
    session = small_session()
    for make in (markdown_report, html_report, scores_csv, feedback_letters):
        with pytest.raises(FileProblem, match="this session has no commissioning round") as problem:
            make(session)
        assert "\n" not in str(problem.value) and "--format md or html" in str(problem.value)


# The minutes and the review.


def test_the_minutes_of_a_round_say_what_the_panel_did_and_when(decided: Session) -> None:
    minutes = md_text(markdown_minutes(decided))
    section = minutes[minutes.index("## The panel's work") : minutes.index("## Actions")]
    for words in [
        "10:00 The round opened with a pot of £50,000.",
        "10:05 The pot changed from £50,000 to £60,000. The reason: The council added £10,000",
        'Panel members entered 95 scores for 5 applications, 1 of them "no score".',
        "5 scores were set aside after a late declaration of interest.",
        "10:40 The chair revealed the scores.",
        "10:45 Dennis changed a score for Riverside Walkers: 'Meets a real need', from 4 to 5. "
        "The reason: The letters of support are strong",
        "11:05 Hillside Lunch Club: fund in full, £30,000. The reason: A clear need, led by its members.",
        "11:05 Oak Street Men's Shed: fund a smaller amount, £25,000 of the £40,000 asked.",
        "Awarded £55,000 in all, of a pot of £60,000.",
    ]:
        assert words in section
    # The review's Decisions tab shows the sections whose part is "decisions": this is one.
    assert [s.part for s in minutes_sections(decided) if s.heading == "The panel's work"] == ["decisions"]


def test_a_session_without_a_round_has_no_panel_section_in_its_minutes() -> None:
    assert "The panel's work" not in markdown_minutes(small_session())


# The scores CSV.


def test_the_scores_csv_has_a_row_per_member_application_and_criterion_with_its_state(decided: Session) -> None:
    rows = list(csv.reader(io.StringIO(scores_csv(decided))))
    assert rows[0] == HEADER
    members = ["Margaret", "Dennis", "Evelyn", "Priya", "Harold"]  # Tom is staff: he does not score
    assert len(rows) == 1 + len(members) * 5 * len(CRITERIA)
    assert {(r[0], r[2], r[5]) for r in rows[1:]} == {
        (m, a, c)
        for m in members
        for a in ["app1", "app2", "app3", "app4", "app5"]
        for c in [
            "Meets a real need",
            "Older people shape it",
            "Reaches people often left out",
            "Can be done well",
            "Good use of money",
        ]
    }
    by = {(r[0], r[2], r[5]): dict(zip(HEADER, r, strict=True)) for r in rows[1:]}
    assert by["Evelyn", "app1", "Meets a real need"]["state"] == "stepped out"
    assert by["Evelyn", "app1", "Meets a real need"]["level"] == ""
    withdrawn = by["Priya", "app4", "Good use of money"]
    assert (withdrawn["state"], withdrawn["level"], withdrawn["original level"]) == ("withdrawn", "", "2")
    no_score = by["Margaret", "app2", "Meets a real need"]
    assert (no_score["state"], no_score["level"], no_score["comment"]) == (
        "no score",
        "",
        "Dennis knows this group better than I do",
    )
    assert {by["Harold", a, "Can be done well"]["state"] for a in ["app1", "app5"]} == {"not entered"}
    changed = by["Dennis", "app2", "Meets a real need"]
    assert (changed["state"], changed["level"], changed["original level"], changed["reason for change"]) == (
        "scored",
        "5",
        "4",
        "The letters of support are strong",
    )
    assert (changed["entered at"], changed["changed at"]) == ("2026-07-08 10:10:00", "2026-07-08 10:45:00")
    assert by["Margaret", "app3", "Good use of money"]["level"] == "3"
    assert {r[7] for r in rows[1:]} == {"scored", "no score", "stepped out", "not entered", "withdrawn"}


# Feedback letters.


def test_a_letter_has_the_applicants_own_scores_reasons_and_decision(decided: Session) -> None:
    letter = md_text(letter_to(decided, "app2").markdown)
    assert letter.startswith("# Feedback on your application: Riverside Walkers\n")
    assert "The panel decided to decline your application this time." in letter
    assert "The panel's reason: Not this time." in letter
    assert (
        "| Meets a real need | 3 | 4 | A strong need, well shown, that little else meets. | no score, 5, 4, 4 |"
        in letter
    )
    assert "a panel member changed their score from 4 to 5. Why: The letters of support are strong" in letter
    assert "We agreed 4 after talking it through" in letter
    assert "Your weighted score: 44 out of a possible 55." in letter
    # Not for the applicant: the funder's note on the ranking, and who was on the panel.
    assert "council money" not in letter and "ranked" not in letter
    for name in NAMES:
        assert not re.search(rf"\b{name}\b", letter), name
    assert "Panel member 2 knows this group" in letter  # a member named in a comment is a number
    lunch = md_text(letter_to(decided, "app1").markdown)
    assert "1 panel member had a link to your organisation." in lunch
    assert "The panel has not made a decision on your application yet." in md_text(letter_to(decided, "app5").markdown)


def test_another_applicants_name_or_amount_typed_in_a_comment_is_taken_out_of_a_letter() -> None:
    engine, _ = panel_engine()
    engine.add_application("Age UK", "Falls prevention", 12_345_00)
    engine.add_application("Age UK Leeds", "Age UK Leeds lunch club", 23_456_00)
    engine.enter_score(
        "p1", "app5", "need", 4, comment="Less than AGE  UK LEEDS, which asked £23,456. Like Oak Street Men's Shed."
    )
    engine.enter_score(
        "p1", "app6", "need", 4, comment="Age UK Leeds is not Age UK; Age UK asked £12,345.00, we ask £23,456"
    )
    to_age_uk = md_text(letter_to(engine.session, "app5").markdown)
    assert "Less than (name removed), which asked (amount removed). Like (name removed)." in to_age_uk
    assert "leeds" not in to_age_uk.lower() and "23,456" not in to_age_uk
    to_leeds = md_text(letter_to(engine.session, "app6").markdown)
    assert "Age UK Leeds is not (name removed); (name removed) asked (amount removed), we ask £23,456" in to_leeds
    assert "Dear Age UK Leeds," in to_leeds  # its own name holds "Age UK", and that is theirs


def test_letters_are_named_after_each_organisation_made_safe() -> None:
    engine, _ = panel_engine()
    engine.add_application("../../etc/passwd Café", "A path", 1_000_00)
    engine.add_application("日本語", "Only other letters", 1_000_00)
    stems = [letter.stem for letter in feedback_letters(engine.session)]
    assert stems == [
        "app1-hillside-lunch-club",
        "app2-riverside-walkers",
        "app3-oak-street-men-s-shed",
        "app4-canal-side-singers",
        "app5-etc-passwd-cafe",
        "app6",
    ]


# The property: a letter tells one applicant about their own application and nothing about any other.

# Made-up words that are in no letter's own wording, so any that shows up came from a name. Names built from
# them overlap in every way: "Age UK" inside "Age UK Leeds", "Quill" at the start of "Quill Brindle".
WORDS = ["Age", "UK", "Leeds", "Zephyr", "Quill", "Brindle", "Tansy", "Oriel", "Corvid"]
name = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
LEVEL = st.one_of(st.none(), st.integers(1, 5))


# A drawn round: (organisation, project, pence) of each application; (application, member, criterion) of
# each cell; a level and another for each cell; a comment for each; the agreed levels; reasons; which one.
DrawnRound = tuple[
    list[tuple[str, str, int]],
    list[tuple[int, int, str]],
    list[int | None],
    list[int | None],
    list[str],
    list[int],
    list[str],
    int,
]


@st.composite
def rounds(draw: DrawFn) -> DrawnRound:
    count = draw(st.integers(2, 4))
    names = draw(st.lists(name, min_size=2 * count, max_size=2 * count, unique_by=str.casefold))
    amounts = draw(
        st.lists(st.integers(1_000, 99_999), min_size=count, max_size=count, unique=True).filter(
            lambda found: 60_000 not in found
        )
    )
    applications = [(names[2 * i], names[2 * i + 1], amounts[i] * 100) for i in range(count)]
    mention = st.sampled_from([n for n in names] + [pounds(a * 100) for a in amounts])
    case: st.SearchStrategy[Callable[[str], str]] = st.sampled_from(
        [str, str.upper, str.lower, lambda text: text.replace(" ", "  ")]
    )
    comment = st.lists(st.tuples(mention, case).map(lambda pair: pair[1](pair[0])), max_size=3).map(" and ".join)
    cells = [(a, m, c) for a in range(count) for m in range(3) for c in CRITERIA]
    levels = draw(st.lists(LEVEL, min_size=len(cells), max_size=len(cells)))
    other_levels = draw(st.lists(LEVEL, min_size=len(cells), max_size=len(cells)))
    comments = draw(st.lists(comment, min_size=len(cells), max_size=len(cells)))
    agreed = draw(st.lists(st.integers(1, 5), min_size=count * len(CRITERIA), max_size=count * len(CRITERIA)))
    reasons = draw(st.lists(comment, min_size=count, max_size=count))
    chosen = draw(st.integers(0, count - 1))
    return applications, cells, levels, other_levels, comments, agreed, reasons, chosen


def build_round(
    applications: list[tuple[str, str, int]],
    cells: list[tuple[int, int, str]],
    levels: list[int | None],
    comments: list[str],
    agreed: list[int],
    reasons: list[str],
) -> Session:
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(plan_named("commissioning-shortlisting"), "Healthy ageing fund", clock), clock)
    for name in ["Margaret", "Dennis", "Evelyn"]:
        engine.add_person(name, "older person")
    engine.open_round(60_000_00)
    for organisation, project, amount in applications:
        engine.add_application(organisation, project, amount)
    everyone_declares(engine)
    for (app, member, criterion), level, words in zip(cells, levels, comments, strict=True):
        # A unique mark in every comment: a cell of another applicant's is found by its mark.
        engine.enter_score(
            f"p{member + 1}", f"app{app + 1}", criterion, level, comment=f"{words} mark{app}x{member}x{criterion}"
        )
    engine.reveal_scores()
    for i, level in enumerate(agreed):
        app, criterion_number = divmod(i, len(CRITERIA))
        engine.agree_score(
            f"app{app + 1}", CRITERIA[criterion_number], level, f"{reasons[app]} agreedmark{app}x{criterion_number}"
        )
    for app, words in enumerate(reasons):
        try:
            engine.make_award(f"app{app + 1}", "decline", f"Because {words}", departure_reason=f"Ranking note {words}")
        except NotNow:
            pass
    return engine.session


def mentions(wanted: str, text: str) -> list[tuple[int, int]]:
    """Where `wanted` is in `text` as whole words, in any case, however the spaces fall; overlapping ones too."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in wanted.split()) + r"(?!\w)", re.IGNORECASE)
    found, start = [], 0
    while (m := pattern.search(text, start)) is not None:
        found.append(m.span())
        start = m.start() + 1
    return found


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_a_letter_never_tells_one_applicant_about_another(drawn: DrawnRound) -> None:
    applications, cells, levels, other_levels, comments, agreed, reasons, chosen = drawn
    session = build_round(applications, cells, levels, comments, agreed, reasons)
    own_org, own_project, _ = applications[chosen]
    letter = letter_to(session, f"app{chosen + 1}")
    markdown = letter.markdown
    for text in (md_text(markdown), unescape(page_text(letter.html))):
        # Another's name may show only as part of the applicant's own name ("Age UK" in "Age UK Leeds").
        own = mentions(own_org, text) + mentions(own_project, text)
        for i, (organisation, project, amount) in enumerate(applications):
            if i == chosen:
                continue
            for theirs in (organisation, project):
                for start, end in mentions(theirs, text):
                    assert any(a <= start and end <= b for a, b in own), (theirs, text[max(0, start - 40) : end + 40])
            assert not re.search(re.escape(pounds(amount)) + r"(?!\d|[,.]\d)", text), pounds(amount)
            assert f"mark{i}x" not in text and f"agreedmark{i}x" not in text  # none of their score cells
        assert not any(re.search(rf"\b{member}\b", text) for member in ["Margaret", "Dennis", "Evelyn"])
    # The scores shown are the applicant's own: each criterion's row, as the panel and its members gave them.
    table = md_tables(markdown, "## Your scores")[0]
    for row, criterion in zip(table[1:], CRITERIA, strict=True):
        mine = [lv for (a, m, c), lv in zip(cells, levels, strict=True) if a == chosen and c == criterion]
        assert row[4] == ", ".join("no score" if lv is None else str(lv) for lv in mine)
        assert row[2].split(" ")[0] == str(agreed[chosen * len(CRITERIA) + CRITERIA.index(criterion)])
    # And the letter is the same whatever the other applicants scored.
    mixed = [
        mine if a == chosen else theirs for (a, _, _), mine, theirs in zip(cells, levels, other_levels, strict=True)
    ]
    assert (
        letter_to(build_round(applications, cells, mixed, comments, agreed, reasons), f"app{chosen + 1}").markdown
        == markdown
    )


# --anonymise: no member's name anywhere, in any output.


def every_output(session: Session) -> str:
    letters = feedback_letters(session)
    return "\n".join(
        [
            markdown_report(session),
            html_report(session),
            scores_csv(session),
            markdown_minutes(session),
            *[letter.markdown for letter in letters],
            *[letter.html for letter in letters],
        ]
    )


def test_anonymised_outputs_hold_no_members_name_and_number_the_members(decided: Session) -> None:
    everything = every_output(anonymise(decided))
    for person in NAMES:
        assert not re.search(rf"\b{person}\b", everything, re.IGNORECASE), person
    report = md_text(markdown_report(anonymise(decided)))
    assert "| Panel member 3 | Hillside Lunch Club: Lunch and a chat | I am a member of the lunch club |" in report
    assert "Staff 1 (staff)" in report and "Expected but not there: Panel member 5 (older person)." in report
    assert "Panel member 1 on Meets a real need: Panel member 2 knows this group better than I do" in report
    assert "Stepped out of this decision: Panel member 4." in report


def test_anonymising_keeps_an_organisations_name_that_holds_a_members_name() -> None:
    engine, _ = panel_engine()
    engine.add_application("St Margaret's Friends", "Dennis Road garden", 1_000_00)
    engine.enter_score("p2", "app5", "need", 4, comment="Margaret says St Margaret's Friends do this well")
    report = md_text(markdown_report(anonymise(engine.session)))
    assert "St Margaret's Friends: Dennis Road garden" in report
    assert "Panel member 1 says St Margaret's Friends do this well" in report


# The command line.


def _export(folder: Path, *args: str) -> int:
    return main(["--sessions-dir", str(folder), "export", "round", *args])


def test_export_writes_every_panel_output_readable_by_its_owner_only(
    tmp_path: Path, decided: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    save_new_session(decided, tmp_path / "round.toml")
    for form, name in [("report-md", "report.md"), ("report-html", "report.html"), ("scores-csv", "scores.csv")]:
        assert _export(tmp_path, "--format", form, "-o", str(tmp_path / name)) == 0
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert (tmp_path / "report.md").read_text().startswith("# Healthy ageing fund: the panel's report")
    letters = tmp_path / "letters"
    assert _export(tmp_path, "--format", "letters-md", "-o", str(letters)) == 0
    written = sorted(letters.iterdir())
    assert [p.name for p in written] == [
        "app1-hillside-lunch-club.md",
        "app2-riverside-walkers.md",
        "app3-oak-street-men-s-shed.md",
        "app4-canal-side-singers.md",
        "app5-canal-side-poets.md",
    ]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)
    assert "Riverside Walkers" not in (letters / "app1-hillside-lunch-club.md").read_text()
    assert _export(tmp_path, "--format", "letters-html", "-o", str(letters), "--anonymise") == 0
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in letters.glob("*.html"))
    capsys.readouterr()
    # Letters already there are not replaced without --force; none is written until all are checked.
    (letters / "app1-hillside-lunch-club.md").write_text("kept")
    (letters / "app5-canal-side-poets.md").unlink()
    assert _export(tmp_path, "--format", "letters-md", "-o", str(letters)) == 2
    assert "exists already" in capsys.readouterr().err
    assert not (letters / "app5-canal-side-poets.md").exists()
    assert _export(tmp_path, "--format", "letters-md", "-o", str(letters), "--force") == 0
    assert (letters / "app1-hillside-lunch-club.md").read_text().startswith("# Feedback")


def test_anonymised_exports_from_the_command_line_name_no_member(
    tmp_path: Path, decided: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    save_new_session(decided, tmp_path / "round.toml")
    assert _export(tmp_path, "--format", "report-md", "--anonymise") == 0
    assert _export(tmp_path, "--format", "scores-csv", "--anonymise") == 0
    assert _export(tmp_path, "--format", "letters-md", "-o", str(tmp_path / "out"), "--anonymise") == 0
    everything = capsys.readouterr().out + "".join(p.read_text() for p in (tmp_path / "out").iterdir())
    assert "Panel member 3" in everything
    for person in NAMES:
        assert not re.search(rf"\b{person}\b", everything, re.IGNORECASE), person


@pytest.mark.parametrize("form", ["report-md", "report-html", "scores-csv", "letters-md", "letters-html"])
def test_export_of_a_session_without_a_round_is_one_sentence_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    save_new_session(small_session(), tmp_path / "round.toml")
    assert _export(tmp_path, "--format", form, "-o", str(tmp_path / "out")) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "this session has no commissioning round" in error and "Traceback" not in error
    assert not (tmp_path / "out").exists()


def test_letters_need_a_folder(tmp_path: Path, decided: Session, capsys: pytest.CaptureFixture[str]) -> None:
    save_new_session(decided, tmp_path / "round.toml")
    assert _export(tmp_path, "--format", "letters-md") == 2
    assert "-o FOLDER" in capsys.readouterr().err
    (tmp_path / "a-file").write_text("")
    assert _export(tmp_path, "--format", "letters-md", "-o", str(tmp_path / "a-file")) == 2
    assert "this is a file" in capsys.readouterr().err
    assert _export(tmp_path, "--format", "letters-md", "-o", str(tmp_path / "no" / "such")) == 2
    assert "does not exist" in capsys.readouterr().err


# A round as a new user tried it: a smaller award leaves room for one the full amounts would not fund,
# a decision is made again, one award goes over the pot, and the automatic agreed-score reason is used.

CLOSE = "Members were within one level of each other."  # what the panel screen's `a` key writes
RE_DECIDED_LEVELS = {"app1": 5, "app2": 4, "app3": 3, "app4": 2}


def re_decided_round() -> tuple[Session, Session]:
    """panel_engine's round (pot £60,000; app1 £30,000, app2 £20,000, app3 £40,000, app4 £15,000), ranked
    app1 to app4, every score agreed with the automatic reason. Two more: app5 ("Upper Dean Tea Dances")
    agreed 1 on 'Older people shape it', below its pass mark; app6 ("Ferncliffe Allotment Friends") with
    no score on 'Good use of money'. At 10:42 app2 is funded in full ("A clear need"); at 10:44 app1 gets a
    smaller £20,000; at 10:46 app2 is decided again with a new reason; at 10:48 app4 is funded in full,
    which the full amounts would not fund. Returns the round then, and after 10:50, when app3 is funded
    in full, £35,000 over the pot, "Testing only"."""
    engine, clock = panel_engine()
    engine.add_application("Upper Dean Tea Dances", "Friday tea dances", 26_000_00)
    engine.add_application("Ferncliffe Allotment Friends", "Growing together", 29_500_00)
    for person in ["p1", "p2", "p3", "p4"]:
        for app, level in RE_DECIDED_LEVELS.items():
            for criterion in CRITERIA:
                engine.enter_score(person, app, criterion, level)
        for criterion in CRITERIA:
            engine.enter_score(person, "app5", criterion, 1 if criterion == "voice" else 4)
            if criterion != "value":
                engine.enter_score(person, "app6", criterion, 4)
    engine.reveal_scores()
    for app, level in RE_DECIDED_LEVELS.items():
        for criterion in CRITERIA:
            engine.agree_score(app, criterion, level, CLOSE)
    for criterion in CRITERIA:
        engine.agree_score("app5", criterion, 1 if criterion == "voice" else 4, CLOSE)
    clock.advance(minutes=42)
    engine.make_award("app2", "fund in full", "A clear need")
    clock.advance(minutes=2)
    engine.make_award("app1", "fund a smaller amount", "We fund the first year.", amount_pence=20_000_00)
    clock.advance(minutes=2)
    engine.make_award("app2", "fund in full", "A clear need, well shown.")
    clock.advance(minutes=2)
    engine.make_award("app4", "fund in full", "Good value.")
    before = engine.session.model_copy(deep=True)
    clock.advance(minutes=2)
    engine.make_award("app3", "fund in full", "A strong plan.", departure_reason="Testing only")
    return before, engine.session


@pytest.fixture(scope="module")
def re_decided() -> tuple[Session, Session]:
    return re_decided_round()


def test_the_reports_ranking_shows_the_panels_decisions_and_the_funding_line_after_them(
    re_decided: tuple[Session, Session],
) -> None:
    before, _ = re_decided
    report = md_text(markdown_report(before))
    ranking = md_tables(report, "## The ranking")[0]
    assert ranking[0] == ["Place", "Application", "Weighted score", "Asked", "Decision", "Money"]
    assert ranking[1:] == [
        ["1", "Hillside Lunch Club: Lunch and a chat", "55", "£30,000", "fund a smaller amount", "£20,000 given"],
        ["2", "Riverside Walkers: Walks for all", "44", "£20,000", "fund in full", "£20,000 given"],
        ["-", "The funding line: £5,000 is left", "", "", "", ""],
        [
            "3",
            "Oak Street Men's Shed: Shed sessions",
            "33",
            "£40,000",
            "no decision yet",
            "does not fit the money left",
        ],
        ["4", "Canal Side Singers: Songs for memory", "22", "£15,000", "fund in full", "£15,000 given"],
        [
            "not ranked",
            "Upper Dean Tea Dances: Friday tea dances",
            "35",
            "£26,000",
            "no decision yet",
            "below the pass mark for Older people shape it",
        ],
        [
            "not ranked",
            "Ferncliffe Allotment Friends: Growing together",
            "not scored in full",
            "£29,500",
            "no decision yet",
            "not scored on every criterion yet",
        ],
    ]
    assert (
        "The table shows each decision the panel made and, for any application not decided yet, "
        "whether the money left would fund it."
    ) in report
    # The funded app4 is never called one that does not fit, and the awards agree with the table.
    assert "no, it does not fit" not in report and "This follows the ranking and the pot" not in report
    canal = report[report.index("### Canal Side Singers: Songs for memory\n\n- Decision") :]
    assert "It followed the ranking and the money left when it was made." in canal[: canal.index("\n###")]


def test_every_departure_and_its_reason_show_and_the_money_says_plainly_when_it_is_over_the_pot(
    re_decided: tuple[Session, Session],
) -> None:
    _, after = re_decided
    report = md_text(markdown_report(after))
    assert (
        "This went against the ranking or the pot. This takes the awards over the pot of £60,000 by £35,000." in report
    )
    assert "The panel's reason for that: Testing only" in report
    money = report[report.index("## The money") :]
    assert "The pot was £60,000. The panel awarded £95,000 to 4 applications." in money
    assert "That is £35,000 more than the pot, for the reason the panel gave: Testing only." in money
    assert ["-", "The funding line: £5,000 is left", "", "", "", ""] not in md_tables(report, "## The ranking")[0]
    assert "The money left reaches every ranked application without a decision, so there is no funding line." in report
    # A reason kept without its departure words (an older file) still shows.
    session = after.model_copy(deep=True)
    assert session.panel is not None
    session.panel.awards = [a.model_copy(update={"departure": ""}) for a in session.panel.awards]
    report = md_text(markdown_report(session))
    assert "The panel's reason for going against the ranking or the pot: Testing only" in report
    assert "That is £35,000 more than the pot. No award says why." not in report
    assert "That is £35,000 more than the pot, for the reason the panel gave: Testing only." in report


def test_a_replaced_decision_shows_what_it_was_when_and_why(re_decided: tuple[Session, Session]) -> None:
    _, after = re_decided
    report = md_text(markdown_report(after))
    riverside = report[report.index("### Riverside Walkers: Walks for all\n\n- Decision") :]
    riverside = riverside[: riverside.index("\n###")]
    assert "- Reason: A clear need, well shown.\n" in riverside
    assert "- It replaced an earlier decision: fund in full at 10:42: A clear need.\n" in riverside
    assert ".." not in report
    minutes = md_text(markdown_minutes(after))
    assert "It replaced an earlier decision: fund in full at 10:42: A clear need." in minutes


def test_the_outcome_words_are_the_screens_everywhere(decided: Session) -> None:
    report = md_text(markdown_report(decided))
    assert "Decision: Decline." in report and "Decision: Fund in full: £30,000." in report
    minutes = md_text(markdown_minutes(decided))
    letters = [md_text(letter.markdown) for letter in feedback_letters(decided)]
    for text in [report, minutes, *letters]:
        assert "Decide later" not in text and "Not funded" not in text
    assert "The panel decided to decline your application this time." in letters[1]
    assert "The panel decided to fund in full: the £30,000 you asked for." in letters[0]
    assert "The panel decided to fund a smaller amount: £25,000 of the £40,000 you asked for." in letters[2]
    engine, _ = decided_round()
    engine.make_award("app5", "defer", "We will look again in the spring.")
    assert "Decision: Defer." in md_text(markdown_report(engine.session))
    assert "Canal Side Poets: defer. The reason: We will look again in the spring." in md_text(
        markdown_minutes(engine.session)
    )
    assert "The panel decided to defer: it will come back to your application later." in md_text(
        letter_to(engine.session, "app5").markdown
    )


def test_a_letter_leaves_out_the_automatic_reason_and_says_why_an_application_was_not_ranked(
    re_decided: tuple[Session, Session],
) -> None:
    from workshop_tui.core.panel_views import CLOSE_SCORES_REASON  # the one panel_facts leaves out

    assert CLOSE_SCORES_REASON == CLOSE
    _, after = re_decided
    for app in ["app1", "app5"]:
        assert "within one level" not in md_text(letter_to(after, app).markdown)
    below = md_text(letter_to(after, "app5").markdown)
    assert (
        "The panel's agreed score for 'Older people shape it' is 1, below the pass mark of 2, "
        "so your application could not be funded in this round."
    ) in below
    assert "has not made a decision" not in below
    unscored = md_text(letter_to(after, "app6").markdown)
    assert (
        "No panel member gave a score for 'Good use of money', and the panel did not agree one, "
        "so your application cannot be ranked for funding yet."
    ) in unscored
    for letter in (below, unscored):
        for other in [
            "Hillside",
            "Riverside",
            "Oak Street",
            "Canal Side",
            *(["Ferncliffe"] if letter is below else ["Upper Dean"]),
        ]:
            assert other not in letter
    # The report, the record, keeps the reason the panel's screen wrote.
    assert CLOSE in md_text(markdown_report(after))


def test_the_panels_work_says_each_award_and_each_changed_score_in_full(decided: Session) -> None:
    minutes = md_text(markdown_minutes(decided))
    section = minutes[minutes.index("## The panel's work") : minutes.index("## Actions")]
    assert (
        "- 11:05 Hillside Lunch Club: fund in full, £30,000. The reason: A clear need, led by its members.\n" in section
    )
    assert "- 11:05 Oak Street Men's Shed: fund a smaller amount, £25,000 of the £40,000 asked." in section
    assert "- 11:05 Riverside Walkers: decline. The reason: Not this time." in section
    assert (
        "- 10:45 Dennis changed a score for Riverside Walkers: 'Meets a real need', from 4 to 5. "
        "The reason: The letters of support are strong\n"
    ) in section
    anonymised = md_text(markdown_minutes(anonymise(decided)))
    assert (
        "- 10:45 Panel member 2 changed a score for Riverside Walkers: 'Meets a real need', from 4 to 5." in anonymised
    )


def test_the_report_and_the_minutes_name_the_person_who_revealed_the_scores_from_their_window() -> None:
    clock = FakeClock(TEN_AM)
    engine = SessionEngine(new_session(plan_named("commissioning-shortlisting"), "Named", clock, "Grace Obi"), clock)
    engine.add_person("Margaret", "older person")
    engine.open_round(10_000_00)
    engine.add_application("Oak Street Shed", "Shed", 5_000_00)
    engine.declare_no_interests("p1")
    engine.enter_score("p1", "app1", CRITERIA[0], 4)
    with engine.stamped("facilitator: Grace Obi", "/1"):  # as the owner stamps its own window's commands
        engine.reveal_scores()
    assert "Grace Obi (chair) revealed the scores at" in markdown_report(engine.session)
    assert "Grace Obi (chair) revealed the scores." in markdown_minutes(engine.session)
    # An anonymised copy never holds the name: it says the chair.
    assert "The chair revealed the scores" in markdown_report(anonymise(engine.session))
    assert "Grace Obi" not in markdown_report(anonymise(engine.session))


def test_averages_are_one_place_with_halves_rounded_up_and_money_over_the_pot_says_so() -> None:
    """As found in [13]: 33.95 showed as 33.9 or 34.0 depending on the float; an overspent pot read '-£34,650 is left'."""
    from fractions import Fraction

    from workshop_tui.export.panel_facts import weighted_words
    from workshop_tui.model.round import left_words

    assert [weighted_words(Fraction(n, 100)) for n in (3395, 3394, 3396, 3350, 3345, 4400)] == [
        "34.0",
        "33.9",
        "34.0",
        "33.5",
        "33.5",
        "44",
    ]
    assert weighted_words(Fraction(1, 20)) == "0.1" and weighted_words(Fraction(1, 3)) == "0.3"
    assert left_words(5_000_00) == "£5,000 left" and left_words(-34_650_00) == "£34,650 over the pot"


def test_a_file_that_scores_an_application_it_never_added_is_one_sentence_not_a_traceback(tmp_path: Path) -> None:
    """As found in [13]: a session file missing an application that has scores crashed `review` and `export`."""
    import subprocess
    import sys

    shipped = (
        Path(__file__).resolve().parent.parent
        / "sessions"
        / "2026-09-16-1000-shortlisting-panel-healthy-ageing-fund.toml"
    )
    blocks = shipped.read_text().split("[[events]]")
    kept = [blocks[0]] + [
        b for b in blocks[1:] if not ('kind = "application.add"' in b and 'application = "app3"' in b)
    ]
    damaged = tmp_path / "damaged.toml"
    damaged.write_text("[[events]]".join(kept).replace(f"events = {len(blocks) - 1}\n", f"events = {len(kept) - 1}\n"))
    for form in ("md", "report-md"):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "workshop_tui",
                "export",
                str(damaged),
                "--format",
                form,
                "--sessions-dir",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 2 and "Traceback" not in run.stderr
        assert "it names the application app3, which this round never added" in run.stderr
