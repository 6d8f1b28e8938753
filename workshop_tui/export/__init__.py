"""Renderings of a session for sharing: Markdown, HTML, CSV and JSON. No Textual here."""

from workshop_tui.export.anonymise import anonymise
from workshop_tui.export.csv_tables import csv_table
from workshop_tui.export.html_minutes import html_minutes
from workshop_tui.export.json_export import json_session
from workshop_tui.export.markdown_minutes import markdown_minutes

__all__ = ["anonymise", "csv_table", "html_minutes", "json_session", "markdown_minutes"]
