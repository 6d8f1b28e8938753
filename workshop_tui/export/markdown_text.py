"""People's words in Markdown: shown as they were typed, never turned into headings, lists, links or emphasis."""

import re

# Every character Markdown may read as markup, wherever it stands. An "&" is markup only where it starts an
# entity ("&amp;", "&#38;"), so "Tea & cake" stays as typed and "&amp;" is kept as words.
_MARKUP = re.compile(r"([\\`*_\[\]<>|#~]|&(?=#?[A-Za-z0-9]+;))")
# At the start of a line, these make a list item or a rule: "- ", "+ ", "1. ", "1) ", "---", "===".
_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def plain_words(text: str, starts_a_line: bool = True) -> str:
    """`text` on one line, with everything Markdown would read as markup escaped by a backslash.

    In a table's cell (`starts_a_line=False`) a leading "-" or "1." is only words, as typed."""
    text = _MARKUP.sub(r"\\\1", " ".join(text.split()))
    if not starts_a_line:
        return text
    return _LINE_START.sub(
        lambda found: f"{found.group(1)}\\{found.group(2)}" if found.group(1) else f"\\{found.group(3)}", text
    )
