"""The file format version, and the base every saved model shares."""

from pydantic import BaseModel, ConfigDict

# Raise this when a saved file changes shape; older apps then refuse newer files
# instead of silently dropping what they do not understand.
# 2: a plan may have a version, a time slot (starts_at, ends_by) and, on a decision step, decides_by.
PLAN_FORMAT = 2
# 2: a summary, how the session began, and an append-only log of events (store/session_file.py).
# 1: the whole state of the session plus its events; still read, and upgraded by the next save.
SESSION_FORMAT = 2


class Record(BaseModel):
    """A model stored in a TOML file: strict about unknown keys, so typos are caught."""

    # defer_build: a model's validator is built when first used, so start-up only pays for what it uses.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)
