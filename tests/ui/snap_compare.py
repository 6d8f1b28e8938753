"""The type of pytest-textual-snapshot's `snap_compare` fixture, which the package does not declare
(its fixture says it returns a function of one argument)."""

from collections.abc import Awaitable, Callable, Iterable
from pathlib import PurePath
from typing import Any, Protocol

from textual.app import App
from textual.pilot import Pilot


class SnapCompare(Protocol):
    """Compares a picture of the app, once `press` and `run_before` have run, with the one saved."""

    def __call__(
        self,
        app: str | PurePath | App[Any],
        press: Iterable[str] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: Callable[[Pilot[Any]], Awaitable[None] | None] | None = None,
    ) -> bool: ...
