"""The example sessions shipped in sessions/, made by driving the engine as a facilitator would.

To make them again after a deliberate change:
    WORKSHOP_TUI_UPDATE_EXAMPLES=1 python -m pytest tests/test_example_sessions.py
"""

import csv
import io
import random
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

from workshop_tui.core.clock import FakeClock
from workshop_tui.core.joining import CODE_LENGTH, CODE_LETTERS
from workshop_tui.core.panel_views import near_the_line, ranking, spread
from workshop_tui.core.session_engine import SessionEngine, new_session
from workshop_tui.model import Session
from workshop_tui.model.round import pounds
from tests.conftest import plan_named

UK_SUMMER = timezone(timedelta(hours=1))
UK_GMT = UTC


def _engine(
    plan_name: str, title: str, start: datetime, facilitator: str, note_taker: str
) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock(start)
    engine = SessionEngine(new_session(plan_named(plan_name), title, clock, facilitator, note_taker), clock)
    engine.new_code = repeatable_codes(title)
    return engine, clock


def repeatable_codes(seed: str) -> Callable[[set[str]], str]:
    """Codes to join with that come out the same each time the examples are made."""
    rng = random.Random(seed)

    def make(taken: set[str]) -> str:
        while (code := "".join(rng.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))) in taken:
            pass
        return code

    return make


def _run_step(engine: SessionEngine, clock: FakeClock, minutes: float, notes: Sequence[str] = ()) -> None:
    """Spend `minutes` on the current step, taking the notes spread through it."""
    share = minutes / (len(notes) + 1)
    for note in notes:
        clock.advance(minutes=share)
        engine.add_note(note)
    clock.advance(minutes=share)


def training_part_1() -> Session:
    engine, clock = _engine(
        "co-production-part-1",
        "Co-production training, part 1 (Leeds)",
        datetime(2026, 7, 8, 10, 0, tzinfo=UK_SUMMER),
        "Sam Patel",
        "Jo Reid",
    )
    for name, role in [
        ("Margaret", "older person"),
        ("Dennis", "older person"),
        ("Evelyn", "older person"),
        ("Harold", "older person"),
        ("Priya", "volunteer"),
        ("Tom", "staff"),
    ]:
        engine.add_person(name, role)
    engine.start_timer()
    _run_step(engine, clock, 12, ["People arrived in good time. Tea and biscuits went down well."])
    engine.next_step()
    _run_step(
        engine,
        clock,
        18,
        [
            "@margaret Hopes to learn how to get her group listened to",
            "@dennis Arriving tired but glad to be here",
            "@harold passed, which is fine",
        ],
    )
    engine.add_minutes(+3)
    engine.next_step()
    _run_step(
        engine,
        clock,
        16,
        [
            "+ @evelyn One person speaks at a time",
            "+ @margaret Big print on the slides",
            "! @dennis The room is hard to hear in",
        ],
    )
    engine.record_decision(
        question="Do we agree to our group agreement?",
        method="fist-of-five",
        fingers=[0, 0, 0, 1, 3, 2],
        present=["p1", "p2", "p3", "p4", "p5", "p6"],
        outcome="agreed",
        statement="The group agreement stays on the wall all day.",
        reasons="Everyone showed three or more fingers.",
    )
    engine.next_step()
    _run_step(
        engine,
        clock,
        22,
        ["? @evelyn Is co-production the same as consultation?", "> Ask the council how they involve older people"],
    )
    engine.next_step()
    _run_step(engine, clock, 12)
    engine.next_step()
    _run_step(
        engine,
        clock,
        21,
        ["@priya Our lunch club is at 'doing for' now", "+ @dennis Let members plan the menu with the cook"],
    )
    engine.next_step()
    _run_step(engine, clock, 30)
    engine.next_step()
    _run_step(
        engine,
        clock,
        20,
        [
            "@harold Reciprocity: people want something back, even a thank-you",
            "! @evelyn Buses stop at six, so evening events leave people out",
        ],
    )
    engine.next_step()
    _run_step(
        engine,
        clock,
        16,
        ["+ @margaret Pay travel costs up front, not afterwards", "+ @priya Meet in places people already go"],
    )
    engine.next_step()
    _run_step(engine, clock, 8)
    engine.add_action(
        "Ask the council how they involve older people", owner="Tom", due=date(2026, 7, 15), from_note="n9"
    )
    engine.note_dealt_with("n9")
    engine.next_step()
    engine.add_action("Talk to the cook about planning the menu together", owner="Dennis", due=date(2026, 7, 15))
    engine.add_action("Find out the bus times for the hall", owner="Evelyn", due=date(2026, 7, 15))
    _run_step(engine, clock, 10)
    engine.next_step()
    _run_step(engine, clock, 9, ["@margaret Feeling more confident", "@harold Enjoyed it"])
    engine.finish()
    return engine.session


