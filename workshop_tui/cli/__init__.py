"""The `workshop-tui` command: one file for each group of commands, and command_line.py, which reads
the command line and runs the command it names.

Nothing is imported here at the top: `share` and git's merge driver (share.py) are in this package
too, and loading any module of a package runs this file first, so what it loads they would pay for.
"""


def main(argv: list[str] | None = None) -> int:
    """The whole command line (command_line.py); `argv` is for tests, else the process's own."""
    from workshop_tui.cli.command_line import main as run_command_line

    return run_command_line(argv)
