"""The printed agenda (`workshop-tui plan print NAME`): a large-print page for the people coming.

It parses as HTML, keeps a plan's words as words in HTML and Markdown, and its clock times add up.
"""

import re
import stat
from dataclasses import dataclass, field
from datetime import date, time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from workshop_tui.cli import main
from workshop_tui.core.decision_methods import method_explained
from workshop_tui.export.printed_agenda import agenda_html, agenda_markdown, agenda_of
from workshop_tui.model import Plan, Step
from workshop_tui.store.plan_library import find_plan
from workshop_tui.store.toml_files import to_toml

BUILT_IN = ["co-production-part-1", "co-production-part-2", "commissioning-shortlisting"]
# Tags that have no end tag in HTML.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Everything the printed agenda may hold: no script, no link, no image, no form.
PAGE_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "h1",
    "p",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "ul",
    "li",
}
# A plan's words that would be markup if they were not escaped.
HOSTILE = '<script>alert(1)</script> Tea & "cake", it\'s # heading *bold* _also_ [link](http://x) | pipe |'
TIMES = re.compile(r"(\d\d):(\d\d) to (\d\d):(\d\d)")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    inside: tuple[str, ...]  # the tags it is inside, outermost first
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class StrictPage(HTMLParser):
    """Reads a page and notes every tag left open or closed out of order (void tags such as meta excepted)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[Element] = []
        self.elements: list[Element] = []  # in the order they close
        self.tags: list[str] = []  # in the order they open
        self.problems: list[str] = []
        self.visible = ""  # the words a reader sees: not the style sheet, not the window title

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        element = Element(tag, dict(attrs), tuple(each.tag for each in self.open))
        if tag in VOID:
            self.elements.append(element)
        else:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or self.open[-1].tag != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1].tag if self.open else 'nothing'}")
            return
        self.elements.append(self.open.pop())

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.parts.append(data)
        if not {"style", "title", "script"} & {each.tag for each in self.open}:
            self.visible += data

    def close(self) -> None:
        super().close()
        self.problems += [f"<{each.tag}> is never closed" for each in self.open]

    def all(self, tag: str) -> list[Element]:
        return [each for each in self.elements if each.tag == tag]

    def texts(self, tag: str) -> list[str]:
        return [each.text for each in self.all(tag)]

    @property
    def rows(self) -> list[Element]:
        """The agenda's rows, one a step, in order (not the header row)."""
        return [each for each in self.all("tr") if "tbody" in each.inside]

    @property
    def times(self) -> list[str]:
        return [each.text for each in self.all("td") if each.attrs.get("class") == "time"]

    @property
    def what(self) -> list[str]:
        """What happens at each step, in the second cell of its row."""
        return [each.text for each in self.all("td") if each.attrs.get("class") != "time"]


def parsed(page: str) -> StrictPage:
    reader = StrictPage()
    reader.feed(page)
    reader.close()
    assert reader.problems == []
    return reader


def shown(markdown: str) -> StrictPage:
    """The Markdown as a reader sees it, drawn by a CommonMark renderer."""
    return parsed(MarkdownIt("commonmark").render(markdown))


def plan_called(name: str) -> Plan:
    plan = find_plan(name).plan
    assert plan is not None
    return plan


def minutes(hours: str, mins: str) -> int:
    return int(hours) * 60 + int(mins)


def hostile_plan() -> Plan:
    return Plan(
        name="hostile",
        title=f"# {HOSTILE}",
        description=f"# {HOSTILE}",
        steps=[
            Step(title=f"# {HOSTILE}", planned_minutes=10, prompts=[f"# {HOSTILE}?", "Say hello."]),
            Step(title=f"Tea {HOSTILE}", kind="break", planned_minutes=15),
            Step(
                title=f"Choose {HOSTILE}",
                kind="decision",
                decides_by="consent",
                planned_minutes=20,
                instructions=f"Count hands {HOSTILE}",
            ),
        ],
    )


def plan_without_breaks(starts_at: time | None = time(14, 0)) -> Plan:
    return Plan(
        name="evening",
        title="An evening talk",
        starts_at=starts_at,
        steps=[
            Step(title="Welcome", planned_minutes=10),
            Step(title="The talk", kind="presentation", planned_minutes=40),
        ],
    )


