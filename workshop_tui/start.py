"""The `workshop-tui` command's first step: no garbage collection until the first frame.

Start-up makes many objects and frees almost none, so collecting then is time lost before the
screen shows. Collection comes back after the first frame (ui/app.py settle_memory), or at once
for commands that open no screen (cli/command_line.py main).
"""

import gc


def main() -> int:
    import sys

    from workshop_tui.cli.share import fast_main, leave

    done = fast_main(sys.argv[1:])  # sharing loads only what it needs
    if done is not None:
        leave(done)
    gc.disable()
    from workshop_tui.cli import main as run_command_line

    return run_command_line()
