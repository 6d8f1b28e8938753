"""The Textual app: the only part of workshop-tui that imports Textual."""