def run(tmp_path: Path, *words: str) -> int:
    return main(["--sessions-dir", str(tmp_path / "sessions"), "plan", "print", *words])


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name != "sessions")


# The page itself


def test_the_agenda_is_a_whole_web_page_in_british_english_with_one_heading_and_a_table() -> None:
    plan = plan_called("co-production-part-1")
    page = agenda_html(agenda_of(plan, time(10, 0)))
    read = parsed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert read.all("html")[0].attrs.get("lang") == "en-GB"
    assert read.texts("title") == [plan.title]
    assert read.texts("h1") == [plan.title]
    assert read.texts("th") == ["Time", "What we will do"]
    assert all(each.attrs.get("scope") == "col" for each in read.all("th"))
    assert len(read.rows) == len(plan.steps)


@pytest.mark.parametrize("name", BUILT_IN)
def test_the_agenda_runs_nothing_and_fetches_nothing_from_the_internet(name: str) -> None:
    page = agenda_html(agenda_of(plan_called(name), time(10, 0)))
    read = parsed(page)
    assert set(read.tags) <= PAGE_TAGS
    for banned in ("<script", "http://", "https://", "src=", "href=", "@import", "url("):
        assert banned not in page.lower()


def test_hostile_text_in_a_plan_is_printed_as_words_in_the_html() -> None:
    plan = hostile_plan()
    page = agenda_html(agenda_of(plan, time(10, 0)))
    read = parsed(page)
    assert set(read.tags) <= PAGE_TAGS
    assert "script" not in read.tags and "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert all("href" not in each.attrs and "src" not in each.attrs for each in read.elements)
    # Every word comes back exactly as typed: in the window title, the heading, the description, steps and questions.
    assert read.texts("title") == [f"# {HOSTILE}"]
    assert read.texts("h1") == [f"# {HOSTILE}"]
    assert f"# {HOSTILE}" in read.texts("p")
    assert read.what[0].startswith(f"Activity: # {HOSTILE}")
    assert read.what[1] == f"Break: Tea {HOSTILE}"
    assert read.texts("li") == [f"# {HOSTILE}?"]


def test_hostile_text_in_a_plan_stays_words_in_the_markdown() -> None:
    plan = hostile_plan()
    text = agenda_markdown(agenda_of(plan, time(10, 0)))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert len(headings) == 1 + len(plan.steps)  # the title and one a step, nothing from the plan's words
    assert headings[0].startswith("# \\# ")
    assert all(re.match(r"## \d\d:\d\d to \d\d:\d\d - ", line) for line in headings[1:])
    assert "[link](http://x)" not in text and "\\[link\\](http://x)" in text
    assert not re.search(r"(?<!\\)[|<>*_]", text.replace("**", "", 2))  # the date line is the one bold
    read = shown(text)
    assert not {"script", "a", "em", "table", "hr", "ol", "code"} & set(read.tags)
    assert read.texts("h1") == [f"# {HOSTILE}"]
    assert f"# {HOSTILE}" in read.texts("p")
    assert read.texts("h2")[0] == f"10:00 to 10:10 - Activity: # {HOSTILE}"
    assert read.texts("li") == [f"# {HOSTILE}?"]


@pytest.mark.parametrize(
    "words",
    [
        "# Not a heading",
        "Tea *and* _cake_",
        "See [the map](http://example.org)",
        "Yes | no | maybe",
        "<b>Bold</b> & <script>alert(1)</script>",
        "Bring a `pen`",
        "- bring your own lunch",
        "1. Arrive by 9:45",
        "---",
        "R&amp;D &copy; us",
    ],
)
def test_plan_words_that_look_like_markdown_are_shown_as_typed(words: str) -> None:
    plan = Plan(
        name="words",
        title="Our day",
        description=words,
        steps=[Step(title=words, planned_minutes=10, prompts=[f"{words}?"])],
    )
    read = shown(agenda_markdown(agenda_of(plan, time(10, 0))))
    assert words in read.texts("p"), "the description"
    assert read.texts("h2") == [f"10:00 to 10:10 - Activity: {words}"], "the step's title"
    assert read.texts("li") == [f"{words}?"], "the question"
    assert not {"hr", "ol", "a", "em", "code", "b", "script"} & set(read.tags)


