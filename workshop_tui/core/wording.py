"""Times and lengths written the way people say them."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def length_in_words(minutes: int) -> str:
    """95 -> '1 hour 35 minutes'."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return _plural(rest, "minute")
    if not rest:
        return _plural(hours, "hour")
    return f"{_plural(hours, 'hour')} {_plural(rest, 'minute')}"


def minutes_in_words(count: int) -> str:
    """7 -> '7 minutes'; -1 -> '1 minute' (the sign is said in words by the caller)."""
    return _plural(abs(int(count)), "minute")
