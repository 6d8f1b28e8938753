"""A commissioning round: the pot, the criteria an application is scored against, and the applications.

Money is kept in whole pence, so sums are exact; it is shown in pounds.
"""

from typing import Literal, get_args

from pydantic import Field, model_validator

from workshop_tui.model.schema import Record

# How applications with the same weighted score are put in order. "the panel decides" leaves them tied.
TieBreak = Literal["smaller amount first", "higher score on the first criterion", "the panel decides"]
TIE_BREAKS: tuple[str, ...] = get_args(TieBreak)


class Criterion(Record):
    """What is scored. Every level of its scale is described in words, lowest first."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1, max_length=200)
    short: str = Field(default="", max_length=12)  # a column heading, such as "Need"; the id if empty
    weight: int = Field(default=1, ge=1, le=10)
    lowest: int = Field(default=1, ge=0, le=1)  # a scale of 1 to 5, or 0 to 4
    levels: list[str] = Field(min_length=2, max_length=10)
    pass_mark: int | None = None  # an application scored below this on this criterion is not funded

    @property
    def heading(self) -> str:
        return self.short or self.id.replace("-", " ").replace("_", " ").capitalize()

    @property
    def highest(self) -> int:
        return self.lowest + len(self.levels) - 1

    def level_words(self, score: int) -> str:
        return self.levels[score - self.lowest]

    @model_validator(mode="after")
    def _pass_mark_on_the_scale(self) -> "Criterion":
        if self.pass_mark is not None and not self.lowest <= self.pass_mark <= self.highest:
            raise ValueError(f"the pass mark {self.pass_mark} is not on the scale {self.lowest} to {self.highest}")
        return self


class Application(Record):
    """An organisation's bid."""

    id: str = Field(min_length=1)
    organisation: str = Field(min_length=1, max_length=200)
    project: str = Field(min_length=1, max_length=200)
    amount_pence: int = Field(ge=1)  # what they asked for
    area: str = ""  # the area or theme
    summary: str = ""
    link: str = ""  # where the whole application is: a link or a file name
    # Withdrawn by the applicant or the chair, with the reason: kept in the record, never scored or funded.
    withdrawn: str = ""
    # The import it came in with (1 for the first file imported), so a whole import can be undone; 0 if typed.
    batch: int = 0


class Round(Record):
    pot_pence: int = Field(ge=0)
    criteria: list[Criterion] = Field(min_length=1)
    tie_break: TieBreak = "smaller amount first"
    applications: list[Application] = []


def left_words(pence: int) -> str:
    """What is left of a pot, as people say it: '£5,000 left', or '£34,650 over the pot' (never '-£34,650')."""
    return f"{pounds(pence)} left" if pence >= 0 else f"{pounds(-pence)} over the pot"


def pounds(pence: int) -> str:
    """1250050 -> '£12,500.50'; 1250000 -> '£12,500'."""
    whole, rest = divmod(abs(pence), 100)
    sign = "-" if pence < 0 else ""
    return f"{sign}£{whole:,}" + (f".{rest:02d}" if rest else "")
