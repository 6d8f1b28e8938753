"""The windows in a web browser: `workshop-tui serve`, built on textual-serve."""
