"""The follow-along page (`serve`'s /follow): the room's view of a session as plain HTML, for a phone, a
screen reader or a screen magnifier. No drawn terminal, nothing from the internet.

The page is made of a few parts, each rendered here once per change and sent as they are to every
phone (web/follow_feed.py): `now` (the step and the time, in words: the page's live region), `questions`,
`next`, `record` (the group's record, when the facilitator shows it) and `link` (a word when the
facilitator's screen has gone). With JavaScript a small script swaps a part in when it changes; without
it, the page asks to be fetched again every REFRESH_SECONDS.
"""

from dataclasses import dataclass
from html import escape

from workshop_tui.core.room_view import RoomView

REFRESH_SECONDS = 30  # without JavaScript: how often the page is fetched again
PARTS = ("now", "questions", "next", "record", "link")


@dataclass(frozen=True)
class FollowParts:
    """What the page says now, part by part (HTML, escaped), and the words of its live region."""

    now: str
    questions: str
    next: str
    record: str
    link: str

    def as_dict(self) -> dict[str, str]:
        return {part: getattr(self, part) for part in PARTS}


def step_words(view: RoomView) -> str:
    if view.finished:
        return "The session has finished."
    return f"Step {view.step_number} of {view.steps}: {view.step_title}"


def time_words(view: RoomView) -> str:
    """What the time says, in words: the minutes left or over, or when a break ends."""
    if view.finished:
        return "Thank you for taking part."
    said = f"{view.time_words[:1].upper()}{view.time_words[1:]}."
    if view.is_break and view.back_at:
        back = f"Break, {view.back_at}."
        return f"{back} {said}" if view.paused else back
    return said


def follow_parts(view: RoomView, owner_away: bool = False) -> FollowParts:
    """The page's parts for `view`; `owner_away`: the facilitator's screen has gone, so the page waits."""
    now = f'<p class="step">{escape(step_words(view))}</p><p class="time">{escape(time_words(view))}</p>'
    questions = ""
    if view.questions and not view.finished:
        items = "".join(f"<li>{escape(question)}</li>" for question in view.questions)
        questions = f'<h3 id="questions-heading">Questions for this step</h3><ul aria-labelledby="questions-heading">{items}</ul>'
    if view.finished:
        coming = "Nothing: the session has finished."
    else:
        coming = view.next_step if view.next_step else "Nothing more: this is the last step."
    record = ""
    if view.record_on:
        lines = []
        for line in view.record:
            # A note's and a decision's text say what they are ("Idea: ...", "Agreed: ..."); an action's does not.
            said = f"Action: {line.text}" if line.kind == "action" else line.text
            by = f" ({line.by})" if view.names_shown and line.by else ""
            lines.append(f"<li>{escape(said + by)}</li>")
        body = f"<ul>{''.join(lines)}</ul>" if lines else "<p>Nothing is recorded yet.</p>"
        record = (
            f'<section aria-labelledby="record-heading"><h2 id="record-heading">The group\'s record of this step</h2>'
            f"{body}</section>"
        )
    link = (
        "<p>The facilitator's screen has gone for a moment. This page will carry on when it is back.</p>"
        if owner_away and not view.finished
        else ""
    )
    return FollowParts(now, questions, f"<p>{escape(coming)}</p>", record, link)


PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<noscript><meta http-equiv="refresh" content="{refresh}"></noscript>
<link rel="stylesheet" href="/follow/follow.css">
<script src="/follow/follow.js" defer></script>
</head>
<body data-version="{version}">
<header>
<p class="window">Follow along</p>
<h1>{session}</h1>
</header>
<main>
<div id="link">{link}</div>
<section aria-labelledby="now-heading">
<h2 id="now-heading">Now</h2>
<div id="now" role="status" aria-live="polite" aria-atomic="true">{now}</div>
<div id="questions">{questions}</div>
</section>
<section aria-labelledby="next-heading">
<h2 id="next-heading">Next</h2>
<div id="next">{next}</div>
</section>
<div id="record">{record}</div>
</main>
<footer>
<p>This page keeps up by itself. You do not need to do anything.</p>
</footer>
</body>
</html>
"""


def follow_page(title: str, parts: FollowParts, version: int) -> str:
    """The whole page, as a browser first gets it (and, without JavaScript, every REFRESH_SECONDS)."""
    return PAGE.format(
        title=escape(f"Follow along - {title}"),
        session=escape(title),
        refresh=REFRESH_SECONDS,
        version=version,
        **parts.as_dict(),
    )
