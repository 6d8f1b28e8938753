"""A note captured during a step. Edits keep the earlier text; removal is a mark."""

from typing import Literal, get_args

from pydantic import AwareDatetime, Field

from workshop_tui.model.schema import Record

NoteKind = Literal["note", "idea", "question", "concern", "parking"]
NOTE_KINDS: tuple[str, ...] = get_args(NoteKind)
# The words for each kind, as people say them; capitalise to start a line ("Parking lot: ...").
NOTE_KIND_WORDS: dict[str, str] = {
    "note": "note",
    "idea": "idea",
    "question": "question",
    "concern": "concern",
    "parking": "parking lot",
}
# The mark that starts a typed note of each kind ("+ Meet at the library" is an idea).
NOTE_MARKS: dict[str, str] = {"+": "idea", "?": "question", "!": "concern", ">": "parking"}


class NoteEdit(Record):
    """The text a note had before an edit, and when it was replaced."""

    at: AwareDatetime
    text: str


class Note(Record):
    id: str = Field(min_length=1)
    at: AwareDatetime
    step: str = Field(min_length=1, description="the id of the step it was taken in")
    kind: NoteKind = "note"
    text: str
    by: str = Field(default="", description="a participant id; empty means anonymous")
    # Others who said it, when a note names several ("@Joyce and @Pat both said ...").
    also_by: list[str] = []
    earlier: list[NoteEdit] = []
    removed_at: AwareDatetime | None = None
    dealt_with_at: AwareDatetime | None = None
    # The window it was typed in ("note-taker: Bob"), when several windows work on one session.
    window: str = ""

    @property
    def speakers(self) -> list[str]:
        """Everyone the note says said it, first named first."""
        return [self.by, *self.also_by] if self.by else []
