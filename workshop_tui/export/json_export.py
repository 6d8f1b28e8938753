"""The whole session as JSON, for other programs."""

import json

from workshop_tui.model import Session


def json_session(session: Session) -> str:
    return json.dumps(session.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"
