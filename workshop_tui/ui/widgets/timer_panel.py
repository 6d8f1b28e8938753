"""The countdown for the current step: big digits, words for its state, and a progress bar."""

from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from workshop_tui.core.countdown import Countdown, countdown_text
from workshop_tui.model import SessionStep
from workshop_tui.ui.widgets.big_clock import BigClock
from workshop_tui.ui.widgets.step_progress import StepProgress


def timer_words(
    step: SessionStep, countdown: Countdown, now: datetime, finished: bool, start_key: str = "space"
) -> str:
    """What the timer is doing, in words, so colour is never the only signal. `start_key` is the key
    that starts it on this screen ("" for the audience, who cannot)."""
    left = countdown.left(now)
    if finished:
        return "The session has finished."
    if left < 0:
        state = f"{countdown_text(left)}. Time's up for this step."
    elif countdown.running:
        state = f"{countdown_text(left)} left."
    else:
        state = f"Paused with {countdown_text(left)} left." + (f" Press {start_key} to start." if start_key else "")
    if step.kind == "break" and left < 0:
        return f"Break - time to come back. {countdown_text(left)}."
    if step.kind == "break":
        return f"Break - back at {countdown.back_at(now)}. {state}"
    return state


def digits_text(left: float) -> str:
    """Digits cannot spell 'over', so time over shows with a plus sign and words beside it."""
    text = countdown_text(left)
    return "+" + text.removesuffix(" over") if text.endswith(" over") else text


class TimerPanel(Vertical):
    """The screen sets `-roomy` when it has room for the much larger clock (a laptop on a projector)."""

    DEFAULT_CSS = """
    TimerPanel {
        height: auto;
    }
    TimerPanel #countdown {
        width: auto;
        text-style: bold;
    }
    TimerPanel #timer-words {
        height: auto;
    }
    TimerPanel #roomy-clock {
        display: none;
        height: 14;
    }
    TimerPanel.-roomy #roomy-clock {
        display: block;
    }
    TimerPanel.-roomy #countdown {
        display: none;
    }
    TimerPanel.-over #roomy-clock {
        color: $overrun;
    }
    TimerPanel #back-at {
        display: none;
        height: auto;
    }
    TimerPanel.-break #back-at {
        display: block;
    }
    TimerPanel #back-at-words {
        width: auto;
        padding: 1 1 0 0;
        text-style: bold;
    }
    TimerPanel #back-at-time {
        width: auto;
        text-style: bold;
    }
    TimerPanel.-over #countdown, TimerPanel.-over #timer-words {
        color: $overrun;
        text-style: bold;
    }
    TimerPanel.-paused #countdown {
        color: $text-muted;
    }
    /* Not the accent: in the default theme that is an orange, too near the overrun's. */
    TimerPanel #step-progress {
        color: $text-primary;
    }
    TimerPanel.-over #step-progress {
        color: $overrun;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="back-at"):
            yield Static("Break - back at", id="back-at-words")
            yield Digits("", id="back-at-time")
        yield Digits("0:00", id="countdown")
        yield BigClock(id="roomy-clock")
        yield Static("", id="timer-words", markup=False)
        yield StepProgress(id="step-progress")

    def show(self, step: SessionStep, countdown: Countdown, now: datetime, finished: bool, start_key: str) -> None:
        """`start_key` is the key that starts the timer in this window, as the words name it ("" for none)."""
        left = countdown.left(now)
        self._update_digits("#countdown", digits_text(left))
        if self.has_class("-roomy"):
            self.query_one("#roomy-clock", BigClock).text = digits_text(left)
        words = timer_words(step, countdown, now, finished, start_key)
        before = self._shown.get("words")
        if before != words:
            self._shown["words"] = words
            # Same length, same lines: skip the layout pass, the costliest part of a redraw.
            same_size = before is not None and len(before) == len(words)
            self.query_one("#timer-words", Static).update(words, layout=not same_size)
        self.query_one(StepProgress).set_fraction(countdown.used(now) / countdown.allowed_seconds)
        self.set_class(left < 0, "-over")
        self.set_class(not countdown.running, "-paused")
        self.set_class(step.kind == "break", "-break")
        if step.kind == "break":
            self._update_digits("#back-at-time", countdown.back_at(now))

    def _update_digits(self, selector: str, text: str) -> None:
        # Redrawing only what changed keeps a running timer to one small redraw a second.
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Digits).update(text)
