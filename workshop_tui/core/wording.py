"""Numbers, times and lengths written the way people say them: one function for each kind of wording."""

import math


def plural(count: int, word: str, many: str = "") -> str:
    """1 -> '1 minute', 2 -> '2 minutes'; plural(3, 'person', 'people') -> '3 people'."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def whole_minutes(seconds: float) -> int:
    """Seconds to whole minutes, halves away from zero: 90 -> 2, 150 -> 3, 89 -> 1, -90 -> -2.

    Every length the app says is rounded by this one rule, so the finish screen, the review, the
    minutes and `stats` never say one step's time two ways. (Python's round() takes halves to the
    even number: 150 seconds would be 2 minutes, and 210 seconds 4.)"""
    minutes = math.floor(abs(seconds) / 60 + 0.5)
    return -minutes if seconds < 0 else minutes


def length_in_words(minutes: int) -> str:
    """95 -> '1 hour 35 minutes'."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return plural(rest, "minute")
    if not rest:
        return plural(hours, "hour")
    return f"{plural(hours, 'hour')} {plural(rest, 'minute')}"


def minutes_in_words(count: int) -> str:
    """7 -> '7 minutes'; -1 -> '1 minute'; 173 -> '2 hours 53 minutes' (the sign is said in words by the caller)."""
    return length_in_words(abs(int(count)))


def duration_in_words(seconds: float) -> str:
    """A difference in time: '27 seconds' under a minute, else hours and minutes ('1 minute', '2 hours 5 minutes').

    So a short overrun is never rounded away to nothing. The sign is said in words by the caller."""
    whole = abs(int(seconds))
    if whole < 60:
        return plural(whole, "second")
    return length_in_words(whole_minutes(whole))


def time_used_in_words(seconds: float) -> str:
    """How long something took, said one way wherever a step's time is said (the minutes, the review,
    the finish screen, `stats`): to the second under ten minutes, so a short step's overrun can be
    seen ('19 seconds', '1 minute 27 seconds'); in whole minutes from there, halves up ('14 minutes',
    '1 hour 5 minutes')."""
    whole = abs(int(seconds))
    if whole >= 600:
        return length_in_words(whole_minutes(whole))
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return plural(rest, "second")
    return plural(minutes, "minute") + (f" {plural(rest, 'second')}" if rest else "")


def minutes_column(seconds: float) -> str:
    """A chart's column of minutes: whole minutes, halves up; '<1' for a step that ran under half a
    minute (it ran, so never 0)."""
    return str(whole_minutes(seconds)) if whole_minutes(seconds) or not seconds else "<1"


def names_and(names: list[str]) -> str:
    """['Joyce'] -> 'Joyce'; ['Joyce', 'Pat', 'Ann'] -> 'Joyce, Pat and Ann'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}" if names else ""
