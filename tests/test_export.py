"""Exports: golden Markdown minutes, safe HTML, CSV that round-trips, JSON, and anonymising."""

import csv
import io
import json
import os
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from workshop_tui.cli import main
from workshop_tui.export import anonymise, csv_table, html_minutes, json_session, markdown_minutes
from workshop_tui.model import Session
from workshop_tui.store.session_file import save_session
from tests.recorded import TRICKY_NOTE, recorded_session

GOLDEN = Path(__file__).parent / "golden" / "minutes.md"
NAMES = ["Ann Jones", "Bob Smith", "Cat", "Fatima Khan", "Norah Lee"]


def test_markdown_minutes_match_the_golden_file():
    # To accept a deliberate change: WORKSHOP_TUI_UPDATE_GOLDEN=1 pytest tests/test_export.py
    text = markdown_minutes(recorded_session())
    if os.environ.get("WORKSHOP_TUI_UPDATE_GOLDEN"):
        GOLDEN.write_text(text)
    assert text == GOLDEN.read_text()


def test_markdown_minutes_have_attendance_steps_decisions_and_actions():
    text = markdown_minutes(recorded_session())
    for heading in ["# Panel, July", "## Who was there", "## The agenda", "## Decisions", "## Actions"]:
        assert heading in text
    assert "| Older person | 2 | Ann Jones, Bob Smith |" in text
    assert "Outcome: agreed. We meet monthly." in text


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def test_html_parses_escapes_every_text_and_has_no_scripts():
    page = html_minutes(recorded_session())
    parsed = Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "alert(1)" in parsed.text  # the words are kept, as words
    assert parsed.tags.count("h1") == 1 and "h2" in parsed.tags and "table" in parsed.tags
    assert '<html lang="en-GB">' in page


@pytest.mark.parametrize("what", ["notes", "decisions", "actions"])
def test_csv_round_trips_through_the_csv_module(what):
    session = recorded_session()
    rows = list(csv.reader(io.StringIO(csv_table(session, what))))
    assert len(rows) == 1 + len(getattr(session, what))
    if what == "notes":
        assert rows[2][3] == TRICKY_NOTE  # commas, quotes and a newline, word for word
        assert rows[3][3] == "Bus times, parking | access"
    if what == "actions":
        assert rows[1] == ["Book the library room", "Cat", "2026-07-15", "done", "Deciding"]


def test_json_holds_the_whole_session():
    session = recorded_session()
    data = json.loads(json_session(session))
    assert data["title"] == session.title
    assert [n["text"] for n in data["notes"]] == [n.text for n in session.notes]
    assert len(data["events"]) == len(session.events)
    assert data["actions"][0]["due"] == "2026-07-15"
    assert Session.model_validate(data).notes == session.notes


def test_anonymised_exports_contain_no_ones_name():
    session = anonymise(recorded_session())
    everything = markdown_minutes(session) + html_minutes(session) + json_session(session)
    everything += "".join(csv_table(session, what) for what in ["notes", "decisions", "actions"])
    for name in NAMES:
        assert name.lower() not in everything.lower()
    assert "Older person 2" in everything and "Volunteer 1" in everything
    assert "the facilitator" in everything


def test_export_from_the_command_line_writes_private_files(tmp_path: Path, capsys):
    save_session(recorded_session(), tmp_path / "panel.toml")
    assert main(["--sessions-dir", str(tmp_path), "export", "panel", "--format", "html", "-o", str(tmp_path / "m.html")]) == 0
    assert stat.S_IMODE((tmp_path / "m.html").stat().st_mode) == 0o600
    assert main(["--sessions-dir", str(tmp_path), "export", "panel", "--format", "csv", "-o", str(tmp_path / "panel.csv")]) == 0
    assert sorted(p.name for p in tmp_path.glob("panel-*.csv")) == ["panel-actions.csv", "panel-decisions.csv", "panel-notes.csv"]
    assert main(["--sessions-dir", str(tmp_path), "export", "panel", "--format", "md", "--anonymise"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Panel") and "Ann Jones" not in out


def test_export_problems_get_one_sentence_and_status_2(tmp_path: Path, capsys):
    save_session(recorded_session(), tmp_path / "panel.toml")
    assert main(["--sessions-dir", str(tmp_path), "export", "panel", "--format", "csv"]) == 2
    assert "--what notes" in capsys.readouterr().err
    assert main(["--sessions-dir", str(tmp_path), "export", "panel", "--format", "pdf"]) == 2
    assert main(["--sessions-dir", str(tmp_path), "export", "panel", "--format", "md", "-o", str(tmp_path / "no" / "m.md")]) == 2
    assert "folder does not exist" in capsys.readouterr().err


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_html_text_colours_have_a_contrast_of_7_to_1_or_better():
    from workshop_tui.export.html_minutes import STYLE

    assert "color: #111111; background: #ffffff" in STYLE
    assert contrast("#111111", "#ffffff") >= 7
    assert contrast("#111111", "#eeeeee") >= 7  # table headings
