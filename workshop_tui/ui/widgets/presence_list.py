"""Who was present at a decision, as the decision form asks it: a list to tick, each person with their
label and, if they are not in the room, why (ui/screens/decision_form.py)."""

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from workshop_tui.model import Participant


class PresenceList(SelectionList[str]):
    """Who was present: a ticked box reads X and an empty one is blank, so colour is not the only sign."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        segments = list(line)
        if len(segments) > 1 and segments[1].text == Checkbox.BUTTON_INNER:
            mark = Checkbox.BUTTON_INNER if selection.value in self.selected else " "
            segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, line.cell_length)


def presence_label(person: Participant, label: str) -> str:
    if person.arrived_at is None:
        return f"{label} (not arrived yet)"
    return f"{label} (has left)" if person.left_at is not None else label
