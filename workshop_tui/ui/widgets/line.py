"""A line of plain words that is redrawn only when they change, so an idle screen stays idle."""

from textual.widgets import Static


class Line(Static):
    def __init__(self, words: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(words, id=id, classes=classes, markup=False)  # what is typed into a plan is words
        self._words: str | None = None

    def say(self, words: str) -> None:
        before = self._words
        if before != words:
            self._words = words
            # Same length, same lines: skip the layout pass, the costliest part of a redraw.
            same_size = before is not None and len(before) == len(words)
            self.update(words, layout=not same_size)