# The clock times


@pytest.mark.parametrize("name", BUILT_IN)
@pytest.mark.parametrize("start", [time(10, 0), time(9, 15), time(13, 45)])
def test_each_step_starts_when_the_one_before_ends_and_the_last_ends_when_the_plan_does(name: str, start: time) -> None:
    plan = plan_called(name)
    read = parsed(agenda_html(agenda_of(plan, start)))
    times = [found for each in read.times if (found := TIMES.fullmatch(each))]
    assert len(times) == len(read.times) and len(times) == len(plan.steps)  # every one is a time
    starts = [minutes(found[1], found[2]) for found in times]
    ends = [minutes(found[3], found[4]) for found in times]
    assert starts[0] == start.hour * 60 + start.minute
    assert starts[1:] == ends[:-1]
    assert [end - begin for begin, end in zip(starts, ends, strict=True)] == [
        step.planned_minutes for step in plan.steps
    ]
    finish = starts[0] + plan.planned_minutes
    said = f"{finish // 60:02d}:{finish % 60:02d}"
    assert ends[-1] == finish
    assert f"We finish at {said}." in read.visible
    assert read.texts("p")[0] == f"{start:%H:%M} to {said}"


def test_the_markdown_gives_the_same_times_as_the_html() -> None:
    agenda = agenda_of(plan_called("co-production-part-2"), time(9, 30))
    in_html = parsed(agenda_html(agenda)).times
    in_markdown = [
        line.removeprefix("## ").split(" - ")[0]
        for line in agenda_markdown(agenda).splitlines()
        if line.startswith("## ")
    ]
    assert in_markdown == in_html


def test_an_agenda_that_runs_past_midnight_goes_round_to_the_small_hours() -> None:
    # A late start (a night shelter's evening, say): the clock goes 23:55, 00:10, never 24:10,
    # and it still lasts as long as the plan, not a negative time.
    plan = plan_called("co-production-part-1")  # 185 minutes
    read = parsed(agenda_html(agenda_of(plan, time(23, 30), day=date(2026, 7, 8))))
    times = [found for each in read.times if (found := TIMES.fullmatch(each))]
    assert len(times) == len(read.times)  # every one is a time
    clock = [(int(found[h]), int(found[m])) for found in times for h, m in ((1, 2), (3, 4))]
    assert all(hour < 24 and minute < 60 for hour, minute in clock)
    total = 0
    for found, step in zip(times, plan.steps, strict=True):
        assert (minutes(found[3], found[4]) - minutes(found[1], found[2])) % (24 * 60) == step.planned_minutes
        total += step.planned_minutes
    assert read.times[0].startswith("23:30 to ")
    assert "23:55 to 00:10" in read.times  # the step that spans midnight
    assert read.times[-1].endswith(" to 02:35")
    assert read.texts("p")[0] == "Wednesday 8 July 2026, 23:30 to 02:35"
    assert "It lasts 3 hours 5 minutes" in read.visible
    assert "We finish at 02:35." in read.visible


# Breaks


@pytest.mark.parametrize("name", BUILT_IN)
def test_a_break_is_marked_in_words_and_by_its_row_not_by_colour_alone(name: str) -> None:
    plan = plan_called(name)
    agenda = agenda_of(plan, time(10, 0))
    read = parsed(agenda_html(agenda))
    breaks = [step.kind == "break" for step in plan.steps]
    assert [row.attrs.get("class") == "break" for row in read.rows] == breaks
    assert [what == "Break" or what.startswith("Break: ") for what in read.what] == breaks
    assert not any(what.casefold().startswith("break: break") for what in read.what)  # said once, never twice
    markdown = [line for line in agenda_markdown(agenda).splitlines() if line.startswith("## ")]
    assert [" - Break" in line for line in markdown] == breaks
    assert all(line.count(": ") <= 1 for line in markdown if "Break" in line)
    count = sum(breaks)
    assert f"with {count} breaks, each marked Break below." in read.visible


