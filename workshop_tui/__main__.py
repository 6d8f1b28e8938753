import sys

from workshop_tui.cli.share import fast_main, leave

done = fast_main(sys.argv[1:])  # git's merge driver and a share load only what they need
if done is not None:
    leave(done)
else:
    from workshop_tui.cli import main

    done = main()
raise SystemExit(done)
