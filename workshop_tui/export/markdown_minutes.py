"""Minutes in Markdown, in plain English."""

from collections.abc import Sequence

from workshop_tui.export.markdown_text import plain_words
from workshop_tui.export.minutes import Section, Table, minutes_sections
from workshop_tui.model import Session

_text = plain_words  # people's words stay words: no accidental headings, lists, links or emphasis


def _cell(text: str) -> str:
    return plain_words(text, starts_a_line=False)


def _table(table: Table) -> list[str]:
    lines = ["| " + " | ".join(_cell(cell) for cell in table.header) + " |", "|" + "---|" * len(table.header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in table.rows]
    return lines


def markdown_minutes(session: Session, later: Sequence[Session] = ()) -> str:
    return sections_markdown(minutes_sections(session, later))


def sections_markdown(sections: list[Section]) -> str:
    """Markdown for some of the minutes' sections (the review screen shows them tab by tab)."""
    out: list[str] = []
    for section in sections:
        out += ["#" * section.level + " " + _text(section.heading), ""]
        for block in section.blocks:
            if isinstance(block, Table):
                out += _table(block)
            elif isinstance(block, list):
                out += [f"- {_text(line)}" for line in block]
            else:
                out.append(_text(block))
            out.append("")
    return "\n".join(out).rstrip() + "\n"
