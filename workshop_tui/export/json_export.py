"""The whole session as JSON, for other programs. Never the codes to join with (export/anonymise.py)."""

import json

from workshop_tui.export.anonymise import without_codes
from workshop_tui.model import Session


def json_session(session: Session) -> str:
    return (
        json.dumps(without_codes(session).model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2)
        + "\n"
    )
