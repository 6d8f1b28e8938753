"""Renderings of a session for sharing: Markdown, HTML, CSV and JSON. No Textual here.

Import each from its own module: this package loads none of them, so reading the list of formats
(`formats.py`) does not load every writer."""
