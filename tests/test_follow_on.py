"""Part 2 follows on from a part 1 chosen by the facilitator: its people and open actions come over,
the actions are ticked in part 2, and the minutes of both say what happened to each action."""

import io
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.cli.sessions import earlier_session
from workshop_tui.cli.usage_problem import BAD_INPUT
from workshop_tui.core.clock import FakeClock
from workshop_tui.core.session_engine import NotNow, SessionEngine, new_session
from workshop_tui.export.csv_tables import csv_table
from workshop_tui.export.markdown_minutes import markdown_minutes
from workshop_tui.store.open_session import Command, OpenSession
from workshop_tui.store.session_file import load_session, read_summary
from workshop_tui.store.sessions_folder import SessionsFolder, course_of
from tests.conftest import plan_named

WEEK = 7 * 24 * 60


def make_part_1(folder: Path, clock: FakeClock, title: str = "Co-production training, part 1 (Leeds)") -> Path:
    """A finished part 1 with three people (one never came) and three actions, one of them done."""
    engine = SessionEngine(new_session(plan_named("co-production-part-1"), title, clock), clock)
    engine.add_person("Ann Smith")
    engine.add_person("Bob", role="volunteer")
    engine.add_person("Cath", arrived=False)
    engine.add_action("Visit the day centre", owner="Ann Smith", due=date(2026, 7, 14))
    engine.add_action("Ask about the minibus", owner="Bob")
    engine.add_action("Book the room")
    engine.toggle_action("a3")
    engine.finish()
    return SessionsFolder(folder).create(engine.session)


def start_part_2(folder: Path, clock: FakeClock, follows: Path | None, title: str = "") -> OpenSession:
    plan = plan_named("co-production-part-2")
    return OpenSession.create(
        folder, plan, title or "Co-production training, part 2 (Leeds)", clock, follows=follows, gather_seconds=0
    )


def test_part_2_starts_with_part_1s_people_not_arrived_and_its_open_actions(
    sessions_dir: Path, clock: FakeClock
) -> None:
    part_1 = make_part_1(sessions_dir, clock)
    clock.advance(minutes=WEEK)
    owner = start_part_2(sessions_dir, clock, part_1)
    owner.close()
    session = load_session(owner.path)  # what is on disk, not only in memory
    assert [(p.name, p.role, p.arrived_at) for p in session.participants] == [
        ("Ann Smith", "older person", None),
        ("Bob", "volunteer", None),
        ("Cath", "older person", None),
    ]
    assert [(a.text, a.owner, a.due, a.done_at, a.carried_from) for a in session.actions] == [
        ("Visit the day centre", "Ann Smith", date(2026, 7, 14), None, "a1"),
        ("Ask about the minibus", "Bob", None, None, "a2"),
    ]
    assert session.follows is not None and session.follows.file == part_1.name
    assert session.follows.title == "Co-production training, part 1 (Leeds)"
    assert read_summary(owner.path)["follows"] == part_1.name
    assert read_summary(owner.path)["open_actions"] == 2


def test_carried_actions_are_ticked_in_part_2_and_people_marked_arrived(sessions_dir: Path, clock: FakeClock) -> None:
    part_1 = make_part_1(sessions_dir, clock)
    clock.advance(minutes=WEEK)
    owner = start_part_2(sessions_dir, clock, part_1)
    owner.apply(Command("person_arrived", {"person_id": "p1"}))
    owner.apply(Command("toggle_action", {"action_id": "a1"}))
    owner.apply(Command("add_action", {"text": "Write to the council"}))
    owner.close()
    session = load_session(owner.path)
    assert session.participants[0].arrived_at == clock.now()
    assert session.actions[0].done_at == clock.now()
    assert session.actions[2].id == "a3" and session.actions[2].carried_from == ""
    # Part 1 itself is never changed by part 2.
    assert [a.done_at is None for a in load_session(part_1).actions] == [True, True, False]


def test_only_a_session_that_has_just_begun_can_follow_on(sessions_dir: Path, clock: FakeClock) -> None:
    part_1 = load_session(make_part_1(sessions_dir, clock))
    engine = SessionEngine(new_session(plan_named("co-production-part-2"), "Part 2", clock), clock)
    engine.add_note("Hello")
    with pytest.raises(NotNow, match="just begun"):
        engine.follow_on(part_1, "part-1.toml")


