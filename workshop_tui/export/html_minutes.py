"""Minutes as one self-contained HTML page: large type, high contrast, no scripts."""

from collections.abc import Sequence
from html import escape

from workshop_tui.export.minutes import Section, Table, minutes_sections
from workshop_tui.model import Session

# Near-black on white is 19:1; links and table rules stay well above 7:1.
STYLE = """
body { font-family: system-ui, sans-serif; font-size: 1.25rem; line-height: 1.6;
       color: #111111; background: #ffffff; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { line-height: 1.25; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #333333; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #eeeeee; }
@media print { body { margin: 0; } }
"""


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in table.header)
    rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def html_minutes(session: Session, later: Sequence[Session] = ()) -> str:
    return sections_html(session.title, minutes_sections(session, later))


def sections_html(title: str, sections: list[Section]) -> str:
    """One self-contained page of sections (the minutes, the panel's report, a feedback letter)."""
    body: list[str] = []
    for section in sections:
        level = min(section.level, 6)
        body.append(f"<h{level}>{escape(section.heading)}</h{level}>")
        for block in section.blocks:
            if isinstance(block, Table):
                body.append(_table(block))
            elif isinstance(block, list):
                body.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in block) + "</ul>")
            else:
                body.append(f"<p>{escape(block)}</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