# Earlier runs of part 1 in other towns: a history for `workshop-tui stats co-production-part-1` to learn
# from. Each starts a little late, and its steps run about as such steps do: the rounds of talk longer
# than planned, lunch a little long; one skips a step, one adds an energiser, one moves a step.

EARLIER_COURSES = [
    ("York", datetime(2026, 3, 4, 9, 52, tzinfo=UK_GMT), 4, "skip"),
    ("Hull", datetime(2026, 3, 25, 9, 55, tzinfo=UK_GMT), 12, "add"),
    ("Bradford", datetime(2026, 4, 22, 9, 50, tzinfo=UK_SUMMER), 7, ""),
    ("Wakefield", datetime(2026, 5, 20, 9, 57, tzinfo=UK_SUMMER), 18, "move"),
    ("Harrogate", datetime(2026, 6, 10, 9, 54, tzinfo=UK_SUMMER), 9, ""),
]
# How long each step of part 1 takes against its plan, as a share: rounds of talk run long.
PART_1_PACE = [1.3, 1.25, 1.15, 1.1, 1.3, 1.05, 1.1, 1.0, 1.15, 0.8, 1.0, 1.2]


def earlier_training(place: str, opened: datetime, late: int, change: str) -> Session:
    """Part 1 as it ran in `place`: opened at `opened`, the timer first started `late` minutes after 10:00."""
    import random

    rng = random.Random(place)
    engine, clock = _engine(
        "co-production-part-1", f"Co-production training, part 1 ({place})", opened, "Sam Patel", "Jo Reid"
    )
    for number in range(rng.randint(5, 9)):
        engine.add_person(f"Member {number + 1}", "older person" if number else "staff")
    clock.set(opened.replace(hour=10, minute=0) + timedelta(minutes=late))
    engine.start_timer()
    plan = engine.session.plan.steps
    for index, pace in enumerate(PART_1_PACE):
        title = plan[index].title
        if change == "skip" and title == "Parking lot review":
            continue  # skipped below, before it came up
        if change == "move" and title == "Before part 2":
            continue  # it ran earlier, after the lunch break
        _run_step(engine, clock, round(plan[index].planned_minutes * pace * rng.uniform(0.9, 1.1)))
        if change == "skip" and title == "1-2-4-All: what gets in the way":
            engine.skip_step(engine.session.current_step + 1)
        if change == "add" and title == "Comfort break":
            engine.insert_step(
                "Stand up and stretch", 5, "activity", instructions="Everyone stands, if they can, and stretches."
            )
            engine.next_step()
            _run_step(engine, clock, 6)
        if change == "move" and title == "Lunch break":
            before_part_2 = next(i for i, step in enumerate(engine.session.steps) if step.title == "Before part 2")
            for _ in range(before_part_2 - engine.session.current_step - 1):
                before_part_2 = next(i for i, step in enumerate(engine.session.steps) if step.title == "Before part 2")
                engine.move_step(before_part_2, -1)
            engine.next_step()
            _run_step(engine, clock, 9)
        if engine.next_index() is None:
            break
        engine.next_step()
    engine.finish()
    return engine.session


