"""A card for each panel member to print and hand out: their name, the session, their own code and how
to join with it. One page of HTML; each card keeps to itself when printed (large print, 7:1 contrast).

The cards are the one output that shows codes: they are made to be handed to each member, and no
one else. Like the session, the file is readable by its owner only."""

from html import escape

from workshop_tui.core.joining import spaced
from workshop_tui.core.panel_views import members
from workshop_tui.model import Session
from workshop_tui.store.problems import FileProblem

STYLE = """
body { font: 18pt/1.4 system-ui, sans-serif; color: #000; background: #fff; margin: 1cm; }
.card { border: 3px solid #000; border-radius: 8px; padding: 0.6cm 0.8cm; margin: 0 0 1cm; break-inside: avoid; }
.card h2 { margin: 0 0 0.3cm; font-size: 24pt; }
.code { font: bold 36pt/1.2 ui-monospace, monospace; letter-spacing: 0.15em; }
.how { margin: 0.3cm 0 0; }
"""


def member_cards(session: Session) -> str:
    """The cards page. Raises FileProblem when there is no round, or no member has a code yet."""
    if session.panel is None:
        raise FileProblem(
            session.title,
            "",
            "this session has no round, so its members have no codes",
            "Open the round first: each member's code is made then.",
        )
    carded = [(person, session.codes[person.id]) for person in members(session) if person.id in session.codes]
    if not carded:
        raise FileProblem(
            session.title,
            "",
            "no panel member has a code yet",
            "Add the members to the roster; each gets a code as the round opens (Ctrl+G shows them).",
        )
    title = escape(session.title)
    cards = "\n".join(
        f'<section class="card" aria-label="{escape(person.name or person.id)}">\n'
        f"<h2>{escape(person.name or person.id)}</h2>\n"
        f"<p>{title}</p>\n"
        f'<p>Your own code: <span class="code">{escape(spaced(code))}</span></p>\n'
        f'<p class="how">In a web browser, open the address the chair gives you, then type your name and this code.<br>\n'
        f"On this computer: <code>workshop-tui join --code {escape(code)}</code></p>\n"
        f"<p>Keep this card to yourself: the code opens your own score sheet.</p>\n"
        f"</section>"
        for person, code in carded
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>Member cards: {title}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n<h1>Member cards: {title}</h1>\n{cards}\n</body>\n</html>\n"
    )
