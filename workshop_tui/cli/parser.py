"""argparse, with a wrong command line said in one sentence (a UsageProblem), never argparse's terse line."""

import argparse
from collections.abc import Callable
from typing import NoReturn

from workshop_tui.cli.usage_problem import UsageProblem


class Parser(argparse.ArgumentParser):
    """argparse, with a wrong command line raised as a UsageProblem: one sentence, never argparse's terse line."""

    def error(self, message: str) -> NoReturn:
        raise UsageProblem(message)


# Adds a command, by its name and help, with the options every command takes after it; gives its parser.
AddCommand = Callable[..., Parser]
