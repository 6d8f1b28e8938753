"""A command line that cannot be used, said in one sentence, and the exit status that goes with it.
(argparse's side, `Parser`, is in parser.py: a share of one session never loads argparse.)"""

BAD_INPUT = 2  # a file or an argument is wrong: one sentence, and nothing changed


class UsageProblem(Exception):
    """The command line itself was wrong."""
