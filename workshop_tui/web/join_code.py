"""The join code a browser needs before it gets in, when the windows are served beyond this machine.

A short code of letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L), shown on
the facilitator's screen and where `serve` was started. A browser types it once; it then holds a
cookie for as long as the server runs.

Wrong codes are counted three ways, so guessing from many addresses at once does not pay:
- per address: after MOST_WRONG from one address, that address is refused until the server is started again;
- from everywhere together: after MOST_WRONG_A_MINUTE within a minute, every code typed is refused
  (even the right one) for PAUSE_SECONDS;
- in all: after MOST_WRONG_IN_ALL, the code is replaced by a longer one (LONG_LENGTH), which the
  server prints and puts on the facilitator's screen. Browsers already in keep their cookie.
"""

import hmac
import ipaddress
import secrets
import time
from collections import Counter, deque
from collections.abc import Callable

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6
LONG_LENGTH = 10
MOST_WRONG = 10
MOST_WRONG_A_MINUTE = 30
PAUSE_SECONDS = 60.0
MOST_WRONG_IN_ALL = 100


def make_code(length: int = LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # any other name may be reached from elsewhere


class JoinCode:
    """The code, the cookie that proves it was typed, and the wrong codes counted by address, by minute and in all.

    `clock` gives seconds (time.monotonic unless a test hands in its own)."""

    def __init__(self, code: str, clock: Callable[[], float] = time.monotonic):
        self.code = code
        self.cookie = secrets.token_urlsafe(32)  # good for this run of the server only
        self.clock = clock
        self.wrong: Counter[str] = Counter()
        self.lately: deque[float] = deque()  # when each wrong code of the last minute was typed
        self.paused_until = 0.0
        self.since_replaced = 0  # wrong codes since the code was made

    def right(self, typed: str) -> bool:
        return hmac.compare_digest(typed.strip().upper().encode("utf-8", "replace"), self.code.encode())

    def holds_cookie(self, cookie: str) -> bool:
        return hmac.compare_digest(cookie.encode("utf-8", "replace"), self.cookie.encode())

    def locked_out(self, address: str) -> bool:
        return self.wrong[address] >= MOST_WRONG

    def paused(self) -> bool:
        """True while every code is refused, after too many wrong codes from everywhere in a minute."""
        return self.clock() < self.paused_until

    def count_wrong(self, address: str) -> int:
        """Count a wrong code from `address`; returns how many have come from there."""
        now = self.clock()
        self.wrong[address] += 1
        self.lately.append(now)
        while self.lately and self.lately[0] <= now - 60:
            self.lately.popleft()
        if len(self.lately) >= MOST_WRONG_A_MINUTE:
            self.paused_until = now + PAUSE_SECONDS
            self.lately.clear()
        self.since_replaced += 1
        return self.wrong[address]

    def replace_if_guessed_at(self) -> bool:
        """After MOST_WRONG_IN_ALL wrong codes, a new, longer code: True when it was replaced."""
        if self.since_replaced < MOST_WRONG_IN_ALL:
            return False
        self.code = make_code(LONG_LENGTH)
        self.since_replaced = 0
        return True

    @property
    def wrong_in_all(self) -> int:
        return sum(self.wrong.values())
