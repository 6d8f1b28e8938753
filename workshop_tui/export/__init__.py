"""Renderings of a session for sharing: Markdown, HTML, CSV and JSON. No Textual here."""
