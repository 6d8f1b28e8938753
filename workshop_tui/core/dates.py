"""Reading a date as people type it, day first, and saying it back in words. No Textual here.

"today" is always passed in, so the same words always mean the same date in a test.
"""

import re
from datetime import date, timedelta

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

EXAMPLE = "Write it like 15/07/2026, 15 July, tomorrow or next Tuesday."

# Only the digits 0-9: str.isdigit() and \d also accept digits such as "²" or "٣".
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NUMBERS = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})(?:[/.-]([0-9]{2}|[0-9]{4}))?")
_WORDS = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+([0-9]{4}))?")
_MONTH_FIRST = re.compile(r"([a-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+([0-9]{4}))?")
_IN = re.compile(r"in\s+([0-9]{1,3})\s+(day|days|week|weeks)")


class DateProblem(ValueError):
    """Words that are not a date this can read; the message says what to write instead."""


def say_date(day: date) -> str:
    """date(2026, 12, 1) -> 'Tuesday 1 December 2026'."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def _month(word: str) -> int | None:
    for number, name in enumerate(MONTHS, start=1):
        if len(word) >= 3 and name.lower().startswith(word):
            return number
    return None


def _weekday(word: str) -> int | None:
    for number, name in enumerate(DAYS):
        if len(word) >= 3 and name.lower().startswith(word):
            return number
    return None


def _make(year: int | None, month: int, day: int, today: date) -> date:
    """The date; with no year, the next time that day comes round (today counts)."""
    if not 1 <= month <= 12:
        raise DateProblem(f"There is no month {month}. Write the day first, then the month, such as 15/07/2026.")
    if year is not None and not 1900 <= year <= 2199:
        raise DateProblem(f"{year} is not a year I can use. {EXAMPLE}")
    try:
        if year is not None:
            return date(year, month, day)
        found = date(today.year, month, day) if _real(today.year, month, day) else None
        if found is None or found < today:
            return date(today.year + 1, month, day)
        return found
    except ValueError:
        raise DateProblem(f"{MONTHS[month - 1]} has no day {day}. {EXAMPLE}") from None


def _real(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    return 2000 + int(text) if len(text) == 2 else int(text)


def read_date(text: str, today: date) -> date | None:
    """The date `text` means, `today` being the date it was typed; None when it is empty.

    Day first: '1/12/2026', '1/12/26', '1/12', '1 December 2026', '1 Dec', 'December 1',
    '2026-12-01', 'today', 'tomorrow', 'Tuesday' (this coming one), 'next Tuesday' (next week's),
    'Tuesday week' or 'a week on Tuesday', 'a week today', 'in 2 weeks', 'end of the month'.
    A weekday named with a date ('Tuesday 1 December 2026') must be that date's weekday.
    Anything else raises DateProblem with a sentence that says what to write.
    """
    words = " ".join(text.lower().replace(",", " ").split())
    if not words:
        return None
    if words == "today":
        return today
    if words == "tomorrow":
        return today + timedelta(days=1)
    if words == "next week":
        return today + timedelta(days=7)
    found = _IN.fullmatch(words)
    if found:
        count = int(found.group(1))
        return today + timedelta(days=count * (7 if found.group(2).startswith("week") else 1))
    words = words.removeprefix("the ").removeprefix("by ").removeprefix("the ")
    if words in ("end of the month", "end of month", "end of this month", "month end"):
        return _month_end(today.year, today.month)
    if words in ("end of next month", "end of the next month"):
        return _month_end(today.year + (today.month == 12), today.month % 12 + 1)
    if words in ("a week today", "a week tomorrow"):
        return today + timedelta(days=7 + (words.endswith("tomorrow")))
    week_on = re.fullmatch(r"(?:a week on|a week from) ([a-z]+)|([a-z]+) week", words)
    if week_on and _weekday(week_on.group(1) or week_on.group(2)) is not None:
        # "a week on Friday", "Friday week": the Friday after this coming one.
        named = _weekday(week_on.group(1) or week_on.group(2)) or 0
        return today + timedelta(days=(named - today.weekday() - 1) % 7 + 1 + 7)
    first, _, rest = words.partition(" ")
    if first == "next" and rest and _weekday(rest) is not None and " " not in rest:
        # As people in Britain say it: "next Friday" on a Monday is the Friday of next week, not this one
        # ("Friday" or "this Friday" is that). The form says the date back, so either reading is seen.
        named = _weekday(rest) or 0
        return today + timedelta(days=7 - today.weekday() + named)
    if first == "this" and rest and _weekday(rest) is not None and " " not in rest:
        first, rest = rest, ""
    weekday = _weekday(first)
    if weekday is not None:
        if not rest:
            ahead = (weekday - today.weekday() - 1) % 7 + 1  # the first one after today
            return today + timedelta(days=ahead)
        day = read_date(rest, today)
        if day is not None and day.weekday() != weekday:
            raise DateProblem(
                f"{say_date(day)[len(DAYS[day.weekday()]) + 1 :]} is a {DAYS[day.weekday()]}, not a {DAYS[weekday]}."
            )
        return day
    found = _ISO.fullmatch(words)
    if found:
        return _make(int(found.group(1)), int(found.group(2)), int(found.group(3)), today)
    found = _NUMBERS.fullmatch(words)
    if found:
        return _make(_year(found.group(3)), int(found.group(2)), int(found.group(1)), today)
    found = _WORDS.fullmatch(words)
    if found and _month(found.group(2)) is not None:
        return _make(_year(found.group(3)), _month(found.group(2)) or 0, int(found.group(1)), today)
    found = _MONTH_FIRST.fullmatch(words)
    if found and _month(found.group(1)) is not None:
        return _make(_year(found.group(3)), _month(found.group(1)) or 0, int(found.group(2)), today)
    raise DateProblem(f"'{text.strip()[:40]}' is not a date I can read. {EXAMPLE}")


def _month_end(year: int, month: int) -> date:
    return (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)


def due_words(day: date, today: date) -> str:
    """What the form says back: 'Tuesday 1 December 2026', and whether that is past or near."""
    said = say_date(day)
    if day < today:
        return f"{said}, which has already gone"
    if day == today:
        return f"{said}, today"
    if day == today + timedelta(days=1):
        return f"{said}, tomorrow"
    return said