def test_one_break_is_said_as_one_break() -> None:
    plan = Plan(
        name="short",
        title="A short meeting",
        steps=[
            Step(title="Talk", kind="discussion", planned_minutes=30),
            Step(title="Tea", kind="break", planned_minutes=10),
            Step(title="Talk again", kind="discussion", planned_minutes=30),
        ],
    )
    agenda = agenda_of(plan, time(10, 0))
    for text in (parsed(agenda_html(agenda)).visible, agenda_markdown(agenda)):
        assert "It lasts 1 hour 10 minutes, with 1 break, marked Break below." in text
        assert "1 breaks" not in text


def test_a_plan_with_no_breaks_does_not_promise_one_or_say_0_breaks() -> None:
    agenda = agenda_of(plan_without_breaks(), time(14, 0))
    read = parsed(agenda_html(agenda))
    markdown = agenda_markdown(agenda)
    for text in (read.visible, markdown):
        assert "It lasts 50 minutes. You may step out at any time." in text
        assert "break" not in text.lower()
    assert not [row for row in read.rows if row.attrs.get("class")]


# What is said at each step


def test_a_decision_step_says_how_the_group_decides() -> None:
    plan = plan_called("co-production-part-2")
    agenda = agenda_of(plan, time(10, 0))
    read = parsed(agenda_html(agenda))
    markdown = agenda_markdown(agenda)
    decisions = [step for step in plan.steps if step.kind == "decision"]
    assert [step.decides_by for step in decisions] == ["dot vote", "fist-of-five"]
    for what, step in zip(read.what, plan.steps, strict=True):
        said = method_explained(step.decides_by) if step.kind == "decision" and step.decides_by else ""
        assert (f"How we decide: {said}" in what) == bool(said)
        assert ("How we decide" in what) == bool(said)
    for step in decisions:
        assert step.decides_by is not None
        assert f"How we decide: {method_explained(step.decides_by)}" in markdown
    assert markdown.count("How we decide") == len(decisions)


def test_a_decision_step_with_no_way_of_deciding_gives_no_empty_sentence() -> None:
    plan = Plan(
        name="open", title="Open meeting", steps=[Step(title="Choose a date", kind="decision", planned_minutes=15)]
    )
    agenda = agenda_of(plan, time(10, 0))
    assert "How we decide" not in agenda_html(agenda)
    assert "How we decide" not in agenda_markdown(agenda)


@pytest.mark.parametrize("name", BUILT_IN)
def test_only_the_questions_are_listed_for_people_to_think_about(name: str) -> None:
    plan = plan_called(name)
    agenda = agenda_of(plan, time(10, 0))
    read = parsed(agenda_html(agenda))
    questions = [prompt for step in plan.steps for prompt in step.prompts if prompt.rstrip().endswith("?")]
    assert questions
    assert read.texts("li") == questions
    assert [
        line.removeprefix("- ") for line in agenda_markdown(agenda).splitlines() if line.startswith("- ")
    ] == questions
    for step in plan.steps:
        for prompt in step.prompts:
            if prompt not in questions:
                assert prompt not in read.visible


def test_the_welcome_is_not_listed_as_a_question() -> None:
    read = parsed(agenda_html(agenda_of(plan_called("co-production-part-1"), time(10, 0))))
    assert "Welcome, and please help yourself to a drink." not in read.visible
    assert "How are you arriving today, in a word or two?" in read.texts("li")


@pytest.mark.parametrize("name", [*BUILT_IN, "hostile"])
def test_the_facilitators_instructions_never_appear_in_the_agenda(name: str) -> None:
    plan = hostile_plan() if name == "hostile" else plan_called(name)
    agenda = agenda_of(plan, time(10, 0))
    printed = [agenda_html(agenda), agenda_markdown(agenda), parsed(agenda_html(agenda)).visible]
    for step in plan.steps:
        if not step.instructions:
            continue
        sentences = [each.strip() for each in re.split(r"(?<=\.) ", step.instructions)]
        for words in [step.instructions, *(each for each in sentences if len(each) > 30)]:
            assert not any(words in text for text in printed), words
    assert any(step.instructions for step in plan.steps)