def test_a_part_1_that_cannot_be_read_is_said_and_nothing_is_made(
    sessions_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("title = ")
    with pytest.raises(Exception, match="not valid TOML"):
        start_part_2(sessions_dir, clock, broken)
    assert not sessions_dir.exists() or list(sessions_dir.glob("*.toml")) == []


def test_the_choice_puts_the_newest_of_the_same_course_first(sessions_dir: Path, clock: FakeClock) -> None:
    leeds = make_part_1(sessions_dir, clock, "Co-production training, part 1 (Leeds)")
    clock.advance(minutes=60 * 24)
    york = make_part_1(sessions_dir, clock, "Co-production training, part 1 (York)")
    clock.advance(minutes=60 * 24)
    leeds_again = make_part_1(sessions_dir, clock, "Co-production training, part 1 (Leeds)")
    folder = SessionsFolder(sessions_dir)
    chosen = folder.earlier_sessions("co-production-part-1", "Co-production training, part 2 (York)")
    assert [line.path for line in chosen] == [york, leeds_again, leeds]
    chosen = folder.earlier_sessions("co-production-part-1", "Co-production training, part 2 (Leeds)")
    assert [line.path for line in chosen] == [leeds_again, leeds, york]
    assert folder.earlier_sessions("co-production-part-2") == []
    assert course_of("Training: Part 2 (Leeds)") == course_of("training part one (leeds)") == "training (leeds)"


def test_minutes_of_part_2_show_the_carried_actions_and_who_did_not_come(sessions_dir: Path, clock: FakeClock) -> None:
    part_1 = make_part_1(sessions_dir, clock)
    clock.advance(minutes=WEEK)
    owner = start_part_2(sessions_dir, clock, part_1)
    owner.apply(Command("person_arrived", {"person_id": "p2"}))
    clock.advance(minutes=20)
    owner.apply(Command("toggle_action", {"action_id": "a1"}))
    owner.apply(Command("add_action", {"text": "Write to the council"}))
    minutes = markdown_minutes(owner.session)
    owner.close()
    assert "follows on from 'Co-production training, part 1 (Leeds)' on Wednesday 8 July 2026" in minutes
    assert "| Volunteer | 1 | Bob |" in minutes
    assert "Expected but not there: Ann Smith, Cath." in minutes
    carried = minutes.split("## Actions carried over from 'Co-production training, part 1 (Leeds)'")[1].split(
        "## Actions\n"
    )[0]
    assert "| Visit the day centre | Ann Smith | 14 July 2026 | done in this session at 10:20 |" in carried
    assert "| Ask about the minibus | Bob | - | open |" in carried
    own = minutes.split("## Actions\n")[1]
    assert "Write to the council" in own and "Visit the day centre" not in own


def test_minutes_of_part_1_say_what_happened_to_each_action_in_part_2(sessions_dir: Path, clock: FakeClock) -> None:
    part_1 = make_part_1(sessions_dir, clock)
    clock.advance(minutes=WEEK)
    owner = start_part_2(sessions_dir, clock, part_1)
    owner.apply(Command("toggle_action", {"action_id": "a1"}))
    owner.close()
    later = SessionsFolder(sessions_dir).followers_of(part_1)
    assert [session.title for session in later] == ["Co-production training, part 2 (Leeds)"]
    minutes = markdown_minutes(load_session(part_1), later)
    there = "'Co-production training, part 2 (Leeds)' (Wednesday 15 July 2026)"
    assert (
        f"| Visit the day centre | Ann Smith | 14 July 2026 | open; carried over to {there} and done there |" in minutes
    )
    assert f"| Ask about the minibus | Bob | - | open; carried over to {there}, still open there |" in minutes
    assert "| Book the room | - | - | done |" in minutes
    table = csv_table(load_session(part_1), "actions", later)
    assert "still open there" in table and "done there" in table


def test_export_on_the_command_line_finds_part_2_beside_part_1(sessions_dir: Path, clock: FakeClock) -> None:
    part_1 = make_part_1(sessions_dir, clock)
    clock.advance(minutes=WEEK)
    owner = start_part_2(sessions_dir, clock, part_1)
    owner.apply(Command("toggle_action", {"action_id": "a2"}))
    owner.close()
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["export", str(part_1), "--format", "md", "--sessions-dir", str(sessions_dir)]) == 0
    assert (
        "Ask about the minibus | Bob | - | open; carried over to 'Co-production training, part 2 (Leeds)'"
        in out.getvalue()
    )
    assert "and done there" in out.getvalue()


def test_run_of_a_part_2_asks_which_part_1_to_follow(sessions_dir: Path, clock: FakeClock) -> None:
    part_1 = make_part_1(sessions_dir, clock)
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(["run", "co-production-part-2", "--sessions-dir", str(sessions_dir)])
    assert code == BAD_INPUT
    assert f"--follows {part_1.stem}" in err.getvalue() and "--follows none" in err.getvalue()
    assert sorted(sessions_dir.glob("*.toml")) == [part_1]  # nothing was started
    folder = SessionsFolder(sessions_dir)
    plan = plan_named("co-production-part-2")
    assert earlier_session(part_1.stem, plan, "Part 2", folder) == part_1
    assert earlier_session("none", plan, "Part 2", folder) is None
    # With no part 1 in the folder there is nothing to choose, so it starts without one.
    assert earlier_session(None, plan, "Part 2", SessionsFolder(sessions_dir / "empty")) is None
    with pytest.raises(Exception, match="no such session file"):
        earlier_session("nowhere", plan, "Part 2", folder)
