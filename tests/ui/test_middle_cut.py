"""Finding 15: a title too long for its room keeps its end, so part 1 and part 2 read differently."""

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from workshop_tui.ui.middle_cut import middle_cut


def test_a_title_that_fits_is_left_whole() -> None:
    assert middle_cut("Co-production training, part 1", 30) == "Co-production training, part 1"


def test_a_long_title_keeps_its_last_words_whole() -> None:
    assert middle_cut("Co-production training, part 2 (Leeds)", 25) == "Co-produc… part 2 (Leeds)"


def test_two_parts_of_a_series_still_differ_when_cut() -> None:
    one, two = (middle_cut(f"Co-production training, part {n}", 20) for n in (1, 2))
    assert one != two and one.endswith("part 1") and two.endswith("part 2")


@given(
    st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=80),
    st.integers(min_value=0, max_value=60),
)
def test_a_cut_title_always_fits_its_room(text: str, width: int) -> None:
    shown = middle_cut(text, width)
    assert cell_len(shown) <= width
    if cell_len(" ".join(text.split())) <= width:
        assert shown == " ".join(text.split())