def test_the_print_is_large_plain_and_never_italic() -> None:
    read = parsed(agenda_html(agenda_of(plan_called("co-production-part-1"), time(10, 0))))
    style = read.texts("style")[0]
    body = re.search(r"(?<![\w.-])body\s*\{([^}]*)\}", style)
    assert body is not None
    size = re.search(r"font-size:\s*([\d.]+)(rem|em|pt|px)", body[1])
    assert size is not None
    in_points = float(size[1]) * {"rem": 12, "em": 12, "pt": 1, "px": 0.75}[size[2]]
    assert in_points >= 18
    assert "italic" not in style
    assert "em" not in read.tags and "i" not in read.tags


# The command


def test_plan_print_writes_the_html_and_the_markdown_here_for_anyone_to_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "--start", "10:00") == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == ["Wrote co-production-part-1-agenda.html.", "Wrote co-production-part-1-agenda.md."]
    assert files_in(tmp_path) == ["co-production-part-1-agenda.html", "co-production-part-1-agenda.md"]
    agenda = agenda_of(plan_called("co-production-part-1"), time(10, 0))
    html = tmp_path / "co-production-part-1-agenda.html"
    markdown = tmp_path / "co-production-part-1-agenda.md"
    assert html.read_text(encoding="utf-8") == agenda_html(agenda)
    assert markdown.read_text(encoding="utf-8") == agenda_markdown(agenda)
    parsed(html.read_text(encoding="utf-8"))
    # An agenda holds no one's name, so it can be shared: readable by others, written by its owner only.
    assert stat.S_IMODE(html.stat().st_mode) == 0o644
    assert stat.S_IMODE(markdown.stat().st_mode) == 0o644


def test_plan_print_uses_the_plans_own_start_time_when_none_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "-o", "-") == 0
    assert "**10:00 to 13:05**" in capsys.readouterr().out


def test_printing_again_without_force_keeps_the_agenda_there_and_says_add_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "--start", "10:00") == 0
    before = {name: (tmp_path / name).read_bytes() for name in files_in(tmp_path)}
    capsys.readouterr()
    assert run(tmp_path, "co-production-part-1", "--start", "11:00") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "co-production-part-1-agenda.html" in err and "exists already" in err and "add --force" in err
    assert "Wrote" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert {name: (tmp_path / name).read_bytes() for name in files_in(tmp_path)} == before


def test_a_markdown_agenda_already_there_stops_the_html_being_written_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "co-production-part-1-agenda.md"
    mine.write_text("My own notes on the day\n")
    assert run(tmp_path, "co-production-part-1") == 2
    err = capsys.readouterr().err
    assert "co-production-part-1-agenda.md" in err and "add --force" in err
    assert files_in(tmp_path) == ["co-production-part-1-agenda.md"]
    assert mine.read_text() == "My own notes on the day\n"


def test_force_replaces_the_agenda_with_the_new_times(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "--start", "10:00") == 0
    assert run(tmp_path, "co-production-part-1", "--start", "11:00", "--force") == 0
    read = parsed((tmp_path / "co-production-part-1-agenda.html").read_text(encoding="utf-8"))
    assert read.times[0] == "11:00 to 11:10"
    assert "**11:00 to 14:05**" in (tmp_path / "co-production-part-1-agenda.md").read_text(encoding="utf-8")
    assert stat.S_IMODE((tmp_path / "co-production-part-1-agenda.html").stat().st_mode) == 0o644
    assert capsys.readouterr().err.count("Wrote") == 4


@pytest.mark.parametrize(("name", "form"), [("agenda.html", "html"), ("Agenda.HTM", "html"), ("agenda.md", "markdown")])
def test_o_writes_only_the_one_file_named_in_its_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, form: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "-o", name) == 0
    assert files_in(tmp_path) == [name]
    assert capsys.readouterr().err == f"Wrote {name}.\n"
    agenda = agenda_of(plan_called("co-production-part-1"), time(10, 0))
    wanted = agenda_html(agenda) if form == "html" else agenda_markdown(agenda)
    assert (tmp_path / name).read_text(encoding="utf-8") == wanted


