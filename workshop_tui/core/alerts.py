"""The moments worth a bell: one minute left, and time up."""

ONE_MINUTE = 60.0


def alerts_between(before: float, after: float) -> list[str]:
    """Which alerts the countdown passed going from `before` to `after` seconds left."""
    found = []
    if before > ONE_MINUTE >= after > 0:
        found.append("one minute left")
    if before > 0 >= after:
        found.append("time's up")
    return found