def _earlier(place: str) -> Callable[[], Session]:
    course = next(course for course in EARLIER_COURSES if course[0] == place)

    def make() -> Session:
        return earlier_training(*course)

    make.__name__ = f"training_part_1_{place.lower()}"
    return make


# The shortlisting panel: a whole commissioning round, as a panel of older people and volunteers ran it.

POT_PENCE = 1_700_000_00
CRITERIA = ("need", "voice", "reach", "delivery", "value")
PANEL_MEMBERS = [
    ("Rita", "older person"),
    ("Ken", "older person"),
    ("Maureen", "older person"),
    ("Stan", "older person"),
    ("Joyce", "older person"),
    ("Winston", "older person"),
    ("Farida", "volunteer"),
    ("Derek", "volunteer"),
]
STAFF = [("Grace", "staff"), ("Alan", "staff")]  # Grace facilitates; Alan takes the notes


class Bid(NamedTuple):
    """One application as the funder's spreadsheet has it, and the levels the panel agreed for it."""

    organisation: str
    project: str
    pounds: int
    area: str
    summary: str
    file: str
    agreed: tuple[int, int, int, int, int]  # need, voice, reach, delivery, value

    @property
    def link(self) -> str:
        return f"applications/{self.file}.pdf"


BIDS = [
    Bid(
        "Hillside Lunch Club",
        "Hot lunches and company",
        96_000,
        "Millbrook",
        "A hot lunch three days a week for people who live alone, planned with the members.",
        "01-hillside-lunch-club",
        (4, 4, 3, 3, 3),
    ),
    Bid(
        "Canal Side Singers",
        "Songs and memories",
        20_000,
        "Ferncliffe",
        "A weekly singing group, with new sessions for people living with memory loss and their carers.",
        "02-canal-side-singers",
        (3, 5, 3, 3, 5),
    ),
    Bid(
        "Good Neighbours Kirkside",
        "Befriending at home and by phone",
        231_500,
        "Kirkside and villages",
        "Trained volunteers visit or phone older people who live alone, in the town and the villages.",
        "03-good-neighbours-kirkside",
        (5, 4, 5, 4, 4),
    ),
    Bid(
        "Forget-Me-Not Memory Café",
        "A weekly memory café",
        146_000,
        "Holmwood",
        "A weekly café for people living with dementia and the people who care for them.",
        "04-forget-me-not-cafe",
        (5, 4, 4, 4, 4),
    ),
    Bid(
        "Stanmoor Community Transport",
        "Door-to-door minibus",
        250_000,
        "Stanmoor",
        "A minibus with a wheelchair lift that takes older people to shops, clinics and groups.",
        "05-stanmoor-transport",
        (5, 3, 4, 4, 2),
    ),
    Bid(
        "Brackenridge Digital Buddies",
        "Tablets and help at home",
        175_500,
        "Brackenridge",
        "Lends tablets and sends volunteers to help older people get online at home.",
        "06-digital-buddies",
        (2, 2, 3, 3, 4),
    ),
    Bid(
        "Oak Street Men's Shed",
        "The shed, five days a week",
        164_000,
        "Northgate",
        "A workshop where older men make, mend and talk, open five days a week.",
        "07-oak-street-shed",
        (4, 5, 3, 4, 3),
    ),
    Bid(
        "Carers Together",
        "Breaks for older carers",
        198_000,
        "Lowther Green",
        "Short breaks, a monthly outing and a phone line for people over 65 who care for a partner.",
        "08-carers-together",
        (5, 4, 4, 3, 4),
    ),
    Bid(
        "Ashby Vale African Caribbean Elders",
        "Saturday elders' club",
        184_500,
        "Ashby Vale",
        "A Saturday club with food, dominoes, health checks and trips, run by and for Caribbean elders.",
        "09-ashby-vale-elders",
        (4, 4, 5, 3, 3),
    ),
    Bid(
        "Sakhi Women's Group",
        "A weekly group for South Asian women",
        104_000,
        "Northgate",
        "A weekly group for South Asian women over 60, in Punjabi and Urdu, with gentle exercise.",
        "10-sakhi-womens-group",
        (4, 5, 5, 3, 3),
    ),
    Bid(
        "Out and About Over 50s",
        "Social evenings and trips",
        58_000,
        "Lowther Green",
        "Social evenings and trips for lesbian, gay, bisexual and trans people over 50.",
        "11-out-and-about",
        (3, 4, 5, 2, 3),
    ),
    Bid(
        "Riverside Walkers",
        "Walks after loss",
        63_000,
        "Stanmoor",
        "Gentle weekly walks, led by volunteers, for people who have lost a husband, wife or partner.",
        "12-riverside-walkers",
        (4, 3, 3, 3, 3),
    ),
    Bid(
        "Holmwood Warm Spaces",
        "Warm rooms on two estates",
        180_000,
        "Holmwood",
        "Warm rooms with hot drinks and things to do on the Beck and Moorside estates, all winter.",
        "13-holmwood-warm-spaces",
        (3, 3, 4, 3, 3),
    ),
    Bid(
        "Kirkside Library Friends",
        "Home library visits",
        41_000,
        "Kirkside",
        "Volunteers take books, talking books and a chat to older people who cannot get to the library.",
        "14-kirkside-library-friends",
        (3, 3, 3, 3, 3),
    ),
    Bid(
        "Moving Together Millbrook",
        "Seated exercise",
        68_000,
        "Millbrook",
        "Seated exercise classes in six sheltered housing schemes, led by a trained instructor.",
        "15-moving-together",
        (3, 2, 3, 3, 4),
    ),
    Bid(
        "Northgate Age Friendly Partnership",
        "Age friendly link workers",
        240_000,
        "Northgate",
        "Three part-time workers to link older people with services across the north of the district.",
        "16-age-friendly-partnership",
        (3, 1, 2, 4, 2),
    ),
    Bid(
        "Ferncliffe Allotment Friends",
        "Growing together",
        29_500,
        "Ferncliffe",
        "Raised beds, tools and a shelter at the allotments, so older members can keep growing.",
        "17-allotment-friends",
        (1, 4, 2, 3, 3),
    ),
    Bid(
        "Upper Dean Tea Dances",
        "Friday tea dances",
        26_000,
        "Upper Dean",
        "A tea dance every Friday at the village hall, with a live band and a taxi home.",
        "18-upper-dean-tea-dances",
        (2, 1, 2, 3, 3),
    ),
    Bid(
        "Brackenridge Home from Hospital",
        "Home from hospital",
        249_500,
        "Brackenridge",
        "Volunteers meet older people leaving hospital, settle them at home and visit for six weeks.",
        "19-home-from-hospital",
        (5, 3, 3, 4, 2),
    ),
]


