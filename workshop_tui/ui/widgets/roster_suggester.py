"""Completes an @name in the note line from the names on the roster."""

from collections.abc import Callable, Iterable

from textual.suggester import Suggester

from workshop_tui.core.record_commands import squashed


def naming_someone(value: str) -> bool:
    """Whether the note ends in an @name being typed: the only time there is a name to suggest."""
    last = value.rpartition(" ")[2]
    return last.startswith("@") and len(last) >= 2


class RosterSuggester(Suggester):
    def __init__(self, names: Callable[[], Iterable[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names  # a callable giving the roster's names now

    async def get_suggestion(self, value: str) -> str | None:
        if not naming_someone(value):
            return None
        head, _, last = value.rpartition(" ")
        typed = squashed(last[1:])
        for name in self.names():
            handle = "".join(name.split())
            if name and squashed(handle).startswith(typed) and squashed(handle) != typed:
                return f"{head} @{handle}".lstrip() if head else f"@{handle}"
        return None
