"""A command line that cannot be used, said in one sentence, and the exit status that goes with it."""

import argparse
from typing import NoReturn

BAD_INPUT = 2  # a file or an argument is wrong: one sentence, and nothing changed


class UsageProblem(Exception):
    """The command line itself was wrong."""


class Parser(argparse.ArgumentParser):
    """argparse, with a wrong command line raised as a UsageProblem: one sentence, never argparse's terse line."""

    def error(self, message: str) -> NoReturn:
        raise UsageProblem(message)