# The two members with a link to an applicant, in their own words.
INTERESTS = {
    ("Ken", 1): "I volunteer at Hillside Lunch Club on Tuesdays.",
    ("Joyce", 5): "My daughter drives the minibus for Stanmoor Community Transport.",
}
# Where members' sheets differed from the rest of the panel: (member, application number, criterion) -> level.
# None is a box left empty on purpose ("no score"), with the member's comment.
OUTLIERS: dict[tuple[str, int, str], int | None] = {
    ("Derek", 3, "reach"): 2,
    ("Winston", 11, "voice"): 2,
    ("Rita", 11, "delivery"): 4,
    ("Maureen", 12, "need"): 2,
    ("Derek", 12, "need"): 5,
    ("Stan", 14, "need"): 5,
    ("Farida", 14, "need"): 1,
    ("Joyce", 13, "reach"): 2,
    ("Rita", 19, "value"): 4,
    ("Maureen", 1, "voice"): 2,
    ("Winston", 5, "value"): 4,
    ("Rita", 6, "need"): 4,
    ("Stan", 2, "delivery"): 1,
    ("Stan", 19, "value"): None,
    ("Farida", 11, "delivery"): None,
}
NO_SCORE_COMMENTS = {
    ("Stan", 19, "value"): "I could not follow the budget on page 9.",
    ("Farida", 11, "delivery"): "There is not enough in the bid for me to judge.",
}
# In moderation three members changed a score, and said why.
CHANGES = {
    ("Derek", 3, "reach"): (4, "I had missed the map on page 5. They visit the villages no bus reaches."),
    ("Winston", 11, "voice"): (4, "I missed the members' letters at the back. The members set the group up."),
    ("Maureen", 1, "voice"): (3, "Rita explained that members choose the menu each month."),
}
# Why the panel agreed what it did where members' scores were two or more apart.
AGREED_REASONS = {
    (3, "reach"): "They visit people in the outlying villages that no other group reaches.",
    (11, "voice"): "The members set the group up, and they plan every outing.",
    (11, "delivery"): "It is a new group with no paid worker yet. Most of us felt the plan needs more support.",
    (12, "need"): "Losing a partner is a main cause of loneliness here. The hospice waiting list shows the need.",
    (14, "need"): "Home visits matter to people who cannot get out. But the council may soon run them.",
    (13, "reach"): "The rooms are on the two estates with the fewest groups for older people.",
    (19, "value"): "The costs are high for each person helped, even with the hospital's help with transport.",
    (1, "voice"): "Members choose the menus and run the raffle and the book swap.",
    (5, "value"): "Each trip costs a lot. The Sunday runs cost the most for the fewest people.",
    (6, "need"): "The library and two churches already give help to get online nearby.",
    (2, "delivery"): "The choir has run for six years, but the new sessions need a second leader.",
}
# Each application's decision, with a reason fit to read to the applicant: (outcome, reason, smaller amount in pounds).
AWARDS: dict[int, tuple[str, str, int]] = {
    3: (
        "fund in full",
        "Funded in full. The need is strong. You reach people in the outlying villages that no "
        "other group visits, and your volunteers are well trained.",
        0,
    ),
    4: (
        "fund in full",
        "Funded in full. People living with dementia and their carers helped plan the café. "
        "The need is clear and the plan is strong.",
        0,
    ),
    10: (
        "fund in full",
        "Funded in full. The women lead the group and chose what it offers. It reaches women "
        "who use no other service, in their own languages.",
        0,
    ),
    8: (
        "fund in full",
        "Funded in full. Older carers told you which breaks they need, and your plan gives them. "
        "The need is urgent and well shown.",
        0,
    ),
    7: (
        "fund in full",
        "Funded in full. The members run the shed and plan the sessions. It reaches men who "
        "would not go to other groups.",
        0,
    ),
    9: (
        "fund in full",
        "Funded in full. The elders run the club, and it reaches people that services often miss. "
        "Please send us a clearer budget for the trips.",
        0,
    ),
    5: (
        "fund a smaller amount",
        "We fund £200,000 of the £250,000 you asked for. This pays for the weekday "
        "service in full. Your trial had few bookings on Sundays, so we have not funded the Sunday runs.",
        200_000,
    ),
    2: ("fund in full", "Funded in full. Members lead the singing and choose the songs. It is very good value.", 0),
    19: (
        "fund in full",
        "Funded in full. Going home from hospital alone is an urgent need, and your plan is strong. "
        "The costs are high, so we will ask how you could bring them down.",
        0,
    ),
    1: (
        "fund in full",
        "Funded in full. Many of the people who come live alone. Members plan the menus and run parts of the club.",
        0,
    ),
    11: (
        "fund in full",
        "Funded in full. You reach older people who often feel unwelcome elsewhere, and your "
        "members lead the group. As a new group, please tell us how you will train your volunteers.",
        0,
    ),
    12: (
        "defer",
        "Deferred to the spring round. The need is clear and we liked the walks. The money ran out "
        "before we reached your application. Please apply again in the spring.",
        0,
    ),
    13: (
        "defer",
        "Deferred to the spring round. The rooms are in the right places. The money ran out before we "
        "reached your application. In the spring, please show how the people who use them help run them.",
        0,
    ),
    14: (
        "defer",
        "Deferred to the spring round. The council decides in November whether it will run home library "
        "visits itself. We do not want to pay twice for the same visits. We will look at it again in the spring.",
        0,
    ),
    15: (
        "decline",
        "Not funded this time. The classes are good value, but older people were asked for their views "
        "only once. The money ran out before we reached your application.",
        0,
    ),
    6: (
        "decline",
        "Not funded this time. Help to get online is already offered nearby by the library and two "
        "churches. Your plan to lend tablets is sound.",
        0,
    ),
    16: (
        "decline",
        "Not funded. To be funded, older people must help shape a project. We could not see older "
        "people planning or running this one, so it scored below the pass mark.",
        0,
    ),
    17: (
        "decline",
        "Not funded. The allotments are much loved, but the application did not show a need that "
        "older people have said matters. It scored below the pass mark for need.",
        0,
    ),
    18: (
        "decline",
        "Not funded. Older people are not involved in planning the dances, so it scored below the "
        "pass mark for older people shaping it.",
        0,
    ),
}
# The one decision that goes against the ranking, and the panel's reason for it.
DEPARTURES = {
    14: "The council decides in November whether to run home library visits itself. The panel does not want "
    "to fund the same visits twice, so it will decide in the spring.",
}
# Reasons the panel wrote again, in fuller words, when it went through them all.
REWORDED = {
    18: "Not funded. Older people are not involved in planning the dances, so it scored below the pass mark "
    "for older people shaping it. We would welcome a new application planned with the dancers.",
    6: "Not funded this time. Help to get online is already offered nearby by the library and two churches. "
    "Your plan to lend tablets is sound. You may want to offer it with them.",
}