def test_o_dash_shows_the_markdown_on_the_screen_and_writes_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "--start", "9:30", "-o", "-") == 0
    out, err = capsys.readouterr()
    assert out == agenda_markdown(agenda_of(plan_called("co-production-part-1"), time(9, 30)))
    assert out.startswith("# Co-production training, part 1\n")
    assert err == ""
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("name", ["agenda.txt", "agenda.pdf", "agenda"])
def test_o_with_another_ending_is_refused_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "-o", name) == 2
    err = capsys.readouterr().err
    assert err == f"workshop-tui: the file after -o must end in .html or .md (or be - for the screen), not '{name}'.\n"
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("start", ["25:00", "24:00", "10:60", "ten", "noon", "10", "10:00pm"])
def test_a_start_that_is_not_a_time_of_day_is_refused_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "--start", start) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"workshop-tui: the time after --start must be a time of day such as 10:00 or 13:30, not '{start}'.\n"
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("start", ["9:05", "09.05", " 09:05 "])
def test_a_start_may_be_written_the_ways_people_write_times(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "--start", start, "-o", "-") == 0
    assert "**09:05 to 12:10**" in capsys.readouterr().out


def test_the_date_is_printed_at_the_top_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "--start", "10:00", "--date", "2026-07-08") == 0
    read = parsed((tmp_path / "co-production-part-1-agenda.html").read_text(encoding="utf-8"))
    first = [each for each in read.all("p") if each.attrs.get("class") == "when"]
    assert [each.text for each in first] == ["Wednesday 8 July 2026, 10:00 to 13:05"]
    assert read.visible.split()[:9] == [
        "Co-production",
        "training,",
        "part",
        "1",
        "Wednesday",
        "8",
        "July",
        "2026,",
        "10:00",
    ]
    markdown = (tmp_path / "co-production-part-1-agenda.md").read_text(encoding="utf-8").splitlines()
    assert markdown[:3] == ["# Co-production training, part 1", "", "**Wednesday 8 July 2026, 10:00 to 13:05**"]


@pytest.mark.parametrize("day", ["2026-13-01", "2026-02-30", "8 July 2026", "tomorrow", "08/07/2026"])
def test_a_date_that_is_not_a_day_is_refused_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, day: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "--date", day) == 2
    err = capsys.readouterr().err
    assert err == f"workshop-tui: the date after --date must be written like 2026-07-08, not '{day}'.\n"
    assert files_in(tmp_path) == []


def test_title_gives_the_agenda_its_own_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "co-production-part-1", "--title", "Working together, Leeds", "-o", "agenda.html") == 0
    read = parsed((tmp_path / "agenda.html").read_text(encoding="utf-8"))
    assert read.texts("h1") == ["Working together, Leeds"]
    assert read.texts("title") == ["Working together, Leeds"]


def test_a_plan_with_no_start_time_of_its_own_asks_for_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "sessions" / "plans"
    plans.mkdir(parents=True)
    (plans / "evening.toml").write_bytes(to_toml(plan_without_breaks(starts_at=None)))
    assert run(tmp_path, "evening") == 2
    err = capsys.readouterr().err
    assert (
        err
        == "workshop-tui: 'An evening talk' has no start time of its own; say when it starts, such as --start 10:00.\n"
    )
    assert files_in(tmp_path) == []
    assert run(tmp_path, "evening", "--start", "18:30", "-o", "-") == 0
    assert "**18:30 to 19:20**" in capsys.readouterr().out


def test_a_plan_file_with_hostile_words_prints_them_as_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hostile.toml").write_bytes(to_toml(hostile_plan()))
    assert run(tmp_path, "./hostile.toml", "--start", "10:00", "-o", "agenda.html") == 0
    read = parsed((tmp_path / "agenda.html").read_text(encoding="utf-8"))
    assert "script" not in read.tags
    assert read.texts("h1") == [f"# {HOSTILE}"]


def test_an_unknown_plan_is_refused_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, "no-such-plan", "--start", "10:00") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("no-such-plan: there is no plan with this name")
    assert "workshop-tui plans" in err and len(err.strip().splitlines()) == 1
    assert files_in(tmp_path) == []
