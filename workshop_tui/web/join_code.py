"""The join code a browser needs before it gets in, when the windows are served beyond this machine.

A short code of letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L), shown on
the facilitator's screen and where `serve` was started. A browser types it once; it then holds a
cookie for as long as the server runs. Wrong codes are refused and counted per address; after
MOST_WRONG from one address, that address is refused until the server is started again.
"""

import hmac
import ipaddress
import secrets
from collections import Counter

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6
MOST_WRONG = 10


def make_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # any other name may be reached from elsewhere


class JoinCode:
    """The code, the cookie that proves it was typed, and the wrong codes counted by address."""

    def __init__(self, code: str):
        self.code = code
        self.cookie = secrets.token_urlsafe(32)  # good for this run of the server only
        self.wrong: Counter[str] = Counter()

    def right(self, typed: str) -> bool:
        return hmac.compare_digest(typed.strip().upper().encode("utf-8", "replace"), self.code.encode())

    def holds_cookie(self, cookie: str) -> bool:
        return hmac.compare_digest(cookie.encode("utf-8", "replace"), self.cookie.encode())

    def locked_out(self, address: str) -> bool:
        return self.wrong[address] >= MOST_WRONG

    def count_wrong(self, address: str) -> int:
        self.wrong[address] += 1
        return self.wrong[address]

    @property
    def wrong_in_all(self) -> int:
        return sum(self.wrong.values())