def _sheet_level(member: int, number: int, criterion: int, agreed: int) -> int:
    """What a member wrote on their sheet before any talk: the agreed level, or one either side of it."""
    if (number * 7 + criterion * 11 + member * 3) % 8 >= 1 + (number + criterion) % 3:
        return agreed
    return max(1, min(5, agreed + (1 if (number * 3 + criterion) % 2 else -1)))


def _typed_sheets(engine: SessionEngine, clock: FakeClock, ids: dict[str, str]) -> None:
    """Alan and Grace type the members' paper sheets in, four sheets each, side by side."""
    rows: list[list[tuple[str, int, str, int | None]]] = [[], []]
    for index, (name, _) in enumerate(PANEL_MEMBERS):
        for number, bid in enumerate(BIDS, start=1):
            if (name, number) in INTERESTS:
                continue  # stepped out: the box is crossed through
            for c, criterion in enumerate(CRITERIA):
                level = OUTLIERS.get((name, number, criterion), _sheet_level(index, number, c, bid.agreed[c]))
                rows[index // 4].append((name, number, criterion, level))
    for alan, grace in zip(*rows, strict=True):
        for window, (name, number, criterion, level) in (("note-taker: Alan Brook", alan), ("", grace)):
            clock.advance(seconds=2)
            with engine.stamped(window, ""):
                engine.enter_score(
                    ids[name], f"app{number}", criterion, level, NO_SCORE_COMMENTS.get((name, number, criterion), "")
                )


def shortlisting_panel() -> Session:
    engine, clock = _engine(
        "commissioning-shortlisting",
        "Shortlisting panel, healthy ageing fund",
        datetime(2026, 9, 16, 10, 0, tzinfo=UK_SUMMER),
        "Grace Obi",
        "Alan Brook",
    )
    for name, role in [*PANEL_MEMBERS, *STAFF]:
        engine.add_person(name, role, arrived=name != "Ken")
    ids = {person.name: person.id for person in engine.session.participants}
    engine.start_timer()

    # Welcome and housekeeping: the round opens, and the funder's spreadsheet of applications goes in.
    clock.advance(minutes=3)
    engine.open_round(POT_PENCE)
    engine.add_applications(
        [
            {
                "organisation": b.organisation,
                "project": b.project,
                "amount_pence": b.pounds * 100,
                "area": b.area,
                "summary": b.summary,
                "link": b.link,
            }
            for b in BIDS
        ]
    )
    _run_step(
        engine,
        clock,
        9,
        [
            "Everyone has the papers and their score sheets. Large print for Stan and Joyce.",
            "Ken rang to say he will be ten minutes late.",
        ],
    )
    engine.person_arrived(ids["Ken"])
    engine.next_step()

    # Declarations of interest: every member, in turn.
    for name, _ in PANEL_MEMBERS:
        clock.advance(seconds=70)
        interest = next((words for (who, number), words in INTERESTS.items() if who == name), "")
        if interest:
            number = next(n for (who, n) in INTERESTS if who == name)
            engine.declare_interest(ids[name], f"app{number}", interest)
        else:
            engine.declare_no_interests(ids[name])
    _run_step(engine, clock, 2, ["Ken and Joyce will leave the room when their applications are talked about."])
    engine.next_step()

    # Criteria and scoring scale.
    _run_step(
        engine,
        clock,
        16,
        [
            "? @stan Does an empty box on the sheet count as nought?",
            "No. An empty box is kept as no score, and it is left out of the average.",
            "@farida Reads a 3 on value as fair costs, not as good value",
        ],
    )
    engine.next_step()

    # Individual scores side by side: the sheets are typed in, then the chair shows them all at once.
    clock.advance(minutes=1)
    engine.add_note("Members have a hot drink while Alan and Grace type in the sheets.")
    engine.add_minutes(+10)
    _typed_sheets(engine, clock, ids)
    clock.advance(minutes=1)
    engine.reveal_scores()
    _run_step(
        engine,
        clock,
        12,
        [
            "Scores are far apart on reach for Good Neighbours, and on delivery for Out and About.",
            "! @winston Some of us scored the Kirkside library visits very differently",
        ],
    )
    engine.next_step()
    _run_step(engine, clock, 15)
    engine.next_step()

    # Moderation: the applications near the funding line first, then the rest.
    panel = engine.session.panel
    assert panel is not None
    engine.add_minutes(+20)
    ranked = ranking(panel)
    near = near_the_line(ranked)
    order = [r.application.id for r in ranked if r.application.id in near]
    order += [r.application.id for r in ranked if r.application.id not in near]
    _run_step(engine, clock, 2, [f"We start with the {len(near)} applications nearest the funding line."])
    for application in order:
        number = int(application.removeprefix("app"))
        for (name, n, criterion), (level, reason) in CHANGES.items():
            if n == number:
                clock.advance(minutes=2)
                engine.change_score(ids[name], application, criterion, level, reason)
        for c, criterion in enumerate(CRITERIA):
            found = spread(panel, application, criterion)
            reason = AGREED_REASONS.get((number, criterion), "")
            if found is not None and found.flagged and not reason:
                raise AssertionError(f"no reason for the agreed {criterion} of application {number}")
            clock.advance(minutes=3 if reason else 0.25)
            engine.agree_score(application, criterion, BIDS[number - 1].agreed[c], reason)
    _run_step(engine, clock, 3, ["! @farida We spent a long time on the first few. Next time, a timer for each one?"])
    engine.next_step()
    _run_step(engine, clock, 32)
    engine.next_step()

    # Ranking against the budget: each decision in rank order, as the money goes down.
    engine.add_minutes(+10)
    clock.advance(minutes=3)
    engine.add_note("+ @rita Fund the weekday minibus only, so Out and About can be funded too")
    for r in ranking(panel):
        number = int(r.application.id.removeprefix("app"))
        outcome, reason, smaller = AWARDS[number]
        for who, n in INTERESTS:
            if n == number:
                engine.add_note(f"{who} left the room while the panel decided on {r.application.organisation}.")
        clock.advance(minutes=2.2)
        engine.make_award(
            r.application.id,
            outcome,
            reason,
            amount_pence=smaller * 100 or None,
            departure_reason=DEPARTURES.get(number, ""),
        )
    funded = [a for a in panel.awards if a.amount_pence]
    present = [ids[name] for name, _ in PANEL_MEMBERS]
    clock.advance(minutes=2)
    engine.record_decision(
        question="Does the panel agree these decisions?",
        method="fist-of-five",
        fingers=[0, 0, 0, 2, 4, 2],
        present=present,
        outcome="agreed",
        statement=f"{len(funded)} applications are funded, for {pounds(sum(a.amount_pence for a in funded))} "
        f"of the {pounds(POT_PENCE)}. The others are deferred to the spring round or not funded.",
        reasons="Everyone showed three fingers or more.",
        dissent="Unsure about the allotments: they matter to the people who go.",
        dissent_by=ids["Stan"],
    )
    _run_step(engine, clock, 4)
    engine.next_step()
    _run_step(engine, clock, 11)
    engine.next_step()

    # Recording reasons: the panel reads every reason aloud and writes two of them again.
    for number, reason in REWORDED.items():
        clock.advance(minutes=9)
        outcome, _, smaller = AWARDS[number]
        engine.make_award(f"app{number}", outcome, reason, amount_pence=smaller * 100 or None)
    clock.advance(minutes=8)
    engine.record_decision(
        question="Is every reason fair to read to the applicant?",
        method="fist-of-five",
        fingers=[0, 0, 0, 1, 3, 4],
        present=present,
        outcome="agreed",
        statement="Every applicant gets their own scores and these reasons.",
        reasons="Everyone showed three fingers or more.",
    )
    _run_step(engine, clock, 4, ["Reasons agreed for every application, in words fit to share"])
    engine.next_step()

    # Agreeing interview questions for the funded groups.
    _run_step(
        engine,
        clock,
        12,
        [
            "+ @maureen Ask how members will help run the project in its second year",
            "+ @winston Ask Out and About how they will reach people who are not online",
        ],
    )
    engine.person_left(ids["Derek"])
    _run_step(
        engine,
        clock,
        14,
        [
            "@derek Left early for a hospital appointment",
            "+ @joyce Ask Home from Hospital how they could bring their costs down",
        ],
    )
    engine.next_step()

    # Next steps and thanks.
    engine.add_action(
        "Write to every applicant with their own scores and the panel's reasons", owner="Alan", due=date(2026, 9, 23)
    )
    engine.add_action("Book rooms for the interviews with the funded groups", owner="Grace", due=date(2026, 9, 30))
    engine.add_action(
        "Ask the council when it will decide about home library visits", owner="Grace", due=date(2026, 10, 7)
    )
    _run_step(
        engine, clock, 9, ["@rita Tired but proud of the day", "@stan Wants a few days off before the interviews"]
    )
    engine.finish()
    return engine.session


APPLICATIONS_CSV = "healthy-ageing-fund-applications.csv"


def applications_csv() -> str:
    """The round's applications as the funder's spreadsheet sends them: one row each, money in pounds."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Organisation", "Project", "Amount requested", "Area", "Summary", "Link"])
    for bid in BIDS:
        writer.writerow([bid.organisation, bid.project, f"£{bid.pounds:,}", bid.area, bid.summary, bid.link])
    return out.getvalue()


def save_examples(folder: Path, makers: Iterable[Callable[[], Session]]) -> None:
    """Each example session, saved in `folder` (made if need be) under its date and title."""
    from workshop_tui.store.session_file import save_session
    from workshop_tui.store.sessions_folder import session_file_name

    folder.mkdir(parents=True, exist_ok=True)
    for make in makers:
        session = make()
        save_session(session, folder / session_file_name(session.title, session.started_at))


EXAMPLES = [training_part_1, shortlisting_panel]
# Earlier runs of part 1, for stats to learn from.
EARLIER_RUNS = [_earlier(course[0]) for course in EARLIER_COURSES]
ALL_EXAMPLES = EXAMPLES + EARLIER_RUNS
