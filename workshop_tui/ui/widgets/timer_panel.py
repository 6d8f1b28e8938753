"""The countdown for the current step: big digits, words for its state, and a progress bar."""

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, ProgressBar, Static

from workshop_tui.core.countdown import Countdown, countdown_text
from workshop_tui.model import SessionStep


def timer_words(step: SessionStep, countdown: Countdown, now: datetime, finished: bool) -> str:
    """What the timer is doing, in words, so colour is never the only signal."""
    left = countdown.left(now)
    if finished:
        return "The session has finished."
    if left < 0:
        state = f"{countdown_text(left)}. Time's up for this step."
    elif countdown.running:
        state = f"{countdown_text(left)} left."
    else:
        state = f"Paused with {countdown_text(left)} left. Press space to start."
    if step.kind == "break":
        return f"Break - back at {countdown.ends_at(now):%H:%M}. {state}"
    return state


def digits_text(left: float) -> str:
    """Digits cannot spell 'over', so time over shows with a plus sign and words beside it."""
    text = countdown_text(left)
    return "+" + text.removesuffix(" over") if text.endswith(" over") else text


class TimerPanel(Vertical):
    def compose(self) -> ComposeResult:
        with Horizontal(id="back-at"):
            yield Static("Break - back at", id="back-at-words")
            yield Digits("", id="back-at-time")
        yield Digits("0:00", id="countdown")
        yield Static("", id="timer-words", markup=False)
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="step-progress")

    def show(self, step: SessionStep, countdown: Countdown, now: datetime, finished: bool) -> None:
        left = countdown.left(now)
        self.query_one("#countdown", Digits).update(digits_text(left))
        self.query_one("#timer-words", Static).update(timer_words(step, countdown, now, finished))
        self.query_one(ProgressBar).update(
            total=countdown.allowed_seconds, progress=min(countdown.used(now), countdown.allowed_seconds)
        )
        self.set_class(left < 0, "-over")
        self.set_class(not countdown.running, "-paused")
        self.set_class(step.kind == "break", "-break")
        if step.kind == "break":
            self.query_one("#back-at-time", Digits).update(f"{countdown.ends_at(now):%H:%M}")
