"""The notes taken so far: this step's, or every step's. Kinds are named in words, not colour."""

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop_tui.model import Note, Session

KIND_WORDS = {"note": "", "idea": "Idea: ", "question": "Question: ", "concern": "Concern: ", "parking": "Parking lot: "}


def note_line(note: Note, names: dict[str, str], step_title: str = "") -> str:
    who = f" - {names.get(note.by, 'someone')}" if note.by else ""
    where = f"[{step_title}] " if step_title else ""
    edited = " (edited)" if note.earlier else ""
    return f"{note.at:%H:%M} {where}{KIND_WORDS[note.kind]}{note.text}{who}{edited}"


class NotesList(OptionList):
    """Option ids are note ids, so the screen knows which note a key acts on."""

    def __init__(self, **kwargs) -> None:
        # Plain text: a note like "[see above]" is words, not markup.
        super().__init__(markup=False, **kwargs)

    def show(self, session: Session, all_steps: bool) -> None:
        names = {p.id: p.name or p.role for p in session.participants}
        titles = {step.id: step.title for step in session.steps}
        current = session.steps[session.current_step].id
        notes = [
            n for n in session.notes
            if n.removed_at is None and (all_steps or n.step == current)
        ]
        keep = self.highlighted
        self.clear_options()
        self.add_options(
            Option(note_line(n, names, titles.get(n.step, "") if all_steps else ""), id=n.id) for n in notes
        )
        if notes:
            self.highlighted = min(keep if keep is not None else len(notes) - 1, len(notes) - 1)

    @property
    def chosen_note(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None
